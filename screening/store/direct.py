"""`screening screen` on an SQLite file: the ledger read, decisions recorded, no SQLAlchemy.

Importing SQLAlchemy and opening a database through it costs about 0.3 s a run, as
long as recording 300 decisions. When the database is an SQLite file (not a URL)
that is new or already at this tool's schema version, `screen` reads the ledger and
records its decisions here with the sqlite3 module: the same statements, the same
write lock (BEGIN IMMEDIATE, the log head read under it), the same records and
chain (chain.py's ``Entry`` and hashing.py), and a new file gets the very tables
the migrations create (``SCHEMA``: tests/store/test_direct.py compares the two).
Any other database (a URL, another schema version, a file that does not open as
this schema) is left to database.Store as before, with its messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screening.errors import StoreError
from screening.store.entries import chained_rows
from screening.store.hashing import GENESIS
from screening.store.paths import BUSY_TIMEOUT, ENV, default_path

#: the schema version made and read here (migrations.LATEST; the test holds them equal)
SCHEMA_VERSION = 3
#: what migrations 1-3 create on SQLite, in their order (schema.py as SQLAlchemy writes it)
SCHEMA = (
    "CREATE TABLE schema_version (\n\tversion INTEGER NOT NULL, \n\tdescription TEXT NOT NULL,"
    " \n\tapplied_at TEXT NOT NULL, \n\tPRIMARY KEY (version)\n)",
    "CREATE TABLE log_head (\n\tid INTEGER NOT NULL, \n\tseq INTEGER NOT NULL, \n\thash TEXT"
    " NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT ck_log_head_single_row CHECK (id = 1)\n)",
    "CREATE TABLE records (\n\tseq INTEGER NOT NULL, \n\tkind TEXT NOT NULL, \n\tproposal_id"
    " TEXT, \n\tref INTEGER, \n\tactor TEXT NOT NULL, \n\tcreated_at TEXT NOT NULL, \n\tbody"
    " TEXT NOT NULL, \n\tprev_hash TEXT NOT NULL, \n\thash TEXT NOT NULL, \n\tPRIMARY KEY"
    " (seq), \n\tFOREIGN KEY(ref) REFERENCES records (seq), \n\tUNIQUE (hash)\n)",
    "CREATE INDEX ix_records_proposal ON records (proposal_id)",
    "CREATE INDEX ix_records_ref ON records (ref)",
    "CREATE TABLE blobs (\n\tsha256 TEXT NOT NULL, \n\tcontent BLOB NOT NULL, \n\tPRIMARY KEY"
    " (sha256)\n)",
    "CREATE TABLE rulebook_files (\n\trulebook TEXT NOT NULL, \n\tpath TEXT NOT NULL, \n\tblob"
    " TEXT NOT NULL, \n\tPRIMARY KEY (rulebook, path), \n\tFOREIGN KEY(blob) REFERENCES blobs"
    " (sha256)\n)",
    "CREATE TABLE sources (\n\tid TEXT NOT NULL, \n\tkind TEXT NOT NULL, \n\tdescription TEXT"
    " NOT NULL, \n\tretired TEXT NOT NULL, \n\tevidence TEXT NOT NULL, \n\tarose_on TEXT NOT"
    " NULL, \n\tplace TEXT NOT NULL, \n\tin_shandong BOOLEAN NOT NULL, \n\trecord INTEGER NOT"
    " NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(record) REFERENCES records (seq)\n)",
    "CREATE TABLE claim_entries (\n\tid INTEGER NOT NULL, \n\trecord INTEGER NOT NULL,"
    " \n\tdecision INTEGER NOT NULL, \n\tsource_id TEXT NOT NULL, \n\tdimension TEXT NOT NULL,"
    " \n\tamount BIGINT NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT ck_claim_entry_nonzero"
    " CHECK (amount <> 0), \n\tFOREIGN KEY(record) REFERENCES records (seq), \n\tFOREIGN"
    " KEY(decision) REFERENCES records (seq)\n)",
    "CREATE INDEX ix_claim_entries_source ON claim_entries (source_id, dimension)",
    "CREATE INDEX ix_claim_entries_decision ON claim_entries (decision)",
    "CREATE TABLE source_amounts (\n\tsource_id TEXT NOT NULL, \n\tdimension TEXT NOT NULL,"
    " \n\tunit TEXT NOT NULL, \n\tregistered BIGINT NOT NULL, \n\tclaimed BIGINT NOT NULL,"
    " \n\tPRIMARY KEY (source_id, dimension), \n\tCONSTRAINT ck_claimed_within_registered CHECK"
    " (claimed >= 0 AND claimed <= registered), \n\tFOREIGN KEY(source_id) REFERENCES sources"
    " (id)\n)",
    "CREATE TABLE users (\n\tname TEXT NOT NULL, \n\trole TEXT NOT NULL, \n\tpassword_hash TEXT"
    " NOT NULL, \n\tcreated_at TEXT NOT NULL, \n\tactive BOOLEAN NOT NULL, \n\tPRIMARY KEY"
    " (name), \n\tCONSTRAINT ck_users_role CHECK (role IN ('officer', 'policy', 'auditor'))\n)",
    "CREATE TABLE settings (\n\t\"key\" TEXT NOT NULL, \n\tvalue TEXT NOT NULL, \n\tPRIMARY KEY"
    " (\"key\")\n)",
)
#: the migrations' numbers and descriptions (migrations.MIGRATIONS; the test holds them equal)
VERSIONS = (
    (1, "record log (hash chain) and content-addressed rulebooks"),
    (2, "replacement-source ledger: sources, amounts, claim entries"),
    (3, "web desk users with roles, and the session signing key"),
)
_INSERT = ("INSERT INTO records (seq, kind, proposal_id, ref, actor, created_at, body, "
           "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?)")


def sqlite_path(db: str | None) -> Path | None:
    """The SQLite file ``--db`` (else $SCREENING_DB, else the default) names; None for a URL."""
    import os

    given = db or os.environ.get(ENV)
    if not given:
        return default_path()
    if "://" in given:
        return None
    return Path(given).expanduser().absolute()


class DirectStore:
    """An SQLite file at this schema version, opened with the sqlite3 module."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path, self.conn = path, conn
        self.utf8 = conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"

    @classmethod
    def open(cls, path: Path) -> DirectStore | None:
        """The file opened (created with the whole schema if new); None if it is anything
        else, for database.Store to open or refuse."""
        if path.exists() and not path.is_file():
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000}")
            conn.execute("BEGIN IMMEDIATE")  # two processes creating one file: one does
            try:
                version = _version(conn)
                if version == 0 and _empty(conn):
                    _create(conn)
                    version = SCHEMA_VERSION
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            conn.close()
            return None
        if version != SCHEMA_VERSION:
            conn.close()
            return None
        return cls(path, conn)

    def describe(self) -> str:
        return f"sqlite:///{self.path}"  # as SQLAlchemy's URL shows it

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.IntegrityError as exc:
            raise StoreError.single(f"database {self.describe()} refused a change: "
                                    f"{_reason(exc)}") from None
        except sqlite3.Error as exc:
            raise StoreError.single(f"database {self.describe()}: {_reason(exc)}") from None

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._errors():
            self.conn.execute(begin)
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def reading(self) -> Any:
        return self._transaction("BEGIN")

    @contextmanager
    def writing(self) -> Iterator[DirectWriter]:
        """One transaction holding the log head (BEGIN IMMEDIATE): committed at the end."""
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield DirectWriter(conn, self.utf8)

    def close(self) -> None:
        self.conn.close()


