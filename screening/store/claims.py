"""Approving a decision commits its ledger claims, all of them or none.

``approve`` claims every ledger source the recorded proposal cites, in one
transaction: each claim is a conditional update (``claimed + amount <=
registered``, so no source ever goes below zero even with several officers
approving at once) and a claim entry; if any claim cannot be met, nothing is
committed and the refusal names every source short. Releasing (a project
withdrawn) is a new record with negative entries; nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, func, insert, select, update

from screening.decision.model import APPROVE, CONDITIONS
from screening.derive.ledger import DIMENSIONS, MILLI, claims_of, milli, num
from screening.errors import Problem, StoreError
from screening.facts.proposal import Proposal
from screening.store.chain import Record, Writer
from screening.store.decisions import APPROVAL, RELEASE, status
from screening.store.schema import claim_entries, source_amounts, sources


def _shortfall(conn: Connection, source_id: str, dim: str, wanted: int) -> Problem:
    en = DIMENSIONS[dim][2]
    if conn.execute(select(sources.c.id).where(sources.c.id == source_id)).first() is None:
        return Problem(f"source '{source_id}' is not registered in the ledger",
                       field=f"{dim}.sources", expected="`screening sources add FILE` first")
    row = conn.execute(select(source_amounts).where(
        source_amounts.c.source_id == source_id, source_amounts.c.dimension == dim)).first()
    if row is None:
        return Problem(f"source '{source_id}' has no {en} amount registered",
                       field=f"{dim}.sources")
    holders = conn.execute(select(claim_entries.c.decision).where(
        claim_entries.c.source_id == source_id, claim_entries.c.dimension == dim)
        .group_by(claim_entries.c.decision)
        .having(func.sum(claim_entries.c.amount) > 0)).scalars().all()
    return Problem(f"source '{source_id}' has {num((row.registered - row.claimed) / MILLI)} "
                   f"{row.unit} of {en} left, {num(wanted / MILLI)} needed"
                   + (f" (claimed by decision {', '.join(map(str, holders))})" if holders else ""),
                   field=f"{dim}.sources")


def approve(writer: Writer, seq: int, officer: str,
            after_claim: Callable[[int], None] | None = None) -> Record:
    """Commit every claim of decision ``seq`` or none; ``after_claim`` is a test hook."""
    conn = writer.conn
    current = status(conn, seq)
    if current.approved:
        raise StoreError.single(f"decision {seq} is already approved")
    if current.outcome not in (APPROVE, CONDITIONS):
        raise StoreError.single(
            f"decision {seq} is '{current.outcome}', not an approval",
            expected=f"an approving outcome, or `screening override {seq} --outcome approve "
                     "--reason ... --officer ...` first")
    proposal = Proposal.model_validate(current.record.body["proposal"])
    wanted = [(sid, dim, milli(amount)) for sid, dim, amount in claims_of(proposal)
              if milli(amount) > 0]
    record = writer.append(APPROVAL, {
        "outcome": current.outcome,
        "claims": [{"source": sid, "dimension": dim, "amount": m / MILLI}
                   for sid, dim, m in wanted]},
        officer, proposal_id=current.record.proposal_id, ref=seq)
    problems: list[Problem] = []
    for number, (sid, dim, amount) in enumerate(wanted):
        done = conn.execute(
            update(source_amounts)
            .where(source_amounts.c.source_id == sid, source_amounts.c.dimension == dim,
                   source_amounts.c.registered - source_amounts.c.claimed >= amount)
            .values(claimed=source_amounts.c.claimed + amount))
        if done.rowcount != 1:
            problems.append(_shortfall(conn, sid, dim, amount))
            continue
        conn.execute(insert(claim_entries).values(record=record.seq, decision=seq,
                                                  source_id=sid, dimension=dim, amount=amount))
        if after_claim is not None:
            after_claim(number)
    if problems:
        problems.insert(0, Problem(f"decision {seq} not approved: no claim was committed"))
        raise StoreError(problems)
    return record


def release(writer: Writer, seq: int, officer: str, reason: str) -> Record:
    """Give back the claims of an approved decision (project withdrawn); a new record."""
    conn = writer.conn
    if not reason.strip() or not officer.strip():
        raise StoreError.single("a release needs a reason and the officer's name")
    current = status(conn, seq)
    if not current.approved:
        raise StoreError.single(f"decision {seq} has no committed claims to release")
    rows = conn.execute(
        select(claim_entries.c.source_id, claim_entries.c.dimension,
               func.sum(claim_entries.c.amount).label("amount"))
        .where(claim_entries.c.decision == seq)
        .group_by(claim_entries.c.source_id, claim_entries.c.dimension)
        .order_by(claim_entries.c.source_id, claim_entries.c.dimension)).all()
    # SUM of a BIGINT is NUMERIC on PostgreSQL: back to int
    held = [(sid, dim, int(amount)) for sid, dim, amount in rows if amount > 0]
    record = writer.append(RELEASE, {
        "reason": reason.strip(),
        "claims": [{"source": sid, "dimension": dim, "amount": amount / MILLI}
                   for sid, dim, amount in held]},
        officer.strip(), proposal_id=current.record.proposal_id, ref=seq)
    for sid, dim, amount in held:
        done = conn.execute(
            update(source_amounts)
            .where(source_amounts.c.source_id == sid, source_amounts.c.dimension == dim,
                   source_amounts.c.claimed >= amount)
            .values(claimed=source_amounts.c.claimed - amount))
        if done.rowcount != 1:
            raise StoreError.single(f"ledger of source '{sid}' is inconsistent: "
                                    "run `screening history --verify`")
        conn.execute(insert(claim_entries).values(record=record.seq, decision=seq,
                                                  source_id=sid, dimension=dim,
                                                  amount=-amount))
    return record
