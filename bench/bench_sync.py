"""Sync speed (issue 4): full export, import into an empty database, no-op re-import, and an
incremental bundle after 1% of the records changed — each next to its baseline measured in
the same run.

    .venv/bin/python bench/bench_sync.py --records 200000

Baselines: export vs. reading the same rows with raw ``sqlite3`` and writing them as
zlib-compressed JSON lines; import vs. a raw ``executemany`` of the same rows into a fresh
database of the same schema; re-import vs. the export time; incremental vs. the full bundle.
Uses an in-memory keyring (the benchmark's own, never the product's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backend

from fazhi_desktop.services import open_services
from fazhi_desktop.services.demo import generate
from fazhi_desktop.services.setup import SetupInfo, initialise
from fazhi_desktop.services.sync import SyncService
from fazhi_desktop.store.engine import DB_FILENAME

PASSPHRASE = "bench-同步口令-2026"


from fazhi_desktop.selftest import MemoryKeyring as _Memory  # noqa: E402


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def node(folder: Path, name: str, code: str) -> tuple[object, SyncService]:
    sv = open_services(folder)
    initialise(sv.ctx, SetupInfo(unit_code="632801", unit_name="西城区", node_name=name,
                                 node_code=code, operator=name[-2:], unit_level="district"))
    sync = SyncService(sv.ctx)
    sync.setup(PASSPHRASE)
    return sv, sync


def raw_export(db: Path, out: Path) -> None:
    con = sqlite3.connect(db)
    try:
        con.row_factory = sqlite3.Row
        comp = zlib.compressobj(6)
        with open(out, "wb") as fh:
            parties: dict[str, list[dict[str, object]]] = {}
            for row in con.execute("SELECT * FROM parties ORDER BY record_id, seq"):
                parties.setdefault(row["record_id"], []).append(dict(row))
            for row in con.execute("SELECT * FROM records ORDER BY num"):
                item = dict(row)
                item["parties"] = parties.get(item["id"], [])
                fh.write(comp.compress((json.dumps(item, ensure_ascii=False) + "\n").encode()))
            fh.write(comp.flush())
    finally:
        con.close()


def raw_import(source_db: Path, empty_db: Path) -> float:
    src = sqlite3.connect(source_db)
    records = src.execute("SELECT * FROM records").fetchall()
    cols = [d[0] for d in src.execute("SELECT * FROM records LIMIT 1").description]
    parties = src.execute("SELECT * FROM parties").fetchall()
    pcols = [d[0] for d in src.execute("SELECT * FROM parties LIMIT 1").description]
    src.close()
    dst = sqlite3.connect(empty_db)
    dst.execute("PRAGMA foreign_keys=OFF")
    # The bare tables: without sync's change-index triggers, so the baseline is a plain insert.
    dst.execute("DROP TRIGGER IF EXISTS sync_stamps_insert")
    start = time.perf_counter()
    with dst:
        dst.executemany(f"INSERT INTO records ({','.join(cols)}) VALUES "
                        f"({','.join('?' * len(cols))})", records)
        dst.executemany(f"INSERT INTO parties ({','.join(pcols)}) VALUES "
                        f"({','.join('?' * len(pcols))})", parties)
    elapsed = time.perf_counter() - start
    dst.close()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3, help="runs of each timing (medians shown)")
    args = ap.parse_args()
    keyring.set_keyring(_Memory())
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        sva, a = node(root / "a", "西城区司法所-张三", "ZS")
        t = timed(lambda: generate(sva, args.records, seed=1))  # type: ignore[arg-type]
        print(f"generated {args.records} records in {t:.1f} s")
        # An empty database of the same schema, for the raw import baseline.
        svx, _ = node(root / "x", "空库", "XX")
        svx.close()  # type: ignore[attr-defined]
        full = root / "full.fzb"
        export_times = [timed(lambda: a.export(full, full=True)) for _ in range(args.runs)]
        raw_times = [timed(lambda: raw_export(root / "a" / DB_FILENAME, root / "raw.jsonl.z"))
                     for _ in range(args.runs)]
        export_t, raw_t = statistics.median(export_times), statistics.median(raw_times)
        # Import into a fresh empty database each run, next to the raw baseline into another
        # fresh one (same load conditions); the last imported PC is kept for what follows.
        import_times, raw_import_times = [], []
        for run in range(args.runs):
            if run:
                svb.close()  # type: ignore[attr-defined]  # noqa: F821
                shutil.rmtree(root / f"b{run - 1}")
            svb, b = node(root / f"b{run}", "西城区司法所-李四", "LS")
            import_times.append(timed(lambda b=b: b.import_bundle(full, trust=True)))
            empty = root / f"x{run}"
            shutil.copytree(root / "x", empty)
            raw_import_times.append(raw_import(root / "a" / DB_FILENAME, empty / DB_FILENAME))
            shutil.rmtree(empty)
        import_t, raw_import_t = (statistics.median(import_times),
                                  statistics.median(raw_import_times))
        print("import runs: " + ", ".join(f"{t:.1f} s / raw {r:.1f} s = {t / r:.2f}×"
                                          for t, r in zip(import_times, raw_import_times)))
        noop_t = statistics.median([timed(lambda: b.import_bundle(full))
                                    for _ in range(args.runs)])
        # B tells A what it has (a small bundle), then 1% of A's records change.
        back = root / "back.fzb"
        b.export(back)
        a.import_bundle(back, trust=True)
        with sva.ctx.read() as s:  # type: ignore[attr-defined]
            ids = [r[0] for r in s.connection().exec_driver_sql(
                "SELECT id FROM records ORDER BY num")]
        for rid in ids[:: 100]:
            sva.records.update(rid, {"note": f"跟进 {dt.date.today()}"})  # type: ignore[attr-defined]
        inc = root / "inc.fzb"
        inc_times = [timed(lambda: a.export(inc, to=b.status().node_id))
                     for _ in range(args.runs)]
        inc_t = statistics.median(inc_times)
        full_size, inc_size = full.stat().st_size, inc.stat().st_size
        rows = [
            ("full export", export_t, "raw sqlite3 → zlib JSON lines", raw_t, 3.0),
            ("import into empty DB", import_t, "raw executemany", raw_import_t, 4.0),
            ("no-op re-import", noop_t, "full export", export_t, 2.0),
            ("incremental export (1% changed)", inc_t, "full export", export_t, 0.03),
        ]
        print(f"records: {args.records}; full bundle {full_size:,} bytes, "
              f"incremental {inc_size:,} bytes ({inc_size / full_size:.2%} of full, goal < 3%)")
        print(f"{'step':34} {'time':>8}  {'baseline':32} {'time':>8}  ratio  goal")
        for name, value, base_name, base, goal in rows:
            ratio = value / base
            mark = "ok" if ratio <= goal else "MISSED"
            print(f"{name:34} {value:8.2f}s  {base_name:32} {base:8.2f}s  {ratio:5.2f}× "
                  f"≤{goal}× {mark}")
        sva.close()  # type: ignore[attr-defined]
        svb.close()  # type: ignore[attr-defined]
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
