"""Full-text search across the registers — the one SQLite-specific module.

Two FTS5 indexes over the same text (serial, summary, handler, case number, party names,
ID numbers and phones), keyed by ``records.num``:

* ``search_tri`` (trigram tokenizer) answers queries of three characters or more, any
  substring, Chinese or digits.
* ``search_cjk`` (unicode61 over the Chinese characters only, one token per character)
  answers one- and two-character Chinese queries as a phrase — trigram matches nothing
  shorter than three characters, and most Chinese given names are two.

Other short queries (one or two digits or letters) fall back to a scan, which is still
correct, just slower.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # match_sql serves store.reads, which must not import SQLAlchemy
    from sqlalchemy import Connection

CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_tri USING fts5(body, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_cjk USING fts5(body, tokenize='unicode61')",
)
DROP_SQL = ("DROP TABLE IF EXISTS search_tri", "DROP TABLE IF EXISTS search_cjk")
TABLES = ("search_tri", "search_cjk")
DEFAULT_HASH_BYTES = 1024 * 1024   # FTS5's own default 'hashsize'
LARGE_HASH_BYTES = 64 * 1024 * 1024


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _is_cjk(ch: str) -> bool:
    return _CJK.fullmatch(ch) is not None


def cjk_tokens(body: str) -> str:
    return " ".join(_CJK.findall(body))


def body_of(record: dict[str, object], parties: Iterable[dict[str, object]]) -> str:
    parts: list[str] = [str(record.get(k) or "") for k in ("serial", "summary", "handler", "case_no")]
    for party in parties:
        parts.extend(str(party.get(k) or "") for k in ("name", "id_number", "phone"))
    return " ".join(p for p in parts if p)


def index(conn: Connection, entries: Sequence[tuple[int, str]], *, replace: bool) -> None:
    """Index ``(num, body)`` pairs; ``replace`` first removes what was indexed for them."""
    if not entries or conn.dialect.name != "sqlite":
        return
    # Plain DB-API tuples: SQLAlchemy's per-row parameter handling would cost more than the
    # indexing of a large batch (issue 4).
    if replace:
        nums = [(num,) for num, _ in entries]
        conn.exec_driver_sql("DELETE FROM search_tri WHERE rowid = ?", nums)
        conn.exec_driver_sql("DELETE FROM search_cjk WHERE rowid = ?", nums)
    conn.exec_driver_sql("INSERT INTO search_tri(rowid, body) VALUES (?, ?)",
                         [(num, body) for num, body in entries])
    conn.exec_driver_sql("INSERT INTO search_cjk(rowid, body) VALUES (?, ?)",
                         [(num, cjk_tokens(body)) for num, body in entries])


@contextlib.contextmanager
def large_batch(conn: Connection) -> Iterator[None]:
    """Around indexing many records in one transaction: fewer, larger index segments.

    FTS5 keeps the terms of the rows a transaction inserts in memory and writes them out as a
    new segment whenever they pass its 'hashsize' (1 MiB by default), merging segments as they
    pile up. With 64 MiB, indexing 200,000 records writes and merges far less: the trigram
    index 5.8 → 2.6 s (issue 4). The setting is kept in each index's ``_config`` table, so it
    is put back as it was before the transaction ends (on failure the caller's rollback does).
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = {t: conn.exec_driver_sql(f"SELECT v FROM {t}_config WHERE k = 'hashsize'").scalar()
              for t in TABLES}
    for table in TABLES:
        conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)",
                             (LARGE_HASH_BYTES,))
    yield
    for table, value in before.items():
        conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)",
                             (DEFAULT_HASH_BYTES if value is None else value,))
        if value is None:  # it was not set: leave no trace of the default either
            conn.exec_driver_sql(f"DELETE FROM {table}_config WHERE k = 'hashsize'")


def staged_index(conn: Connection,
                 entries: Sequence[tuple[int, str]]) -> list[tuple[str, tuple[()]]]:
    """Stage ``(num, body)`` pairs of new records (not indexed yet, ascending ``num``) in a
    temporary table now, and return the statements that index them from it — two
    ``INSERT … SELECT`` that ``store.bulk.Background`` can run off the GIL — and drop it."""
    if not entries or conn.dialect.name != "sqlite":
        return []
    conn.exec_driver_sql("CREATE TEMP TABLE search_stage "
                         "(num INTEGER PRIMARY KEY, body TEXT, cjk TEXT)")
    conn.exec_driver_sql("INSERT INTO temp.search_stage (num, body, cjk) VALUES (?, ?, ?)",
                         [(num, body, cjk_tokens(body)) for num, body in entries])
    return [("INSERT INTO search_tri(rowid, body) SELECT num, body FROM temp.search_stage", ()),
            ("INSERT INTO search_cjk(rowid, body) SELECT num, cjk FROM temp.search_stage", ()),
            ("DROP TABLE temp.search_stage", ())]


def rebuild(conn: Connection) -> int:
    """Re-index every record from the tables (used by migrations and ``fazhi check --repair``)."""
    if conn.dialect.name != "sqlite":
        return 0
    conn.exec_driver_sql("DELETE FROM search_tri")
    conn.exec_driver_sql("DELETE FROM search_cjk")
    parties: dict[str, list[dict[str, object]]] = {}
    for rid, name, idn, phone in conn.exec_driver_sql(
            "SELECT record_id, name, id_number, phone FROM parties ORDER BY record_id, seq"):
        parties.setdefault(rid, []).append({"name": name, "id_number": idn, "phone": phone})
    rows = conn.exec_driver_sql(
        "SELECT num, id, serial, summary, handler, case_no FROM records").fetchall()
    entries = [
        (num, body_of({"serial": serial, "summary": summary, "handler": handler,
                       "case_no": case_no}, parties.get(rid, [])))
        for num, rid, serial, summary, handler, case_no in rows
    ]
    index(conn, entries, replace=False)
    return len(entries)


def match_sql(query: str) -> tuple[str, dict[str, str]]:
    """A SQL fragment selecting the ``num`` of records matching ``query`` and its params."""
    q = " ".join(query.split())
    if len(q) >= 3:
        return ("SELECT rowid FROM search_tri WHERE search_tri MATCH :q",
                {"q": '"' + q.replace('"', '""') + '"'})
    if q and all(_is_cjk(ch) for ch in q):
        return ("SELECT rowid FROM search_cjk WHERE search_cjk MATCH :q",
                {"q": '"' + " ".join(q) + '"'})
    return ("SELECT rowid FROM search_tri WHERE instr(body, :q) > 0", {"q": q})
