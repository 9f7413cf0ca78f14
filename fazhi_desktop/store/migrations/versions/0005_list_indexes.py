"""Indexes for list views and the dashboard.

* ``ix_records_list`` (register, deleted, received_on): covers a register's default list order.
* ``ix_records_status`` (register, deleted, status, received_on): the status filter.
* ``ix_records_open`` (register, due_on) over open, not deleted records only (partial index):
  overdue and due-soon queries read a few thousand entries instead of the table.

Revision ID: 0005
Revises: safety_0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "safety_0004"
branch_labels = None
depends_on = None

OPEN = "closed_on IS NULL AND deleted = 0"


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_register_received")
        batch.create_index("ix_records_list", ["register", "deleted", "received_on"])
        batch.create_index("ix_records_status", ["register", "deleted", "status", "received_on"])
    op.create_index("ix_records_open", "records", ["register", "due_on"],
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_records_open", "records")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_status")
        batch.drop_index("ix_records_list")
        batch.create_index("ix_records_register_received", ["register", "received_on"])
