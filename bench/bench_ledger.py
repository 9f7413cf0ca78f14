"""Excel ledger speed goals of issue #6, each against a baseline measured in the same run.

    .venv/bin/python bench/bench_ledger.py [--rows 20000] [--runs 3]

A realistic 矛盾纠纷 ledger (title row, header on row 3, dates written four ways, free-text
categories and statuses, valid ID numbers as text, two parties per row) with N rows:

1. Preview (read + header detection + mapping + every row converted, validated as by the
   editor and checked for duplicates against the database): goal < 3 s for 20,000 rows.
   Baseline: calamine reading the same sheet into Python lists and nothing else.
2. Import of the good rows through ``RecordService.create_many`` (one transaction: serials,
   clocks, audit trail, search index): goal < 10 s. Baseline: a raw ``sqlite3``
   ``executemany`` of the same rows into the same tables (records, parties) of a fresh DB.
3. Export of the imported register to .xlsx (no goal; reported for the record).

Each figure is the median of ``--runs`` runs on a fresh copy of the same data folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from baseline import raw_insert_seconds
from openpyxl import Workbook

from fazhi_desktop.domain.validation import id_check_digit
from fazhi_desktop.ledger.reader import read_sheet
from fazhi_desktop.services import open_services
from fazhi_desktop.services.ledger import LedgerService
from fazhi_desktop.services.setup import SetupInfo, initialise

TODAY = dt.date(2026, 11, 27)
HEADER = ["序号", "受理时间", "申请人", "身份证号", "联系电话", "被申请人", "被申请人电话",
          "纠纷类型", "纠纷简要情况", "调处结果", "办结日期", "调解员", "涉及金额（元）", "备注"]
CATEGORIES = ["邻里纠纷", "婚姻家庭", "宅基地纠纷", "欠薪", "合同纠纷", "物业", "损害赔偿", "其他"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉"


def write_ledger(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("2025年")
    ws.append(["西城区2025年矛盾纠纷排查调处台账"])
    ws.append(["填报单位：西城区司法所"])
    ws.append(HEADER)
    start = dt.date(2025, 1, 1)

    def name() -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))

    for n in range(1, rows + 1):
        received = start + dt.timedelta(days=rng.randrange(330))
        form = n % 4
        written = (received if form == 0 else f"{received.year}.{received.month}.{received.day}"
                   if form == 1 else f"{received.month}月{received.day}日" if form == 2
                   else received.isoformat())
        first17 = f"632801{rng.randrange(1950, 2005)}{rng.randrange(1, 13):02d}" \
                  f"{rng.randrange(1, 29):02d}{n % 1000:03d}"
        closed = received + dt.timedelta(days=rng.randrange(1, 25))
        done = closed <= TODAY and rng.random() < 0.8
        ws.append([n, written, name(), first17 + id_check_digit(first17),
                   f"13{rng.randrange(100000000, 999999999)}", name(),
                   f"15{rng.randrange(100000000, 999999999)}", rng.choice(CATEGORIES),
                   f"第{n}起：因{rng.choice(CATEGORIES)}发生争执，双方多次协商未果",
                   "调解成功" if done else "调解中", closed if done else None, name(),
                   rng.choice([None, 500, 1200.5, "3000元"]), None])
    ws.append(["合计", None, None])
    wb.save(path)


def fresh(template: Path, work: Path, name: str) -> Path:
    target = work / name
    shutil.copytree(template, target)
    return target


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-ledger-"))
    sheet = work / "ledger.xlsx"
    write_ledger(sheet, args.rows)
    template = work / "template"
    with open_services(template, today=lambda: TODAY) as sv:
        initialise(sv.ctx, SetupInfo("632801", "西城区", "基准电脑", "BEN", "基准", "district"))

    read_s, preview_s, import_s, export_s = [], [], [], []
    counts = {}
    last_folder = template
    for run in range(args.runs):
        t0 = time.perf_counter()
        read_sheet(sheet)
        read_s.append(time.perf_counter() - t0)

        folder = fresh(template, work, f"run{run}")
        with open_services(folder, today=lambda: TODAY) as sv:
            ledger = LedgerService(sv)
            t0 = time.perf_counter()
            preview = ledger.preview(sheet, "disputes")
            preview_s.append(time.perf_counter() - t0)
            counts = preview.counts
            t0 = time.perf_counter()
            result = ledger.import_preview(preview)
            import_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            ledger.export(work / f"export{run}.xlsx", "disputes", masked=False)
            export_s.append(time.perf_counter() - t0)
        last_folder = folder
        assert len(result.created) == counts["good"]

    # Baseline: the same rows, raw sqlite3 executemany into the same tables of a fresh DB.
    raw_s = raw_insert_seconds(last_folder, work, ("records", "parties"), args.runs)

    med = statistics.median
    print(f"ledger rows: {args.rows} (good {counts['good']}, problem {counts['problem']}, "
          f"duplicate {counts['duplicate']}); medians of {args.runs} runs")
    print(f"baseline calamine read of the sheet: {med(read_s):.2f} s")
    print(f"preview (read, map, convert, validate, duplicate check): {med(preview_s):.2f} s "
          f"(goal < 3 s; {med(preview_s) / med(read_s):.1f}x the bare read)")
    print(f"import through create_many (one transaction): {med(import_s):.2f} s (goal < 10 s)")
    print(f"baseline raw sqlite3 executemany (same rows, same tables): {med(raw_s):.2f} s")
    print(f"ratio import / raw: {med(import_s) / med(raw_s):.1f}x")
    print(f"export of the {counts['good']} imported records to .xlsx: {med(export_s):.2f} s")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
