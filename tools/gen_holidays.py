"""Regenerate resources/holidays/*.json from the `chinese-calendar` package.

Run: .venv/bin/python tools/gen_holidays.py   (needs the `test` extra, which brings
chinese-calendar). Only years the package knows are written; it raises for later years,
which is exactly the case the app handles with a visible Monday–Friday fallback.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from chinese_calendar import constants

OUT = Path(__file__).resolve().parent.parent / "resources" / "holidays"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    years = sorted({d.year for d in constants.holidays})
    for year in years:
        holidays = sorted(d for d in constants.holidays if d.year == year and d.weekday() < 5)
        workdays = sorted(d for d in constants.workdays if d.year == year and d.weekday() >= 5)
        doc = {
            "year": year,
            "source": "国务院办公厅关于节假日安排的通知 (via chinese-calendar)",
            "holidays": [d.isoformat() for d in holidays],
            "workdays": [d.isoformat() for d in workdays],
        }
        (OUT / f"{year}.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(years)} years to {OUT} ({years[0]}–{years[-1]}); today {dt.date.today()}")


if __name__ == "__main__":
    main()
