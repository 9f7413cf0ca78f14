"""The report dialog, printing and the Excel wizard: what the GUI adds on top of the services.

    .venv/bin/python bench/bench_report_excel_gui.py [--data /tmp/fazhi_bench_200k]
                                                     [--records 200000] [--rows 20000] [--runs 5]

Offscreen Qt, in this process. Each figure against a baseline measured in the same run:

1. **report**: 报表 dialog, monthly report of the whole district on the big data folder,
   from 生成报表 to the pages shown in the preview (task runner, QtPdf load). Baseline: the
   same ``reports.build`` + ``reports.pdf_bytes`` called directly.
2. **print**: the whole monthly report painted on a QPrinter (PDF file output) through
   ``ui/printing.print_pdf`` at 300 and 600 dpi, per page. Baseline: pdfium rendering every
   page at the same resolution into one image each (no printer, no bands).
3. **excel**: the 导入Excel台账 wizard on a ``--rows`` ledger (``bench_ledger.write_ledger``):
   file → mapping (preview on the runner) → preview page → import, each step to its result
   shown. Baseline: ``ledger.preview`` + ``ledger.import_preview`` called directly, on a fresh
   copy of the same data folder.

Peak RSS of this process is printed at the end. The big data folder is built once by
``bench_gui.ensure_data`` (``fazhi demo``) and only read here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui import ensure_data
from bench_ledger import write_ledger
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from fazhi_desktop.services import open_services
from fazhi_desktop.services.setup import SetupInfo, initialise
from fazhi_desktop.ui import i18n, printing
from fazhi_desktop.ui.excel_import import ExcelImportWizard
from fazhi_desktop.ui.report_dialog import ReportDialog
from fazhi_desktop.ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 27)


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 300) -> None:
    end = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > end:
            raise SystemExit("timed out")
        time.sleep(0.001)


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_report(app: QApplication, data: Path, runs: int) -> bytes:
    with open_services(data, today=lambda: TODAY) as sv:
        direct = []
        for _ in range(runs):
            t = time.perf_counter()
            report = sv.reports.build("2026-10")
            sv.reports.pdf_bytes(report)
            direct.append(time.perf_counter() - t)
        runner = TaskRunner()
        dialog = ReportDialog(sv, runner)
        dialog.show()
        shown = []
        for _ in range(runs):
            dialog.data = None
            t = time.perf_counter()
            dialog.generate()
            wait(app, lambda: dialog.task is None and dialog.preview.page_count() > 0
                 and dialog.data is not None)
            app.processEvents()
            shown.append(time.perf_counter() - t)
        pdf = dialog.pdf
        assert pdf is not None
        pages = dialog.preview.page_count()
        dialog.close()
        runner.shutdown()
    d, g = median(direct), median(shown)
    print(f"report 2026-10 of {data.name} ({pages} pages): direct build+pdf {d * 1000:.0f} ms, "
          f"dialog click→pages shown {g * 1000:.0f} ms, ratio {g / d:.2f}", flush=True)
    return pdf


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_print(pdf: bytes, runs: int) -> None:
    """Printing first (so the peak RSS after it is the print path's), then the baseline."""
    document = printing.open_pdf(pdf)
    pages = document.pageCount()
    printed: dict[int, list[float]] = {300: [], 600: []}
    before = peak_mb()
    for dpi, times in printed.items():
        printing.MAX_DPI = dpi
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                printer = printing.new_printer()
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                printer.setOutputFileName(str(Path(tmp) / "out.pdf"))
                t = time.perf_counter()
                printing.print_pdf(pdf, printer)
                times.append(time.perf_counter() - t)
    print(f"peak RSS before printing {before:.0f} MB, after printing at 300 and 600 dpi "
          f"{peak_mb():.0f} MB", flush=True)
    for dpi, times in printed.items():
        base = []
        for _ in range(runs):
            t = time.perf_counter()
            for page in range(pages):
                size = document.pagePointSize(page)
                document.render(page, QSize(round(size.width() * dpi / 72),
                                            round(size.height() * dpi / 72)))
            base.append(time.perf_counter() - t)
        b, p = median(base) / pages, median(times) / pages
        print(f"print at {dpi} dpi: {p * 1000:.0f} ms/page through QPrinter (PDF file), "
              f"pdfium render alone {b * 1000:.0f} ms/page, ratio {p / b:.2f}", flush=True)


def fresh_folder(template: Path, name: str) -> Path:
    target = template.parent / name
    shutil.copytree(template, target)
    return target


def bench_excel(app: QApplication, rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ledger = work / "台账.xlsx"
        write_ledger(ledger, rows)
        template = work / "template"
        with open_services(template, today=lambda: TODAY) as sv:
            initialise(sv.ctx, SetupInfo(unit_code="632801", unit_name="西城区",
                                         node_name="西城区司法所-张三", node_code="XC1",
                                         operator="张三", unit_level="district"))
        direct, steps = [], {"mapping": [], "preview": [], "import": []}
        peaks = [peak_mb()]
        for n in range(runs):
            with open_services(fresh_folder(template, f"d{n}"), today=lambda: TODAY) as sv:
                t = time.perf_counter()
                preview = sv.ledger.preview(ledger, "disputes")
                sv.ledger.import_preview(preview)
                direct.append(time.perf_counter() - t)
                del preview
            peaks.append(peak_mb())
            with open_services(fresh_folder(template, f"g{n}"), today=lambda: TODAY) as sv:
                runner = TaskRunner()
                wizard = ExcelImportWizard(sv, runner, "disputes")
                wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as the app does
                wizard.show()
                wizard.file_page.set_path(ledger)
                t = time.perf_counter()
                wizard.next()
                wait(app, lambda w=wizard: w.task is None and w.preview is not None)
                app.processEvents()
                steps["mapping"].append(time.perf_counter() - t)
                t = time.perf_counter()
                wizard.next()
                wait(app, lambda w=wizard: w.task is None)
                app.processEvents()
                steps["preview"].append(time.perf_counter() - t)
                t = time.perf_counter()
                wizard.next()
                wait(app, lambda w=wizard: w.result is not None and w.task is None)
                app.processEvents()
                steps["import"].append(time.perf_counter() - t)
                good = wizard.preview.counts["good"]
                wizard.close()
                runner.shutdown()
                del wizard
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            peaks.append(peak_mb())
        d = median(direct)
        m, p, i = (median(steps[k]) for k in ("mapping", "preview", "import"))
        print(f"excel {rows} rows ({good} good): direct preview+import {d:.2f} s; wizard "
              f"file→mapping shown {m:.2f} s, →preview shown {p:.2f} s, import {i:.2f} s, "
              f"total {m + p + i:.2f} s, ratio {(m + p + i) / d:.2f}; peak RSS before/after "
              f"each (direct, wizard) run: {' / '.join(f'{x:.0f}' for x in peaks)} MB",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/fazhi_bench_200k"))
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_data(args.data, args.records)
    app = QApplication([])
    i18n.install("zh")
    pdf = bench_report(app, args.data, args.runs)
    bench_print(pdf, max(1, args.runs // 2))
    bench_excel(app, args.rows, max(1, args.runs // 2))
    print(f"peak RSS of this process: {peak_mb():.0f} MB", flush=True)
    # PySide6 6.12.0 on Python 3.11 drops a reference to None each time an invalid QVariant
    # crosses the binding (every model's data() returning None): after many table repaints
    # the interpreter may abort at exit ("deallocating None"). The figures are printed; leave
    # without the final garbage collection.
    os._exit(0)


if __name__ == "__main__":
    main()
