"""Data-safety speed goals of issue #7, each against a baseline measured in the same run.

    .venv/bin/python bench/bench_safety.py [--folder DIR] [--records 200000] [--runs 3]

``--folder`` names a data folder to measure (it is copied first, never changed); without it
one is made with ``fazhi demo --records N`` (about 80 s for 200,000) and kept under the
system temp folder for the next run.

1. ``backup create`` (online backup API, checksum, sidecar) — goal < 5 s at 200,000 records —
   vs the baseline ``shutil.copyfile`` of the database file (what an unsafe copy would cost).
2. The start-up check ``health.quick_check`` — goal < 300 ms — vs a full
   ``PRAGMA quick_check`` (what checking everything at start would cost) and vs
   ``open_services`` itself.
3. For reference: ``verify_backup`` and ``restore_backup`` of that backup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fazhi_desktop.services import backup, health, lock, open_services, restore
from fazhi_desktop.store.engine import DB_FILENAME

TODAY = dt.date(2026, 11, 27)


def timed(fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None
          ) -> float:
    """Median seconds of ``fn`` over ``runs`` (``before`` runs untimed ahead of each)."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_folder(records: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"fazhi-bench-safety-{records}"
    if (folder / DB_FILENAME).exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    fazhi = [sys.executable, "-m", "fazhi_desktop.cli.main", "--data-dir", str(folder)]
    subprocess.run([*fazhi, "init", "--unit-code", "632801", "--unit-name", "西城区",
                    "--node-name", "基准电脑", "--node-code", "BEN", "--operator", "基准"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*fazhi, "demo", "--records", str(records)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", type=Path, default=None)
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    source = args.folder or make_folder(args.records)
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-safety-"))
    folder = work / "data"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("backups", "fazhi.lock"))
    out = work / "out"

    with lock.acquire(folder), open_services(folder, today=lambda: TODAY) as sv:
        shutil.rmtree(folder / "backups", ignore_errors=True)  # the daily one made at open
        size = sv.ctx.db_path.stat().st_size
        with sv.ctx.engine.connect() as conn:
            n = conn.exec_driver_sql("SELECT count(*) FROM records").scalar()

        def clean() -> None:
            shutil.rmtree(out, ignore_errors=True)

        backup_s = timed(lambda: backup.create_backup(folder, "manual", to=out), args.runs, clean)
        copy_s = timed(lambda: shutil.copyfile(sv.ctx.db_path, work / "plain-copy"), args.runs)
        os.remove(work / "plain-copy")

        quick_s = timed(lambda: _ok(health.quick_check(sv.ctx)), max(5, args.runs * 3))
        full_s = timed(lambda: _ok(health.full_check(sv.ctx)), args.runs)
    open_s = timed(lambda: open_services(folder, today=lambda: TODAY).close(), args.runs)

    kept = backup.create_backup(folder, "manual", to=out)
    verify_s = timed(lambda: _ok(restore.verify_backup(kept.path)), 1)
    restore_s = timed(lambda: restore.restore_backup(folder, kept.path), 1)
    shutil.rmtree(work)

    print(f"database: {n:,} records, {size / 2**20:,.0f} MB; medians of {args.runs} runs")
    print(f"backup create      {backup_s:6.2f} s   (goal < 5 s)   baseline plain file copy "
          f"{copy_s:.2f} s  → ratio {backup_s / copy_s:.2f}×")
    print(f"start-up quick_check {quick_s * 1000:5.1f} ms (goal < 300 ms)  baseline full "
          f"PRAGMA quick_check {full_s * 1000:.0f} ms ({full_s / quick_s:.0f}× slower), "
          f"open_services {open_s * 1000:.0f} ms")
    print(f"verify_backup      {verify_s:6.2f} s   restore_backup {restore_s:.2f} s (one run each)")


def _ok(result: object) -> None:
    assert getattr(result, "ok", False), result


if __name__ == "__main__":
    main()
