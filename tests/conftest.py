"""Shared fixtures: an initialised data folder, built once per session and copied per test."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fazhi_desktop.services import Services, open_services
from fazhi_desktop.services.setup import SetupInfo, initialise

TODAY = dt.date(2026, 11, 27)
OFFICE = SetupInfo(unit_code="632801", unit_name="西城区", node_name="西城区司法所-张三",
                   node_code="XC1", operator="张三", unit_level="district")


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "data"
    with open_services(folder, today=lambda: TODAY) as sv:
        initialise(sv.ctx, OFFICE)
        sv.units.add("632801001", "郭勒木德镇", "632801", "township")
        sv.units.add("632801001001", "新华村", "632801001", "village")
        sv.units.add("632801002", "金峰路街道", "632801", "township")
    return folder


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    with open_services(data_dir, today=lambda: TODAY) as sv:
        yield sv


@pytest.fixture(autouse=True)
def _isolated_keyring() -> Iterator[None]:
    """Every test gets an empty in-memory keyring: no test touches the real one."""
    import keyring

    from tests.sync.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
