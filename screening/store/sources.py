"""The replacement-source ledger (减量替代来源台账): registering sources and reading them.

A source is something retired or cut — a closed kiln, a shut boiler, another
plant's SO2 cut — with the amount it frees per dimension (capacity, energy, coal,
carbon, the six pollutants), what was retired, the evidence document, the date it
arose and where. It is registered once from a YAML/JSON file; projects then claim
parts of it (claims.py) and no amount can be claimed twice.

What a source may offset comes from the rulebook, not from Python: the kinds a
dimension excludes (``rules/catalogues/source_kinds.yaml``: 兰炭 cannot offset
coal) and the earliest date a carbon source may have arisen
(``param.sources.carbon_earliest_date``); carbon sources must lie in Shandong,
as derive.py counts them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError
from sqlalchemy import Connection, func, insert, select

from screening.derive.ledger import MILLI, milli
from screening.errors import InputError, Problem, StoreError, did_you_mean
from screening.facts.files import problems_of
from screening.facts.proposal import CapacityUnit, LedgerId, Model, SourceKind
from screening.facts.yamlio import LineMap, parse_document, read_document
from screening.rulebook.book import Rulebook
from screening.rulebook.params import resolve
from screening.store.chain import Record, Writer
from screening.store.decisions import SOURCE
from screening.store.schema import claim_entries, records, source_amounts, sources

Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
CARBON_EARLIEST = "param.sources.carbon_earliest_date"
POLLUTANTS = ("so2", "nox", "particulates", "vocs", "cod", "nh3n")
#: a source file's fields are named by their own labels (derive/labels.SOURCE_FIELD_LABELS)
SOURCE_DOCUMENT = "source"
FAMILY_ZH = {"capacity": "产能", "energy": "能耗", "coal": "煤炭消费", "carbon": "碳排放",
             "pollutants": "污染物"}


class Place(Model):
    place: str = Field(min_length=1, description="where the source is, e.g. 河东区汤头街道")
    in_shandong: bool = Field(description="the source lies in Shandong")


class CapacityAmount(Model):
    amount: Positive
    unit: CapacityUnit


class PollutantAmounts(Model):
    so2_t: Positive | None = None
    nox_t: Positive | None = None
    particulates_t: Positive | None = None
    vocs_t: Positive | None = None
    cod_t: Positive | None = None
    nh3n_t: Positive | None = None


class Amounts(Model):
    capacity: CapacityAmount | None = None
    energy_tce: Positive | None = Field(None, description="energy use retired, tce/a")
    coal_tce: Positive | None = Field(None, description="coal use retired, tce/a")
    carbon_t_co2: Positive | None = Field(None, description="CO2 emission retired, t/a")
    pollutants: PollutantAmounts | None = None


class LedgerSource(Model):
    """One retired or reduced source, as registered in the ledger."""

    id: LedgerId = Field(description="ledger id, cited by proposals as ledger_id")
    description: str = Field(min_length=1)
    kind: SourceKind
    retired: str = Field(min_length=1, description="what was retired: plant, line, boiler")
    evidence: str = Field(min_length=1, description="document proving the reduction")
    arose_on: date = Field(description="date the reduction arose")
    location: Place
    amounts: Amounts

    def dimensions(self) -> list[tuple[str, str, float, tuple[str, ...]]]:
        """(dimension, unit, amount, location in the file) of every amount given."""
        out: list[tuple[str, str, float, tuple[str, ...]]] = []
        a = self.amounts
        if a.capacity is not None:
            out.append(("capacity", str(a.capacity.unit), a.capacity.amount,
                        ("amounts", "capacity", "amount")))
        for dim, unit, value, name in (("energy", "tce/a", a.energy_tce, "energy_tce"),
                                       ("coal", "tce/a", a.coal_tce, "coal_tce"),
                                       ("carbon", "t CO2/a", a.carbon_t_co2, "carbon_t_co2")):
            if value is not None:
                out.append((dim, unit, value, ("amounts", name)))
        for p in POLLUTANTS:
            value = getattr(a.pollutants, f"{p}_t", None) if a.pollutants else None
            if value is not None:
                out.append((f"pollutants.{p}", "t/a", value, ("amounts", "pollutants", f"{p}_t")))
        return out


def load_source_file(path: Path) -> tuple[LedgerSource, LineMap]:
    """A ledger source from a YAML or JSON file (by suffix), strictly validated."""
    file = str(path)
    if not path.is_file():
        raise InputError.single("file not found", file=file)
    data, lines, problems = read_document(path)
    return _validated(data, lines, problems, file)


def load_source_text(raw: bytes, file: str) -> tuple[LedgerSource, LineMap]:
    """The same from an uploaded file's bytes (JSON if the name ends .json)."""
    data, lines, problems = parse_document(raw, file, json_text=file.lower().endswith(".json"))
    return _validated(data, lines, problems, file)