class DirectWriter:
    """chain.Writer's ``append_numbered`` and decisions.store_rulebook on sqlite3."""

    def __init__(self, conn: sqlite3.Connection, utf8: bool) -> None:
        self.conn, self.utf8 = conn, utf8
        self.seq, self.hash = conn.execute("SELECT seq, hash FROM log_head WHERE id = 1").fetchone()

    def append_numbered(self, entries: Sequence[Any]) -> list[int]:
        """Number, time, chain and insert prepared records (chain.Entry) in one statement."""
        rows = [row for row, _ in chained_rows(entries, self.seq, self.hash, self.utf8)]
        if rows:
            self.conn.executemany(_INSERT, rows)
            seq, previous = rows[-1][0], rows[-1][-1]
            self.conn.execute("UPDATE log_head SET seq = ?, hash = ? WHERE id = 1",
                              (seq, previous))
            self.seq, self.hash = seq, previous
        return [row[0] for row in rows]

    def store_rulebook(self, rulebook_hash: str, files: dict[str, bytes]) -> bool:
        """The rule files stored under ``rulebook_hash`` unless already there; True if
        stored (decisions.store_rulebook)."""
        import hashlib

        if self.conn.execute("SELECT path FROM rulebook_files WHERE rulebook = ? LIMIT 1",
                             (rulebook_hash,)).fetchone() is not None:
            return False
        rows = [(path, hashlib.sha256(content).hexdigest(), content)
                for path, content in sorted(files.items())]
        wanted = sorted({sha for _, sha, _ in rows})
        stored = {sha for (sha,) in self.conn.execute(
            f"SELECT sha256 FROM blobs WHERE sha256 IN ({', '.join('?' * len(wanted))})",
            wanted)} if wanted else set()
        new = {sha: content for _, sha, content in rows if sha not in stored}
        self.conn.executemany("INSERT INTO blobs (sha256, content) VALUES (?, ?)", new.items())
        self.conn.executemany("INSERT INTO rulebook_files (rulebook, path, blob) VALUES (?, ?, ?)",
                              [(rulebook_hash, path, sha) for path, sha, _ in rows])
        return True


