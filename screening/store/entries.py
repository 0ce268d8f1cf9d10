"""A record ready to be appended to the log, and a screened decision's record (no database).

The record text is written, and escaped as it is hashed, before any lock is taken;
under the write lock a record only gets its number, time and hash (chain.Writer,
direct.DirectWriter). Free of SQLAlchemy, so `screen --record` on an SQLite file
can do without it (direct.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from screening.errors import StoreError
from screening.store.hashing import DECISION, canonical_utf8, quoted, quoted_record_hash

if TYPE_CHECKING:
    from screening.decision.model import Decision
    from screening.rulebook.book import Rulebook


@dataclass(frozen=True)
class Entry:
    """A record ready to append: its body, the body's canonical text (UTF-8) and that
    text as it is hashed (``quoted``), built beforehand, outside the write lock. The
    body is None when only its text is kept (``Entry.text_only``: a batch waiting to
    be recorded holds bytes, not the objects the text was written from)."""

    kind: str
    body: dict[str, Any] | None
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

    @classmethod
    def text_only(cls, kind: str, body: dict[str, Any], actor: str, *,
                  proposal_id: str | None = None, ref: int | None = None) -> Entry:
        """``Entry.of`` keeping the canonical text and not the body."""
        return cls(kind, None, canonical_utf8(body), actor, proposal_id, ref)


def decision_entry(decision: Decision, rulebook: Rulebook, officer: str,
                   keep_body: bool = True) -> Entry:
    """A decision's record, built before any lock is taken; StoreError if not recordable.
    Without ``keep_body`` only the body's text is kept (``Entry.text_only``)."""
    if decision.proposal is None:
        raise StoreError.single(f"decision for {decision.proposal_id} has no proposal to record")
    if decision.ledger is None:
        raise StoreError.single(f"decision for {decision.proposal_id} was not checked against "
                                "the ledger, so it is not recorded",
                                expected="a decision screened with the database's ledger "
                                         "attached (Screener.ledger)")
    if decision.rulebook != rulebook.hash:
        raise StoreError.single("decision and rulebook do not match")
    body = {"proposal": decision.proposal.model_dump(mode="json"),
            "decision": decision.as_dict()}
    return (Entry.of if keep_body else Entry.text_only)(DECISION, body, officer,
                                                        proposal_id=decision.proposal_id)


def chained_rows(entries: Sequence[Entry], seq: int, previous: str, raw: bool
                 ) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Each entry numbered after ``seq``, timed now and chained after ``previous``: the row
    as the records table holds it (seq, kind, proposal_id, ref, actor, created_at, data,
    prev_hash, hash; data as bytes when ``raw``, else text) and its time."""
    for entry in entries:
        seq += 1
        created_at = now_text()
        digest = quoted_record_hash(seq, entry.kind, entry.proposal_id, entry.ref,
                                    entry.actor, created_at, entry.quoted, previous)
        yield ((seq, entry.kind, entry.proposal_id, entry.ref, entry.actor, created_at,
                entry.data if raw else entry.data.decode("utf-8"), previous, digest),
               created_at)
        previous = digest


#: (whole seconds since the epoch, that second as isoformat writes it, less "+00:00")
_second: tuple[int, str] = (-1, "")


def now_text(ns: int | None = None) -> str:
    """``datetime.now(UTC).isoformat(timespec="microseconds")`` (or of ``ns`` nanoseconds
    since the epoch): the same clock, floored to the microsecond as ``datetime.now`` does,
    the same text, with the date and time of day written once a second, not per record
    (datetime.now and isoformat: ≈ 14 µs a record at load 7, now ≈ 4 µs, under the write lock)."""
    global _second
    micros = (time.time_ns() if ns is None else ns) // 1000
    seconds, micro = divmod(micros, 1_000_000)
    known = _second  # read once: another thread may replace it meanwhile
    if seconds != known[0]:
        whole = datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")
        known = _second = (seconds, whole[:-6])
    return f"{known[1]}.{micro:06d}+00:00"
