"""What a register view, ``records list`` or an export asks for — plain values, no SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Filters:
    """What a register view or ``records list`` asks for. All optional."""

    register: str | None = None
    status: Sequence[str] | None = None
    search: str | None = None
    unit: str | None = None            # this unit and every unit below it
    handler: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    overdue_on: dt.date | None = None  # open records with due_on before this date
    deleted: bool = False              # True: the recycle bin
    order_by: str = "received_on"
    descending: bool = True
