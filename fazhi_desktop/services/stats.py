"""The figures of SPEC §3, computed by SQL aggregation (never by loading a register).

One query per register and period scans that register once with conditional counts
(``COUNT(*) FILTER (WHERE …)``), grouped by unit and by the register's breakdown
dimensions; totals, breakdowns (category / channel / topic / cause / type) and the table by
child unit are all sums of those groups, and rates are derived from the summed integers by
``domain.figures.complete`` — so a row of a breakdown and the total follow one definition.

Definitions (P = the period [start, end], A = the as-of date, U = the unit and all below):
- intake: ``received_on`` in P; handled/closed: … and ``closed_on`` ≤ A;
- in progress at A: ``received_on`` ≤ A and (``closed_on`` is empty or > A); overdue: …
  and ``due_on`` < A; due soon: … and A ≤ ``due_on`` ≤ A + 3 days;
- events "in P" (hearings, judgments, service of complaints, completed reviews) are dated
  in P, whatever their ``received_on``.
Deleted records (回收站) never count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, true

from fazhi_desktop.domain.codes import LOST_OUTCOMES, codes_of, label
from fazhi_desktop.domain.figures import (
    AUXILIARY,
    BREAKDOWNS,
    COUNT,
    FIGURES,
    REGISTER_ORDER,
    FigureError,
    Period,
    comparison_as_of,
    complete,
    parse_date,
    parse_period,
    resolve_as_of,
)
from fazhi_desktop.domain.registers import REGISTERS
from fazhi_desktop.reports.model import (
    Breakdown,
    Figures,
    ReportData,
    ReportItem,
    TrendMonth,
    stats_json,
)
from fazhi_desktop.services.context import Context
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.store.models import Unit
from fazhi_desktop.store.recordsql import (
    HEARINGS,
    PARTIES,
    PARTY_KEYS,
    RECORDS,
    UNITS,
    descendants_cte,
)

DUE_SOON_DAYS = 3
ITEMS_LIMIT = 100  # a printable list; the total is printed and the rest are in the app
OWN_LEVEL = "（本级）"

R = RECORDS.c
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


class StatsError(FazhiError):
    """Bad input to the figures: period, unit or as-of date (message in Chinese)."""


class Cancelled(FazhiError):
    def __init__(self) -> None:
        super().__init__("已取消生成报表，没有写入任何文件。")


@dataclass(frozen=True)
class Window:
    """What one figure computation needs: the period, its as-of date and the unit."""

    period: Period
    as_of: dt.date


def _counts_for(register: str) -> tuple[str, ...]:
    """The integer columns one query returns for ``register`` (counts and auxiliaries)."""
    return tuple(f.key for f in FIGURES[register] if f.kind == COUNT) + AUXILIARY[register]


def _unindexed(column: Any) -> Any:
    """``column`` wrapped so SQLite will not pick an index on it (its ``+x`` idiom): the
    planner should narrow by the date ranges of each part, not walk a whole register."""
    return func.coalesce(column, column)


def _parts(register: str, w: Window) -> list[tuple[Any, dict[str, Any]]]:
    """The integers of ``register`` for window ``w`` as (WHERE, {key: aggregate}) parts.

    Each part reads only the rows it needs through an index: the intake of the period
    (``received_on`` range), the records open at the as-of date (``closed_on`` empty or
    later), and the register's events of the period. Every count of a part also carries the
    full definition in its FILTER, so a part's WHERE only narrows, never defines.
    """
    s, e, a = w.period.start, w.period.end, w.as_of
    soon = a + dt.timedelta(days=DUE_SOON_DAYS)
    intake = R.received_on.between(s, e)
    done_by_asof = and_(R.closed_on.is_not(None), R.closed_on <= a)
    open_at = and_(_unindexed(R.received_on) <= a, or_(R.closed_on.is_(None), R.closed_on > a))
    status = _unindexed(R.status)

    def count(cond: Any) -> Any:
        return func.count().filter(cond)

    first: dict[str, Any] = {"intake": count(intake)}
    parts: list[tuple[Any, dict[str, Any]]] = [(intake, first)]
    # open at A = still open, or closed only after A: two index ranges on closed_on
    for still in (R.closed_on.is_(None), R.closed_on > a):
        here = and_(still, open_at)
        parts.append((here, {"in_progress": count(here),
                             "overdue": count(and_(here, R.due_on < a)),
                             "due_soon": count(and_(here, R.due_on >= a, R.due_on <= soon))}))
    if register == "disputes":
        handled = and_(intake, done_by_asof)
        first.update(handled=count(handled), resolved=count(and_(handled, status == "resolved")),
                     handled_on_time=count(and_(handled, R.closed_on <= R.due_on)))
    elif register == "petitions":
        accepted = and_(intake, R.acceptance == "accepted")
        closed = and_(accepted, status.in_(("replied", "closed")), done_by_asof)
        first.update(
            accepted=count(accepted), closed=count(closed),
            closed_on_time=count(and_(closed, R.closed_on <= R.due_on)),
            callbacks=count(and_(intake, R.satisfaction.is_not(None),
                                 R.satisfaction != "not_reached")),
            satisfied=count(and_(intake, R.satisfaction.in_(("satisfied",
                                                              "basically_satisfied")))))
    elif register == "lawsuits":
        held = select(HEARINGS.c.record_id).where(HEARINGS.c.held_on.between(s, e))
        attended = held.where(HEARINGS.c.head_attended.is_(True))
        heard = R.id.in_(held)
        judged = R.judged_on.between(s, e)
        served = R.served_on.between(s, e)
        parts.append((or_(heard, judged, served), {
            "heard": count(heard), "attended": count(R.id.in_(attended)),
            "judged": count(judged),
            "lost": count(and_(judged, R.outcome.in_(sorted(LOST_OUTCOMES)))),
            "served": count(served),
            "defence_on_time": count(and_(served, R.defence_submitted_on.is_not(None),
                                          R.defence_submitted_on <= R.defence_due))}))
    elif register == "reviews":
        first.update(
            legality=count(and_(intake, func.coalesce(R.review_type, "") != "contract")),
            contract=count(and_(intake, R.review_type == "contract")))
        completed = and_(status == "completed", R.closed_on.between(s, e))

        def total(column: Any) -> Any:
            return func.coalesce(func.sum(func.coalesce(column, 0)).filter(completed), 0)

        parts.append((completed, {
            "completed": count(completed),
            "approved": count(and_(completed, R.conclusion.in_(("approved",
                                                                "approved_with_changes")))),
            "completed_on_time": count(and_(completed, R.closed_on <= R.due_on)),
            "opinions": total(R.opinions_count),
            "opinions_adopted": total(R.opinions_adopted)}))
    return parts


def unit_scope(conn: Connection, unit: str) -> Any:
    """The WHERE condition "in ``unit`` or any unit below it" — or no condition at all when
    that is every unit of the database (the usual report of the office's own unit), so the
    date indexes alone can answer without reading rows."""
    tree = descendants_cte(unit).subquery()
    mine = conn.execute(select(func.count()).select_from(tree)).scalar_one()
    total = conn.execute(select(func.count()).select_from(UNITS)).scalar_one()
    if mine >= total:
        return true()
    return _unindexed(R.unit_code).in_(descendants_cte(unit))


def _group_rows(conn: Connection, register: str, w: Window, in_unit: Any,
                group: Sequence[str]) -> list[tuple[tuple[Any, ...], dict[str, int]]]:
    """Integer counts of ``register`` per group (``group`` are column names): every part's
    query, merged by group; a group missing from a part simply has zeros there."""
    group_cols = [R[g] for g in group]
    merged: dict[tuple[Any, ...], dict[str, int]] = {}
    n = len(group_cols)
    for where, cols in _parts(register, w):
        stmt = (select(*group_cols, *[c.label(k) for k, c in cols.items()])
                .where(R.register == register, R.deleted.is_(False), in_unit, where))
        if group_cols:
            stmt = stmt.group_by(*group_cols)
        for row in conn.execute(stmt):
            into = merged.setdefault(tuple(row[:n]), {})
            for k, v in zip(cols, row[n:], strict=True):
                into[k] = into.get(k, 0) + int(v or 0)
    keys = _counts_for(register)
    return [(g, {k: counts.get(k, 0) for k in keys}) for g, counts in merged.items()]


def _add(into: dict[str, int], counts: dict[str, int]) -> None:
    for k, v in counts.items():
        into[k] = into.get(k, 0) + v


def _finish(register: str, counts: dict[str, int]) -> dict[str, Any]:
    return complete(register, counts)


@dataclass
class _Scan:
    """The grouped counts of one register for one window, and their sums."""

    register: str
    group: tuple[str, ...]
    rows: list[tuple[tuple[Any, ...], dict[str, int]]]

    def total(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, counts in self.rows:
            _add(out, counts)
        return out

    def by(self, column: str, key: Callable[[Any], Any] | None = None) -> dict[Any, dict[str, int]]:
        i = self.group.index(column)
        out: dict[Any, dict[str, int]] = {}
        for values, counts in self.rows:
            k = values[i] if key is None else key(values[i])
            _add(out.setdefault(k, {}), counts)
        return out


class StatsService:
    """Figures, and everything a report shows, for a period, as-of date and unit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # --- input -----------------------------------------------------------------------
    def resolve(self, period: str | Period, unit: str | None = None,
                as_of: str | dt.date | None = None) -> tuple[Period, dt.date, str]:
        """Parse and check the inputs; :class:`StatsError` with a Chinese message if bad."""
        try:
            p = period if isinstance(period, Period) else parse_period(period)
            day = parse_date(as_of) if isinstance(as_of, str) else as_of
            a = resolve_as_of(p, day, self.ctx.today())
        except FigureError as exc:
            raise StatsError(str(exc)) from None
        code = unit if unit else self.ctx.require_identity().unit_code
        with self.ctx.read() as s:
            if s.get(Unit, code) is None:
                raise StatsError(f"单位代码“{code}”不存在（可用 fazhi units list 查看）。")
        return p, a, code

    # --- figures ---------------------------------------------------------------------
    def figures(self, period: str | Period, unit: str | None = None,
                as_of: str | dt.date | None = None) -> dict[str, Any]:
        """The object of ``fazhi stats --json`` (SPEC §3)."""
        p, a, code = self.resolve(period, unit, as_of)
        with self.ctx.read() as s:
            conn = s.connection()
            figs = self._totals(conn, Window(p, a), unit_scope(conn, code))
        return stats_json(p, a, code, figs)

    def _totals(self, conn: Connection, w: Window, scope: Any) -> Figures:
        figs: Figures = {}
        for register in REGISTER_ORDER:
            group = ("channel",) if register == "petitions" else ()
            scan = _Scan(register, group, _group_rows(conn, register, w, scope, group))
            figs[register] = _finish(register, scan.total())
            if register == "petitions":
                figs[register]["by_channel"] = _by_code(scan.by("channel"), "petition_channel")
        return figs

    # --- the whole report --------------------------------------------------------------
    def report_data(self, period: str | Period, unit: str | None = None,
                    as_of: str | dt.date | None = None, *, progress: Progress | None = None,
                    cancel: Cancel | None = None, items_limit: int = ITEMS_LIMIT) -> ReportData:
        """Everything the PDF, the workbook and the narrative show (one read transaction)."""
        p, a, code = self.resolve(period, unit, as_of)
        w = Window(p, a)
        prev_p, last_p, ytd_p = p.previous(), p.same_period_last_year(), p.year_to_date()
        steps = 0

        def step(message: str) -> None:
            nonlocal steps
            if cancel is not None and cancel():
                raise Cancelled()
            steps += 1
            if progress is not None:
                progress(min(0.25, 0.03 * steps), message)

        with self.ctx.read() as s:
            conn = s.connection()
            units = _unit_tree(conn)
            child_of = _child_map(units, code)
            scope = unit_scope(conn, code)
            current: Figures = {}
            breakdowns: dict[str, list[Breakdown]] = {}
            by_unit: dict[str, Breakdown] = {}
            for register in REGISTER_ORDER:
                step(f"正在统计{REGISTERS[register].zh}")
                dims = tuple(d[0] for d in BREAKDOWNS[register])
                group = ("unit_code",) + dims
                scan = _Scan(register, group, _group_rows(conn, register, w, scope, group))
                total = _finish(register, scan.total())
                current[register] = total
                if register == "petitions":
                    total["by_channel"] = _by_code(scan.by("channel"), "petition_channel")
                breakdowns[register] = [
                    Breakdown(register, title, header,
                              _breakdown_rows(register, scan.by(field), codeset), total)
                    for field, codeset, title, header in BREAKDOWNS[register]]
                by_unit[register] = _unit_breakdown(register, scan, child_of, units, code, total)
            comparisons = []
            for other in (prev_p, last_p, ytd_p):
                step("正在统计上期、去年同期和本年累计")
                ow = Window(other, comparison_as_of(other, a, p))
                comparisons.append(self._totals(conn, ow, scope))
            step("正在整理逾期及重大风险事项")
            items, items_total = _items(conn, w, scope, units, items_limit)
            step("正在统计近12个月趋势")
            trend = _trend(conn, p, scope)
        identity = self.ctx.identity
        return ReportData(
            unit_code=code, unit_name=units[code][0], period=p, as_of=a,
            generated_at=dt.datetime.now().replace(microsecond=0),
            current=current, previous=comparisons[0], last_year=comparisons[1],
            ytd=comparisons[2], previous_period=prev_p, last_year_period=last_p,
            ytd_period=ytd_p, breakdowns=breakdowns, by_unit=by_unit, items=items,
            items_total=items_total, trend=trend,
            operator=identity.operator if identity else "")


def _by_code(groups: dict[Any, dict[str, int]], codeset: str) -> dict[str, dict[str, Any]]:
    """Figures per code of ``codeset`` (every code, zeros included: stable JSON keys)."""
    out = {c: complete("petitions", groups.get(c, {})) for c in codes_of(codeset)}
    for c, counts in groups.items():
        if c is not None and c not in out:
            out[str(c)] = complete("petitions", counts)
    return out


def _breakdown_rows(register: str, groups: dict[Any, dict[str, int]],
                    codeset: str) -> list[tuple[str, dict[str, Any]]]:
    rows = [(label(codeset, c), complete(register, groups.get(c, {}))) for c in codes_of(codeset)]
    known = set(codes_of(codeset))
    for c, counts in groups.items():
        if c not in known:
            rows.append(("未填写" if c is None else str(c), complete(register, counts)))
    return rows


def _unit_tree(conn: Connection) -> dict[str, tuple[str, str | None]]:
    """code → (name, parent code) for every unit (a small table)."""
    units = Unit.__table__.c
    return {code: (name, parent) for code, name, parent in
            conn.execute(select(units.code, units.name, units.parent_code))}


def _child_map(units: dict[str, tuple[str, str | None]], top: str) -> dict[str, str]:
    """For every unit under ``top``: the direct child of ``top`` it lies under (``top``
    itself maps to itself)."""
    out: dict[str, str] = {top: top}

    def resolve(code: str, seen: set[str]) -> str | None:
        if code in out:
            return out[code]
        parent = units.get(code, ("", None))[1]
        if parent is None or code in seen:
            return None
        if parent == top:
            out[code] = code
            return code
        found = resolve(parent, seen | {code})
        if found is not None:
            out[code] = found
        return found

    for code in units:
        resolve(code, set())
    return out


def _unit_breakdown(register: str, scan: _Scan, child_of: dict[str, str],
                    units: dict[str, tuple[str, str | None]], top: str,
                    total: dict[str, Any]) -> Breakdown:
    groups = scan.by("unit_code", lambda c: child_of.get(c, top))
    children = sorted(c for c, (_, parent) in units.items() if parent == top)
    rows = [(units[c][0], complete(register, groups.get(c, {}))) for c in children]
    own = groups.get(top)
    if own and any(own.values()):
        rows.insert(0, (OWN_LEVEL, complete(register, own)))
    return Breakdown(register, "按单位", "单位", rows, total)


def _items(conn: Connection, w: Window, scope: Any, units: dict[str, tuple[str, str | None]],
           limit: int) -> tuple[list[ReportItem], int]:
    """Overdue records at the as-of date and major-risk disputes (open at the as-of date or
    received in the period), most overdue first; at most ``limit`` of them, and the total.

    Candidates come from the same index ranges as the figures (open: ``closed_on`` empty or
    after the as-of date; received in the period), then only the listed rows are read."""
    a, s, e = w.as_of, w.period.start, w.period.end
    base = and_(R.deleted.is_(False), scope)
    major = and_(R.register == "disputes", R.risk_level == "major")
    open_at = _unindexed(R.received_on) <= a
    queries = [and_(R.register == r, still, open_at, or_(R.due_on < a, major))
               for r in REGISTER_ORDER
               for still in (R.closed_on.is_(None), R.closed_on > a)]
    queries.append(and_(R.register == "disputes", R.received_on.between(s, e), major))
    found: dict[int, tuple[bool, dt.date | None, str]] = {}
    for where in queries:
        for num, due, serial in conn.execute(select(R.num, R.due_on, R.serial)
                                             .where(base, where)):
            found[num] = (due is None, due, serial)
    chosen = sorted(found, key=lambda n: (found[n][0], found[n][1] or dt.date.min,
                                          found[n][2]))[:limit]
    stmt = select(R.num, R.id, R.register, R.serial, R.unit_code, R.summary, R.received_on,
                  R.due_on, R.status, R.handler, R.closed_on, R.risk_level)
    rows: dict[int, Any] = {}
    for start in range(0, len(chosen), 900):
        for row in conn.execute(stmt.where(R.num.in_(chosen[start:start + 900]))).mappings():
            rows[row["num"]] = row
    parties = _parties(conn, [rows[n]["id"] for n in chosen])
    items = []
    for r in (rows[n] for n in chosen):
        is_open = r["received_on"] is not None and r["received_on"] <= a and (
            r["closed_on"] is None or r["closed_on"] > a)
        late = is_open and r["due_on"] is not None and r["due_on"] < a
        reg = REGISTERS[r["register"]]
        items.append(ReportItem(
            register=r["register"], serial=r["serial"], unit_name=units.get(
                r["unit_code"], (r["unit_code"], None))[0],
            summary=r["summary"] or "", received_on=r["received_on"], due_on=r["due_on"],
            status_zh=label(reg.status_codeset, r["status"]), handler=r["handler"] or "",
            overdue_days=(a - r["due_on"]).days if late else None,
            major_risk=r["register"] == "disputes" and r["risk_level"] == "major",
            parties=parties.get(r["id"], [])))
    return items, len(found)


def _parties(conn: Connection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start:start + 900])
        stmt = (select(PARTIES).where(PARTIES.c.record_id.in_(chunk))
                .order_by(PARTIES.c.record_id, PARTIES.c.seq))
        for p in conn.execute(stmt).mappings():
            out.setdefault(p["record_id"], []).append({k: p[k] for k in PARTY_KEYS})
    return out


def _trend(conn: Connection, p: Period, scope: Any) -> list[TrendMonth]:
    """Intake per register for the 12 months ending with the period's last month."""
    months = p.months_back(12)
    month_key = func.substr(R.received_on, 1, 7)  # dates are ISO text in SQLite
    counts: dict[tuple[str, str], int] = {}
    for register in REGISTER_ORDER:  # one register at a time: its (register, received_on) index
        stmt = (select(month_key, func.count())
                .where(R.register == register, R.deleted.is_(False), scope,
                       R.received_on.between(months[0].start, months[-1].end))
                .group_by(month_key))
        for key, n in conn.execute(stmt):
            counts[(register, key)] = int(n)
    return [TrendMonth(m, {r: counts.get((r, m.text), 0) for r in REGISTER_ORDER})
            for m in months]