def ledger_view(conn: sqlite3.Connection, ids: list[str], milli: int) -> dict[str, Any]:
    """sources.view: what the ledger says now about ``ids``."""
    found: dict[str, Any] = {sid: None for sid in ids}
    if not ids:
        return found
    marks = ", ".join("?" * len(ids))
    for sid, kind, description, arose_on, in_shandong, place, evidence in conn.execute(
            "SELECT id, kind, description, arose_on, in_shandong, place, evidence FROM sources "
            f"WHERE id IN ({marks})", ids):
        found[sid] = {"kind": kind, "description": description, "arose_on": arose_on,
                      "in_shandong": bool(in_shandong), "place": place, "evidence": evidence,
                      "amounts": {}}
    for sid, dimension, unit, registered, claimed in conn.execute(
            "SELECT source_id, dimension, unit, registered, claimed FROM source_amounts "
            f"WHERE source_id IN ({marks}) ORDER BY source_id, dimension", ids):
        found[sid]["amounts"][dimension] = {"unit": unit, "registered": registered / milli,
                                            "available": (registered - claimed) / milli}
    return found


def _version(conn: sqlite3.Connection) -> int:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                    "name = 'schema_version'").fetchone() is None:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
               .fetchone()[0])


def _empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


def _create(conn: sqlite3.Connection) -> None:
    """The tables of every migration and their rows, as migrations.migrate makes them."""
    for statement in SCHEMA:
        conn.execute(statement)
    conn.execute("INSERT INTO log_head (id, seq, hash) VALUES (1, 0, ?)", (GENESIS,))
    applied = datetime.now(UTC).isoformat(timespec="seconds")
    conn.executemany("INSERT INTO schema_version (version, description, applied_at) "
                     "VALUES (?, ?, ?)", [(v, text, applied) for v, text in VERSIONS])


def _reason(exc: sqlite3.Error) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

