"""What the report dialog shows of a generated report: the figures, and the real pages.

``FiguresModel`` is the table of SPEC §3 figures with 本期 / 上期 / 环比 / 去年同期 / 同比 /
本年累计, read from the same ``ReportData`` the PDF is rendered from and formatted with the
same ``domain.figures`` functions, so the screen and the paper cannot disagree. Petitions
by the 12345 hotline get their own block, as in the seed report.

``PdfPreview`` shows the PDF bytes themselves (QtPdf), page after page, fitted to the width.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QFont
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from fazhi_desktop.domain import codes
from fazhi_desktop.domain.figures import (
    COUNT,
    FIGURES,
    REGISTER_ORDER,
    FigureDef,
    part_zh,
    Period,
    change_of_count,
    change_of_rate,
    format_change,
    format_count,
    format_rate,
)
from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.reports.model import ReportData
from fazhi_desktop.ui import i18n, printing
from fazhi_desktop.ui.i18n import tr

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1   # the raw figure (int, float or None) of a cell
HOTLINE = "hotline_12345"
# columns: section, figure, then the six figure columns
SECTION, LABEL, CURRENT, PREVIOUS, CHANGE_PREV, LAST_YEAR, CHANGE_YEAR, YTD = range(8)

Index = QModelIndex | QPersistentModelIndex


# Integers that rates divide but that are not figures of their own (as the PDF names them).
@dataclass(frozen=True)
class FigureRow:
    section: str
    register: str
    first: bool            # first row of its section (the section name is shown there)
    figure: FigureDef
    current: Any
    previous: Any
    last_year: Any
    ytd: Any


def _value(f: FigureDef, v: Any) -> str:
    return format_count(v) if f.kind == COUNT else format_rate(v)


def _change(f: FigureDef, cur: Any, old: Any) -> str:
    if f.kind == COUNT:
        return format_change(change_of_count(cur, old), COUNT)
    return format_change(change_of_rate(cur, old), f.kind)


def figure_rows(data: ReportData) -> list[FigureRow]:
    """Every figure of the report, by register, then petitions of the 12345 hotline."""
    lang = i18n.current()
    blocks: list[tuple[str, str, list[dict[str, Any]]]] = [
        (REGISTERS[r].label(lang), r, [data.current[r], data.previous[r], data.last_year[r],
                                       data.ytd[r]]) for r in REGISTER_ORDER]
    figs = [data.current, data.previous, data.last_year, data.ytd]
    if any(HOTLINE in f["petitions"].get("by_channel", {}) for f in figs):
        name = tr("信访·{channel}").format(channel=codes.label("petition_channel", HOTLINE, lang))
        blocks.append((name, "petitions", [f["petitions"].get("by_channel", {}).get(HOTLINE, {})
                                           for f in figs]))
    rows: list[FigureRow] = []
    for name, register, (cur, prev, last, ytd) in blocks:
        for n, f in enumerate(FIGURES[register]):
            rows.append(FigureRow(name, register, n == 0, f, cur.get(f.key), prev.get(f.key),
                                  last.get(f.key), ytd.get(f.key)))
    return rows


def ytd_label(period: Period) -> str:
    """本年累计 as the printed report heads it: 1—10月, or 1月1日—11月27日 mid-month."""
    end = period.end
    if (end + dt.timedelta(days=1)).day == 1:
        return tr("{first}—{last}月").format(first=1, last=end.month) if end.month > 1 \
            else tr("1月")
    return tr("1月1日—{m}月{d}日").format(m=end.month, d=end.day)


class FiguresModel(QAbstractTableModel):
    """The figures of one ``ReportData`` (empty until :meth:`set_report`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FigureRow] = []
        self._data: ReportData | None = None

    def set_report(self, data: ReportData | None) -> None:
        self.beginResetModel()
        self._data = data
        self._rows = figure_rows(data) if data is not None else []
        self.endResetModel()

    def row_at(self, row: int) -> FigureRow:
        return self._rows[row]

    # --- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 8:
            return None
        d = self._data
        names = [tr("台账"), tr("指标"), tr("本期"), tr("上期"), tr("环比"), tr("去年同期"),
                 tr("同比"), tr("本年累计")]
        periods = {CURRENT: d.period if d else None, PREVIOUS: d.previous_period if d else None,
                   LAST_YEAR: d.last_year_period if d else None, YTD: d.ytd_period if d else None}
        period = periods.get(section)
        if period is None:
            return names[section]
        return f"{names[section]}\n{ytd_label(period) if section == YTD else period.zh}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        f = r.figure
        if role == Qt.ItemDataRole.DisplayRole:
            if col == SECTION:
                return r.section if r.first else ""
            if col == LABEL:
                return f.zh
            return {CURRENT: _value(f, r.current), PREVIOUS: _value(f, r.previous),
                    CHANGE_PREV: _change(f, r.current, r.previous),
                    LAST_YEAR: _value(f, r.last_year),
                    CHANGE_YEAR: _change(f, r.current, r.last_year), YTD: _value(f, r.ytd)}[col]
        if role == VALUE_ROLE:
            return {CURRENT: r.current, PREVIOUS: r.previous, LAST_YEAR: r.last_year,
                    YTD: r.ytd}.get(col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col >= CURRENT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == LABEL:
            if f.kind == COUNT:
                return f.note or None
            return f"{f.zh} = {part_zh(r.register, f.numerator)} ÷ " \
                f"{part_zh(r.register, f.denominator)}"
        if role == Qt.ItemDataRole.FontRole and col == SECTION and r.first:
            font = QFont()
            font.setBold(True)
            return font
        return None


ZOOMS = (("page", None), ("width", None), ("50", 0.5), ("75", 0.75), ("100", 1.0),
         ("150", 1.5))


class PdfPreview(QWidget):
    """The report's real pages (the same bytes that are printed and saved), with zoom and
    page buttons. Opens on 整页 (a whole page in view), the way a printout is checked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setPageSpacing(12)
        self.zoom = QComboBox(self)
        names = {"page": tr("整页"), "width": tr("适合宽度")}
        for key, factor in ZOOMS:
            self.zoom.addItem(names.get(key) or f"{key}%", factor if factor else key)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(tr("上一页"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(tr("下一页"))
        self.page_label = QLabel(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(tr("缩放")))
        bar.addWidget(self.zoom)
        bar.addSpacing(12)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch()
        self.toolbar = QWidget(self)
        self.toolbar.setLayout(bar)
        self.placeholder = QLabel(tr("选择统计期间和单位，然后点击“生成报表”。"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.document: QPdfDocument | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.view, 1)
        self.view.hide()
        self.toolbar.hide()
        self.zoom.currentIndexChanged.connect(lambda _i: self._apply_zoom())
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page())
        self._apply_zoom()

    def set_pdf(self, data: bytes | None) -> None:
        """Show ``data`` (or the placeholder for ``None``); ``PrintError`` if unreadable."""
        old = self.document
        page = self.current_page()
        self.document = printing.open_pdf(data, self) if data is not None else None
        self.view.setDocument(self.document)  # type: ignore[arg-type]
        if old is not None:
            old.deleteLater()
        shown = self.document is not None
        self.view.setVisible(shown)
        self.toolbar.setVisible(shown)
        self.placeholder.setVisible(not shown)
        if shown:
            self.go_to(min(page, self.page_count() - 1))  # re-rendered: stay on the page
        self._show_page()

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() if self.document is not None else 0

    def go_to(self, page: int) -> None:
        if self.document is not None and 0 <= page < self.page_count():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
            self._show_page()

    def _apply_zoom(self) -> None:
        value = self.zoom.currentData()
        if value == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif value == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(value))

    def _show_page(self) -> None:
        count, page = self.page_count(), self.current_page()
        self.page_label.setText(tr("第 {n} 页 共 {m} 页").format(n=page + 1, m=count)
                                if count else "")
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < count)
