"""The SQL figures agree with a plain Python reading of SPEC §3 over every record.

The oracle below is written straight from the table in SPEC §3, record by record, with no
SQL; the demo generator supplies varied data (open and closed, late and on time, hearings,
several units). Any difference in NULL handling, date bounds or unit scope shows up here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi_desktop.domain.codes import LOST_OUTCOMES
from fazhi_desktop.domain.figures import Period, complete
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import demo
from fazhi_desktop.services.stats import StatsService


def _in(day: dt.date | None, p: Period) -> bool:
    return day is not None and p.start <= day <= p.end


def oracle(records: list[dict[str, Any]], register: str, p: Period, a: dt.date,
           units: set[str]) -> dict[str, Any]:
    rs = [r for r in records if r["register"] == register and r["unit_code"] in units]
    c: dict[str, int] = {}

    def n(name: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        c[name] = len(items)
        return items

    intake = n("intake", [r for r in rs if _in(r["received_on"], p)])
    open_ = n("in_progress", [r for r in rs if r["received_on"] <= a and (
        r["closed_on"] is None or r["closed_on"] > a)])
    n("overdue", [r for r in open_ if r["due_on"] and r["due_on"] < a])
    n("due_soon", [r for r in open_ if r["due_on"] and a <= r["due_on"] <= a + dt.timedelta(3)])
    done = [r for r in intake if r["closed_on"] and r["closed_on"] <= a]
    if register == "disputes":
        n("handled", done)
        n("resolved", [r for r in done if r["status"] == "resolved"])
        n("handled_on_time", [r for r in done if r["due_on"] and r["closed_on"] <= r["due_on"]])
    elif register == "petitions":
        acc = n("accepted", [r for r in intake if r["acceptance"] == "accepted"])
        closed = n("closed", [r for r in acc if r["status"] in ("replied", "closed")
                              and r["closed_on"] and r["closed_on"] <= a])
        n("closed_on_time", [r for r in closed if r["due_on"] and r["closed_on"] <= r["due_on"]])
        n("callbacks", [r for r in intake if r["satisfaction"] not in (None, "not_reached")])
        n("satisfied", [r for r in intake
                        if r["satisfaction"] in ("satisfied", "basically_satisfied")])
    elif register == "lawsuits":
        heard = n("heard", [r for r in rs if any(_in(h["held_on"], p) for h in r["hearings"])])
        n("attended", [r for r in heard if any(_in(h["held_on"], p) and h["head_attended"]
                                               for h in r["hearings"])])
        judged = n("judged", [r for r in rs if _in(r["judged_on"], p)])
        n("lost", [r for r in judged if r["outcome"] in LOST_OUTCOMES])
        served = n("served", [r for r in rs if _in(r["served_on"], p)])
        n("defence_on_time", [r for r in served if r["defence_submitted_on"] and r["defence_due"]
                              and r["defence_submitted_on"] <= r["defence_due"]])
    else:
        n("legality", [r for r in intake if r["review_type"] != "contract"])
        n("contract", [r for r in intake if r["review_type"] == "contract"])
        completed = n("completed", [r for r in rs if r["status"] == "completed"
                                    and _in(r["closed_on"], p)])
        n("approved", [r for r in completed
                       if r["conclusion"] in ("approved", "approved_with_changes")])
        n("completed_on_time", [r for r in completed
                                if r["due_on"] and r["closed_on"] <= r["due_on"]])
        c["opinions"] = sum(r["opinions_count"] or 0 for r in completed)
        c["opinions_adopted"] = sum(r["opinions_adopted"] or 0 for r in completed)
    return complete(register, c)


@pytest.fixture(scope="module")
def demo_folder(template_dir, tmp_path_factory):  # type: ignore[no-untyped-def]
    import shutil

    from fazhi_desktop.services import open_services
    from tests.conftest import TODAY

    folder = tmp_path_factory.mktemp("oracle") / "data"
    shutil.copytree(template_dir, folder)
    with open_services(folder, today=lambda: TODAY) as sv:
        demo.generate(sv, 1500, seed=7)
        # some deleted records, which must never count
        for num in sv.records.nums(Filters(), limit=25):
            sv.records.delete(sv.records.fetch([num])[0]["id"])
    return folder


@pytest.mark.parametrize("period,unit,as_of", [
    ("2026-10", None, None),
    ("2026-11", None, None),            # as of today, mid-month
    ("2026-Q3", "632801001", None),     # a township with its villages and grids
    ("2025", None, "2026-03-31"),       # as of a date after the period
    ("2026-02-10..2026-05-20", "632801002", "2026-04-01"),
])
def test_sql_figures_equal_the_python_reading_of_the_spec(demo_folder, period: str,
                                                          unit: str | None,
                                                          as_of: str | None) -> None:
    from fazhi_desktop.services import open_services
    from tests.conftest import TODAY

    with open_services(demo_folder, today=lambda: TODAY) as sv:
        stats = StatsService(sv.ctx)
        got = stats.figures(period, unit, as_of)
        p, a, code = stats.resolve(period, unit, as_of)
        units = set(sv.units.descendants(code))
        records = sv.records.list(Filters(descending=False))
    assert len(records) > 1000
    for register in ("disputes", "petitions", "lawsuits", "reviews"):
        want = oracle(records, register, p, a, units)
        have = {k: v for k, v in got[register].items() if k != "by_channel"}
        assert have == want, register
    hot = oracle([r for r in records if r.get("channel") == "hotline_12345"], "petitions",
                 p, a, units)
    assert got["petitions"]["by_channel"]["hotline_12345"] == hot
    assert got["disputes"]["intake"] > 0
