"""`screening history --verify`: is the log intact, and does the ledger agree with it?

First the hash chain (chain.py): the first record whose content, order or
predecessor does not hold is named. Then every table a later screening or replay
reads is held to the log, so editing it is detected as surely as editing a
record: each source's kind, description, date, place and Shandong flag and each
registered amount and unit must be what its registration record says; every claim
entry what its approval or release record says, each source's ``claimed`` the sum
of its entries; every stored rule file must match its content hash, and the files
stored under a rulebook must add up to that rulebook's hash (a file re-pointed to
other content breaks it), and every decision's rulebook must be stored.
Truncation and a recomputed chain are caught against a signed checkpoint kept
outside the database (checkpoint.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Connection, cast, func, select
from sqlalchemy.exc import SQLAlchemyError

try:
    import orjson
except ImportError:  # pragma: no cover - installed with the package
    orjson = None

from screening.store.agree import (
    Audit,
    DecisionRulebooks,
    blob_problems,
    rulebook_problems,
    stored_rulebooks,
)
from screening.store.chain import (
    APPROVAL,
    DECISION,
    RELEASE,
    SOURCE,
    Record,
)
from screening.store.schema import (
    blobs,
    claim_entries,
    records,
    rulebook_files,
    source_amounts,
    sources,
)
from screening.store.verify import verify_chain

if TYPE_CHECKING:
    from screening.store.sources import LedgerSource


def _entries(conn: Connection) -> dict[int, Counter[tuple[str, str, int]]]:
    out: dict[int, Counter[tuple[str, str, int]]] = {}
    for row in conn.execute(select(claim_entries)):
        out.setdefault(row.record, Counter())[(row.source_id, row.dimension, row.amount)] += 1
    return out


def audit(conn: Connection) -> Audit:
    rulebooks = DecisionRulebooks()
    result = Audit(verify_chain(conn, rulebooks))
    if not result.chain.ok:
        return result
    if _has_ledger(conn):
        result.problems.extend(_ledger_problems(conn))
    result.problems.extend(blob_problems(conn.execute(select(blobs.c.sha256, blobs.c.content))))
    result.problems.extend(_rulebooks_agree(conn, rulebooks))
    return result


def _has_ledger(conn: Connection) -> bool:
    """Anything for the ledger check to compare: a source, approval or release record, or
    a row in a ledger table (with none, every comparison below is between empty sets)."""
    found = conn.execute(select(records.c.seq).where(
        records.c.kind.in_((SOURCE, APPROVAL, RELEASE))).limit(1)).first()
    return found is not None or any(
        conn.execute(select(table).limit(1)).first() is not None
        for table in (sources, source_amounts, claim_entries))


def _ledger_problems(conn: Connection) -> list[str]:
    """Every source, amount and claim entry of the ledger as the log's records say."""
    from screening.derive.ledger import MILLI, milli, num
    from screening.store.sources import LedgerSource, totals

    problems: list[str] = []
    registered = {(r.source_id, r.dimension): r.registered
                  for r in conn.execute(select(source_amounts))}
    expected_amounts: dict[tuple[str, str], int] = {}
    units: dict[tuple[str, str], str] = {}
    expected_sources: dict[str, dict[str, Any]] = {}
    entries = _entries(conn)
    for row in conn.execute(select(records).where(records.c.kind.in_((SOURCE, APPROVAL, RELEASE)))
                            .order_by(records.c.seq)):
        record = Record.from_row(row)
        if record.kind == SOURCE:
            source = LedgerSource.model_validate(record.body)
            for dim, unit, amount, _ in source.dimensions():
                expected_amounts[(source.id, dim)] = milli(amount)
                units[(source.id, dim)] = unit
            expected_sources[source.id] = _source_row(source, record.seq)
            continue
        sign = 1 if record.kind == APPROVAL else -1
        wanted = Counter((c["source"], c["dimension"], sign * milli(c["amount"]))
                         for c in record.body["claims"])
        if entries.pop(record.seq, Counter()) != wanted:
            problems.append(f"record {record.seq} ({record.kind}): the ledger's claim "
                            "entries differ from what the record says")
    for seq in sorted(entries):
        problems.append(f"claim entries point to record {seq}, which is no approval "
                        "or release")
    if registered != expected_amounts:
        for key in sorted(set(registered) | set(expected_amounts)):
            if registered.get(key) != expected_amounts.get(key):
                problems.append(f"source {key[0]} {key[1]}: registered amount differs "
                                "from its registration record")
    for (source_id, dim), (_, claimed, summed) in sorted(totals(conn).items()):
        if claimed != summed:
            problems.append(f"source {source_id} {dim}: claimed {num(claimed / MILLI)} but "
                            f"its claim entries add up to {num(summed / MILLI)}")
    problems.extend(_sources_agree(conn, expected_sources, units))
    return problems


