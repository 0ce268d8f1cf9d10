"""The record log as a hash chain: tampering with any record is detectable.

Every record (decision, override, source registration, approval, release) is
appended with the hash of the record before it; its own hash covers its number,
kind, proposal, the record it refers to, who, when, its body (canonical JSON)
and that previous hash. Changing, removing or reordering a record breaks the
chain at that record; ``verify.verify_chain`` recomputes it and names the first broken one.
``log_head`` keeps the last number and hash, so removing records from the end is
detected too. Writers lock ``log_head`` first (SELECT … FOR UPDATE; on SQLite the
transaction is BEGIN IMMEDIATE), so records are appended one at a time.

The canonical text and the record hash are defined in hashing.py (which needs no
SQLAlchemy, so `history --verify` of an SQLite file can do without it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, LargeBinary, Text, bindparam, cast, insert, select, update

from screening.store.entries import Entry, chained_rows
from screening.store.hashing import (  # noqa: F401 (re-exported: the log's vocabulary)
    APPROVAL,
    DECISION,
    GENESIS,
    OVERRIDE,
    RELEASE,
    SOURCE,
    Verdict,
    canonical,
    canonical_bytes,
    canonical_utf8,
    plain_record_hash,
    quoted,
    quoted_record_hash,
    record_hash,
)
from screening.store.schema import log_head, records


@dataclass(frozen=True)
class Record:
    seq: int
    kind: str
    proposal_id: str | None
    ref: int | None
    actor: str
    created_at: str
    body: dict[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def from_row(cls, row: Any) -> Record:
        return cls(row.seq, row.kind, row.proposal_id, row.ref, row.actor, row.created_at,
                   json.loads(row.body), row.prev_hash, row.hash)


_COLUMNS = ("seq", "kind", "proposal_id", "ref", "actor", "created_at", "body", "prev_hash",
            "hash")
_INSERTS: dict[tuple[str, bool], tuple[str, bool]] = {}


def _insert_sql(conn: Connection, utf8: bool) -> tuple[str, bool]:
    """The driver's INSERT of one record, compiled once per dialect; True if positional.
    ``utf8``: the body is bound as its UTF-8 bytes and stored as text (SQLite's
    ``CAST(? AS TEXT)``: in a UTF-8 database the same bytes), not decoded and encoded."""
    key = (conn.dialect.name, utf8)
    if key not in _INSERTS:
        values: dict[str, Any] = {c: None for c in _COLUMNS}
        if utf8:
            values["body"] = cast(bindparam("body", type_=LargeBinary), Text)
        compiled = insert(records).values(values).compile(dialect=conn.dialect)
        order = compiled.positiontup if compiled.positional else None
        if order is not None and tuple(order) != _COLUMNS:  # pragma: no cover - sqlite, pg
            raise AssertionError(f"unexpected parameter order {order}")
        _INSERTS[key] = (compiled.string, compiled.positional)
    return _INSERTS[key]


def _utf8(conn: Connection) -> bool:
    """Whether bodies go to the database as their UTF-8 bytes: SQLite in its usual UTF-8
    encoding (a UTF-16 database would read those bytes as UTF-16); asked once per
    connection."""
    if conn.dialect.name != "sqlite":
        return False
    if "screening_utf8" not in conn.info:
        conn.info["screening_utf8"] = \
            conn.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"
    return bool(conn.info["screening_utf8"])


class Writer:
    """One write transaction holding the log head: appends records in order."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        head = conn.execute(select(log_head.c.seq, log_head.c.hash)
                            .where(log_head.c.id == 1).with_for_update()).one()
        self.seq, self.hash = int(head.seq), str(head.hash)

    def append(self, kind: str, body: dict[str, Any], actor: str, *,
               proposal_id: str | None = None, ref: int | None = None) -> Record:
        return self.append_many([Entry.of(kind, body, actor, proposal_id=proposal_id,
                                          ref=ref)])[0]

    def append_many(self, entries: Sequence[Entry]) -> list[Record]:
        """Append prepared records in order with one statement; the same chain as ``append``
        one by one. The bodies' canonical text was written before the lock was taken:
        under it, each record only gets its number, time and hash."""
        done = self._insert(entries)
        return [Record(seq, e.kind, e.proposal_id, e.ref, e.actor, created_at,
                       e.body if e.body is not None else json.loads(e.data), previous, digest)
                for e, (seq, created_at, previous, digest) in zip(entries, done, strict=True)]

    def append_numbered(self, entries: Sequence[Entry]) -> list[int]:
        """``append_many`` giving only the records' numbers (a batch of screened decisions,
        printed once recorded: nothing is read back)."""
        return [seq for seq, _, _, _ in self._insert(entries)]

    def _insert(self, entries: Sequence[Entry]) -> list[tuple[int, str, str, str]]:
        """Number, time, chain and insert ``entries``; (number, time, previous hash, hash)
        of each."""
        if not entries:
            return []
        raw = _utf8(self.conn)
        sql, positional = _insert_sql(self.conn, raw)
        rows: list[Any] = []
        done = []
        for row, created_at in chained_rows(entries, self.seq, self.hash, raw):
            rows.append(row if positional else dict(zip(_COLUMNS, row, strict=True)))
            done.append((row[0], created_at, row[7], row[8]))
        seq, previous = done[-1][0], done[-1][3]
        self.conn.exec_driver_sql(sql, rows)
        self.conn.execute(update(log_head).where(log_head.c.id == 1)
                          .values(seq=seq, hash=previous))
        self.seq, self.hash = seq, previous
        return done
