"""Report data whose figures are known by construction (the seed's section 一), built
directly as a ``ReportData`` so the renderers can be tested without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi_desktop.domain.codes import codes_of, label
from fazhi_desktop.domain.figures import complete, parse_period
from fazhi_desktop.reports.model import Breakdown, ReportData, ReportItem, TrendMonth, empty_figures

SEED_COUNTS = {
    "disputes": {"intake": 502, "handled": 502, "resolved": 480, "handled_on_time": 495,
                     "in_progress": 3, "overdue": 1, "due_soon": 1},
    "lawsuits": {"intake": 2, "heard": 2, "attended": 2, "judged": 1, "lost": 0, "served": 2,
                     "defence_on_time": 2, "in_progress": 1, "overdue": 0, "due_soon": 0},
    "reviews": {"intake": 77, "legality": 32, "contract": 45, "completed": 77, "approved": 77,
                    "opinions": 110, "opinions_adopted": 104, "completed_on_time": 75,
                    "in_progress": 0, "overdue": 0, "due_soon": 0},
}
# petitions by channel: visit 11 (all accepted and closed), 12345: 614 with 601 closed and
# 432 of 500 callbacks satisfied (86.4%), inspection referrals 17 and 31, all closed.
CHANNEL_COUNTS = {
    "visit": {"intake": 11, "accepted": 11, "closed": 11, "closed_on_time": 11, "callbacks": 0,
                  "satisfied": 0, "in_progress": 0, "overdue": 0, "due_soon": 0},
    "hotline_12345": {"intake": 614, "accepted": 614, "closed": 601, "closed_on_time": 590,
                          "callbacks": 500, "satisfied": 432, "in_progress": 13, "overdue": 4, "due_soon": 2},
    "central_inspection": {"intake": 17, "accepted": 17, "closed": 17, "closed_on_time": 17,
                               "callbacks": 0, "satisfied": 0, "in_progress": 0, "overdue": 0, "due_soon": 0},
    "provincial_inspection": {"intake": 31, "accepted": 31, "closed": 31, "closed_on_time": 31,
                                  "callbacks": 0, "satisfied": 0, "in_progress": 0, "overdue": 0,
                                  "due_soon": 0},
}


def seed_figures() -> dict:
    figs = empty_figures()
    for register, counts in SEED_COUNTS.items():
        figs[register] = complete(register, counts)
    total: dict[str, int] = {}
    by_channel = {}
    for ch in codes_of("petition_channel"):
        counts = CHANNEL_COUNTS.get(ch, {})
        by_channel[ch] = complete("petitions", counts)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    figs["petitions"] = complete("petitions", total)
    figs["petitions"]["by_channel"] = by_channel
    return figs


def make_report(n_units: int = 3, n_items: int = 4) -> ReportData:
    period = parse_period("2025")
    cur = seed_figures()
    prev = empty_figures()
    prev["disputes"] = complete("disputes", {"intake": 400, "handled": 390, "resolved": 350,
                                                 "handled_on_time": 380})
    last = seed_figures()
    bd = {
        "disputes": [Breakdown("disputes", "按纠纷类型", "纠纷类型",
                               [("邻里", complete("disputes", {"intake": 300, "handled": 300,
                                                                  "resolved": 290})),
                                ("婚姻家庭", complete("disputes", {"intake": 202, "handled": 202,
                                                                    "resolved": 190}))],
                               cur["disputes"])],
        "petitions": [Breakdown("petitions", "按信访渠道", "信访渠道",
                                [(label("petition_channel", ch), cur["petitions"]["by_channel"][ch])
                                 for ch in CHANNEL_COUNTS], cur["petitions"])],
    }
    by_unit = {}
    for register in ("disputes", "petitions", "lawsuits", "reviews"):
        rows = [(f"第{i + 1}社区居民委员会", cur[register]) for i in range(n_units)]
        by_unit[register] = Breakdown(register, "按单位", "单位", rows, cur[register])
    items = [
        ReportItem("petitions", f"访2025-JF1-{i:04d}", "金峰路街道",
                   "群众反映小区供暖不热，多次联系物业未果，要求协调解决，并对处理结果表示关注。",
                   dt.date(2025, 10, 2), dt.date(2025, 10, 9), "办理中", "李四",
                   40 + i, i % 2 == 0,
                   [{"name": "张小三", "id_number": "632801199001011234", "phone": "13812345678"},
                    {"name": "王五", "id_number": "", "phone": "0979-8412345"}])
        for i in range(n_items)
    ]
    trend = [TrendMonth(m, {"disputes": 30 + i * 3, "petitions": 50 + (i % 4) * 9,
                            "lawsuits": i % 2, "reviews": 6 + i % 3})
             for i, m in enumerate(period.months_back(12))]
    return ReportData(
        unit_code="632801", unit_name="西城区", period=period, as_of=dt.date(2025, 12, 31),
        generated_at=dt.datetime(2026, 1, 5, 9, 30), current=cur, previous=prev,
        last_year=last, ytd=cur, previous_period=period.previous(),
        last_year_period=period.same_period_last_year(), ytd_period=period.year_to_date(),
        breakdowns=bd, by_unit=by_unit, items=items, items_total=n_items, trend=trend,
        operator="赵六")


@pytest.fixture
def report_data() -> ReportData:
    return make_report()
