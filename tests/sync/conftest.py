"""Fixtures for sync tests.

``memory_keyring`` installs an in-memory keyring backend for one test (SPEC §7: tests choose
the backend the standard way, with ``keyring.set_keyring``) and restores the previous backend
afterwards. It is written so it can be lifted unchanged into the top-level ``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.errors
import pytest


# The product's in-memory backend (never chosen by keyring's discovery), reused here.
from fazhi_desktop.selftest import MemoryKeyring  # noqa: E402


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# --- nodes: initialised data folders that sync with each other ---------------------------------

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402

from fazhi_desktop.services import Services, open_services  # noqa: E402
from fazhi_desktop.services.setup import SetupInfo, initialise  # noqa: E402
from fazhi_desktop.services.sync import SyncService  # noqa: E402

PASSPHRASE = "金峰路司法所同步口令"
TODAY = dt.date(2026, 11, 27)


class Node:
    """One PC: its services and its sync service (open until ``close``)."""

    def __init__(self, folder: Path, name: str, code: str) -> None:
        self.folder = folder
        self.services: Services = open_services(folder, today=lambda: TODAY)
        initialise(self.services.ctx, SetupInfo(unit_code="JFL", unit_name="金峰路街道",
                                                node_name=name, node_code=code,
                                                operator=name.split("-")[-1]))
        self.sync = SyncService(self.services.ctx)
        self.sync.setup(PASSPHRASE)
        self.name = name

    @property
    def id(self) -> str:
        return self.services.ctx.require_identity().node_id

    @property
    def records(self):  # noqa: ANN201
        return self.services.records

    def close(self) -> None:
        self.services.close()


@pytest.fixture
def make_node(tmp_path, memory_keyring):  # noqa: ANN001, ANN201
    made: list[Node] = []

    def make(name: str = "金峰路街道司法所-张三", code: str | None = None) -> Node:
        code = code or f"N{len(made) + 1}"
        node = Node(tmp_path / f"node-{len(made) + 1}", name, code)
        made.append(node)
        return node

    yield make
    for node in made:
        node.close()


TABLES = {  # what an import writes, in a stable order (local row numbers left out)
    "records": "SELECT * FROM records ORDER BY id",
    "parties": "SELECT record_id, seq, name, role, id_number, phone, address FROM parties "
               "ORDER BY record_id, seq",
    "hearings": "SELECT record_id, seq, held_on, head_attended, attendee_name FROM hearings "
                "ORDER BY record_id, seq",
    "audit_log": "SELECT * FROM audit_log ORDER BY seq",
    "sync_stamps": "SELECT * FROM sync_stamps ORDER BY record_id, node",
    "sync_record_vv": "SELECT * FROM sync_record_vv ORDER BY record_id",
    "search_tri": "SELECT rowid, body FROM search_tri ORDER BY rowid",
    "search_cjk": "SELECT rowid, body FROM search_cjk ORDER BY rowid",
    "schema": "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
    "temp": "SELECT name FROM sqlite_temp_master",
}


def db_tables(node: Node) -> dict[str, list]:
    """Every table an import writes, row by row (search rows by local number)."""
    with node.services.ctx.read() as s:
        conn = s.connection()
        rows = {name: conn.exec_driver_sql(sql).all() for name, sql in TABLES.items()}
    rows["records"] = [row[1:] for row in rows["records"]]  # without num
    return rows
