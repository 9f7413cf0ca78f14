"""attachments: files (scans of agreements, judgments, opinions) attached to records

Revision ID: safety_0004
Revises: sync_0003
Create Date: 2026-11-27

One row per file attached to a record. The content lives outside the database, addressed by
its SHA-256 (``<data_dir>/attachments/<sha256[:2]>/<sha256>``), so the same scan attached
twice is stored once. ``deleted`` puts an attachment in the recycle bin; ``clock`` is the
hybrid-logical-clock stamp of the last change to the row (what sync merges on).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "safety_0004"
down_revision = "sync_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("record_id", sa.String(36),
                  sa.ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),           # original file name
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mime", sa.String(120), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),   # UTC ISO text
        sa.Column("added_by", sa.String(80), nullable=False),   # operator
        sa.Column("node_id", sa.String(36), nullable=False),    # PC that added it
        sa.Column("deleted", sa.Boolean(create_constraint=False), nullable=False,
                  server_default=sa.text("0")),
        sa.Column("changed_at", sa.String(32), nullable=False),
        sa.Column("changed_by", sa.String(80), nullable=False),
        sa.Column("clock", sa.String(80), nullable=False, server_default=""),
    )
    op.create_index("ix_attachments_record", "attachments", ["record_id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_attachments_sha256", "attachments")
    op.drop_index("ix_attachments_record", "attachments")
    op.drop_table("attachments")
