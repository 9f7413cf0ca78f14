"""SQLAlchemy models of the data folder's database (portable constructs only).

One ``records`` table holds the four registers: the common columns of SPEC §1 and every
register-specific column of §2 (NULL where a register does not use it). One wide table keeps
the figures of §3 plain SQL aggregates and a record one row. ``clocks`` holds, per field, the
hybrid-logical-clock stamp of its last change (``domain.hlc``) — what sync merges on.
SQLite-only parts (the full-text search tables) live in ``store.search``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (Boolean, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fazhi_desktop.store.types import Money, UTCDateTime


class Base(DeclarativeBase):
    pass


class Record(Base):
    __tablename__ = "records"

    num: Mapped[int] = mapped_column(Integer, primary_key=True)  # local row number
    id: Mapped[str] = mapped_column(String(36), unique=True)
    register: Mapped[str] = mapped_column(String(16))
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    unit_code: Mapped[str] = mapped_column(String(40), ForeignKey("units.code"))
    summary: Mapped[str | None] = mapped_column(Text)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24))
    handler: Mapped[str | None] = mapped_column(String(80))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    due_override_reason: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    # disputes
    source: Mapped[str | None] = mapped_column(String(24))
    category: Mapped[str | None] = mapped_column(String(24))
    risk_level: Mapped[str | None] = mapped_column(String(16))
    people_involved: Mapped[int | None] = mapped_column(Integer)
    amount_involved: Mapped[Decimal | None] = mapped_column(Money)
    mediation_type: Mapped[str | None] = mapped_column(String(24))
    mediator: Mapped[str | None] = mapped_column(String(80))
    agreement_no: Mapped[str | None] = mapped_column(String(80))
    agreement_form: Mapped[str | None] = mapped_column(String(16))
    performance: Mapped[str | None] = mapped_column(String(16))
    judicial_confirmation: Mapped[bool | None] = mapped_column(Boolean(create_constraint=False))
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_result: Mapped[str | None] = mapped_column(Text)
    # petitions
    channel: Mapped[str | None] = mapped_column(String(32))
    collective: Mapped[bool | None] = mapped_column(Boolean(create_constraint=False))
    people_count: Mapped[int | None] = mapped_column(Integer)
    topic: Mapped[str | None] = mapped_column(String(32))
    acceptance: Mapped[str | None] = mapped_column(String(16))
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    extension_days: Mapped[int | None] = mapped_column(Integer)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    replied_on: Mapped[dt.date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(24))
    review_stage: Mapped[str | None] = mapped_column(String(16))
    review_requested_on: Mapped[dt.date | None] = mapped_column(Date)
    review_replied_on: Mapped[dt.date | None] = mapped_column(Date)
    satisfaction: Mapped[str | None] = mapped_column(String(24))
    # lawsuits
    case_no: Mapped[str | None] = mapped_column(String(80))
    court: Mapped[str | None] = mapped_column(String(120))
    instance: Mapped[str | None] = mapped_column(String(16))
    cause: Mapped[str | None] = mapped_column(String(24))
    defendant: Mapped[str | None] = mapped_column(String(120))
    served_on: Mapped[dt.date | None] = mapped_column(Date)
    defence_due: Mapped[dt.date | None] = mapped_column(Date)
    defence_submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    judged_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(24))
    appealed: Mapped[bool | None] = mapped_column(Boolean(create_constraint=False))
    # reviews
    review_type: Mapped[str | None] = mapped_column(String(32))
    submitting_dept: Mapped[str | None] = mapped_column(String(120))
    reviewer: Mapped[str | None] = mapped_column(String(80))
    opinions_count: Mapped[int | None] = mapped_column(Integer)
    opinions_adopted: Mapped[int | None] = mapped_column(Integer)
    conclusion: Mapped[str | None] = mapped_column(String(24))
    risk_assessed: Mapped[bool | None] = mapped_column(Boolean(create_constraint=False))
    risk_report_no: Mapped[str | None] = mapped_column(String(80))
    counterparty: Mapped[str | None] = mapped_column(String(120))
    contract_amount: Mapped[Decimal | None] = mapped_column(Money)
    # bookkeeping
    deleted: Mapped[bool] = mapped_column(Boolean(create_constraint=False), default=False)
    origin_node: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(80))
    clocks: Mapped[str] = mapped_column(Text)  # JSON {field: hlc stamp}

    __table_args__ = (
        Index("ix_records_list", "register", "deleted", "received_on"),
        Index("ix_records_status", "register", "deleted", "status", "received_on"),
        Index("ix_records_open_due", "register", "deleted", "closed_on", "due_on"),
        # Partial index of open records (migration 0005 also gives PostgreSQL the same
        # WHERE; naming the postgresql dialect here would import it on every start).
        Index("ix_records_open", "register", "due_on",
              sqlite_where=text("closed_on IS NULL AND deleted = 0")),
        Index("ix_records_unit", "unit_code"),
    )


class Party(Base):
    __tablename__ = "parties"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str | None] = mapped_column(String(16))
    id_number: Mapped[str | None] = mapped_column(String(24))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(Text)


class Hearing(Base):
    __tablename__ = "hearings"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    head_attended: Mapped[bool | None] = mapped_column(Boolean(create_constraint=False))
    attendee_name: Mapped[str | None] = mapped_column(String(80))
    attendee_title: Mapped[str | None] = mapped_column(String(80))
    attendee_rank: Mapped[str | None] = mapped_column(String(16))
    absence_reason: Mapped[str | None] = mapped_column(Text)
    delegate_name: Mapped[str | None] = mapped_column(String(80))


class Unit(Base):
    """Org units (SPEC §6): district → township/street → village/community → grid."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_code: Mapped[str | None] = mapped_column(String(40), ForeignKey("units.code"))
    level: Mapped[str] = mapped_column(String(16))  # district / township / village / grid
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    clock: Mapped[str] = mapped_column(String(80))


class Node(Base):
    """Installations (PCs) this database knows: itself (``is_self``) and colleagues."""

    __tablename__ = "nodes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    short_code: Mapped[str] = mapped_column(String(8))
    is_self: Mapped[bool] = mapped_column(Boolean(create_constraint=False), default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """Append-only trail of every change (SPEC §8); ``hash`` chains each entry to the last."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(16))  # create update delete restore merge settle
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    operator: Mapped[str] = mapped_column(String(80))
    node_id: Mapped[str] = mapped_column(String(36))
    node_name: Mapped[str] = mapped_column(String(120))
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [from, to]}
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SerialCounter(Base):
    __tablename__ = "serial_counters"
    __table_args__ = (UniqueConstraint("prefix", "year", "node_code"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(4))
    year: Mapped[int] = mapped_column(Integer)
    node_code: Mapped[str] = mapped_column(String(8))
    last: Mapped[int] = mapped_column(Integer)


class Setting(Base):
    """Settings that matter live in the database (JSON values)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
