"""Speed goals of issue #5 (figures and reports), each next to a baseline of the same run.

    .venv/bin/python bench/bench_reports.py [--records 200000] [--data DIR] [--runs 7]

``--data DIR`` keeps the generated database there and reuses it on the next run.
The demo tree is widened to 20 townships under the district (records spread over them), so
the monthly report carries a breakdown by ~20 child units.

1. ``stats`` for one month (all four registers, by channel) — median of ``--runs``; baseline:
   a bare ``SELECT count(*)`` of one register's month through sqlite3 (the least any figure
   needs) and one full pass over every row of the records table.
2. A monthly report: figures + comparisons + breakdowns + items + trend, then the PDF with
   the chart — median; baseline: a one-page PDF with the same embedded font.
3. Peak memory (max RSS) of ``fazhi report`` as a separate process; baseline: max RSS of
   ``fazhi stats --json`` (interpreter, imports, one query).
Goals: (1) < 200 ms, (2) < 2 s, (3) < 200 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fazhi_desktop.services import open_services
from fazhi_desktop.services.demo import generate
from fazhi_desktop.services.reports import ReportService
from fazhi_desktop.services.setup import SetupInfo, initialise
from fazhi_desktop.services.stats import StatsService
from fazhi_desktop.store.engine import DB_FILENAME

TODAY = dt.date(2026, 11, 27)
MONTH = "2026-10"
OFFICE = "632801"
EXTRA_TOWNSHIPS = 15  # the demo has 5; 20 in all
# a real pass over every row (count(*) alone, or a filter on indexed columns, is answered
# from an index without reading the rows)
SCAN_SQL = "SELECT sum(length(summary)) FROM records"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def prepare(folder: Path, records: int) -> None:
    """Create the demo database (once) with 20 townships under the district."""
    if (folder / DB_FILENAME).exists():
        return
    t0 = time.perf_counter()
    with open_services(folder, today=lambda: TODAY) as sv:
        initialise(sv.ctx, SetupInfo(OFFICE, "西城区", "基准电脑", "BEN", "基准", "district"))
        generate(sv, records, seed=42)
        extra = [f"{OFFICE}{100 + i:03d}" for i in range(EXTRA_TOWNSHIPS)]
        for i, code in enumerate(extra):
            sv.units.add(code, f"第{i + 6}街道", OFFICE, "township")
    # spread three quarters of the records over the new townships (bench data only)
    db = sqlite3.connect(folder / DB_FILENAME)
    with db:
        for i, code in enumerate(extra):
            db.execute("UPDATE records SET unit_code = ? WHERE num % 20 = ?", (code, i + 5))
    db.close()
    print(f"prepared {records} records in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def rss_of(cmd: list[str]) -> float:
    """Max resident memory (MB) of ``cmd`` run as a child of a fresh wrapper process."""
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], "
               "stdout=subprocess.DEVNULL, stderr=sys.stderr); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
               "sys.exit(r.returncode)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr}")
    return int(out.stdout.strip()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    folder = args.data or Path(tempfile.mkdtemp(prefix="fazhi-bench-reports-")) / "data"
    prepare(folder, args.records)

    with open_services(folder, today=lambda: TODAY) as sv:
        stats = StatsService(sv.ctx)
        reports = ReportService(sv.ctx)
        n = sum(v for v in _counts(folder).values())
        stats.figures(MONTH)  # warm the page cache
        stats_ms = median_ms(lambda: stats.figures(MONTH), args.runs)
        data = reports.build(MONTH)
        children = len(data.by_unit["disputes"].rows)
        build_ms = median_ms(lambda: reports.build(MONTH), max(3, args.runs // 2))
        pdf_ms = median_ms(lambda: reports.pdf_bytes(data), max(3, args.runs // 2))
        pages = reports.pdf_bytes(data).count(b"/Type /Page\n")

    db = sqlite3.connect(folder / DB_FILENAME)
    month_sql = ("SELECT count(*) FROM records WHERE register = 'disputes' AND deleted = 0 "
                 "AND received_on BETWEEN '2026-10-01' AND '2026-10-31'")
    base_month_ms = median_ms(lambda: db.execute(month_sql).fetchone(), args.runs)
    base_scan_ms = median_ms(lambda: db.execute(SCAN_SQL).fetchone(),
                             args.runs)
    db.close()

    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from fazhi_desktop.reports import fonts
    from fazhi_desktop.reports.pdf import _Styles

    font = fonts.setup()

    def one_page() -> None:
        buf = io.BytesIO()
        SimpleDocTemplate(buf).build([Paragraph("排查矛盾纠纷502起，调处率100%。", _Styles(font).body)])

    base_pdf_ms = median_ms(one_page, args.runs)

    fazhi = [sys.executable, "-m", "fazhi_desktop.cli.main", "--data-dir", str(folder)]
    out_pdf = Path(tempfile.mkdtemp(prefix="fazhi-bench-out-")) / "m.pdf"
    # the CLI uses the real date; the month is in the past either way
    report_rss = rss_of([*fazhi, "report", "--period", MONTH, "--out", str(out_pdf)])
    stats_rss = rss_of([*fazhi, "stats", "--period", MONTH, "--json"])

    print(f"database: {n} records, report with {children} rows by child unit, {pages} pages")
    print(f"1. stats {MONTH}: median {stats_ms:.1f} ms (goal < 200 ms); baseline bare month "
          f"count {base_month_ms:.2f} ms, full table scan {base_scan_ms:.1f} ms "
          f"→ ratio to full scan {stats_ms / base_scan_ms:.1f}×")
    total = build_ms + pdf_ms
    print(f"2. monthly report: figures+breakdowns+items+trend {build_ms:.0f} ms + PDF "
          f"{pdf_ms:.0f} ms = {total:.0f} ms (goal < 2000 ms); baseline one-page PDF "
          f"{base_pdf_ms:.1f} ms → ratio {pdf_ms / base_pdf_ms:.1f}×")
    print(f"3. peak memory: fazhi report {report_rss:.0f} MB (goal < 200 MB); baseline "
          f"fazhi stats --json {stats_rss:.0f} MB → +{report_rss - stats_rss:.0f} MB")


def _counts(folder: Path) -> dict[str, int]:
    db = sqlite3.connect(folder / DB_FILENAME)
    rows = dict(db.execute("SELECT register, count(*) FROM records GROUP BY register").fetchall())
    db.close()
    return rows


if __name__ == "__main__":
    main()
