"""Figures (SPEC §3) from a database built so that every figure is known (the seed's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fazhi_desktop.domain.figures import FIGURES, REGISTER_ORDER, rate
from fazhi_desktop.services import Services, open_services
from fazhi_desktop.services.stats import StatsError, StatsService
from tests.conftest import TODAY
from tests.helpers import dispute, petition
from tests.reports import seed_data
from tests.reports.seed_data import EXPECTED_2025, EXPECTED_12345, UNITS


@pytest.fixture(scope="module")
def seeded(template_dir: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("seeded") / "data"
    created = seed_data.build_seeded_folder(template_dir, folder, TODAY)
    return folder, created


@pytest.fixture
def stats(seeded: tuple[Path, dict[str, Any]]) -> Iterator[StatsService]:
    with open_services(seeded[0], today=lambda: TODAY) as sv:
        yield StatsService(sv.ctx)


def test_seed_figures_of_2025(stats: StatsService, seeded: tuple[Path, Any]) -> None:
    f = stats.figures("2025")
    assert (f["period"], f["from"], f["to"], f["as_of"], f["unit"]) == (
        "2025", "2025-01-01", "2025-12-31", "2025-12-31", "632801")
    for register, expected in EXPECTED_2025.items():
        for key, value in expected.items():
            assert f[register][key] == value, (register, key)
    # open petitions at 31 Dec: overdue/due soon follow from the due dates the write path set
    as_of = dt.date(2025, 12, 31)
    open_ = [r for r in seeded[1]["petitions"] if r["received_on"].year == 2025
             and (r["closed_on"] is None or r["closed_on"] > as_of)]
    assert len(open_) == 13
    assert f["petitions"]["overdue"] == sum(r["due_on"] < as_of for r in open_)
    assert f["petitions"]["due_soon"] == sum(
        as_of <= r["due_on"] <= as_of + dt.timedelta(days=3) for r in open_)


def test_12345_and_inspection_channels(stats: StatsService) -> None:
    by_channel = stats.figures("2025")["petitions"]["by_channel"]
    for key, value in EXPECTED_12345.items():
        assert by_channel["hotline_12345"][key] == value, key
    assert by_channel["central_inspection"]["intake"] == 17
    assert by_channel["provincial_inspection"]["closed"] == 31
    assert by_channel["visit"]["closed_rate"] == 100.0
    assert by_channel["letter"] == {**by_channel["letter"], "intake": 0, "closed_rate": None}
    assert set(by_channel["letter"]) == {f.key for f in FIGURES["petitions"]}


def test_json_keys_types_and_rates_follow_the_counts(stats: StatsService) -> None:
    f = stats.figures("2025")
    for register in REGISTER_ORDER:
        block = f[register]
        assert [k for k in block if k != "by_channel"] == [x.key for x in FIGURES[register]]
        for fd in FIGURES[register]:
            v = block[fd.key]
            if fd.kind == "count":
                assert type(v) is int
            elif v is not None:
                assert isinstance(v, float) and round(v, 1) == v
    d = f["disputes"]
    assert d["handled_rate"] == rate(d["handled"], d["intake"])
    p = f["petitions"]
    assert p["satisfaction_rate"] == rate(p["satisfied"], p["callbacks"])


def test_unit_includes_the_units_below(stats: StatsService) -> None:
    def expected(code_prefix: str) -> int:
        return sum(UNITS[i % 5].startswith(code_prefix) for i in range(502))

    assert stats.figures("2025", unit="632801002")["disputes"]["intake"] == expected("632801002")
    township = stats.figures("2025", unit="632801001")["disputes"]["intake"]
    assert township == expected("632801001") and township > expected("632801001001")
    assert stats.figures("2025", unit="632801001001")["disputes"]["intake"] == expected(
        "632801001001")


def test_previous_year_and_as_of_semantics(stats: StatsService) -> None:
    f = stats.figures("2024")
    assert f["disputes"]["intake"] == 3 and f["disputes"]["handled"] == 0
    assert f["disputes"]["handled_rate"] == 0.0 and f["disputes"]["success_rate"] is None
    assert f["disputes"]["in_progress"] == 3 and f["disputes"]["overdue"] == 3
    assert (f["lawsuits"]["heard"], f["lawsuits"]["attended"]) == (1, 0)
    assert f["lawsuits"]["attendance_rate"] == 0.0
    # the 2024 petition was replied in January 2025: open at the end of 2024
    assert (f["petitions"]["intake"], f["petitions"]["closed"]) == (1, 0)
    # as of mid-year, only what was closed by then counts as handled
    mid = stats.figures("2025", as_of="2025-06-30")
    rows = seed_data.dispute_rows()
    assert mid["disputes"]["intake"] == 502
    assert mid["disputes"]["handled"] == sum(r["closed_on"] <= dt.date(2025, 6, 30) for r in rows)


def test_months_quarters_and_ranges(stats: StatsService) -> None:
    rows = seed_data.dispute_rows()
    march = stats.figures("2025-03")["disputes"]
    assert march["intake"] == sum(r["received_on"].month == 3 for r in rows)
    q1 = stats.figures("2025-Q1")
    assert q1["disputes"]["intake"] == sum(r["received_on"].month <= 3 for r in rows)
    same = stats.figures("2025-01-01..2025-03-31")
    assert {k: v for k, v in same.items() if k != "period"} == {
        k: v for k, v in q1.items() if k != "period"}


@pytest.mark.parametrize("period,unit,as_of,words", [
    ("2025-13", None, None, "月份 13"),
    ("last month", None, None, "无法识别"),
    ("2025", "999999", None, "单位代码“999999”不存在"),
    ("2025-11", None, "2025-10-31", "早于统计期间"),
    ("2025-11", None, "2025/11/30", "YYYY-MM-DD"),
])
def test_bad_input_is_refused_in_chinese(stats: StatsService, period: str, unit: str | None,
                                         as_of: str | None, words: str) -> None:
    with pytest.raises(StatsError, match=words):
        stats.figures(period, unit, as_of)


def test_report_data_breakdowns_units_items_and_trend(stats: StatsService) -> None:
    data = stats.report_data("2025")
    assert data.current["disputes"]["intake"] == 502
    assert data.previous_period.text == "2024" and data.previous["disputes"]["intake"] == 3
    assert data.ytd["reviews"] == data.current["reviews"]
    for register in REGISTER_ORDER:
        for b in data.breakdowns[register]:
            assert sum(v["intake"] for _, v in b.rows) == data.current[register]["intake"]
        units = data.by_unit[register]
        assert sum(v["intake"] for _, v in units.rows) == data.current[register]["intake"]
    names = [name for name, _ in data.by_unit["disputes"].rows]
    assert names == ["（本级）", "郭勒木德镇", "金峰路街道"]  # 本级 holds the open 2024 cases
    channel = dict(data.breakdowns["petitions"][0].rows)
    assert channel["12345热线"]["closed_rate"] == 97.9
    assert sum(m.intake["disputes"] for m in data.trend) == 502
    assert next(m.month.text for m in data.trend) == "2025-01"
    major = [i for i in data.items if i.major_risk]
    assert len(major) == 1 and major[0].overdue_days is not None
    assert all(i.overdue_days is None or i.overdue_days > 0 for i in data.items)
    assert data.items_total == len(data.items) == (
        3 + data.current["petitions"]["overdue"] + data.current["lawsuits"]["overdue"])
    assert all(i.parties for i in data.items if i.register == "disputes")


def test_due_soon_and_deleted_records(services: Services) -> None:
    sv = services
    sv.records.create("disputes", dispute(received_on="2026-11-01"))  # due 2026-12-01
    sv.records.create("disputes", dispute(received_on="2026-10-20"))  # due 2026-11-19
    gone = sv.records.create("petitions", petition(received_on="2026-11-03"))
    sv.records.delete(gone["id"])
    f = StatsService(sv.ctx).figures("2026-11", as_of="2026-11-28")
    assert f["disputes"]["intake"] == 1
    assert (f["disputes"]["in_progress"], f["disputes"]["overdue"], f["disputes"]["due_soon"]) \
        == (2, 1, 1)
    assert f["petitions"]["intake"] == 0 and f["petitions"]["closed_rate"] is None
    assert StatsService(sv.ctx).figures("2026-11")["as_of"] == TODAY.isoformat()
