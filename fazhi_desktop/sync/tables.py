"""SQLAlchemy Core tables of sync (created by migration ``sync_0003``).

Kept apart from ``store.models`` so sync owns its schema; the columns here must match the
migration.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

CONFLICTS = sa.Table(
    "conflicts", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("register", sa.String(16), nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("value_stamp", sa.String(80), nullable=False),
    sa.Column("value_by", sa.String(80), nullable=False),
    sa.Column("created_stamp", sa.String(80), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("settled_stamp", sa.String(80)),
    sa.Column("settled_keep", sa.String(16)),
    sa.Column("settled_by", sa.String(80)),
    sa.Column("settled_at", sa.String(32)),
)

PEERS = sa.Table(
    "sync_peers", metadata,
    sa.Column("node_id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("code", sa.String(8), nullable=False),
    sa.Column("public_key", sa.String(64), nullable=False),
    sa.Column("fingerprint", sa.String(48), nullable=False),
    sa.Column("trusted_at", sa.String(32), nullable=False),
    sa.Column("revoked_at", sa.String(32)),
    sa.Column("known_vv", sa.Text, nullable=False),
    sa.Column("last_import_at", sa.String(32)),
)

RECORD_VV = sa.Table(
    "sync_record_vv", metadata,
    sa.Column("record_id", sa.String(36), primary_key=True),
    sa.Column("vv", sa.Text, nullable=False),
)

STAMPS = sa.Table(
    "sync_stamps", metadata,
    sa.Column("record_id", sa.Text, primary_key=True),
    sa.Column("node", sa.Text, primary_key=True),
    sa.Column("stamp", sa.Text, nullable=False),
)

CONFLICT_COLUMNS = tuple(c.name for c in CONFLICTS.c)
