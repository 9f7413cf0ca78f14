"""报表 dialog: defaults, generation off the UI thread, figures on screen equal to
``services.stats``, narrative and copy, the real pages, printing through QPrinter to a PDF
file (page range), masking, saving (and a cancelled save leaving no file), stale conditions.

The database is the seed of the report tests (figures of 2025 known by construction)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from fazhi_desktop.domain.figures import (
    FIGURES,
    MONTH,
    QUARTER,
    RANGE,
    REGISTER_ORDER,
    YEAR,
    format_count,
    format_rate,
    parse_period,
)
from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.services.reports import narrative
from fazhi_desktop.ui import dialogs as dialogs_module
from fazhi_desktop.ui import mainwindow, printing
from fazhi_desktop.ui.report_dialog import ReportDialog, default_period
from fazhi_desktop.ui.report_preview import CURRENT, LABEL, PREVIOUS, VALUE_ROLE, YTD
from tests.conftest import TODAY
from tests.reports import seed_data


@pytest.fixture(scope="module")
def seeded(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeded-gui") / "data"
    seed_data.build_seeded_folder(template_dir, folder, TODAY)
    return folder


@pytest.fixture
def data_dir(seeded: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(seeded, target)
    return target


@pytest.fixture
def dialog(qtbot: Any, services: Any, runner: Any) -> Iterator[ReportDialog]:
    dlg = ReportDialog(services, runner)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.close()


def finish(qtbot: Any, dlg: ReportDialog, start: Any) -> None:
    """Start a task with ``start()`` and wait until its callbacks ran."""
    with qtbot.waitSignal(dlg._runner.finished, timeout=30_000):
        assert start() is not None
    assert dlg.task is None


def generate(qtbot: Any, dlg: ReportDialog, period: str, unit: str = "632801") -> None:
    dlg.set_period(parse_period(period))
    dlg.unit.setCurrentIndex(dlg.unit.findData(unit))
    finish(qtbot, dlg, dlg.generate)
    assert dlg.data is not None and dlg.pdf is not None


def press_cancel(dlg: ReportDialog) -> None:
    """Press 取消 on the task's progress dialog, as a user would."""
    progress = dlg._runner.progress_dialog(dlg.task)
    assert progress is not None
    button = progress.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_default_periods_are_the_last_complete_ones() -> None:
    assert default_period(MONTH, dt.date(2026, 11, 27)).text == "2026-10"
    assert default_period(MONTH, dt.date(2026, 1, 3)).text == "2025-12"
    assert default_period(QUARTER, dt.date(2026, 11, 27)).text == "2026-Q3"
    assert default_period(QUARTER, dt.date(2026, 2, 1)).text == "2025-Q4"
    assert default_period(YEAR, dt.date(2026, 11, 27)).text == "2025"
    assert default_period(RANGE, dt.date(2026, 3, 1)).text == "2026-02-01..2026-02-28"


def test_dialog_opens_on_last_month_of_this_office_masked(dialog: ReportDialog) -> None:
    assert dialog.kind.currentData() == MONTH
    assert dialog.period().text == "2026-10"
    assert dialog.unit.currentData() == "632801"
    assert dialog.as_of.value() == dt.date(2026, 10, 31)   # end of the period
    assert dialog.masked.isChecked()
    assert not dialog.print_button.isEnabled() and not dialog.save_pdf_button.isEnabled()
    assert [dialog.unit.itemData(i) for i in range(dialog.unit.count())] == [
        "632801", "632801001", "632801001001", "632801002"]      # a tree, parents first

    dialog.kind.setCurrentIndex(dialog.kind.findData(QUARTER))
    assert dialog.period().text == "2026-Q3" and dialog.quarter.isVisible()
    assert not dialog.month.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(YEAR))
    dialog.year.setValue(2026)
    assert dialog.period().text == "2026"
    assert dialog.as_of.value() == TODAY                       # the period ends after today
    dialog.kind.setCurrentIndex(dialog.kind.findData(RANGE))
    assert dialog.date_from.isVisible() and not dialog.year.isVisible()
    dialog.date_to.set_value(dt.date(2026, 9, 1))              # ends before it starts
    assert dialog.period() is None and not dialog.generate_button.isEnabled()


