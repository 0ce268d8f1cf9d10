"""The record log as a hash chain: tampering with any record is detectable.

Every record (decision, override, source registration, approval, release) is
appended with the hash of the record before it; its own hash covers its number,
kind, proposal, the record it refers to, who, when, its body (canonical JSON)
and that previous hash. Changing, removing or reordering a record breaks the
chain at that record; ``verify`` recomputes it and names the first broken one.
``log_head`` keeps the last number and hash, so removing records from the end is
detected too. Writers lock ``log_head`` first (SELECT … FOR UPDATE; on SQLite the
transaction is BEGIN IMMEDIATE), so records are appended one at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

try:
    import orjson
except ImportError:  # pragma: no cover - installed with the package
    orjson = None

from screening.store.schema import log_head, records

GENESIS = "sha256:" + "0" * 64


def canonical(value: Any) -> str:
    """The one text a JSON value hashes as: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


def canonical_bytes(values: list[Any]) -> bytes:
    """``canonical(values)`` in UTF-8, for a list of numbers, texts and None (a record's
    hashed fields): orjson writes exactly those bytes (tests/store/test_chain_speed.py
    checks every code point), Python's ``json`` whatever orjson refuses."""
    if orjson is not None:
        try:
            return orjson.dumps(values)
        except TypeError:  # a lone surrogate, an integer past 64 bits
            pass
    return canonical(values).encode("utf-8")


def record_hash(seq: int, kind: str, proposal_id: str | None, ref: int | None, actor: str,
                created_at: str, body: str, prev_hash: str) -> str:
    payload = canonical_bytes([seq, kind, proposal_id, ref, actor, created_at, body, prev_hash])
    return "sha256:" + hashlib.sha256(payload).hexdigest()


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


class Writer:
    """One write transaction holding the log head: appends records in order."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        head = conn.execute(select(log_head.c.seq, log_head.c.hash)
                            .where(log_head.c.id == 1).with_for_update()).one()
        self.seq, self.hash = int(head.seq), str(head.hash)

    def append(self, kind: str, body: dict[str, Any], actor: str, *,
               proposal_id: str | None = None, ref: int | None = None) -> Record:
        seq = self.seq + 1
        created_at = datetime.now(UTC).isoformat(timespec="microseconds")
        text = canonical(body)
        digest = record_hash(seq, kind, proposal_id, ref, actor, created_at, text, self.hash)
        self.conn.execute(insert(records).values(
            seq=seq, kind=kind, proposal_id=proposal_id, ref=ref, actor=actor,
            created_at=created_at, body=text, prev_hash=self.hash, hash=digest))
        self.conn.execute(update(log_head).where(log_head.c.id == 1)
                          .values(seq=seq, hash=digest))
        record = Record(seq, kind, proposal_id, ref, actor, created_at, body, self.hash, digest)
        self.seq, self.hash = seq, digest
        return record

    def append_many(self, entries: Sequence[Entry]) -> list[Record]:
        """Append prepared records in order with one statement; the same chain as ``append``
        one by one (the bodies' canonical text was written before the lock was taken)."""
        rows, done = [], []
        for entry in entries:
            seq = self.seq + 1
            created_at = datetime.now(UTC).isoformat(timespec="microseconds")
            digest = record_hash(seq, entry.kind, entry.proposal_id, entry.ref, entry.actor,
                                 created_at, entry.text, self.hash)
            rows.append({"seq": seq, "kind": entry.kind, "proposal_id": entry.proposal_id,
                         "ref": entry.ref, "actor": entry.actor, "created_at": created_at,
                         "body": entry.text, "prev_hash": self.hash, "hash": digest})
            done.append(Record(seq, entry.kind, entry.proposal_id, entry.ref, entry.actor,
                               created_at, entry.body, self.hash, digest))
            self.seq, self.hash = seq, digest
        if rows:
            self.conn.execute(insert(records), rows)
            self.conn.execute(update(log_head).where(log_head.c.id == 1)
                              .values(seq=self.seq, hash=self.hash))
        return done


@dataclass(frozen=True)
class Entry:
    """A record ready to append: its body and the body's canonical text, built beforehand."""

    kind: str
    body: dict[str, Any]
    text: str
    actor: str
    proposal_id: str | None = None
    ref: int | None = None

    @classmethod
    def of(cls, kind: str, body: dict[str, Any], actor: str, *, proposal_id: str | None = None,
           ref: int | None = None) -> Entry:
        return cls(kind, body, canonical(body), actor, proposal_id, ref)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    records: int
    head: str
    broken: int | None = None
    reason: str | None = None


#: records fetched at a time by ``verify_chain`` (a server-side cursor on PostgreSQL)
VERIFY_BATCH = 1000


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def verify_chain(conn: Connection) -> Verdict:
    """Recompute every record's hash in order; the first record that does not hold.

    Records are streamed (VERIFY_BATCH at a time) and each is hashed as it comes, so
    memory does not grow with the log. A body whose hash holds is the canonical JSON
    text it was written as; only a body that does not hold is parsed, to say whether
    it is no longer JSON at all.
    """
    previous, expected, count = GENESIS, 1, 0
    columns = (records.c.seq, records.c.kind, records.c.proposal_id, records.c.ref,
               records.c.actor, records.c.created_at, records.c.body, records.c.prev_hash,
               records.c.hash)
    query = select(*columns).order_by(records.c.seq).execution_options(yield_per=VERIFY_BATCH)
    for seq, kind, proposal_id, ref, actor, created_at, body, prev_hash, digest in \
            conn.execute(query):
        count += 1
        if seq != expected:
            return Verdict(False, count, previous, expected,
                           f"record {expected} is missing (next is {seq})")
        if prev_hash != previous:
            return Verdict(False, count, previous, seq,
                           "does not carry the hash of the record before it")
        if record_hash(seq, kind, proposal_id, ref, actor, created_at, body,
                       prev_hash) != digest:
            if not _is_json(body):
                return Verdict(False, count, previous, seq, "body is not valid JSON")
            return Verdict(False, count, previous, seq,
                           "content does not match its hash (changed after it was written)")
        previous, expected = digest, expected + 1
    head = conn.execute(select(log_head.c.seq, log_head.c.hash)).one()
    if head.seq != expected - 1 or head.hash != previous:
        return Verdict(False, count, previous, expected,
                       f"the log ends at record {expected - 1} but its head says {head.seq}: "
                       "records were removed from the end")
    return Verdict(True, count, previous)
