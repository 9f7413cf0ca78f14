"""Full-text search indexes (SQLite only), filled from the existing records.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

from fazhi_desktop.store import search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for sql in search.CREATE_SQL:
        conn.exec_driver_sql(sql)
    search.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    for sql in search.DROP_SQL:
        conn.exec_driver_sql(sql)
