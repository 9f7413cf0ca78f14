"""Trusted colleagues (peers) and what each is known to have seen.

A peer is trusted by its public key: a bundle is accepted only when its sender's node id is
trusted *with that same key* and not revoked. ``known_vv`` is the version vector carried by
the newest bundle received from that peer — a lower bound of what it has seen, which is what
an incremental export to it leaves out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from fazhi_desktop.sync import clocks as V
from fazhi_desktop.sync import keys
from fazhi_desktop.sync.bundle import Sender
from fazhi_desktop.sync.errors import UntrustedSender
from fazhi_desktop.sync.tables import PEERS


@dataclass(frozen=True)
class Peer:
    node_id: str
    name: str
    code: str
    fingerprint: str
    trusted_at: str
    revoked_at: str | None
    known_vv: dict[str, str]
    last_import_at: str | None

    @property
    def trusted(self) -> bool:
        return self.revoked_at is None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _peer(row: dict) -> Peer:  # type: ignore[type-arg]
    return Peer(row["node_id"], row["name"], row["code"], row["fingerprint"], row["trusted_at"],
                row["revoked_at"], json.loads(row["known_vv"] or "{}"), row["last_import_at"])


def all_peers(conn: Connection) -> list[Peer]:
    return [_peer(dict(r)) for r in conn.execute(select(PEERS).order_by(PEERS.c.name)).mappings()]


def get(conn: Connection, node_id: str) -> Peer | None:
    row = conn.execute(select(PEERS).where(PEERS.c.node_id == node_id)).mappings().first()
    return _peer(dict(row)) if row else None


def public_key(conn: Connection, node_id: str) -> str | None:
    return conn.execute(select(PEERS.c.public_key).where(PEERS.c.node_id == node_id)).scalar()


def check_trust(conn: Connection, sender: Sender, *, trust: bool) -> bool:
    """Raise UntrustedSender unless ``sender`` may be imported; True when it must be added."""
    row = conn.execute(select(PEERS).where(PEERS.c.node_id == sender.node_id)).mappings().first()
    who = f"“{sender.name}”（指纹 {sender.fingerprint}）"
    if row is not None and row["revoked_at"] is None \
            and row["public_key"] != keys.encode_public_key(sender.public_key):
        raise UntrustedSender(
            f"同步包自称来自已信任的同事{sender.name}，但签名密钥与之前的不同（新指纹 "
            f"{sender.fingerprint}，原指纹 {row['fingerprint']}）。可能是对方重装了程序，也可能是"
            "伪造的文件：请当面或电话核对指纹，确认后先撤销原信任，再使用 --trust 导入。",
            node_id=sender.node_id, name=sender.name, fingerprint=sender.fingerprint,
            kind="key_mismatch")
    if row is not None and row["revoked_at"] is not None and not trust:
        raise UntrustedSender(
            f"已撤销对{who}的信任，拒绝导入。如确认要重新信任，请核对指纹后使用 --trust。",
            node_id=sender.node_id, name=sender.name, fingerprint=sender.fingerprint,
            kind="revoked")
    if row is None and not trust:
        raise UntrustedSender(
            f"同步包来自尚未信任的同事{who}。请与对方当面或电话核对指纹，确认无误后使用 "
            "--trust 导入（图形界面中会请您确认）。",
            node_id=sender.node_id, name=sender.name, fingerprint=sender.fingerprint)
    return row is None or row["revoked_at"] is not None


def remember(conn: Connection, sender: Sender, sender_vv: dict[str, str], *,
             newly_trusted: bool) -> None:
    """Record a successful import from ``sender`` (trusting it first when asked)."""
    row = conn.execute(select(PEERS).where(PEERS.c.node_id == sender.node_id)).mappings().first()
    now = _now()
    if row is None:
        conn.execute(insert(PEERS).values(
            node_id=sender.node_id, name=sender.name, code=sender.code,
            public_key=keys.encode_public_key(sender.public_key), fingerprint=sender.fingerprint,
            trusted_at=now, revoked_at=None, known_vv=json.dumps(sender_vv, sort_keys=True),
            last_import_at=now))
        return
    known = V.join(json.loads(row["known_vv"] or "{}"), sender_vv)
    values = {"name": sender.name, "code": sender.code,
              "known_vv": json.dumps(known, sort_keys=True), "last_import_at": now}
    if newly_trusted:
        values.update(trusted_at=now, revoked_at=None, fingerprint=sender.fingerprint,
                      public_key=keys.encode_public_key(sender.public_key))
    conn.execute(PEERS.update().where(PEERS.c.node_id == sender.node_id).values(**values))


def trust_key(conn: Connection, sender: Sender) -> None:
    """Trust ``sender`` without importing (the GUI's confirmation, or a pre-shared key)."""
    remember(conn, sender, {}, newly_trusted=True)


def revoke(conn: Connection, node_id: str) -> bool:
    result = conn.execute(PEERS.update().where(PEERS.c.node_id == node_id,
                                               PEERS.c.revoked_at.is_(None))
                          .values(revoked_at=_now()))
    return bool(result.rowcount)