def _validated(data: Any, lines: LineMap, problems: list[Any], file: str
               ) -> tuple[LedgerSource, LineMap]:
    if problems:
        raise InputError(problems)
    if not isinstance(data, dict):
        raise InputError.single("a source file must hold one mapping of fields", file=file,
                                expected="id, description, kind, retired, evidence, arose_on, "
                                         "location, amounts")
    try:
        return LedgerSource.model_validate(data), lines
    except ValidationError as exc:
        raise InputError(problems_of(exc, file, lines, LedgerSource, document=SOURCE_DOCUMENT)
                         ) from None


def policy_problems(source: LedgerSource, rulebook: Rulebook, as_of: date, file: str,
                    lines: LineMap) -> list[Problem]:
    """What the rulebook says this source may not offset, each with its file line."""
    problems: list[Problem] = []
    dims = source.dimensions()
    if not dims:
        problems.append(Problem("a source must free some amount", file=file,
                                line=lines.line_of(("amounts",)), field="amounts",
                                document=SOURCE_DOCUMENT, code="source_no_amount",
                                expected="capacity, energy_tce, coal_tce, carbon_t_co2 or "
                                         "pollutants"))
    kind_rule = rulebook.catalogues.source_kinds.kinds.get(str(source.kind))
    earliest = resolve(rulebook.parameters, as_of, {}, keyed=False).get(CARBON_EARLIEST)
    for dim, _, amount, loc in dims:
        where = {"file": file, "line": lines.line_of(loc), "field": ".".join(loc),
                 "document": SOURCE_DOCUMENT}
        family = dim.split(".")[0]
        if abs(amount * MILLI - milli(amount)) > 1e-6:
            problems.append(Problem(f"{amount} has more than 3 decimals", **where,
                                    expected="an amount to 0.001 of its unit",
                                    code="source_decimals", params={"amount": amount}))
        if kind_rule is not None and family in kind_rule.excluded_for:
            reason = f": {kind_rule.reason.zh} ({kind_rule.reason.en})" if kind_rule.reason else ""
            problems.append(Problem(f"a source of kind '{source.kind}' cannot offset "
                                    f"{family}{reason}", **where,
                                    expected="no such amount (rules/catalogues/source_kinds.yaml)",
                                    code="source_kind_excluded", params={
                                        "source_kind": str(source.kind), "family_en": family,
                                        "family_zh": FAMILY_ZH.get(family, family),
                                        "reason_en": f": {kind_rule.reason.en}"
                                        if kind_rule.reason else "",
                                        "reason_zh": f"（{kind_rule.reason.zh}）"
                                        if kind_rule.reason else ""}))
        if family == "carbon" and earliest is not None and source.arose_on < earliest.value:
            problems.append(Problem(
                f"arose on {source.arose_on}, before {earliest.value}: cannot offset carbon "
                f"({CARBON_EARLIEST}, {earliest.document})", **where,
                expected=f"a carbon source arising on or after {earliest.value}",
                code="source_carbon_too_early", params={
                    "arose_on": str(source.arose_on), "earliest": str(earliest.value),
                    "parameter": CARBON_EARLIEST, "document": str(earliest.document)}))
        if family == "carbon" and not source.location.in_shandong:
            problems.append(Problem("lies outside Shandong: cannot offset carbon", **where,
                                    expected="a carbon source inside Shandong",
                                    code="source_outside_shandong"))
    return problems