def test_figures_on_screen_are_the_stats_figures(qtbot: Any, qtmodeltester: Any,
                                                 dialog: ReportDialog, services: Any) -> None:
    for unit in ("632801", "632801002"):
        generate(qtbot, dialog, "2025", unit)
        stats = services.stats.figures("2025", unit)
        previous = services.stats.figures("2024", unit)
        model = dialog.figures
        qtmodeltester.check(model)
        seen = {}
        for row in range(model.rowCount()):
            r = model.row_at(row)
            seen[(r.section, r.figure.key)] = (model.index(row, CURRENT).data(VALUE_ROLE),
                                               model.index(row, CURRENT).data(),
                                               model.index(row, PREVIOUS).data(VALUE_ROLE))
        checked = 0
        for register in REGISTER_ORDER:
            section = REGISTERS[register].zh
            for f in FIGURES[register]:
                value, shown, prev = seen[(section, f.key)]
                expected = stats[register][f.key]
                assert value == expected, (unit, register, f.key)
                assert shown == (format_count(expected) if f.kind == "count"
                                 else format_rate(expected))
                assert prev == previous[register][f.key], (unit, register, f.key)
                checked += 1
        assert checked == sum(len(FIGURES[r]) for r in REGISTER_ORDER)
        hotline = stats["petitions"]["by_channel"]["hotline_12345"]
        for f in FIGURES["petitions"]:
            assert seen[("信访·12345热线", f.key)][0] == hotline[f.key]
    # the seed's own numbers, for the whole district, as a person reads them on screen
    generate(qtbot, dialog, "2025")
    shown = {(dialog.figures.row_at(r).section, dialog.figures.index(r, LABEL).data()):
             dialog.figures.index(r, CURRENT).data() for r in range(dialog.figures.rowCount())}
    assert shown[("矛盾纠纷", "排查数")] == "502" and shown[("矛盾纠纷", "调处率")] == "100.0%"
    assert shown[("信访·12345热线", "登记数")] == "614"
    assert shown[("信访·12345热线", "办结率")] == "97.9%"
    assert shown[("信访", "满意率")] == "86.4%"
    assert shown[("合法性审查", "法律意见数")] == "110"
    assert dialog.figures.index(0, YTD).data() == "502"
    assert "本期\n2025年" == dialog.figures.headerData(CURRENT, Qt.Orientation.Horizontal)


def test_narrative_pages_and_copy(qtbot: Any, dialog: ReportDialog, services: Any) -> None:
    generate(qtbot, dialog, "2025")
    expected = narrative(services.reports.build("2025", "632801"))
    assert dialog.narrative.toPlainText() == expected
    assert "办结率97.9%" in expected and "满意率86.4%" in expected
    assert f"共 {dialog.preview.page_count()} 页" in dialog.status.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == expected
    # the preview shows the real PDF, every page of it
    pages = PdfReader(io.BytesIO(dialog.pdf)).pages
    assert dialog.preview.page_count() == len(pages) >= 3
    assert dialog.preview.view.isVisible() and not dialog.preview.placeholder.isVisible()
    text = pdf_text(dialog.pdf)
    assert "西城区法治工作统计年报" in text and "97.9%" in text
    assert dialog.print_button.isEnabled() and dialog.save_pdf_button.isEnabled()
    preview = dialog.preview
    assert preview.page_label.text() == f"第 1 页 共 {len(pages)} 页"
    assert not preview.previous_button.isEnabled()
    preview.next_button.click()
    assert preview.current_page() == 1 and preview.page_label.text().startswith("第 2 页")
    preview.zoom.setCurrentIndex(preview.zoom.findData(1.0))
    assert preview.view.zoomMode() == preview.view.ZoomMode.Custom
    assert preview.view.zoomFactor() == 1.0


def _render(pdf: Path | bytes, page: int) -> QImage:
    """A page rendered, then shrunk (averaging away fine lines) to grey thumbnails."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    document = printing.open_pdf(data)
    image = document.render(page, QSize(496, 702))
    small = image.scaled(62, 88, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    return small.convertToFormat(QImage.Format.Format_Grayscale8)


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute grey difference of two equally sized images (0 = identical)."""
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            total += abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value())
    return total / (a.width() * a.height())


