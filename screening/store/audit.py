"""`screening history --verify`: is the log intact, and does the ledger agree with it?

First the hash chain (chain.py): the first record whose content, order or
predecessor does not hold is named. Then the tables derived from the log: every
registered amount must be what its registration record says, every claim entry
what its approval or release record says, each source's ``claimed`` the sum of its
entries, and every stored rule file must match its content hash.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from screening.derive.ledger import MILLI, milli, num
from screening.store.chain import Record, Verdict, verify_chain
from screening.store.decisions import APPROVAL, RELEASE, SOURCE
from screening.store.schema import blobs, claim_entries, records, source_amounts
from screening.store.sources import LedgerSource, totals


@dataclass
class Audit:
    chain: Verdict
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.problems


def _entries(conn: Connection) -> dict[int, Counter[tuple[str, str, int]]]:
    out: dict[int, Counter[tuple[str, str, int]]] = {}
    for row in conn.execute(select(claim_entries)):
        out.setdefault(row.record, Counter())[(row.source_id, row.dimension, row.amount)] += 1
    return out


def audit(conn: Connection) -> Audit:
    result = Audit(verify_chain(conn))
    if not result.chain.ok:
        return result
    registered = {(r.source_id, r.dimension): r.registered
                  for r in conn.execute(select(source_amounts))}
    expected_amounts: dict[tuple[str, str], int] = {}
    entries = _entries(conn)
    for row in conn.execute(select(records).where(records.c.kind.in_((SOURCE, APPROVAL, RELEASE)))
                            .order_by(records.c.seq)):
        record = Record.from_row(row)
        if record.kind == SOURCE:
            source = LedgerSource.model_validate(record.body)
            for dim, _, amount, _ in source.dimensions():
                expected_amounts[(source.id, dim)] = milli(amount)
            continue
        sign = 1 if record.kind == APPROVAL else -1
        wanted = Counter((c["source"], c["dimension"], sign * milli(c["amount"]))
                         for c in record.body["claims"])
        if entries.pop(record.seq, Counter()) != wanted:
            result.problems.append(f"record {record.seq} ({record.kind}): the ledger's claim "
                                   "entries differ from what the record says")
    for seq in sorted(entries):
        result.problems.append(f"claim entries point to record {seq}, which is no approval "
                               "or release")
    if registered != expected_amounts:
        for key in sorted(set(registered) | set(expected_amounts)):
            if registered.get(key) != expected_amounts.get(key):
                result.problems.append(f"source {key[0]} {key[1]}: registered amount differs "
                                       "from its registration record")
    for (source_id, dim), (_, claimed, summed) in sorted(totals(conn).items()):
        if claimed != summed:
            result.problems.append(f"source {source_id} {dim}: claimed {num(claimed / MILLI)} but "
                                   f"its claim entries add up to {num(summed / MILLI)}")
    for row in conn.execute(select(blobs)):
        if hashlib.sha256(bytes(row.content)).hexdigest() != row.sha256:
            result.problems.append(f"stored rule file {row.sha256[:12]} does not match its hash")
    return result
