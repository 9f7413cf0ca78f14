"""What a report is made of: a plain structure of figures that every renderer reads.

``services.stats`` fills a :class:`ReportData` from the database; ``reports.pdf``,
``reports.xlsx`` and ``reports.narrative`` only read it. Nothing here imports reportlab,
SQLAlchemy or Qt, so the GUI may hold and show a ``ReportData`` (e.g. the narrative with a
copy button) without pulling in the renderers.

``Figures`` is the per-register part of ``fazhi stats --json``: ``{"disputes": {"intake": 502,
"handled_rate": 100.0, …}, "petitions": {…, "by_channel": {"hotline_12345": {…}}}, …}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from fazhi_desktop.domain.figures import REGISTER_ORDER, Period, keys

Figures = dict[str, dict[str, Any]]


def empty_register(register: str) -> dict[str, Any]:
    """Figures of a register with no records: counts 0, rates ``None``."""
    from fazhi_desktop.domain.figures import complete

    out = complete(register, {})
    if register == "petitions":
        out["by_channel"] = {}
    return out


def empty_figures() -> Figures:
    return {r: empty_register(r) for r in REGISTER_ORDER}


@dataclass
class Breakdown:
    """One breakdown table: figures of a register grouped by one dimension (or by child unit).

    Each row carries the full figure dict of its group (computed with the same definitions
    as the totals); the renderer chooses which keys to show.
    """

    register: str
    title: str  # 按纠纷类型
    dimension: str  # header of the first column: 纠纷类型 / 单位
    rows: list[tuple[str, dict[str, Any]]]
    total: dict[str, Any] | None = None


@dataclass
class ReportItem:
    """One line of the list of overdue and major-risk items (parties unmasked here)."""

    register: str
    serial: str
    unit_name: str
    summary: str
    received_on: dt.date | None
    due_on: dt.date | None
    status_zh: str
    handler: str
    overdue_days: int | None  # days past due at the as-of date; None if not overdue
    major_risk: bool
    parties: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TrendMonth:
    """One month of the 12-month trend: intake per register."""

    month: Period
    intake: dict[str, int]


@dataclass
class ReportData:
    """Everything a report shows, for one unit (with the units below it) and one period."""

    unit_code: str
    unit_name: str
    period: Period
    as_of: dt.date
    generated_at: dt.datetime
    current: Figures
    previous: Figures
    last_year: Figures
    ytd: Figures
    previous_period: Period
    last_year_period: Period
    ytd_period: Period
    breakdowns: dict[str, list[Breakdown]] = field(default_factory=dict)
    by_unit: dict[str, Breakdown] = field(default_factory=dict)
    items: list[ReportItem] = field(default_factory=list)
    items_total: int = 0  # all matching items; ``items`` may be cut to a printable length
    trend: list[TrendMonth] = field(default_factory=list)
    operator: str = ""

    def stats_json(self) -> dict[str, Any]:
        """The object ``fazhi stats --json`` prints (SPEC §3), for the current period."""
        return stats_json(self.period, self.as_of, self.unit_code, self.current)


def stats_json(period: Period, as_of: dt.date, unit_code: str, figures: Figures) -> dict[str, Any]:
    """Stable keys of SPEC §3: period, from, to, as_of, unit, then one object per register."""
    out: dict[str, Any] = {
        "period": period.text,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "as_of": as_of.isoformat(),
        "unit": unit_code,
    }
    for register in REGISTER_ORDER:
        src = figures[register]
        block: dict[str, Any] = {k: src[k] for k in keys(register)}
        if register == "petitions":
            block["by_channel"] = {
                ch: {k: vals[k] for k in keys("petitions")}
                for ch, vals in src.get("by_channel", {}).items()
            }
        out[register] = block
    return out