def closest_page(image: QImage, pdf: bytes) -> int:
    """The page of ``pdf`` that ``image`` resembles most."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    diffs = [_difference(image, _render(pdf, page)) for page in range(count)]
    best, runner_up = sorted(diffs)[:2]
    assert runner_up > 2 * best, diffs   # clearly one page, not a blur of several
    return diffs.index(best)


def test_print_through_qprinter_to_a_pdf_file(qtbot: Any, dialog: ReportDialog,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The real print path (QPrinter, QPainter, the chosen pages); only the system print
    dialog is answered by the test: PDF printer, pages 2–3."""
    monkeypatch.setattr(printing, "MAX_DPI", 150)  # the same path, smaller page images
    generate(qtbot, dialog, "2025")
    out = tmp_path / "printed.pdf"
    asked: list[int] = []

    def answer(_parent: Any, printer: QPrinter, page_count: int) -> bool:
        asked.append(page_count)
        assert printer.pageLayout().pageSize().id().name == "A4"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return True

    monkeypatch.setattr(dialogs_module, "ask_print", answer)
    finish(qtbot, dialog, dialog.print_report)
    assert asked == [dialog.preview.page_count()]
    printed = PdfReader(out)
    assert len(printed.pages) == 2
    box = printed.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert "2 页" in dialog.status.text()
    # page 1 of the print looks like page 2 of the report (of all its pages), page 2 like 3
    assert [closest_page(_render(out, n), dialog.pdf) for n in (0, 1)] == [1, 2]

    # all pages; and a print the user cancels in the dialog prints nothing
    out.unlink()

    def every_page(_parent: Any, printer: QPrinter, _page_count: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(dialogs_module, "ask_print", every_page)
    finish(qtbot, dialog, dialog.print_report)
    assert len(PdfReader(out).pages) == dialog.preview.page_count()
    out.unlink()
    monkeypatch.setattr(dialogs_module, "ask_print", lambda *_a: False)
    assert dialog.print_report() is None and not out.exists()


def test_a_cancelled_print_leaves_no_file(qtbot: Any, dialog: ReportDialog, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    generate(qtbot, dialog, "2025")
    out = tmp_path / "printed.pdf"

    def answer(_parent: Any, printer: QPrinter, _n: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(dialogs_module, "ask_print", answer)
    real = printing.print_pdf

    def cancelled_after_first_page(pdf: bytes, printer: QPrinter, pages: Any, **kw: Any) -> int:
        done: list[int] = []

        def progress(n: int, total: int) -> None:
            done.append(n)
            kw["progress"](n, total)
            if n == 1:
                assert out.exists()          # the printer has started writing…
                kw["cancelled"].__self__.cancel()   # …when the user presses 取消

        printed = real(pdf, printer, pages, progress=progress, cancelled=kw["cancelled"])
        assert printed == 0 and done == [1]
        return printed

    monkeypatch.setattr(printing, "print_pdf", cancelled_after_first_page)
    finish(qtbot, dialog, dialog.print_report)
    assert not out.exists()


def test_masking_checkbox_changes_the_pages(qtbot: Any, dialog: ReportDialog) -> None:
    generate(qtbot, dialog, "2025")
    masked = pdf_text(dialog.pdf)
    assert "王*明" in masked and "王小明" not in masked and "13800138000" not in masked
    with qtbot.waitSignal(dialog._runner.finished, timeout=30_000):
        dialog.masked.setChecked(False)
    plain = pdf_text(dialog.pdf)
    assert "王小明" in plain and "13800138000" in plain
    assert "未脱敏" in dialog.status.text()
    assert dialog.print_button.isEnabled()     # same figures, only the masking changed
    with qtbot.waitSignal(dialog._runner.finished, timeout=30_000):
        dialog.masked.setChecked(True)
    assert "王小明" not in pdf_text(dialog.pdf)


def test_save_pdf_and_xlsx_and_a_cancelled_save_leaves_no_file(
        qtbot: Any, dialog: ReportDialog, services: Any, tmp_path: Path, dialogs: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    generate(qtbot, dialog, "2025")
    target = tmp_path / "out" / "年报"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs_module, "ask_save_file", lambda *_a: str(target))
    # 取消 on the progress dialog while the PDF is being written
    gate = threading.Event()
    real = services.reports.save_pdf

    def held(*args: Any, **kw: Any) -> Any:
        gate.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(services.reports, "save_pdf", held)
    with qtbot.waitSignal(dialog._runner.finished, timeout=30_000):
        dialog.save_pdf()
        qtbot.waitUntil(lambda: dialog._runner.progress_dialog(dialog.task) is not None,
                        timeout=5000)
        press_cancel(dialog)
        gate.set()
    assert list(target.parent.iterdir()) == []      # no file, no temporary left behind
    assert dialogs.errors == []                     # cancelling is not an error
    monkeypatch.setattr(services.reports, "save_pdf", real)

    finish(qtbot, dialog, dialog.save_pdf)
    saved = target.with_name("年报.pdf")           # the suffix is added
    assert "97.9%" in pdf_text(saved.read_bytes())
    assert str(saved) in dialog.status.text()
    finish(qtbot, dialog, dialog.save_xlsx)
    book = openpyxl.load_workbook(target.with_name("年报.xlsx"))
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for c in row]
    assert 502 in values and 614 in values


def test_changed_conditions_need_a_new_report(qtbot: Any, dialog: ReportDialog) -> None:
    generate(qtbot, dialog, "2025")
    dialog.unit.setCurrentIndex(dialog.unit.findData("632801002"))
    assert not dialog.print_button.isEnabled() and not dialog.save_xlsx_button.isEnabled()
    assert "重新" in dialog.status.text()
    assert dialog.print_report() is None
    finish(qtbot, dialog, dialog.generate)
    assert dialog.print_button.isEnabled() and dialog.data.unit_code == "632801002"


def test_bad_as_of_date_is_explained(qtbot: Any, dialog: ReportDialog, dialogs: Any) -> None:
    dialog.set_period(parse_period("2025"))
    dialog.as_of.set_value(dt.date(2024, 12, 1))
    finish(qtbot, dialog, dialog.generate)
    assert dialog.data is None
    assert any("截至日期 2024-12-01 早于" in e for e in dialogs.errors)


def test_cancelling_generation_keeps_no_report(qtbot: Any, dialog: ReportDialog,
                                               services: Any, dialogs: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real = services.reports.build

    def held(*args: Any, **kw: Any) -> Any:
        gate.wait(20)
        return real(*args, **kw)

    monkeypatch.setattr(services.reports, "build", held)
    with qtbot.waitSignal(dialog._runner.finished, timeout=30_000):
        dialog.generate()
        assert not dialog.generate_button.isEnabled()
        qtbot.waitUntil(lambda: dialog._runner.progress_dialog(dialog.task) is not None,
                        timeout=5000)
        press_cancel(dialog)
        gate.set()
    assert dialog.data is None and dialog.pdf is None and dialogs.errors == []
    assert dialog.generate_button.isEnabled()


def test_report_menu_opens_one_dialog(qtbot: Any, services: Any, runner: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mainwindow, "FEATURE_MODULES", ("report_dialog",))
    main = mainwindow.MainWindow(services, runner)
    qtbot.addWidget(main)
    assert main.actions["report"].shortcut().toString() == "Ctrl+P"
    main.actions["report"].trigger()
    found = main.findChildren(ReportDialog)
    assert len(found) == 1 and found[0].isVisible()
    main.actions["report"].trigger()
    assert main.findChildren(ReportDialog) == found
    found[0].close()


def test_the_dialog_speaks_english_when_asked(qtbot: Any, services: Any, runner: Any) -> None:
    from fazhi_desktop.ui import i18n

    i18n.install("en")
    dlg = ReportDialog(services, runner)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Statistical report"
    assert [dlg.kind.itemText(i) for i in range(4)] == ["Monthly", "Quarterly", "Annual",
                                                        "Custom range"]
    assert dlg.print_button.text() == "Print…"
    assert dlg.figures.headerData(CURRENT, Qt.Orientation.Horizontal) == "This period"
