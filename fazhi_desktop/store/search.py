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

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # match_sql serves store.reads, which must not import SQLAlchemy
    from sqlalchemy import Connection

CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_tri USING fts5(body, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_cjk USING fts5(body, tokenize='unicode61')",
)
DROP_SQL = ("DROP TABLE IF EXISTS search_tri", "DROP TABLE IF EXISTS search_cjk")


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
    from sqlalchemy import text

    if replace:
        nums = [{"n": num} for num, _ in entries]
        conn.execute(text("DELETE FROM search_tri WHERE rowid = :n"), nums)
        conn.execute(text("DELETE FROM search_cjk WHERE rowid = :n"), nums)
    conn.execute(text("INSERT INTO search_tri(rowid, body) VALUES (:n, :b)"),
                 [{"n": num, "b": body} for num, body in entries])
    conn.execute(text("INSERT INTO search_cjk(rowid, body) VALUES (:n, :b)"),
                 [{"n": num, "b": cjk_tokens(body)} for num, body in entries])


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
