"""Fixtures for the data-safety tests: a writer (lock holder) on a copied data folder, and
helpers to snapshot everything a user would notice about the records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fazhi_desktop.domain.convert import record_to_json
from fazhi_desktop.domain.filters import Filters
from fazhi_desktop.services import Services, lock, open_services
from tests.conftest import TODAY
from tests.helpers import BUILDERS


@pytest.fixture
def writer(data_dir: Path) -> Iterator[Services]:
    """Services opened the way the GUI and CLI writers open them: holding the writer lock."""
    with lock.acquire(data_dir, "pytest"), open_services(data_dir, today=lambda: TODAY) as sv:
        yield sv


def add_records(sv: Services, n: int, register: str = "disputes") -> list[dict[str, Any]]:
    return sv.records.create_many(register, [BUILDERS[register](summary=f"第{i}号 测试")
                                             for i in range(n)])


def everything(sv: Services) -> list[dict[str, Any]]:
    """Every record (recycle bin included) as JSON, in a stable order."""
    records = []
    for register in BUILDERS:
        for deleted in (False, True):
            nums = sv.records.nums(Filters(register=register, deleted=deleted))
            records += [record_to_json(r) for r in sv.records.fetch(nums)]
    return sorted(records, key=lambda r: r["id"])
