"""core tables

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("operator", sa.String(length=80), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("node_name", sa.String(length=120), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_record_id"), ["record_id"], unique=False)

    op.create_table(
        "nodes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("short_code", sa.String(length=8), nullable=False),
        sa.Column("is_self", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "serial_counters",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("node_code", sa.String(length=8), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("prefix", "year", "node_code"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "units",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("clock", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"],
            ["units.code"],
        ),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "records",
        sa.Column("num", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("register", sa.String(length=16), nullable=False),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("handler", sa.String(length=80), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_override_reason", sa.Text(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=24), nullable=True),
        sa.Column("category", sa.String(length=24), nullable=True),
        sa.Column("risk_level", sa.String(length=16), nullable=True),
        sa.Column("people_involved", sa.Integer(), nullable=True),
        sa.Column("amount_involved", sa.BigInteger(), nullable=True),
        sa.Column("mediation_type", sa.String(length=24), nullable=True),
        sa.Column("mediator", sa.String(length=80), nullable=True),
        sa.Column("agreement_no", sa.String(length=80), nullable=True),
        sa.Column("agreement_form", sa.String(length=16), nullable=True),
        sa.Column("performance", sa.String(length=16), nullable=True),
        sa.Column("judicial_confirmation", sa.Boolean(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_result", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("collective", sa.Boolean(), nullable=True),
        sa.Column("people_count", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=32), nullable=True),
        sa.Column("acceptance", sa.String(length=16), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("extension_days", sa.Integer(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("result", sa.String(length=24), nullable=True),
        sa.Column("review_stage", sa.String(length=16), nullable=True),
        sa.Column("review_requested_on", sa.Date(), nullable=True),
        sa.Column("review_replied_on", sa.Date(), nullable=True),
        sa.Column("satisfaction", sa.String(length=24), nullable=True),
        sa.Column("case_no", sa.String(length=80), nullable=True),
        sa.Column("court", sa.String(length=120), nullable=True),
        sa.Column("instance", sa.String(length=16), nullable=True),
        sa.Column("cause", sa.String(length=24), nullable=True),
        sa.Column("defendant", sa.String(length=120), nullable=True),
        sa.Column("served_on", sa.Date(), nullable=True),
        sa.Column("defence_due", sa.Date(), nullable=True),
        sa.Column("defence_submitted_on", sa.Date(), nullable=True),
        sa.Column("judged_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=24), nullable=True),
        sa.Column("appealed", sa.Boolean(), nullable=True),
        sa.Column("review_type", sa.String(length=32), nullable=True),
        sa.Column("submitting_dept", sa.String(length=120), nullable=True),
        sa.Column("reviewer", sa.String(length=80), nullable=True),
        sa.Column("opinions_count", sa.Integer(), nullable=True),
        sa.Column("opinions_adopted", sa.Integer(), nullable=True),
        sa.Column("conclusion", sa.String(length=24), nullable=True),
        sa.Column("risk_assessed", sa.Boolean(), nullable=True),
        sa.Column("risk_report_no", sa.String(length=80), nullable=True),
        sa.Column("counterparty", sa.String(length=120), nullable=True),
        sa.Column("contract_amount", sa.BigInteger(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("clocks", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_code"],
            ["units.code"],
        ),
        sa.PrimaryKeyConstraint("num"),
        sa.UniqueConstraint("id"),
        sa.UniqueConstraint("serial"),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_records_open_due", ["register", "deleted", "closed_on", "due_on"], unique=False
        )
        batch_op.create_index(
            "ix_records_register_received", ["register", "received_on"], unique=False
        )
        batch_op.create_index("ix_records_unit", ["unit_code"], unique=False)

    op.create_table(
        "hearings",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("head_attended", sa.Boolean(), nullable=True),
        sa.Column("attendee_name", sa.String(length=80), nullable=True),
        sa.Column("attendee_title", sa.String(length=80), nullable=True),
        sa.Column("attendee_rank", sa.String(length=16), nullable=True),
        sa.Column("absence_reason", sa.Text(), nullable=True),
        sa.Column("delegate_name", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("hearings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hearings_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_hearings_record_id"), ["record_id"], unique=False)

    op.create_table(
        "parties",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("id_number", sa.String(length=24), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parties_record_id"), ["record_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parties_record_id"))

    op.drop_table("parties")
    with op.batch_alter_table("hearings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hearings_record_id"))
        batch_op.drop_index(batch_op.f("ix_hearings_held_on"))

    op.drop_table("hearings")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_unit")
        batch_op.drop_index("ix_records_register_received")
        batch_op.drop_index("ix_records_open_due")

    op.drop_table("records")
    op.drop_table("units")
    op.drop_table("settings")
    op.drop_table("serial_counters")
    op.drop_table("nodes")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_record_id"))

    op.drop_table("audit_log")
