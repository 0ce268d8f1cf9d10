"""`history --verify` of an SQLite file read directly, without loading SQLAlchemy.

Importing SQLAlchemy and opening the database through it cost about 0.3 s, which
at 10,000 records is as long as checking them. When the log is an SQLite file
already at this tool's schema version and holds no ledger (so audit.py would only
check the chain, the stored rule files and each decision's rulebook), the file is
opened read-only and checked here with the same functions (verify.py, agree.py)
and the same queries. Anything else (no such file, another schema version, a
ledger to compare, a database error) returns None, and audit.py does the whole
audit through SQLAlchemy as before, with its messages. Whether a record is a source,
approval or release is learnt while the chain is checked (which reads every record
anyway); a log with such records and empty ledger tables, found only then, goes to
audit.py whole. The file is read with plain reads, not through a memory map: an I/O
error on a mapped file (a network disk failing) ends the process with SIGBUS instead
of the error message a failed read gives.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from screening.store.agree import (
    Audit,
    DecisionRulebooks,
    blob_problems,
    rulebook_problems,
    stored_rulebooks,
)
from screening.store.hashing import APPROVAL, DECISION, RELEASE, SOURCE
from screening.store.paths import BUSY_TIMEOUT, ENV, default_path
from screening.store.verify import sqlite_span, verdict

#: the schema version this reading knows (migrations.LATEST; a test holds them equal)
SCHEMA_VERSION = 3
#: decisions whose rulebook is read exactly per query (as audit.READ_AT_ONCE)
READ_AT_ONCE = 500
#: a row in any of these tables is a ledger to compare
_LEDGER = ("SELECT 1 FROM sources LIMIT 1", "SELECT 1 FROM source_amounts LIMIT 1",
           "SELECT 1 FROM claim_entries LIMIT 1")
#: so is a record of these kinds (seen while the chain is checked: records has no index
#: on kind, and searching it first read the whole table once more)
LEDGER_KINDS = frozenset((SOURCE, APPROVAL, RELEASE))


def sqlite_file(db: str | None) -> Path | None:
    """The SQLite file ``--db`` (else $SCREENING_DB, else the default) names, if it is a
    plain path to an existing file (a URL is left to database.target)."""
    given = db or os.environ.get(ENV)
    if not given:
        path = default_path()
    elif "://" in given:
        return None
    else:
        path = Path(given).expanduser().absolute()
    return path if path.is_file() else None


def _decided(raw: sqlite3.Connection, seqs: list[int]) -> Iterator[tuple[int, Any]]:
    for start in range(0, len(seqs), READ_AT_ONCE):
        chosen = seqs[start:start + READ_AT_ONCE]
        yield from raw.execute(
            "SELECT seq, json_extract(body, '$.decision.rulebook') FROM records "
            f"WHERE kind = '{DECISION}' AND seq IN ({', '.join('?' * len(chosen))}) "
            "ORDER BY seq", chosen)


def _audit(raw: sqlite3.Connection) -> Audit | None:
    found = raw.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if found != SCHEMA_VERSION or any(raw.execute(q).fetchone() for q in _LEDGER):
        return None
    heads = raw.execute("SELECT seq, hash FROM log_head").fetchall()
    if len(heads) != 1:
        return None
    rulebooks = DecisionRulebooks()
    span = sqlite_span(raw, rulebooks)
    result = Audit(verdict(span, *heads[0]))
    if not result.chain.ok:  # what audit.py says too, before any ledger comparison
        return result
    if span.others & LEDGER_KINDS:  # ledger records with the ledger's tables empty
        return None
    result.problems.extend(blob_problems(raw.execute("SELECT sha256, content FROM blobs")))
    files = stored_rulebooks(raw.execute(
        "SELECT rulebook_files.rulebook, rulebook_files.path, blobs.content "
        "FROM rulebook_files LEFT OUTER JOIN blobs ON blobs.sha256 = rulebook_files.blob"))
    result.problems.extend(rulebook_problems(files, _decided(raw,
                                                             rulebooks.to_read(set(files)))))
    return result


def audit_file(db: str | None) -> Audit | None:
    """The audit of the SQLite log ``db`` names, read directly; None: audit.py's turn."""
    path = sqlite_file(db)
    if path is None:
        return None
    try:
        raw = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT,
                              isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        raw.execute("BEGIN")  # one snapshot for every query (and the shared lock held)
        return _audit(raw)
    except sqlite3.Error:
        return None
    finally:
        raw.close()
