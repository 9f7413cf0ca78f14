"""The figures of SPEC §3 as definitions: keys, labels, rate arithmetic and report periods.

Every layer that shows a figure (screen, PDF, xlsx, narrative, ``fazhi stats --json``) takes
its keys, labels and rounding from here, so the same figure cannot be computed or rounded two
ways. Stdlib only.

Rates are integer fractions shown as a percentage with one decimal, rounded half up
(601/614 → 97.9); a zero denominator gives ``None``, shown as "—" (never 0% or 100%).
Rates travel as ``float`` values with one decimal (97.9) because that is what the JSON of
``fazhi stats`` carries; they are always produced by :func:`rate` from integers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

DASH = "—"

# --------------------------------------------------------------------------- rates


def rate_tenths(numerator: int, denominator: int) -> int | None:
    """``numerator / denominator`` as a percentage in tenths, rounded half up; ``None`` if 0/0.

    >>> rate_tenths(601, 614)
    979
    """
    if denominator == 0:
        return None
    if numerator < 0 or denominator < 0:
        raise ValueError("rate of negative counts")
    # floor(1000 * n / d + 1/2) in integers only
    return (2000 * numerator + denominator) // (2 * denominator)


def rate(numerator: int, denominator: int) -> float | None:
    """The percentage with one decimal (``97.9``) or ``None`` for a zero denominator."""
    tenths = rate_tenths(numerator, denominator)
    return None if tenths is None else tenths / 10


def _tenths(value: float) -> int:
    """A one-decimal value back to exact tenths (97.9 → 979)."""
    return round(value * 10)


def format_rate(value: float | None, *, compact: bool = False) -> str:
    """``97.9`` → "97.9%", ``None`` → "—". ``compact`` drops a trailing ".0" ("100%"),
    the style of written reports; the figure is the same number."""
    if value is None:
        return DASH
    tenths = _tenths(value)
    whole, frac = divmod(tenths, 10)
    if compact and frac == 0:
        return f"{whole}%"
    return f"{whole}.{frac}%"


def format_count(value: int | None) -> str:
    return DASH if value is None else str(value)


def change_of_count(current: int, previous: int) -> float | None:
    """Growth of a count in percent, one decimal, half away from zero; ``None`` if previous is 0."""
    tenths = rate_tenths(abs(current - previous), previous)
    if tenths is None:
        return None
    return (tenths if current >= previous else -tenths) / 10


def change_of_rate(current: float | None, previous: float | None) -> float | None:
    """Difference of two rates in percentage points (exact in tenths); ``None`` if either is."""
    if current is None or previous is None:
        return None
    return (_tenths(current) - _tenths(previous)) / 10


def format_change(value: float | None, kind: str) -> str:
    """A 环比/同比 cell: counts "+12.5%", rates "+0.5个百分点", unknown "—"."""
    if value is None:
        return DASH
    tenths = _tenths(value)
    sign = "+" if tenths > 0 else ("-" if tenths < 0 else "")
    whole, frac = divmod(abs(tenths), 10)
    unit = "%" if kind == COUNT else "个百分点"
    return f"{sign}{whole}.{frac}{unit}"


# --------------------------------------------------------------------------- definitions

COUNT, RATE = "count", "rate"


@dataclass(frozen=True)
class FigureDef:
    """One figure of SPEC §3: its JSON key, label, kind and (for rates) what it divides."""

    key: str
    zh: str
    kind: str
    numerator: str | None = None
    denominator: str | None = None
    note: str = ""


def _c(key: str, zh: str, note: str = "") -> FigureDef:
    return FigureDef(key, zh, COUNT, note=note)


def _r(key: str, zh: str, num: str, den: str, note: str = "") -> FigureDef:
    return FigureDef(key, zh, RATE, num, den, note)


_OPEN = (
    _c("in_progress", "在办数", "截至日期仍未办结"),
    _c("overdue", "逾期数", "在办且期限早于截至日期"),
    _c("due_soon", "临期数", "在办且3日内到期"),
)

FIGURES: dict[str, tuple[FigureDef, ...]] = {
    "disputes": (
        _c("intake", "排查数", "本期登记"),
        _c("handled", "调处数", "本期登记且截至日期已办结"),
        _r("handled_rate", "调处率", "handled", "intake"),
        _c("resolved", "化解数", "调处数中调解成功"),
        _r("success_rate", "调解成功率", "resolved", "handled"),
        _r("on_time_rate", "按期调处率", "handled_on_time", "handled"),
        *_OPEN,
    ),
    "petitions": (
        _c("intake", "登记数", "本期登记"),
        _c("accepted", "受理数", "登记数中受理"),
        _c("closed", "办结数", "受理且已答复或终结"),
        _r("closed_rate", "办结率", "closed", "accepted"),
        _r("on_time_rate", "按期办结率", "closed_on_time", "closed"),
        _c("callbacks", "回访数", "满意度不是“未回访”"),
        _c("satisfied", "满意数", "满意+基本满意"),
        _r("satisfaction_rate", "满意率", "satisfied", "callbacks"),
        *_OPEN,
    ),
    "lawsuits": (
        _c("intake", "应诉案件数", "本期登记"),
        _c("heard", "开庭案件数", "本期开庭"),
        _c("attended", "负责人出庭案件数", "本期开庭且负责人出庭"),
        _r("attendance_rate", "出庭应诉率", "attended", "heard"),
        _c("judged", "裁判案件数", "本期判决/裁定"),
        _c("lost", "败诉数", "本期裁判且败诉"),
        _r("loss_rate", "败诉率", "lost", "judged"),
        _r("defence_on_time_rate", "按期答辩率", "defence_on_time", "served"),
        *_OPEN,
    ),
    "reviews": (
        _c("intake", "审查数", "本期送审"),
        _c("legality", "合法性审查数", "合同以外各类"),
        _c("contract", "合同审查数"),
        _c("completed", "完成数", "本期出具意见"),
        _c("approved", "通过数", "通过或修改后通过"),
        _r("approval_rate", "审查通过率", "approved", "completed"),
        _c("opinions", "法律意见数", "本期完成的审查提出的意见条数"),
        _c("opinions_adopted", "采纳意见数"),
        _r("adoption_rate", "采纳率", "opinions_adopted", "opinions"),
        _r("on_time_rate", "按期完成率", "completed_on_time", "completed"),
        *_OPEN,
    ),
}

REGISTER_ORDER = ("disputes", "petitions", "lawsuits", "reviews")
REGISTER_ZH = {"disputes": "矛盾纠纷", "petitions": "信访", "lawsuits": "行政应诉",
               "reviews": "合法性审查"}

# Breakdown dimensions of the report (SPEC §4): register -> (field, codeset, title, header).
BREAKDOWNS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "disputes": (("category", "dispute_category", "按纠纷类型", "纠纷类型"),),
    "petitions": (
        ("channel", "petition_channel", "按信访渠道", "信访渠道"),
        ("topic", "petition_topic", "按信访事项类别", "事项类别"),
    ),
    "lawsuits": (("cause", "lawsuit_cause", "按案由", "案由"),),
    "reviews": (("review_type", "review_type", "按审查类型", "审查类型"),),
}

# Integer helpers that rates divide but that the JSON does not print.
AUXILIARY = {
    "disputes": ("handled_on_time",),
    "petitions": ("closed_on_time",),
    "lawsuits": ("served", "defence_on_time"),
    "reviews": ("completed_on_time",),
}


def keys(register: str) -> tuple[str, ...]:
    """The JSON keys of one register, in SPEC order."""
    return tuple(f.key for f in FIGURES[register])


# Names of the auxiliary counts behind the on-time rates (shown as numerator/denominator).
AUX_ZH = {"handled_on_time": "按期调处数", "closed_on_time": "按期办结数",
          "served": "本期送达数", "defence_on_time": "按期答辩数",
          "completed_on_time": "按期完成数"}


def part_zh(register: str, key: str | None) -> str:
    """The Chinese name of a figure or of an auxiliary count of ``register``."""
    if key in AUX_ZH:
        return AUX_ZH[key]
    return next((f.zh for f in FIGURES[register] if f.key == key), key or "")


def figure(register: str, key: str) -> FigureDef:
    for f in FIGURES[register]:
        if f.key == key:
            return f
    raise KeyError(f"{register}.{key}")


def complete(register: str, counts: dict[str, int]) -> dict[str, Any]:
    """Turn the integer counts of one register into its JSON figures (counts and rates).

    ``counts`` must hold every count key of the register and its auxiliary integers; the
    rates are derived here and nowhere else.
    """
    out: dict[str, Any] = {}
    for f in FIGURES[register]:
        if f.kind == COUNT:
            out[f.key] = int(counts.get(f.key) or 0)
        else:
            assert f.numerator and f.denominator
            out[f.key] = rate(int(counts.get(f.numerator) or 0),
                              int(counts.get(f.denominator) or 0))
    return out


# --------------------------------------------------------------------------- periods


class FigureError(ValueError):
    """Bad input to a report or to the figures (period, unit, as-of date); Chinese message."""


MONTH, QUARTER, YEAR, RANGE = "month", "quarter", "year", "range"
_QUARTER_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    """A report period: a month, a quarter, a year or a date range (both ends included)."""

    kind: str
    start: dt.date
    end: dt.date
    text: str  # as the user wrote it, normalised ("2025-11", "2025-Q4", "2025", "A..B")

    @property
    def zh(self) -> str:
        """How the period is named in a printed report: 2025年11月, 2025年第四季度 …"""
        s = self.start
        if self.kind == MONTH:
            return f"{s.year}年{s.month}月"
        if self.kind == QUARTER:
            return f"{s.year}年{_QUARTER_ZH[(s.month - 1) // 3 + 1]}"
        if self.kind == YEAR:
            return f"{s.year}年"
        return f"{zh_date(self.start)}至{zh_date(self.end)}"

    @property
    def report_name(self) -> str:
        return {MONTH: "月报", QUARTER: "季报", YEAR: "年报"}.get(self.kind, "统计报表")

    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period just before (环比): the previous month/quarter/year, or for a range the
        range of equal length that ends the day before it starts."""
        if self.kind == MONTH:
            y, m = (self.start.year, self.start.month - 1) if self.start.month > 1 else (
                self.start.year - 1, 12)
            return month(y, m)
        if self.kind == QUARTER:
            q = (self.start.month - 1) // 3 + 1
            return quarter(self.start.year, q - 1) if q > 1 else quarter(self.start.year - 1, 4)
        if self.kind == YEAR:
            return year(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=self.days() - 1)
        return date_range(start, end)

    def same_period_last_year(self) -> Period:
        """The same period one year earlier (同比)."""
        if self.kind == MONTH:
            return month(self.start.year - 1, self.start.month)
        if self.kind == QUARTER:
            return quarter(self.start.year - 1, (self.start.month - 1) // 3 + 1)
        if self.kind == YEAR:
            return year(self.start.year - 1)
        return date_range(_shift_year(self.start, -1), _shift_year(self.end, -1))

    def year_to_date(self) -> Period:
        """1 January of the end's year to the end of this period (本年累计)."""
        return date_range(dt.date(self.end.year, 1, 1), self.end)

    def months_back(self, count: int = 12) -> list[Period]:
        """The ``count`` calendar months ending with the month of this period's end (trend)."""
        y, m = self.end.year, self.end.month
        out: list[Period] = []
        for _ in range(count):
            out.append(month(y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        return out[::-1]


def month(y: int, m: int) -> Period:
    return Period(MONTH, dt.date(y, m, 1), _month_end(y, m), f"{y:04d}-{m:02d}")


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(QUARTER, dt.date(y, first, 1), _month_end(y, first + 2), f"{y:04d}-Q{q}")


def year(y: int) -> Period:
    return Period(YEAR, dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y:04d}")


def date_range(start: dt.date, end: dt.date) -> Period:
    return Period(RANGE, start, end, f"{start.isoformat()}..{end.isoformat()}")


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_RE = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PERIOD_HELP = "可用格式：2025-11（月）、2025-Q4（季度）、2025（年）、2025-03-01..2025-06-30（日期范围）"


def _check_year(y: int, text: str) -> None:
    if not 1900 <= y <= 2200:
        raise FigureError(f"统计期间“{text}”的年份 {y} 不合理。{_PERIOD_HELP}")


def _endpoint(part: str, text: str, *, is_end: bool) -> dt.date:
    """One end of a FROM..TO range: a date, or a month (its first or last day)."""
    part = part.strip()
    m = _DATE_RE.match(part)
    if m:
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise FigureError(f"统计期间“{text}”中的日期“{part}”不存在。") from None
        _check_year(day.year, text)
        return day
    m = _MONTH_RE.match(part)
    if m and 1 <= int(m[2]) <= 12:
        _check_year(int(m[1]), text)
        p = month(int(m[1]), int(m[2]))
        return p.end if is_end else p.start
    raise FigureError(f"统计期间“{text}”中的“{part}”不是日期（应为 YYYY-MM-DD）。{_PERIOD_HELP}")


def parse_period(text: str) -> Period:
    """Parse ``2025-11``, ``2025-Q4``, ``2025`` or ``FROM..TO``; :class:`FigureError` otherwise."""
    raw = (text or "").strip()
    if not raw:
        raise FigureError(f"没有给出统计期间。{_PERIOD_HELP}")
    if ".." in raw:
        left, _, right = raw.partition("..")
        start = _endpoint(left, raw, is_end=False)
        end = _endpoint(right, raw, is_end=True)
        if end < start:
            raise FigureError(f"统计期间“{raw}”的结束日期早于开始日期。")
        return date_range(start, end)
    if m := _MONTH_RE.match(raw):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise FigureError(f"统计期间“{raw}”的月份 {mo} 不存在。{_PERIOD_HELP}")
        _check_year(y, raw)
        return month(y, mo)
    if m := _QUARTER_RE.match(raw):
        _check_year(int(m[1]), raw)
        return quarter(int(m[1]), int(m[2]))
    if m := _YEAR_RE.match(raw):
        _check_year(int(m[1]), raw)
        return year(int(m[1]))
    raise FigureError(f"无法识别统计期间“{raw}”。{_PERIOD_HELP}")


def parse_date(text: str, what: str = "截至日期") -> dt.date:
    m = _DATE_RE.match((text or "").strip())
    if not m:
        raise FigureError(f"{what}“{text}”不是日期，应写作 YYYY-MM-DD（例如 2025-11-30）。")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise FigureError(f"{what}“{text}”这一天不存在。") from None


def resolve_as_of(period: Period, as_of: dt.date | None, today: dt.date) -> dt.date:
    """The as-of date of SPEC §3: given, or the end of the period, or today if that is earlier.

    An as-of date before the period starts is refused (the figures would be meaningless).
    """
    if as_of is None:
        return min(period.end, today)
    if as_of < period.start:
        raise FigureError(
            f"截至日期 {as_of.isoformat()} 早于统计期间“{period.text}”的开始日期 "
            f"{period.start.isoformat()}，请改用期间内或之后的日期。")
    return as_of


def comparison_as_of(period: Period, main_as_of: dt.date, main: Period) -> dt.date:
    """As-of date for a comparison period: its end, but never later than the main as-of date
    (a year-to-date ending with the main period shares the main as-of date)."""
    if period.end >= main.end:
        return main_as_of
    return min(period.end, main_as_of)
