"""The PDF report: embedded font, figures, page numbers, repeated headers, masking, line
breaking, safe writing. Built from a ``ReportData`` known by construction (no database)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from fazhi_desktop.domain.figures import FIGURES, REGISTER_ORDER, format_rate
from fazhi_desktop.reports import pdf
from fazhi_desktop.reports.model import ReportData, ReportItem
from fazhi_desktop.reports.narrative import report_narrative
from fazhi_desktop.reports.output import ReportCancelled, ReportError

from .conftest import make_report
from .pdftext import current_figures, fonts, pages_text

NO_LINE_START = "，。、；：？！）》"


def _printed(register: str, key: str, value: object) -> str:
    kind = next(f.kind for f in FIGURES[register] if f.key == key)
    return str(value) if kind == "count" else format_rate(value)  # type: ignore[arg-type]


def test_every_figure_of_the_current_period_is_printed(report_data: ReportData) -> None:
    printed = current_figures(pdf.pdf_bytes(report_data))
    for register in REGISTER_ORDER:
        for f in FIGURES[register]:
            assert printed[register][f.key] == _printed(
                register, f.key, report_data.current[register][f.key]), (register, f.key)
    assert printed["petitions"]["closed_rate"] == "98.1%"
    assert printed["disputes"]["intake"] == "502"


def test_only_the_embedded_truetype_font_is_used(report_data: ReportData) -> None:
    used = fonts(pdf.pdf_bytes(report_data))
    assert used, "no fonts found"
    for font in used:
        assert font["embedded"], font
        assert font["subtype"] == "/TrueType", font
        assert "WenQuanYiMicroHei" in font["name"]
        assert re.match(r"^/[A-Z]{6}\+", font["name"]), "expected a subset font"


def test_page_numbers_and_repeated_headers() -> None:
    data = make_report(n_units=120, n_items=60)
    texts = pages_text(pdf.pdf_bytes(data))
    total = len(texts)
    assert total >= 5
    for n, text in enumerate(texts, 1):
        assert f"第 {n} 页 共 {total} 页" in text
    # the by-unit table of one register runs over several pages; each page shows its header
    unit_pages = [t.splitlines() for t in texts if "社区居民委员会" in t]
    assert len(unit_pages) >= 4
    for lines in unit_pages:
        assert "单位" in [ln.strip() for ln in lines]  # the header row, on every page
    item_pages = [[ln.strip() for ln in t.splitlines()] for t in texts if "访2025-JF1-00" in t]
    assert len(item_pages) >= 2
    for lines in item_pages:
        assert "当事人" in lines and "简要情况" in lines


def test_header_block_and_signature_block(report_data: ReportData) -> None:
    text = "".join(pages_text(pdf.pdf_bytes(report_data)))
    for words in ("西城区法治工作统计年报", "填报单位", "统计期间", "截至日期", "2025年12月31日",
                  "生成时间", "2026-01-05 09:30", "制表人", "审核人", "单位（盖章）", "日期",
                  "近12个月趋势", "分类统计", "分单位统计", "逾期及重大风险事项"):
        assert words in text, words


def test_narrative_is_printed_as_appendix(report_data: ReportData) -> None:
    flat = re.sub(r"\s+", "", "".join(pages_text(pdf.pdf_bytes(report_data))))
    assert "附：工作情况表述" in flat
    assert re.sub(r"\s+", "", report_narrative(report_data)) in flat


def test_parties_are_masked_by_default_and_shown_when_asked(report_data: ReportData) -> None:
    masked = "".join(pages_text(pdf.pdf_bytes(report_data)))
    for secret in ("张小三", "632801199001011234", "13812345678", "王五"):
        assert secret not in masked
    for shown in ("张*三", "632801********1234", "138****5678", "王*"):
        assert shown in masked
    assert "已作脱敏处理" in masked
    plain = "".join(pages_text(pdf.pdf_bytes(report_data, masked=False)))
    for secret in ("张小三", "632801199001011234", "13812345678"):
        assert secret in plain
    assert "未脱敏" in plain


def test_names_and_numbers_inside_summaries_are_masked_too() -> None:
    item = ReportItem("disputes", "纠2025-XC1-0001", "金峰路街道",
                      "张小三与王五因借款发生纠纷，张小三电话13812345678，身份证632801199001011234",
                      None, None, "调解中", "", 3, True,
                      [{"name": "张小三"}, {"name": "王五"}])
    data = dataclasses.replace(make_report(), items=[item], items_total=1)
    masked = re.sub(r"\s+", "", "".join(pages_text(pdf.pdf_bytes(data))))
    assert "张*三与王*因借款发生纠纷" in masked
    for secret in ("张小三", "王五", "13812345678", "632801199001011234"):
        assert secret not in masked
    plain = re.sub(r"\s+", "", "".join(pages_text(pdf.pdf_bytes(data, masked=False))))
    assert "张小三与王五因借款发生纠纷" in plain


def test_no_line_starts_with_closing_punctuation() -> None:
    """Texts whose punctuation falls at every possible position of a line end."""
    data = make_report(n_units=1, n_items=0)
    items = []
    for n in range(1, 40):
        text = "甲" * n + "，乙。丙、丁；戊：己？庚！（辛）《壬》" * 3
        items.append(ReportItem("disputes", f"纠2025-XC1-{n:04d}", "金峰路街道", text,
                                None, None, "调解中", "", 3, False, []))
    data = dataclasses.replace(data, items=items, items_total=len(items),
                               unit_name="金峰路街道" + "，".join(["司法所"] * 3))
    lines = [ln.strip() for t in pages_text(pdf.pdf_bytes(data)) for ln in t.splitlines()]
    bad = [ln for ln in lines if ln and ln[0] in NO_LINE_START]
    assert not bad, bad[:5]
    assert sum("甲甲甲" in ln for ln in lines) > 20  # the texts were really wrapped and printed


def test_write_is_atomic_and_unwritable_path_is_refused(report_data: ReportData,
                                                        tmp_path: Path) -> None:
    out = pdf.write_pdf(report_data, tmp_path / "月报.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["月报.pdf"]
    with pytest.raises(ReportError, match="无法写入报表文件.*所在文件夹不存在"):
        pdf.write_pdf(report_data, tmp_path / "missing" / "x.pdf")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(ReportError, match="文件夹"):
        pdf.write_pdf(report_data, tmp_path / "dir.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.pdf", "月报.pdf"]


def test_cancel_leaves_no_file_and_progress_is_reported(report_data: ReportData,
                                                        tmp_path: Path) -> None:
    seen: list[float] = []
    with pytest.raises(ReportCancelled):
        pdf.write_pdf(report_data, tmp_path / "x.pdf", cancel=lambda: len(seen) > 0,
                      progress=lambda f, m: seen.append(f))
    assert list(tmp_path.iterdir()) == []
    seen.clear()
    pdf.write_pdf(report_data, tmp_path / "y.pdf", progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_an_empty_period_prints_dashes_not_zero_percent() -> None:
    from fazhi_desktop.reports.model import empty_figures

    data = dataclasses.replace(make_report(), current=empty_figures(), breakdowns={},
                               by_unit={}, items=[], items_total=0, trend=[])
    printed = current_figures(pdf.pdf_bytes(data))
    assert printed["disputes"]["handled_rate"] == "—"
    assert printed["reviews"]["approval_rate"] == "—"
    assert printed["disputes"]["intake"] == "0"
