"""The decision log: what was decided, on which facts, under which rulebook, by whom.

A decision record holds the proposal as submitted (validated), the whole decision
(outcome, findings with clauses, as-of date, rulebook hash, overlays, engine and
what the ledger said), who screened it and when. The rule files themselves are
stored content-addressed beside it, once per file content, so the decision can be
replayed years later under exactly those rules. An officer's override is a
record of its own that names the decision; the engine's verdict is never changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from screening.decision.model import OUTCOME_LABELS, Decision
from screening.errors import StoreError
from screening.rulebook.book import Rulebook
from screening.store.chain import (  # noqa: F401 (the record kinds, re-exported)
    APPROVAL,
    DECISION,
    OVERRIDE,
    RELEASE,
    SOURCE,
    Entry,
    Record,
    Writer,
)
from screening.store.entries import decision_entry
from screening.store.schema import blobs, records, rulebook_files


def store_rulebook(conn: Connection, rulebook: Rulebook) -> bool:
    """Store the rule files under the rulebook's hash unless already there; True if stored.
    Each file content is stored once (a blob named by its SHA-256), whichever rulebooks
    hold it: one query finds those already stored, two statements add the rest."""
    present = conn.execute(select(rulebook_files.c.path).where(
        rulebook_files.c.rulebook == rulebook.hash).limit(1)).first()
    if present is not None:
        return False
    files = [(path, hashlib.sha256(content).hexdigest(), content)
             for path, content in sorted(rulebook.files.items())]
    wanted = sorted({sha for _, sha, _ in files})
    stored = set(conn.execute(select(blobs.c.sha256).where(blobs.c.sha256.in_(wanted)))
                 .scalars())
    new_blobs = {sha: content for _, sha, content in files if sha not in stored}
    if new_blobs:
        conn.execute(insert(blobs), [{"sha256": sha, "content": content}
                                     for sha, content in new_blobs.items()])
    if files:
        conn.execute(insert(rulebook_files), [{"rulebook": rulebook.hash, "path": path,
                                               "blob": sha} for path, sha, _ in files])
    return True


def restore_rulebook(conn: Connection, rulebook_hash: str, folder: Path) -> int:
    """Write the stored rule files into ``folder``; check them against the hash."""
    rows = conn.execute(select(rulebook_files.c.path, blobs.c.sha256, blobs.c.content)
                        .join(blobs, blobs.c.sha256 == rulebook_files.c.blob)
                        .where(rulebook_files.c.rulebook == rulebook_hash)
                        .order_by(rulebook_files.c.path)).all()
    if not rows:
        raise StoreError.single(f"rulebook {rulebook_hash} is not stored in this database")
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: r.path):
        content = bytes(row.content)
        relative = Path(row.path)
        if relative.is_absolute() or ".." in relative.parts:
            raise StoreError.single(f"stored rule file has an unsafe path: {row.path}")
        if hashlib.sha256(content).hexdigest() != row.sha256:
            raise StoreError.single(f"stored rule file {row.path} does not match its hash")
        digest.update(row.path.encode() + b"\0" + content + b"\0")
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if f"sha256:{digest.hexdigest()}" != rulebook_hash:
        raise StoreError.single(f"stored rulebook {rulebook_hash} does not match its hash: "
                                "its files were changed after it was stored")
    return len(rows)


def record_decision(writer: Writer, decision: Decision, rulebook: Rulebook,
                    officer: str) -> Record:
    return record_decisions(writer, [decision_entry(decision, rulebook, officer)], rulebook)[0]


def record_decisions(writer: Writer, entries: list[Entry], rulebook: Rulebook,
                     rulebook_stored: bool = False) -> list[Record]:
    """Append prepared decision records (``decision_entry``) in one statement.

    The rule files are checked (and stored) unless ``rulebook_stored`` says this
    database already holds them; they are never removed once stored.
    """
    if not rulebook_stored:
        store_rulebook(writer.conn, rulebook)
    return writer.append_many(entries)


def load_record(conn: Connection, seq: int, kind: str | None = DECISION) -> Record:
    row = conn.execute(select(records).where(records.c.seq == seq)).first()
    if row is None:
        raise StoreError.single(f"no decision record {seq}",
                                expected="a decision number shown by `screening history`")
    if kind is not None and row.kind != kind:
        raise StoreError.single(f"record {seq} is a {row.kind} record, not a {kind}",
                                expected="a decision number shown by `screening history`")
    return Record.from_row(row)


@dataclass
class DecisionStatus:
    """A decision record and what happened to it since: overrides, approvals, releases."""

    record: Record
    later: list[Record] = field(default_factory=list)

    @property
    def engine_outcome(self) -> str:
        return str(self.record.body["decision"]["outcome"])

    @property
    def overrides(self) -> list[Record]:
        return [r for r in self.later if r.kind == OVERRIDE]

    @property
    def outcome(self) -> str:
        """The final outcome: the latest override's, else the engine's."""
        overrides = self.overrides
        return str(overrides[-1].body["outcome"]) if overrides else self.engine_outcome

    @property
    def approved(self) -> bool:
        """Approved and its claims committed, and not released since."""
        state = False
        for r in self.later:
            if r.kind in (APPROVAL, RELEASE):
                state = r.kind == APPROVAL
        return state

    def as_dict(self) -> dict[str, Any]:
        decision = self.record.body["decision"]
        return {
            "record": self.record.seq, "proposal_id": self.record.proposal_id,
            "name": decision["name"], "screened_by": self.record.actor,
            "screened_at": self.record.created_at, "as_of": decision["as_of"],
            "rulebook": decision["rulebook"], "engine_outcome": self.engine_outcome,
            "outcome": self.outcome, "approved": self.approved,
            "events": [{"record": r.seq, "kind": r.kind, "by": r.actor, "at": r.created_at,
                        **r.body} for r in self.later],
        }


def status(conn: Connection, seq: int) -> DecisionStatus:
    found = history(conn, seqs=[seq])
    if not found:
        load_record(conn, seq)  # raises the right error
    return found[0]


def history(conn: Connection, proposal_id: str | None = None,
            seqs: list[int] | None = None) -> list[DecisionStatus]:
    query = select(records).where(records.c.kind == DECISION).order_by(records.c.seq)
    if proposal_id is not None:
        query = query.where(records.c.proposal_id == proposal_id)
    if seqs is not None:
        query = query.where(records.c.seq.in_(seqs))
    found = {row.seq: DecisionStatus(Record.from_row(row)) for row in conn.execute(query)}
    if found:
        later = select(records).where(records.c.ref.in_(list(found))).order_by(records.c.seq)
        for row in conn.execute(later):
            found[row.ref].later.append(Record.from_row(row))
    return list(found.values())


def record_override(writer: Writer, seq: int, outcome: str, reason: str,
                    officer: str) -> Record:
    """The officer's final outcome beside the engine's; reason and name are required."""
    if outcome not in OUTCOME_LABELS:
        raise StoreError.single(f"unknown outcome '{outcome}'",
                                expected="one of " + ", ".join(OUTCOME_LABELS))
    if not reason.strip():
        raise StoreError.single("an override needs a reason", field="--reason")
    if not officer.strip():
        raise StoreError.single("an override needs the officer's name", field="--officer")
    current = status(writer.conn, seq)
    if current.approved:
        raise StoreError.single(
            f"decision {seq} is approved and its ledger claims are committed",
            expected=f"`screening release {seq}` first")
    body = {"outcome": outcome, "reason": reason.strip(),
            "engine_outcome": current.engine_outcome, "previous_outcome": current.outcome}
    return writer.append(OVERRIDE, body, officer.strip(), proposal_id=current.record.proposal_id,
                         ref=seq)
