"""Recomputing the hash chain: the first record that does not hold, named.

Each record's hash needs only its own row (its stored ``prev_hash`` is hashed with
it); the chain's links are then comparisons of each ``prev_hash`` with the hash
of the record before. So a long SQLite log is checked in two halves at once, the
later half in a forked process with its own read-only connection, and the halves
are joined at the seam: the verdict (first broken record, its reason, the count)
is the one checking record after record gives. In rollback-journal mode the
parent's read transaction holds SQLite's shared lock, so no writer can commit
while the child reads; the child reads only records up to the last one the
parent sees. Without ``os.fork``, on one core, in a process running threads (the web
desk), for a short log or on PostgreSQL the records are checked in one pass
(PostgreSQL streams them from a server-side cursor).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screening.store.hashing import DECISION, GENESIS, Verdict, plain_record_hash, record_hash

try:  # the pickler in C, without the `pickle` module's Python classes (a child's result)
    from _pickle import UnpicklingError, dumps, loads
except ImportError:  # pragma: no cover - another Python
    from pickle import UnpicklingError, dumps, loads

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: records fetched at a time
VERIFY_BATCH = 1000
#: the fewest records worth a second process (forking costs a few milliseconds)
PARALLEL_FROM = 5000
#: what ``verify_chain`` hands each decision's body to, with its number (audit.py
#: reads each decision's rulebook from it while the bytes are at hand); to be used
#: in two processes it also has ``merge(other)``, taking in what another copy read
BodyReader = Callable[[int, bytes], None]

#: the columns checked, the body as its stored UTF-8 bytes (in a database of another
#: encoding as text, encoded here)
_COLUMNS = ("seq, kind, proposal_id, ref, actor, created_at, CAST(body AS BLOB), prev_hash, "
            "hash")
_TEXT_COLUMNS = _COLUMNS.replace("CAST(body AS BLOB)", "body")


@dataclass
class Span:
    """What checking consecutive records found: how many were read, the hash of the
    last that held, the number expected next; the first broken one and why, if any;
    the first record's number and predecessor hash (to join the spans at the seam);
    the kinds of the records that held, decisions apart (fileaudit.py asks whether
    the log has ledger records without reading it once more)."""

    count: int
    last: str
    expected: int
    broken: int | None = None
    reason: str | None = None
    first: tuple[int, str] | None = None
    others: set[str] = field(default_factory=set)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _broken_body(seq: int, kind: str, proposal_id: str | None, ref: int | None, actor: str,
                 created_at: str, data: bytes, prev_hash: str, digest: str) -> str | None:
    """Why a record whose quick hash did not hold is broken, by the hash's definition
    (``record_hash`` of the body's text); None if it holds after all."""
    try:
        body = data.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8 text (changed after it was written)"
    if record_hash(seq, kind, proposal_id, ref, actor, created_at, body, prev_hash) == digest:
        return None
    if not _is_json(body):
        return "body is not valid JSON"
    return "content does not match its hash (changed after it was written)"


def check_span(batches: Iterable[Sequence[Any]], expected: int | None, previous: str | None,
               decisions: BodyReader | None) -> Span:
    """Check records in order; ``expected``/``previous`` None: the first record's number
    and predecessor are taken as they are (the seam is checked when spans are joined).

    The body is hashed as the bytes stored (``plain_record_hash``); only a record whose
    hash does not hold that way is hashed again from its text by the definition, and a
    body that does not hold is parsed, to say whether it is no longer JSON at all.
    """
    count, first, others = 0, None, set()
    for rows in batches:
        for seq, kind, proposal_id, ref, actor, created_at, data, prev_hash, digest in rows:
            if first is None:
                first = (seq, prev_hash)
                if expected is None:
                    expected, previous = seq, prev_hash
            count += 1
            if seq != expected:
                return Span(count, previous, expected, expected,  # type: ignore[arg-type]
                            f"record {expected} is missing (next is {seq})", first, others)
            if prev_hash != previous:
                return Span(count, previous, expected, seq,  # type: ignore[arg-type]
                            "does not carry the hash of the record before it", first, others)
            if type(data) is not bytes:
                data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
            if plain_record_hash(seq, kind, proposal_id, ref, actor, created_at, data,
                                 prev_hash) != digest:
                reason = _broken_body(seq, kind, proposal_id, ref, actor, created_at, data,
                                      prev_hash, digest)
                if reason is not None:
                    return Span(count, previous, expected, seq, reason,  # type: ignore[arg-type]
                                first, others)
            if kind != DECISION:
                others.add(kind)
            elif decisions is not None:
                decisions(seq, data)
            previous, expected = digest, expected + 1  # type: ignore[operator]
    return Span(count, previous or GENESIS, expected or 1, first=first, others=others)


def join(before: Span, after: Span) -> Span:
    """The two spans as one: what checking ``after`` right after ``before`` finds."""
    if before.broken is not None or after.first is None:
        return before
    seq, prev_hash = after.first
    if seq != before.expected:
        return Span(before.count + 1, before.last, before.expected, before.expected,
                    f"record {before.expected} is missing (next is {seq})", before.first,
                    before.others)
    if prev_hash != before.last:
        return Span(before.count + 1, before.last, before.expected, seq,
                    "does not carry the hash of the record before it", before.first,
                    before.others)
    return Span(before.count + after.count, after.last, after.expected, after.broken,
                after.reason, before.first or after.first, before.others | after.others)


def _fetch(cursor: sqlite3.Cursor) -> Iterable[list[Any]]:
    while rows := cursor.fetchmany(VERIFY_BATCH):
        yield rows


def _sqlite_file(raw: sqlite3.Connection) -> str | None:
    """The file of an SQLite connection (None: in memory)."""
    for _, name, file in raw.execute("PRAGMA database_list"):
        if name == "main":
            return file or None
    return None  # pragma: no cover - SQLite always lists "main"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _alone() -> bool:
    """Whether this process runs one thread: only then is forking safe (a lock another
    thread held, in SQLite, malloc or logging, would stay locked in the child for good;
    the web desk's server runs threads, so its audit checks in one pass)."""
    return threading.active_count() == 1


def _columns(raw: sqlite3.Connection) -> str:
    utf8 = raw.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
    return _COLUMNS if utf8 else _TEXT_COLUMNS


def _later_half(file: str, mid: int, top: int, decisions: BodyReader | None) -> bytes:
    """Check records mid+1..top in a fresh read-only connection (in the child)."""
    uri = Path(file).as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as raw:
        cursor = raw.execute(f"SELECT {_columns(raw)} FROM records WHERE seq > ? AND seq <= ? "
                             "ORDER BY seq", (mid, top))
        span = check_span(_fetch(cursor), None, None, decisions)
    return dumps((span, decisions), protocol=-1)  # the highest


def _stop(pid: int) -> None:
    import signal  # (only to end a child early)

    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _in_two(raw: sqlite3.Connection, file: str, decisions: BodyReader | None) -> Span | None:
    """Both halves at once (the later one in a child process); None: not worth it."""
    top = raw.execute("SELECT max(seq) FROM records").fetchone()[0]
    if not isinstance(top, int) or top < PARALLEL_FROM:
        return None
    mid = top // 2
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: check, send, leave without running the parent's clean-ups
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(_later_half(file, mid, top, decisions))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            cursor = raw.execute(f"SELECT {_columns(raw)} FROM records WHERE seq <= ? "
                                 "ORDER BY seq", (mid,))
            before = check_span(_fetch(cursor), 1, GENESIS, decisions)
            sent = pipe.read() if before.broken is None else b""
    except BaseException:  # an error or an interrupt here: the child is not left behind
        _stop(pid)
        raise
    if before.broken is not None:
        _stop(pid)
        return before
    _, status = os.waitpid(pid, 0)
    try:
        if status != 0:
            raise ValueError(status)
        after, read = loads(sent)
    except (ValueError, EOFError, UnpicklingError):  # the child failed: check it here
        cursor = raw.execute(f"SELECT {_columns(raw)} FROM records WHERE seq > ? "
                             "AND seq <= ? ORDER BY seq", (mid, top))
        after, read = check_span(_fetch(cursor), None, None, decisions), None
    if read is not None:
        decisions.merge(read)
    return join(before, after)


def sqlite_span(raw: sqlite3.Connection, decisions: BodyReader | None) -> Span:
    """Every record of an SQLite log checked, in two processes when that pays."""
    span = None
    file = _sqlite_file(raw)
    if file is not None and hasattr(os, "fork") and _cores() > 1 and _alone() and \
            (decisions is None or hasattr(decisions, "merge")):
        span = _in_two(raw, file, decisions)
    if span is None:
        cursor = raw.execute(f"SELECT {_columns(raw)} FROM records ORDER BY seq")
        span = check_span(_fetch(cursor), 1, GENESIS, decisions)
    return span


def verdict(span: Span, head_seq: int, head_hash: str) -> Verdict:
    """The chain's verdict: the first broken record, else the log against its head."""
    if span.broken is not None:
        return Verdict(False, span.count, span.last, span.broken, span.reason)
    if head_seq != span.expected - 1 or head_hash != span.last:
        return Verdict(False, span.count, span.last, span.expected,
                       f"the log ends at record {span.expected - 1} but its head says "
                       f"{head_seq}: records were removed from the end")
    return Verdict(True, span.count, span.last)


def verify_chain(conn: Connection, decisions: BodyReader | None = None) -> Verdict:
    """Recompute every record's hash in order; the first record that does not hold.

    Records are streamed (VERIFY_BATCH at a time) and each is hashed as it comes, so
    memory does not grow with the log; a long SQLite log in two processes at once.
    """
    from sqlalchemy import select

    from screening.store.schema import log_head, records

    if conn.dialect.name == "sqlite":
        span = sqlite_span(conn.connection.dbapi_connection, decisions)  # type: ignore[arg-type]
    else:
        query = select(records.c.seq, records.c.kind, records.c.proposal_id, records.c.ref,
                       records.c.actor, records.c.created_at, records.c.body,
                       records.c.prev_hash, records.c.hash).order_by(records.c.seq) \
            .execution_options(yield_per=VERIFY_BATCH)
        with conn.execute(query) as result:  # closed even when a broken record ends it
            span = check_span(result.partitions(), 1, GENESIS, decisions)
    head = conn.execute(select(log_head.c.seq, log_head.c.hash)).one()
    return verdict(span, head.seq, head.hash)
