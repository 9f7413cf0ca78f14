"""Legal deadlines of SPEC §2 and §5, computed into ``due_on``.

Each rule is a number of calendar or working days from a start date; the numbers are
configurable (``DeadlineRules``, kept in the database's settings). A calendar-day deadline
that ends on a rest day moves to the next working day, as the procedural laws provide
(期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期); this can be turned off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from fazhi_desktop.domain.calendar import WorkCalendar
from fazhi_desktop.domain.codes import codes_of


def _review_defaults() -> dict[str, int]:
    return {code: 7 for code in codes_of("review_type")}


@dataclass
class DeadlineRules:
    dispute_days: int = 30                     # 人民调解 一般一个月内调结
    petition_accept_days: int = 15             # 信访工作条例: 15日内决定是否受理
    petition_handle_days: int = 60             # 受理之日起60日内办结
    petition_max_extension_days: int = 30      # 延长不超过30日
    petition_review_days: int = 30             # 复查/复核 30日内答复
    # channel -> working days for the whole work order (12345 热线工单)
    channel_workdays: dict[str, int] = field(default_factory=lambda: {"hotline_12345": 5})
    lawsuit_defence_days: int = 15             # 行政诉讼法 第67条
    # review type -> working days (重大行政决策程序暂行条例 第27条: 一般不少于7个工作日)
    review_workdays: dict[str, int] = field(default_factory=_review_defaults)
    roll_to_workday: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DeadlineRules:
        rules = cls()
        for key, value in (data or {}).items():
            if not hasattr(rules, key):
                continue
            if isinstance(getattr(rules, key), dict):
                merged = dict(getattr(rules, key))
                merged.update({str(k): int(v) for k, v in dict(value).items()})
                setattr(rules, key, merged)
            elif isinstance(getattr(rules, key), bool):
                setattr(rules, key, bool(value))
            else:
                setattr(rules, key, int(value))
        return rules


@dataclass(frozen=True)
class Deadline:
    due_on: dt.date | None
    rule: str  # the rule that produced it, in Chinese, for the editor and the reports


def _calendar_days(cal: WorkCalendar, start: dt.date, days: int, roll: bool) -> dt.date:
    due = start + dt.timedelta(days=days)
    return cal.next_workday_on_or_after(due) if roll else due


def compute(register: str, record: dict[str, Any], rules: DeadlineRules,
            cal: WorkCalendar) -> Deadline:
    """The deadline that applies to ``record`` in its current state."""
    received = record.get("received_on")
    roll = rules.roll_to_workday
    if register == "disputes":
        if received is None:
            return Deadline(None, "")
        return Deadline(_calendar_days(cal, received, rules.dispute_days, roll),
                        f"登记之日起{rules.dispute_days}日内调结")
    if register == "petitions":
        return _petition(record, rules, cal)
    if register == "lawsuits":
        served = record.get("served_on")
        if served is None or record.get("defence_submitted_on") is not None:
            return Deadline(None, "")
        return Deadline(_calendar_days(cal, served, rules.lawsuit_defence_days, roll),
                        f"收到起诉状副本之日起{rules.lawsuit_defence_days}日内提交答辩状（行政诉讼法第六十七条）")
    if register == "reviews":
        if received is None:
            return Deadline(None, "")
        kind = record.get("review_type") or "other"
        days = rules.review_workdays.get(kind, 7)
        return Deadline(cal.add_workdays(received, days), f"送审之日起{days}个工作日内完成审查")
    raise KeyError(register)


def _petition(record: dict[str, Any], rules: DeadlineRules, cal: WorkCalendar) -> Deadline:
    received = record.get("received_on")
    roll = rules.roll_to_workday
    channel = record.get("channel")
    if record.get("review_stage") in ("review", "recheck") and record.get("review_requested_on"):
        name = "复查" if record["review_stage"] == "review" else "复核"
        return Deadline(
            _calendar_days(cal, record["review_requested_on"], rules.petition_review_days, roll),
            f"收到{name}请求之日起{rules.petition_review_days}日内答复")
    if received is None:
        return Deadline(None, "")
    if channel in rules.channel_workdays:
        days = rules.channel_workdays[channel]
        return Deadline(cal.add_workdays(received, days), f"工单受理之日起{days}个工作日内办结")
    decided = record.get("decided_on")
    if record.get("acceptance") == "accepted" and decided is not None:
        extension = min(int(record.get("extension_days") or 0), rules.petition_max_extension_days)
        total = rules.petition_handle_days + extension
        text = f"受理之日起{rules.petition_handle_days}日内办结"
        if extension:
            text += f"，经批准延长{extension}日"
        return Deadline(_calendar_days(cal, decided, total, roll), text)
    return Deadline(_calendar_days(cal, received, rules.petition_accept_days, roll),
                    f"收到之日起{rules.petition_accept_days}日内决定是否受理并告知")


def defence_due(record: dict[str, Any], rules: DeadlineRules, cal: WorkCalendar) -> dt.date | None:
    """The lawsuit defence deadline, kept even after the defence is submitted (按期答辩率)."""
    served = record.get("served_on")
    if served is None:
        return None
    return _calendar_days(cal, served, rules.lawsuit_defence_days, rules.roll_to_workday)
