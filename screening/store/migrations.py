"""Versioned migrations: the only place tables are created or changed.

Each migration has a number and runs once, in order, inside one transaction
together with the row in ``schema_version`` that says it ran; an empty database
is brought to the newest version on first use, and a database written by a newer
version of the tool is refused rather than guessed at. A later schema change is
a new entry at the end of ``MIGRATIONS``, never an edit of an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select, text

from screening.errors import StoreError
from screening.store import schema
from screening.store.chain import GENESIS


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None]


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=schema.VERSION_1, checkfirst=False)
    conn.execute(insert(schema.log_head).values(id=1, seq=0, hash=GENESIS))


def _v2(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=schema.VERSION_2, checkfirst=False)


def _v3(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=schema.VERSION_3, checkfirst=False)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "record log (hash chain) and content-addressed rulebooks", _v1),
    Migration(2, "replacement-source ledger: sources, amounts, claim entries", _v2),
    Migration(3, "web desk users with roles, and the session signing key", _v3),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    found = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(found, default=0)


def migrate(conn: Connection, target: int = LATEST) -> list[int]:
    """Bring the schema to ``target`` inside the caller's transaction; the versions applied.

    The caller holds the database's write lock (BEGIN IMMEDIATE on SQLite, an
    advisory lock on PostgreSQL), so two processes opening a new database at
    once do not both create it.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(20220128)"))
    if not inspect(conn).has_table("schema_version"):
        schema.schema_version.create(conn)
    version = current_version(conn)
    if version > LATEST:
        raise StoreError.single(
            f"the database schema is at version {version}, newer than this tool knows "
            f"({LATEST})", expected="a newer version of screening")
    applied = []
    for migration in MIGRATIONS:
        if version < migration.version <= target:
            migration.upgrade(conn)
            conn.execute(insert(schema.schema_version).values(
                version=migration.version, description=migration.description,
                applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
            applied.append(migration.version)
    return applied
