"""sync: conflicts, trusted peers, per-record knowledge vectors, per-node change index

Revision ID: sync_0003
Revises: 0002
Create Date: 2026-11-27

``sync_stamps`` holds, per record and per node, the newest clock stamp of that node ever in
the record's ``clocks``; two triggers keep it current on every insert and clock change, so an
incremental export finds what a colleague has not seen with index range scans instead of
reading every record. Stamps are ``<13 digits>.<5 digits>.<node id>`` (``domain.hlc``): the
node id starts at character 21.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "sync_0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Keeps the newest stamp of each node ever seen in the record's clocks (never lowered: when a
# local edit overwrites a colleague's last stamp, the record still remembers having seen it).
_FILL = ("INSERT INTO sync_stamps (record_id, node, stamp) "
         "SELECT {id}, substr(j.value, 21), max(j.value) FROM json_each({clocks}) AS j "
         "WHERE true GROUP BY substr(j.value, 21) "
         "ON CONFLICT (record_id, node) DO UPDATE SET stamp = max(stamp, excluded.stamp)")


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("record_id", sa.String(36), nullable=False, index=True),
        sa.Column("register", sa.String(16), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),          # JSON of the losing value
        sa.Column("value_stamp", sa.String(80), nullable=False),  # its clock stamp
        sa.Column("value_by", sa.String(80), nullable=False),     # operator/node who wrote it
        sa.Column("created_stamp", sa.String(80), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("settled_stamp", sa.String(80), nullable=True),
        sa.Column("settled_keep", sa.String(16), nullable=True),  # local / incoming
        sa.Column("settled_by", sa.String(80), nullable=True),
        sa.Column("settled_at", sa.String(32), nullable=True),
    )
    op.create_table(
        "sync_peers",
        sa.Column("node_id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(48), nullable=False),
        sa.Column("trusted_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32), nullable=True),
        sa.Column("known_vv", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("last_import_at", sa.String(32), nullable=True),
    )
    op.create_table(
        "sync_record_vv",
        sa.Column("record_id", sa.String(36), primary_key=True),
        sa.Column("vv", sa.Text(), nullable=False),
    )
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql(
        "CREATE TABLE sync_stamps (record_id TEXT NOT NULL, node TEXT NOT NULL, "
        "stamp TEXT NOT NULL, PRIMARY KEY (record_id, node)) WITHOUT ROWID")
    conn.exec_driver_sql("CREATE INDEX ix_sync_stamps_node ON sync_stamps (node, stamp)")
    conn.exec_driver_sql(
        "CREATE TRIGGER sync_stamps_insert AFTER INSERT ON records BEGIN "
        + _FILL.format(id="NEW.id", clocks="NEW.clocks") + "; END")
    conn.exec_driver_sql(
        "CREATE TRIGGER sync_stamps_update AFTER UPDATE OF clocks ON records BEGIN "
        + _FILL.format(id="NEW.id", clocks="NEW.clocks") + "; END")
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO sync_stamps (record_id, node, stamp) "
        "SELECT r.id, substr(j.value, 21), max(j.value) FROM records AS r, "
        "json_each(r.clocks) AS j GROUP BY r.id, substr(j.value, 21)")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS sync_stamps_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS sync_stamps_insert")
        conn.exec_driver_sql("DROP TABLE IF EXISTS sync_stamps")
    op.drop_table("sync_record_vv")
    op.drop_table("sync_peers")
    op.drop_table("conflicts")