def _source_row(source: LedgerSource, seq: int) -> dict[str, Any]:
    return {"kind": str(source.kind), "description": source.description,
            "retired": source.retired, "evidence": source.evidence,
            "arose_on": source.arose_on.isoformat(), "place": source.location.place,
            "in_shandong": source.location.in_shandong, "record": seq}


def _sources_agree(conn: Connection, expected: dict[str, dict[str, Any]],
                   units: dict[tuple[str, str], str]) -> list[str]:
    """Every stored source as its registration record says; none without a record."""
    problems = []
    seen = set()
    for row in conn.execute(select(sources).order_by(sources.c.id)):
        seen.add(row.id)
        want = expected.get(row.id)
        if want is None:
            problems.append(f"source {row.id} has no registration record in the log")
            continue
        changed = sorted(name for name, value in want.items()
                         if (bool(getattr(row, name)) if isinstance(value, bool)
                             else getattr(row, name)) != value)
        if changed:
            problems.append(f"source {row.id}: {', '.join(changed)} differ from its "
                            f"registration record {want['record']}")
    for sid in sorted(set(expected) - seen):
        problems.append(f"source {sid} is registered in record {expected[sid]['record']} "
                        "but missing from the ledger")
    for row in conn.execute(select(source_amounts)):
        unit = units.get((row.source_id, row.dimension))
        if unit is not None and row.unit != unit:
            problems.append(f"source {row.source_id} {row.dimension}: unit {row.unit} differs "
                            f"from its registration record ({unit})")
    return problems


def _loads(text: str) -> Any:
    """A body's value: orjson, twice as fast as ``json`` (which reads what orjson refuses)."""
    if orjson is not None:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


#: decisions whose rulebook is read exactly per query
READ_AT_ONCE = 500


def _decision_rulebooks(conn: Connection, seqs: list[int] | None = None
                        ) -> Iterator[tuple[int, Any]]:
    """(record, rulebook hash) of every decision (or of those numbered ``seqs``), in
    order: read by the database's own JSON functions where it has them (SQLite's
    json_extract, PostgreSQL's ->>), else by parsing each body here (what a body whose
    chain hash holds is, either way)."""
    if seqs is not None:
        for start in range(0, len(seqs), READ_AT_ONCE):
            yield from _decision_rulebooks_where(conn, seqs[start:start + READ_AT_ONCE])
        return
    yield from _decision_rulebooks_where(conn, None)


def _decision_rulebooks_where(conn: Connection, seqs: list[int] | None
                              ) -> Iterator[tuple[int, Any]]:
    chosen = records.c.kind == DECISION
    if seqs is not None:
        chosen = chosen & records.c.seq.in_(seqs)
    query = select(records.c.seq, records.c.body).where(chosen).order_by(records.c.seq)
    if conn.dialect.name in ("sqlite", "postgresql"):
        if conn.dialect.name == "sqlite":
            rulebook = func.json_extract(records.c.body, "$.decision.rulebook")
        else:
            rulebook = cast(records.c.body, JSON)["decision"]["rulebook"].as_string()
        try:
            with conn.begin_nested():
                found = conn.execute(select(records.c.seq, rulebook).where(chosen)
                                     .order_by(records.c.seq)).all()
            yield from ((int(seq), value) for seq, value in found)
            return
        except SQLAlchemyError:  # no JSON functions in this build: read the bodies here
            pass
    for row in conn.execute(query):
        yield row.seq, _loads(row.body).get("decision", {}).get("rulebook")


def _rulebooks_agree(conn: Connection, read: DecisionRulebooks | None = None) -> list[str]:
    """Each stored rulebook's files add up to its hash; each decision's rulebook is stored
    (``read``: the decisions' rulebooks as the chain was verified, if it was)."""
    files = stored_rulebooks(conn.execute(
        select(rulebook_files.c.rulebook, rulebook_files.c.path, blobs.c.content)
        .join(blobs, blobs.c.sha256 == rulebook_files.c.blob, isouter=True)))
    rows = _decision_rulebooks(conn, None if read is None else read.to_read(set(files)))
    return rulebook_problems(files, rows)
