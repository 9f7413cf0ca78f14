"""What the register tables show: columns per register and how values are displayed.

Labels come from ``domain.registers``/``domain.codes`` in the current UI language; the few
UI-only headers go through ``tr``. A column's ``sort`` names the ``records`` column the
database orders by (None: not sortable, e.g. the party names assembled from a child table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fazhi_desktop.domain import codes
from fazhi_desktop.domain import registers as R
from fazhi_desktop.ui import i18n
from fazhi_desktop.ui.i18n import tr

DUE_SOON_DAYS = 3
OVERDUE, DUE_SOON, ON_TIME = 2, 1, 0


@dataclass(frozen=True)
class Column:
    key: str
    sort: str | None


_COMMON_HEAD = ("serial", "summary", "party_names", "received_on", "status", "handler",
                "due_on", "deadline")
_COMMON_TAIL = ("closed_on", "unit_code")
_SPECIFIC: dict[str, tuple[str, ...]] = {
    "disputes": ("category", "risk_level", "source", "mediator"),
    "petitions": ("channel", "topic", "acceptance", "satisfaction"),
    "lawsuits": ("case_no", "cause", "court", "instance", "outcome"),
    "reviews": ("review_type", "submitting_dept", "reviewer", "conclusion"),
}
_UNSORTABLE = {"party_names"}
_SORT_ALIAS = {"deadline": "due_on"}


def columns_for(register: str | None) -> list[Column]:
    """The columns of one register's table, or (``None``) of a cross-register list."""
    keys: tuple[str, ...]
    if register is None:
        keys = ("register",) + _COMMON_HEAD + _COMMON_TAIL
    else:
        keys = _COMMON_HEAD + _SPECIFIC[register] + _COMMON_TAIL
    return [Column(k, None if k in _UNSORTABLE else _SORT_ALIAS.get(k, k)) for k in keys]


def header(register: str | None, key: str) -> str:
    lang = i18n.current()
    if key == "register":
        return tr("台账")
    if key == "party_names":
        return tr("当事人")
    if key == "deadline":
        return tr("期限状态")
    reg = R.REGISTERS[register] if register else R.DISPUTES
    if reg.has_field(key):
        return reg.field(key).label(lang)
    for field in R.ALL_FIELDS:
        if field.name == key:
            return field.label(lang)
    return key


def codeset_of(register: str, key: str) -> str | None:
    reg = R.REGISTERS[register]
    if key == "status":
        return reg.status_codeset
    if reg.has_field(key):
        return reg.field(key).codeset
    return None


def deadline_level(record: Mapping[str, Any], today: dt.date) -> int:
    """OVERDUE, DUE_SOON (within three days) or ON_TIME, for an open record."""
    due = record.get("due_on")
    if due is None or record.get("closed_on") is not None or record.get("deleted"):
        return ON_TIME
    if due < today:
        return OVERDUE
    if due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return ON_TIME


def deadline_text(record: Mapping[str, Any], today: dt.date) -> str:
    level = deadline_level(record, today)
    due = record.get("due_on")
    if level == OVERDUE:
        return tr("已逾期 {n} 天").format(n=(today - due).days)
    if level == DUE_SOON:
        days = (due - today).days
        return tr("今天到期") if days == 0 else tr("{n} 天内到期").format(n=days)
    return ""


def display(register: str, key: str, value: Any, *,
            units: Mapping[str, str] | None = None) -> str:
    """``value`` of field ``key`` as a table cell shows it, in the current language."""
    lang = i18n.current()
    if value is None or value == "":
        return ""
    if key == "register":
        return R.REGISTERS[value].label(lang)
    if key == "unit_code" and units is not None:
        return units.get(value, value)
    codeset = codeset_of(register, key)
    if codeset:
        return codes.label(codeset, value, lang)
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)
