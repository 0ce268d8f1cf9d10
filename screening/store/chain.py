"""The record log as a hash chain: tampering with any record is detectable.

Every record (decision, override, source registration, approval, release) is
appended with the hash of the record before it; its own hash covers its number,
kind, proposal, the record it refers to, who, when, its body (canonical JSON)
and that previous hash. Changing, removing or reordering a record breaks the
chain at that record; ``verify.verify_chain`` recomputes it and names the first broken one.
``log_head`` keeps the last number and hash, so removing records from the end is
detected too. Writers lock ``log_head`` first (SELECT … FOR UPDATE; on SQLite the
transaction is BEGIN IMMEDIATE), so records are appended one at a time.

The canonical text is defined by Python's ``json`` (``canonical``); orjson writes the
same bytes about seven times faster, and is used wherever that is proven
(``canonical_utf8``; tests/store/test_canonical_text.py compares them on every case,
random proposals and the values where the two encoders differ).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, LargeBinary, Text, bindparam, cast, insert, select, update

try:
    import orjson
except ImportError:  # pragma: no cover - installed with the package
    orjson = None

from screening.store.schema import log_head, records

GENESIS = "sha256:" + "0" * 64
#: the kinds of record in the log
DECISION, OVERRIDE, SOURCE, APPROVAL, RELEASE = (
    "decision", "override", "source", "approval", "release")


def canonical(value: Any) -> str:
    """The one text a JSON value hashes as: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


#: str, int, dict and list subclasses, dataclasses and dates go to ``json`` (which writes
#: a subclass its own way and refuses the others), not to orjson's own ways of writing them
_SORTED = 0 if orjson is None else (orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_SUBCLASS
                                    | orjson.OPT_PASSTHROUGH_DATACLASS
                                    | orjson.OPT_PASSTHROUGH_DATETIME)
#: digits 1-9 read as 1 and "," "[" "-" as ":", to find the numbers below 1e-4 in one pass
_PROBE = bytes.maketrans(b"23456789,[-", b"11111111:::")


def canonical_utf8(value: Any) -> bytes:
    """``canonical(value)`` in UTF-8, written by orjson where its bytes are those.

    orjson sorts keys by code point and escapes strings as ``json`` does; it writes
    every float as ``repr`` does except those below 1e-4 (``0.00001``, ``1.5e-7``
    for ``1e-05``, ``1.5e-07``), which show in its output as a number starting
    ``0.0000`` or a digit before ``e-``: such a text, and whatever orjson refuses
    (a key that is not a string, an integer past 64 bits, a lone surrogate, a
    subclass, a date), is written by ``json`` instead. The one value orjson writes
    that ``json`` refuses is a NaN or infinity (as ``null``): a record body never
    holds one, as proposals, parameters, ledger amounts and derived sums are finite
    (screening/facts/base.py, load/parameters.py, derive/core.py ``bounded``).
    """
    if orjson is not None:
        try:
            data = orjson.dumps(value, option=_SORTED)
        except TypeError:
            pass
        else:
            probe = data.translate(_PROBE)
            if b"0e:" not in probe and b"1e:" not in probe and b":0.0000" not in probe \
                    and not probe.startswith(b"0.0000"):
                return data
    return canonical(value).encode("utf-8")


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


def quoted(body: bytes) -> bytes:
    """A canonical text in UTF-8 as it stands inside the hashed list: a JSON string with
    only its quotes and backslashes escaped (it holds no control character)."""
    if b"\\" in body:  # rare: a quote or backslash in a text
        body = body.replace(b"\\", b"\\\\")
    return body.replace(b'"', b'\\"')


def quoted_record_hash(seq: int, kind: str, proposal_id: str | None, ref: int | None,
                       actor: str, created_at: str, body: bytes, prev_hash: str) -> str:
    """``record_hash`` of a body given as ``quoted`` made it."""
    head = canonical_bytes([seq, kind, proposal_id, ref, actor, created_at])
    payload = b"".join((head[:-1], b',"', body, b'",', canonical_bytes([prev_hash])[1:]))
    return "sha256:" + hashlib.sha256(payload).hexdigest()


def plain_record_hash(seq: int, kind: str, proposal_id: str | None, ref: int | None,
                      actor: str, created_at: str, body: bytes, prev_hash: str) -> str:
    """``record_hash`` of a body given in UTF-8 that holds no control character (as every
    canonical text): in the hashed list the body is then a JSON string with only its
    quotes and backslashes escaped, so it is copied in, not decoded and encoded again."""
    return quoted_record_hash(seq, kind, proposal_id, ref, actor, created_at, quoted(body),
                              prev_hash)


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
        if not entries:
            return []
        raw = _utf8(self.conn)
        sql, positional = _insert_sql(self.conn, raw)
        rows: list[Any] = []
        done = []
        seq, previous = self.seq, self.hash
        for entry in entries:
            seq += 1
            created_at = datetime.now(UTC).isoformat(timespec="microseconds")
            digest = quoted_record_hash(seq, entry.kind, entry.proposal_id, entry.ref,
                                        entry.actor, created_at, entry.quoted, previous)
            row = (seq, entry.kind, entry.proposal_id, entry.ref, entry.actor, created_at,
                   entry.data if raw else entry.data.decode("utf-8"), previous, digest)
            rows.append(row if positional else dict(zip(_COLUMNS, row, strict=True)))
            done.append(Record(seq, entry.kind, entry.proposal_id, entry.ref, entry.actor,
                               created_at, entry.body, previous, digest))
            previous = digest
        self.conn.exec_driver_sql(sql, rows)
        self.conn.execute(update(log_head).where(log_head.c.id == 1)
                          .values(seq=seq, hash=previous))
        self.seq, self.hash = seq, previous
        return done


@dataclass(frozen=True)
class Entry:
    """A record ready to append: its body, the body's canonical text (UTF-8) and that
    text as it is hashed (``quoted``), built beforehand, outside the write lock."""

    kind: str
    body: dict[str, Any]
    data: bytes
    actor: str
    proposal_id: str | None = None
    ref: int | None = None
    quoted: bytes = b""

    def __post_init__(self) -> None:
        if not self.quoted:
            object.__setattr__(self, "quoted", quoted(self.data))

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")

    @classmethod
    def of(cls, kind: str, body: dict[str, Any], actor: str, *, proposal_id: str | None = None,
           ref: int | None = None) -> Entry:
        return cls(kind, body, canonical_utf8(body), actor, proposal_id, ref)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    records: int
    head: str
    broken: int | None = None
    reason: str | None = None
