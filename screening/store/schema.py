"""The tables: an append-only, hash-chained record log, the rulebooks decisions rested on,
and the replacement-source ledger.

- ``records``: every decision, override, source registration, approval and release,
  in order (``seq``), each carrying the hash of the one before (``prev_hash``);
  ``log_head`` holds the last seq and hash and is locked by every writer, so the
  chain is appended one record at a time even with several officers at once.
- ``blobs`` / ``rulebook_files``: the rule files each decision was screened under,
  content-addressed (a file shared by many rulebook versions is stored once).
- ``sources`` / ``source_amounts``: the ledger; ``claimed`` never exceeds
  ``registered`` (a CHECK constraint backs the conditional update in claims.py).
  Amounts are integers in thousandths of their unit, so sums are exact.
- ``claim_entries``: one row per source and dimension an approval claims
  (positive) or a release gives back (negative); never updated.
- ``users``: who may log in to the web desk (``screening serve``), with one role
  (officer, policy, auditor) and an argon2 password hash; ``settings`` holds the
  key that signs session cookies, made on first use.

Tables are created only by the versioned migrations in migrations.py.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

# --- version 1: the record log and the rulebooks --------------------------------

log_head = Table(
    "log_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", Text, nullable=False),
    CheckConstraint("id = 1", name="ck_log_head_single_row"),
)

records = Table(
    "records", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", Text, nullable=False),
    Column("proposal_id", Text),
    Column("ref", Integer, ForeignKey("records.seq")),
    Column("actor", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False, unique=True),
    Index("ix_records_proposal", "proposal_id"),
    Index("ix_records_ref", "ref"),
)

blobs = Table(
    "blobs", metadata,
    Column("sha256", Text, primary_key=True),
    Column("content", LargeBinary, nullable=False),
)

rulebook_files = Table(
    "rulebook_files", metadata,
    Column("rulebook", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("blob", Text, ForeignKey("blobs.sha256"), nullable=False),
    PrimaryKeyConstraint("rulebook", "path"),
)

# --- version 2: the replacement-source ledger -----------------------------------

sources = Table(
    "sources", metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("retired", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("arose_on", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("in_shandong", Boolean, nullable=False),
    Column("record", Integer, ForeignKey("records.seq"), nullable=False),
)

source_amounts = Table(
    "source_amounts", metadata,
    Column("source_id", Text, ForeignKey("sources.id"), nullable=False),
    Column("dimension", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("registered", BigInteger, nullable=False),
    Column("claimed", BigInteger, nullable=False, default=0),
    PrimaryKeyConstraint("source_id", "dimension"),
    CheckConstraint("claimed >= 0 AND claimed <= registered", name="ck_claimed_within_registered"),
)

claim_entries = Table(
    "claim_entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record", Integer, ForeignKey("records.seq"), nullable=False),
    Column("decision", Integer, ForeignKey("records.seq"), nullable=False),
    Column("source_id", Text, nullable=False),
    Column("dimension", Text, nullable=False),
    Column("amount", BigInteger, nullable=False),
    CheckConstraint("amount <> 0", name="ck_claim_entry_nonzero"),
    Index("ix_claim_entries_source", "source_id", "dimension"),
    Index("ix_claim_entries_decision", "decision"),
)

# --- version 3: who may use the web desk, and the key that signs its sessions --------

users = Table(
    "users", metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    CheckConstraint("role IN ('officer', 'policy', 'auditor')", name="ck_users_role"),
)

settings = Table(
    "settings", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

VERSION_1 = [log_head, records, blobs, rulebook_files]
VERSION_2 = [sources, source_amounts, claim_entries]
VERSION_3 = [users, settings]
