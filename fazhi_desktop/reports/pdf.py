"""The A4 PDF report for upward reporting (SPEC §4), drawn with reportlab platypus.

Layout: title and header block (unit, period, as-of date, generation time); 一 the figures of
§3 with previous period (环比), same period last year (同比) and year to date; 二 the
12-month trend chart; 三 breakdowns by category / channel / topic / cause / type; 四 the
breakdown by child unit; 五 the list of overdue and major-risk items (parties masked unless
``masked=False``); the 制表人 / 审核人 / 单位(盖章) block; 附 the narrative paragraph.
Every page carries a running header and "第 N 页 共 M 页"; long tables repeat their header
row on each page. Text uses the embedded TrueType CJK font of :mod:`.fonts`, table cells are
Paragraphs with CJK wrapping, and nothing relies on colour (grey header rows only).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from fazhi_desktop.domain import masking
from fazhi_desktop.domain.figures import (
    COUNT,
    DASH,
    FIGURES,
    REGISTER_ORDER,
    REGISTER_ZH,
    change_of_count,
    change_of_rate,
    figure,
    format_change,
    format_count,
    format_rate,
    part_zh,
    zh_date,
)

from . import fonts
from .chart import trend_chart
from .model import Breakdown, ReportData, ReportItem
from .narrative import report_narrative
from .output import ReportCancelled, write_atomically

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 20 * mm
BODY_W = PAGE_W - 2 * MARGIN_X
HEADER_GREY = colors.Color(0.88, 0.88, 0.88)
TOTAL_GREY = colors.Color(0.95, 0.95, 0.95)
CHINESE_NUMERALS = "一二三四五六七八九十"

# Columns of the breakdown tables (also used for the by-unit table).
BREAKDOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "disputes": ("intake", "handled", "handled_rate", "resolved", "success_rate",
                 "on_time_rate", "in_progress", "overdue"),
    "petitions": ("intake", "accepted", "closed", "closed_rate", "on_time_rate",
                  "satisfaction_rate", "in_progress", "overdue"),
    "lawsuits": ("intake", "heard", "attended", "attendance_rate", "judged", "lost",
                 "loss_rate", "in_progress"),
    "reviews": ("intake", "legality", "contract", "completed", "approved", "approval_rate",
                "opinions", "adoption_rate"),
}
MAX_PARTIES_PER_ITEM = 3
REGISTER_SHORT = {"disputes": "纠纷", "petitions": "信访", "lawsuits": "应诉", "reviews": "审查"}


class _Styles:
    def __init__(self, font: str) -> None:
        base = {"fontName": font, "wordWrap": "CJK"}
        self.title = ParagraphStyle("title", fontSize=17, leading=24, alignment=TA_CENTER,
                                    spaceAfter=4, **base)
        self.subtitle = ParagraphStyle("subtitle", fontSize=10.5, leading=15,
                                       alignment=TA_CENTER, spaceAfter=8, **base)
        self.h1 = ParagraphStyle("h1", fontSize=13, leading=18, spaceBefore=10, spaceAfter=5,
                                 **base)
        self.h2 = ParagraphStyle("h2", fontSize=11, leading=15, spaceBefore=7, spaceAfter=3,
                                 **base)
        self.body = ParagraphStyle("body", fontSize=10.5, leading=17, firstLineIndent=21,
                                   **base)
        self.note = ParagraphStyle("note", fontSize=8, leading=11, spaceBefore=2,
                                   textColor=colors.Color(0.2, 0.2, 0.2), **base)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=11, alignment=TA_LEFT, **base)
        self.cell_num = ParagraphStyle("cellnum", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle("cellhead", parent=self.cell, alignment=TA_CENTER,
                                        fontSize=8, leading=10)
        self.cell_small = ParagraphStyle("cellsmall", parent=self.cell, fontSize=7.5, leading=9.5)
        self.meta = ParagraphStyle("meta", fontSize=9.5, leading=14, **base)
        self.sign = ParagraphStyle("sign", fontSize=10.5, leading=14, **base)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


def _t(text: Any) -> str:
    """User text made safe for Paragraph markup."""
    return escape("" if text is None else str(text))


def _grid_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
                st: _Styles, *, numeric_from: int = 1, total_last: bool = False,
                numeric_cols: set[int] | None = None, small_cols: set[int] = frozenset()) -> Table:
    """A bordered table whose header row repeats on every page.

    Text cells are Paragraphs (CJK wrapping); numeric cells that are plain ASCII ("502",
    "97.9%") stay strings, right-aligned — they never wrap, and a Paragraph per number
    would triple the time of a long report.
    """
    numeric = numeric_cols if numeric_cols is not None else set(range(numeric_from, len(header)))

    def cell(i: int, v: str) -> Paragraph | str:
        if i in numeric:
            return v if v.isascii() or v == DASH else _p(v, st.cell_num)
        return _p(v, st.cell_small if i in small_cols else st.cell)

    data: list[list[Paragraph | str]] = [[_p(h, st.cell_head) for h in header]]
    for row in rows:
        data.append([cell(i, v) for i, v in enumerate(row)])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.FONT_NAME, 8.5),  # else reportlab adds Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in sorted(numeric)]
    if total_last and rows:
        style += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_GREY),
                  ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black)]
    table.setStyle(TableStyle(style))
    return table


def _value(register: str, key: str, figs: dict[str, Any]) -> str:
    f = figure(register, key)
    v = figs.get(key)
    return format_count(v) if f.kind == COUNT else format_rate(v)


def _change(register: str, key: str, cur: dict[str, Any], old: dict[str, Any]) -> str:
    f = figure(register, key)
    if f.kind == COUNT:
        return format_change(change_of_count(cur[key], old[key]), COUNT)
    return format_change(change_of_rate(cur[key], old[key]), f.kind)


def _figure_label(register: str, key: str, st: _Styles) -> str:
    f = figure(register, key)
    if f.kind == COUNT:
        note = f.note
    else:
        assert f.numerator and f.denominator
        num = part_zh(register, f.numerator)
        den = part_zh(register, f.denominator)
        note = f"{num}÷{den}"
    small = f'<br/><font size="6.5" color="#333333">{_t(note)}</font>' if note else ""
    return f"{_t(f.zh)}{small}"


def _figures_section(data: ReportData, st: _Styles) -> list[Any]:
    story: list[Any] = [_p("一、主要指标", st.h1)]
    header = ["指标", f"本期<br/>{_t(data.period.zh)}", f"上期<br/>{_t(data.previous_period.zh)}",
              "环比", f"去年同期<br/>{_t(data.last_year_period.zh)}", "同比",
              f"本年累计<br/>{_t(_ytd_label(data))}"]
    widths = [38 * mm] + [21 * mm, 21 * mm, 24 * mm, 21 * mm, 24 * mm, 21 * mm]
    for i, register in enumerate(REGISTER_ORDER):
        cur, prev = data.current[register], data.previous[register]
        last, ytd = data.last_year[register], data.ytd[register]
        rows = []
        for f in FIGURES[register]:
            k = f.key
            rows.append([_figure_label(register, k, st), _value(register, k, cur),
                         _value(register, k, prev), _change(register, k, cur, prev),
                         _value(register, k, last), _change(register, k, cur, last),
                         _value(register, k, ytd)])
        title = _p(f"（{CHINESE_NUMERALS[i]}）{REGISTER_ZH[register]}", st.h2)
        story.append(CondPageBreak(60 * mm))
        story.append(title)
        story.append(_grid_table(header, rows, widths, st))
    story.append(_p(
        "说明：比率为整数相除后按四舍五入保留一位小数；分母为零时显示“—”。环比、同比中，"
        "数量为增减百分比，比率为增减的百分点。在办、逾期、临期数为各期截至日期的状态："
        f"本期截至{zh_date(data.as_of)}，上期与去年同期截至该期末日。", st.note))
    return story


def _ytd_label(data: ReportData) -> str:
    p = data.ytd_period
    if p.end.day == _month_last_day(p.end):
        return f"{p.start.month}—{p.end.month}月" if p.end.month > 1 else "1月"
    return f"1月1日—{p.end.month}月{p.end.day}日"


def _month_last_day(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _trend_section(data: ReportData, st: _Styles, number: str) -> list[Any]:
    if not data.trend:
        return []
    first, last = data.trend[0].month, data.trend[-1].month
    title = f"{number}、近{len(data.trend)}个月趋势（{first.zh}—{last.zh}）"
    chart = trend_chart(data.trend, fonts.FONT_NAME, BODY_W)
    return [KeepTogether([_p(title, st.h1), chart])]


def _breakdown_table(b: Breakdown, st: _Styles) -> Table:
    cols = BREAKDOWN_COLUMNS[b.register]
    header = [_t(b.dimension)] + [_t(figure(b.register, k).zh) for k in cols]
    rows = [[_t(name)] + [_value(b.register, k, figs) for k in cols] for name, figs in b.rows]
    if b.total is not None:
        rows.append(["合计"] + [_value(b.register, k, b.total) for k in cols])
    widths = [34 * mm] + [17 * mm] * len(cols)
    return _grid_table(header, rows, widths, st, total_last=b.total is not None)


def _breakdowns_section(data: ReportData, st: _Styles, number: str) -> list[Any]:
    story: list[Any] = [_p(f"{number}、分类统计", st.h1)]
    for register in REGISTER_ORDER:
        for b in data.breakdowns.get(register, []):
            story.append(CondPageBreak(40 * mm))
            story.append(_p(f"{REGISTER_ZH[register]}·{_t(b.title)}", st.h2))
            story.append(_breakdown_table(b, st))
    return story


def _units_section(data: ReportData, st: _Styles, number: str) -> list[Any]:
    if not any(b.rows for b in data.by_unit.values()):
        return []
    story: list[Any] = [_p(f"{number}、分单位统计", st.h1)]
    for register in REGISTER_ORDER:
        b = data.by_unit.get(register)
        if b is None:
            continue
        story.append(CondPageBreak(40 * mm))
        story.append(_p(f"{REGISTER_ZH[register]}", st.h2))
        story.append(_breakdown_table(b, st))
    return story


def _parties_text(item: ReportItem, masked: bool) -> str:
    """One party per block: name and phone, then the ID number on its own line."""
    lines = []
    for party in item.parties[:MAX_PARTIES_PER_ITEM]:
        p = masking.mask_party(party) if masked else party
        first = " ".join(b for b in (p.get("name") or "", p.get("phone") or "") if b)
        lines.append(_t(first))
        if p.get("id_number"):
            lines.append(_t(p["id_number"]))
    if len(item.parties) > MAX_PARTIES_PER_ITEM:
        lines.append(f"等{len(item.parties)}人")
    return "<br/>".join(lines)


def _items_section(data: ReportData, st: _Styles, number: str, masked: bool) -> list[Any]:
    story: list[Any] = [CondPageBreak(50 * mm),
                        _p(f"{number}、逾期及重大风险事项（截至{zh_date(data.as_of)}）", st.h1)]
    if not data.items:
        story.append(_p("无逾期事项，无重大风险矛盾纠纷。", st.body))
        return story
    header = ["序号", "台账", "编号", "所属单位", "简要情况", "当事人", "登记日期<br/>办理期限", "情形"]
    widths = [8 * mm, 12 * mm, 27 * mm, 20 * mm, 33 * mm, 35 * mm, 19 * mm, 16 * mm]
    rows = []
    for n, item in enumerate(data.items, 1):
        kinds = []
        if item.overdue_days is not None:
            kinds.append(f"逾期{item.overdue_days}天")
        if item.major_risk:
            kinds.append("重大风险")
        dates = (f"{item.received_on.isoformat() if item.received_on else DASH}<br/>"
                 f"{item.due_on.isoformat() if item.due_on else DASH}")
        summary = masking.mask_text(item.summary, (p.get("name") for p in item.parties)) \
            if masked else item.summary
        rows.append([str(n), _t(REGISTER_SHORT[item.register]), _t(item.serial), _t(item.unit_name),
                     _t(summary), _parties_text(item, masked), dates, "<br/>".join(kinds)])
    story.append(_grid_table(header, rows, widths, st, numeric_cols={0},
                             small_cols={2, 5, 6, 7}))
    notes = []
    if data.items_total > len(data.items):
        notes.append(f"共{data.items_total}项，本表按办理期限先后列出前{len(data.items)}项，"
                     "其余请在程序中查看。")
    notes.append("当事人个人信息已作脱敏处理。" if masked else
                 "注意：本表含未脱敏的当事人个人信息，请妥善保管。")
    story.append(_p("".join(notes), st.note))
    return story


_NBSP = "\u00a0"
_DATE_BLANKS = f"{_NBSP * 12}年{_NBSP * 8}月{_NBSP * 8}日"


def _signature_block(data: ReportData, st: _Styles) -> Any:
    """制表人 / 审核人 / 单位(盖章) / 日期, with ruled lines to sign on and room for a seal."""
    rows = [
        [_p("制表人：", st.sign), _p(_t(data.operator), st.sign),
         _p("审核人：", st.sign), _p("", st.sign)],
        [_p("单位（盖章）：", st.sign), _p(_t(data.unit_name), st.sign),
         _p("日期：", st.sign), _p(_DATE_BLANKS, st.sign)],
    ]
    table = Table(rows, colWidths=[28 * mm, 55 * mm, 18 * mm, 55 * mm], hAlign="LEFT",
                  rowHeights=[12 * mm, 22 * mm])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.FONT_NAME, 10.5),
        ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
        ("LINEBELOW", (1, 1), (1, 1), 0.6, colors.black),
        ("LINEBELOW", (3, 1), (3, 1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return KeepTogether([Spacer(1, 10 * mm), table])


def _header_block(data: ReportData, st: _Styles) -> list[Any]:
    title = f"{_t(data.unit_name)}法治工作统计{data.period.report_name}"
    meta = [
        ["填报单位", f"{_t(data.unit_name)}（{_t(data.unit_code)}，含下属单位）"],
        ["统计期间", f"{_t(data.period.zh)}（{zh_date(data.period.start)}至{zh_date(data.period.end)}）"],
        ["截至日期", zh_date(data.as_of)],
        ["生成时间", data.generated_at.strftime("%Y-%m-%d %H:%M")],
    ]
    rows = [[_p(k, st.meta), _p(v, st.meta)] for k, v in meta]
    table = Table(rows, colWidths=[22 * mm, BODY_W - 22 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.FONT_NAME, 9.5),
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return [_p(title, st.title), _p(f"（{_t(data.period.zh)}）", st.subtitle), table]


def _canvas_class(data: ReportData, font: str) -> type[pdfcanvas.Canvas]:
    """A canvas that holds its pages until the end to print "第 N 页 共 M 页" and the
    running header on each."""
    running = f"{data.unit_name} · 法治工作统计{data.period.report_name} · {data.period.zh}"

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The CJK font from the start, so no unembedded Helvetica enters the file.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            self.setFont(font, 8)
            self.setFillColor(colors.Color(0.25, 0.25, 0.25))
            if number > 1:
                self.drawString(MARGIN_X, PAGE_H - 13 * mm, running)
                self.setLineWidth(0.4)
                self.line(MARGIN_X, PAGE_H - 14.5 * mm, PAGE_W - MARGIN_X, PAGE_H - 14.5 * mm)
            self.setFont(font, 9)
            self.setFillColor(colors.black)
            self.drawCentredString(PAGE_W / 2, 11 * mm, f"第 {number} 页 共 {total} 页")
            self.restoreState()

    return NumberedCanvas


class _Doc(BaseDocTemplate):
    def __init__(self, out: BinaryIO, cancel: Cancel | None, progress: Progress | None,
                 n_flowables: int, **kw: Any) -> None:
        super().__init__(out, **kw)
        self._cancel = cancel
        self._progress = progress
        self._n = max(1, n_flowables)
        self._done = 0

    def afterFlowable(self, flowable: Any) -> None:
        self._done += 1
        if self._cancel is not None and self._cancel():
            raise ReportCancelled()
        if self._progress is not None and self._done % 5 == 0:
            self._progress(0.3 + 0.65 * min(1.0, self._done / self._n), "正在排版 PDF")


def build_story(data: ReportData, masked: bool = True) -> list[Any]:
    """The flowables of the report, in order (exposed for tests and previews)."""
    font = fonts.setup()
    st = _Styles(font)
    story: list[Any] = []
    story += _header_block(data, st)
    story += _figures_section(data, st)
    numbers = iter(CHINESE_NUMERALS[1:])
    if data.trend:
        story += _trend_section(data, st, next(numbers))
    story += _breakdowns_section(data, st, next(numbers))
    if any(b.rows for b in data.by_unit.values()):
        story += _units_section(data, st, next(numbers))
    story += _items_section(data, st, next(numbers), masked)
    story.append(_signature_block(data, st))
    story.append(CondPageBreak(40 * mm))
    story.append(Spacer(1, 6 * mm))
    story.append(_p("附：工作情况表述", st.h1))
    story.append(_p(_t(report_narrative(data)), st.body))
    return story


def render_pdf(data: ReportData, out: BinaryIO, *, masked: bool = True,
               progress: Progress | None = None, cancel: Cancel | None = None) -> None:
    """Write the report as PDF into the binary stream ``out``."""
    if progress:
        progress(0.25, "正在准备版面")
    story = build_story(data, masked)
    doc = _Doc(out, cancel, progress, len(story), pagesize=A4,
               leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
               bottomMargin=MARGIN_BOTTOM,
               title=f"{data.unit_name}法治工作统计{data.period.report_name}（{data.period.zh}）",
               author=data.operator or data.unit_name, creator="法治工作台账 fazhi-desktop",
               subject=data.period.text)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, BODY_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_canvas_class(data, fonts.FONT_NAME))
    if progress:
        progress(1.0, "PDF 已生成")


def pdf_bytes(data: ReportData, **kw: Any) -> bytes:
    buf = io.BytesIO()
    render_pdf(data, buf, **kw)
    return buf.getvalue()


def write_pdf(data: ReportData, path: str | os.PathLike[str], **kw: Any) -> Path:
    """Write the PDF to ``path`` atomically (temporary name, fsync, rename)."""
    return write_atomically(path, lambda f: render_pdf(data, f, **kw))