def register_source(writer: Writer, source: LedgerSource, officer: str) -> Record:
    conn = writer.conn
    if conn.execute(select(sources.c.id).where(sources.c.id == source.id)).first():
        raise StoreError.single(f"source '{source.id}' is already registered", field="id",
                                expected="a new id (a registered source is never replaced)")
    record = writer.append(SOURCE, source.model_dump(mode="json"), officer)
    conn.execute(insert(sources).values(
        id=source.id, kind=str(source.kind), description=source.description,
        retired=source.retired, evidence=source.evidence, arose_on=source.arose_on.isoformat(),
        place=source.location.place, in_shandong=source.location.in_shandong,
        record=record.seq))
    for dim, unit, amount, _ in source.dimensions():
        conn.execute(insert(source_amounts).values(source_id=source.id, dimension=dim,
                                                   unit=unit, registered=milli(amount),
                                                   claimed=0))
    return record


def view(conn: Connection, ids: list[str]) -> dict[str, Any]:
    """What the ledger says now about ``ids``: kind, date, place and amounts left."""
    found: dict[str, Any] = {sid: None for sid in ids}
    if not ids:
        return found
    for row in conn.execute(select(sources).where(sources.c.id.in_(ids))):
        found[row.id] = {"kind": row.kind, "description": row.description,
                         "arose_on": row.arose_on, "in_shandong": bool(row.in_shandong),
                         "place": row.place, "evidence": row.evidence, "amounts": {}}
    for row in conn.execute(select(source_amounts).where(source_amounts.c.source_id.in_(ids))
                            .order_by(source_amounts.c.source_id, source_amounts.c.dimension)):
        found[row.source_id]["amounts"][row.dimension] = {
            "unit": row.unit, "registered": row.registered / MILLI,
            "available": (row.registered - row.claimed) / MILLI}
    return found


def show(conn: Connection, source_id: str) -> dict[str, Any]:
    """A source, what is left per dimension, and who claimed or released what."""
    entry = view(conn, [source_id])[source_id]
    if entry is None:
        known = conn.execute(select(sources.c.id)).scalars().all()
        raise StoreError.single(f"no source '{source_id}' in the ledger",
                                suggestion=did_you_mean(source_id, known))
    claimed = {row.dimension: row.claimed for row in conn.execute(
        select(source_amounts).where(source_amounts.c.source_id == source_id))}
    for dim, amount in entry["amounts"].items():
        amount["claimed"] = claimed[dim] / MILLI
    rows = conn.execute(
        select(claim_entries.c.dimension, claim_entries.c.amount, claim_entries.c.decision,
               records.c.seq, records.c.kind, records.c.actor, records.c.created_at,
               records.c.proposal_id)
        .join(records, records.c.seq == claim_entries.c.record)
        .where(claim_entries.c.source_id == source_id).order_by(claim_entries.c.id)).all()
    entry["id"] = source_id
    entry["claims"] = [{"record": r.seq, "kind": r.kind, "decision": r.decision,
                        "proposal_id": r.proposal_id, "dimension": r.dimension,
                        "amount": r.amount / MILLI, "by": r.actor, "at": r.created_at}
                       for r in rows]
    return entry


def list_sources(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(sources.c.id, sources.c.kind, sources.c.description,
                               source_amounts.c.dimension, source_amounts.c.unit,
                               source_amounts.c.registered, source_amounts.c.claimed)
                        .join(source_amounts, source_amounts.c.source_id == sources.c.id)
                        .order_by(sources.c.id, source_amounts.c.dimension)).all()
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = out.setdefault(r.id, {"id": r.id, "kind": r.kind,
                                      "description": r.description, "amounts": {}})
        entry["amounts"][r.dimension] = {"unit": r.unit, "registered": r.registered / MILLI,
                                         "available": (r.registered - r.claimed) / MILLI}
    return list(out.values())


def totals(conn: Connection) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(registered, claimed column, sum of claim entries) per source and dimension, in 1/1000."""
    sums = dict(((r.source_id, r.dimension), int(r.total)) for r in conn.execute(
        select(claim_entries.c.source_id, claim_entries.c.dimension,
               func.sum(claim_entries.c.amount).label("total"))
        .group_by(claim_entries.c.source_id, claim_entries.c.dimension)))
    return {(r.source_id, r.dimension): (r.registered, r.claimed,
                                         sums.get((r.source_id, r.dimension), 0))
            for r in conn.execute(select(source_amounts))}
