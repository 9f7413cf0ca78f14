"""Core speed goals of issue #2, each against a baseline measured in the same run.

    .venv/bin/python bench/bench_core.py [--records 200000]

1. Insert N records through the service path (validation, serials, clocks, audit trail,
   search index; batches of 10,000 as ``fazhi demo`` does) vs a raw ``sqlite3``
   ``executemany`` of the same rows into the same tables (records, parties, hearings).
2. Search for a two-character name and for a six-digit ID-number fragment (medians).
3. The overdue query of the dashboard (median).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from baseline import raw_insert_seconds

from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import open_services
from fazhi_desktop.services.demo import REGISTER_SHARE, DemoGenerator, _weighted, build_units
from fazhi_desktop.services.setup import SetupInfo, initialise
from fazhi_desktop.store.engine import DB_FILENAME

TODAY = dt.date(2026, 11, 27)


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--keep", type=Path, default=None, help="keep the service-path folder here")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    folder = work / "svc"
    sv = open_services(folder, today=lambda: TODAY)
    initialise(sv.ctx, SetupInfo("632801", "西城区", "基准电脑", "BEN", "基准", "district"))
    gen = DemoGenerator(42, TODAY)
    units = build_units(sv)
    batches: list[tuple[str, list[dict]]] = []
    for start in range(0, args.records, 10_000):
        by_reg: dict[str, list[dict]] = {}
        for _ in range(min(10_000, args.records - start)):
            reg = _weighted(gen.rng, REGISTER_SHARE)
            by_reg.setdefault(reg, []).append(gen.record(reg, gen.rng.choice(units)))
        batches += list(by_reg.items())

    t0 = time.perf_counter()
    for reg, items in batches:
        sv.records.create_many(reg, items)
    service_s = time.perf_counter() - t0

    # Baseline: the same rows, raw sqlite3 executemany into the same tables of a fresh DB.
    raw_s = raw_insert_seconds(folder, work, ("records", "parties", "hearings"))[0]

    rng = random.Random(5)
    con = sqlite3.connect(folder / DB_FILENAME)
    names = [r[0] for r in con.execute("SELECT name FROM parties WHERE length(name) = 3 LIMIT 5000")]
    ids = [r[0] for r in con.execute("SELECT id_number FROM parties LIMIT 5000")]
    con.close()
    two_char = [n[1:] for n in rng.sample(names, 30)]   # given names: two characters
    fragments = [i[8:14] for i in rng.sample(ids, 30)]  # six digits of an ID number
    q_iter = iter(two_char * 3)
    name_ms = median_ms(lambda: sv.records.search(next(q_iter), limit=200), 30)
    f_iter = iter(fragments * 3)
    id_ms = median_ms(lambda: sv.records.search(next(f_iter), limit=200), 30)
    hits = [len(sv.records.nums(Filters(search=q))) for q in two_char[:10]]
    overdue_ms = median_ms(lambda: sv.records.deadline_items(TODAY), 20)
    overdue_n = len(sv.records.deadline_items(TODAY))
    all_n = len(sv.records.deadline_items(TODAY, limit=None))
    filter_ms = median_ms(lambda: [sv.records.nums(Filters(register=r, overdue_on=TODAY))
                                   for r in ("disputes", "petitions", "lawsuits", "reviews")], 20)
    counts_ms = median_ms(lambda: sv.records.deadline_counts(TODAY), 20)
    sv.close()

    print(f"records: {args.records}")
    print(f"insert through services: {service_s:.2f} s ({args.records / service_s:,.0f}/s)")
    print(f"baseline raw sqlite3 executemany (same rows, same tables): {raw_s:.2f} s")
    print(f"ratio service / raw: {service_s / raw_s:.2f}x (goal <= 4x)")
    print(f"search 2-character name, median of 30: {name_ms:.1f} ms (goal < 50 ms; "
          f"matches per query e.g. {hits[:5]})")
    print(f"search 6-digit ID fragment, median of 30: {id_ms:.1f} ms (goal < 50 ms)")
    print(f"dashboard overdue + due-soon items (most urgent {overdue_n} of {all_n}), "
          f"median of 20: {overdue_ms:.1f} ms (goal < 50 ms)")
    print(f"overdue filter of all four registers (every match), median of 20: {filter_ms:.1f} ms")
    print(f"dashboard counts per register, median of 20: {counts_ms:.1f} ms")
    if args.keep:
        shutil.copytree(folder, args.keep, dirs_exist_ok=True)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
