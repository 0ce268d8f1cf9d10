"""Checking the replacement sources a proposal cites against the ledger (减量替代来源台账).

The five reductions and reduction-based replacement (二(一)3) are met by retiring
something else; the ledger makes sure the same retired amount is not counted for
two projects. A proposal cites a ledger source with ``ledger_id`` and an amount.
Here, without any database, a *ledger view* — what the ledger said at screening
time about the cited sources — is applied to the proposal:

- an amount the ledger does not back (source not registered, no amount of that
  dimension, a different unit, kind or date than declared, more than is still
  available) is not counted and becomes ``<dim>.ledger_unbacked…``, which the
  rules in ``rules/industry/ledger.yaml`` turn into a finding citing 二(一)3;
- what the proposal left out about a cited source (date it arose, in Shandong,
  evidence) is taken from the ledger.

The view is stored with the decision, so a replay gives the same answer whatever
the ledger holds later. Without a database the references stay declared sources,
and the decision warns that they were not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from screening.facts.proposal import Proposal, Source
from screening.rulebook.conditions import BOOL, NUMBER, TEXT, FieldSpec

#: dimension → (field prefix in derived facts, unit suffix, zh, en); order as in derive.DIMENSIONS
DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "capacity": ("", "产能", "capacity"),
    "energy": ("_tce", "能耗", "energy use"),
    "coal": ("_tce", "煤炭消费", "coal use"),
    "carbon": ("_t_co2", "二氧化碳排放", "CO2 emission"),
    "pollutants.so2": ("_t", "二氧化硫", "SO2"),
    "pollutants.nox": ("_t", "氮氧化物", "NOx"),
    "pollutants.particulates": ("_t", "颗粒物", "particulates"),
    "pollutants.vocs": ("_t", "挥发性有机物", "VOCs"),
    "pollutants.cod": ("_t", "化学需氧量", "COD"),
    "pollutants.nh3n": ("_t", "氨氮", "NH3-N"),
}
_PATHS = {dim: tuple(dim.split(".")) for dim in DIMENSIONS}
CHECKED = "ledger.checked"
#: amounts are compared in thousandths of their unit (kg, kgce), exactly
MILLI = 1000

LedgerView = dict[str, Any]


def milli(amount: float) -> int:
    return round(amount * MILLI)


def unbacked_field(dim: str) -> str:
    return f"{dim}.ledger_unbacked{DIMENSIONS[dim][0]}"


def ledger_fields() -> dict[str, FieldSpec]:
    """Facts the ledger check adds; rule conditions and messages may read them."""
    specs = {CHECKED: FieldSpec(BOOL, label_zh="已对照减量替代来源台账核对",
                                label_en="replacement sources checked against the ledger")}
    for dim, (_, zh, en) in DIMENSIONS.items():
        specs[unbacked_field(dim)] = FieldSpec(
            NUMBER, label_zh=f"{zh}替代来源中台账不能支撑的量",
            label_en=f"{en}: cited amount the ledger does not back")
        specs[f"{dim}.ledger_detail_zh"] = FieldSpec(TEXT, label_zh=f"{zh}台账核对说明",
                                                     label_en=f"{en}: ledger check (zh)")
        specs[f"{dim}.ledger_detail_en"] = FieldSpec(TEXT, label_zh=f"{zh}台账核对说明（英文）",
                                                     label_en=f"{en}: ledger check")
    return specs


def balance_of(proposal: Proposal, dim: str) -> Any:
    balance: Any = proposal
    for part in _PATHS.get(dim) or dim.split("."):
        balance = getattr(balance, part, None) if balance is not None else None
    return balance


#: the dimensions by proposal block: (block, ((dimension, part or None for the block), ...))
_BLOCKS = tuple((block, tuple((dim, path[1] if len(path) > 1 else None)
                              for dim, path in _PATHS.items() if path[0] == block))
                for block in dict.fromkeys(path[0] for path in _PATHS.values()))


def references(proposal: Proposal) -> Iterator[tuple[str, int, Source]]:
    """(dimension, index, source) of every source that cites the ledger."""
    fields = proposal.__dict__  # balance_of, unrolled by block: this runs on every screening
    for block, parts in _BLOCKS:
        holder = fields[block]
        if holder is None:
            continue
        for dim, part in parts:
            balance = holder if part is None else holder.__dict__[part]
            if balance is None or not balance.sources:
                continue
            for index, source in enumerate(balance.sources):
                if source.ledger_id is not None:
                    yield dim, index, source


def claims_of(proposal: Proposal) -> list[tuple[str, str, float]]:
    """(ledger id, dimension, amount) a proposal would claim, summed per source and dimension."""
    totals: dict[tuple[str, str], float] = {}
    for dim, _, source in references(proposal):
        key = (str(source.ledger_id), dim)
        totals[key] = totals.get(key, 0.0) + source.amount
    return [(sid, dim, amount) for (sid, dim), amount in totals.items()]


def num(value: float) -> str:
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text or "0"


def _problem(source: Source, dim: str, entry: dict[str, Any] | None,
             capacity_unit: str | None) -> tuple[str, str] | None:
    """Why the ledger cannot back this reference at all, or None."""
    sid = source.ledger_id
    zh_dim, en_dim = DIMENSIONS[dim][1], DIMENSIONS[dim][2]
    if entry is None:
        return (f"{sid} 未在台账登记", f"{sid} is not registered in the ledger")
    amount = entry["amounts"].get(dim)
    if amount is None:
        return (f"{sid} 未登记{zh_dim}减量", f"{sid} has no {en_dim} amount registered")
    if dim == "capacity" and capacity_unit is not None and amount["unit"] != capacity_unit:
        return (f"{sid} 产能登记单位为 {amount['unit']}，申报单位为 {capacity_unit}",
                f"{sid} capacity is registered in {amount['unit']}, declared in {capacity_unit}")
    if str(source.kind) != entry["kind"]:
        return (f"{sid} 台账类型为“{entry['kind']}”，申报为“{source.kind}”",
                f"{sid} is of kind '{entry['kind']}' in the ledger, declared '{source.kind}'")
    if source.arose_on is not None and source.arose_on.isoformat() != entry["arose_on"]:
        return (f"{sid} 台账形成日期为 {entry['arose_on']}，申报为 {source.arose_on}",
                f"{sid} arose on {entry['arose_on']} per the ledger, declared {source.arose_on}")
    if source.in_shandong is not None and source.in_shandong != entry["in_shandong"]:
        where = ("省内", "in Shandong") if entry["in_shandong"] else ("省外", "outside Shandong")
        return (f"{sid} 台账记载位于{where[0]}，与申报不符",
                f"{sid} lies {where[1]} per the ledger, unlike declared")
    return None


def apply_ledger(proposal: Proposal, view: LedgerView | None) -> tuple[Proposal, dict[str, Any]]:
    """The proposal as the ledger backs it, and the ledger facts to add after derivation."""
    if view is None:
        return proposal, {CHECKED: False}
    if next(references(proposal), None) is None:  # nothing cited: the ledger backs it all
        return proposal, dict(_ALL_BACKED)
    return checked_against(proposal, view)


def checked_against(proposal: Proposal, view: LedgerView) -> tuple[Proposal, dict[str, Any]]:
    """``apply_ledger`` with a view, source by source (for a proposal that cites none, it
    finds ``_ALL_BACKED``: tests/derive/test_ledger_fast_path.py holds the two equal)."""
    entries: dict[str, Any] = view.get("sources", {})
    extra: dict[str, Any] = {CHECKED: True}
    declared = {(sid, dim): total for sid, dim, total in claims_of(proposal)}
    remaining: dict[tuple[str, str], int] = {}
    update: dict[str, list[Source | None]] = {}
    for dim in DIMENSIONS:
        balance = balance_of(proposal, dim)
        sources: list[Source | None] = list(getattr(balance, "sources", None) or ())
        notes: list[tuple[str, str]] = []
        unbacked = 0
        for index, source in enumerate(list(sources)):
            if source is None or source.ledger_id is None:
                continue
            entry = entries.get(source.ledger_id)
            mismatch = _problem(source, dim, entry, str(balance.unit) if dim == "capacity"
                                else None)
            problem, wanted, backed = mismatch, milli(source.amount), 0
            if mismatch is None and entry is not None:
                key = (source.ledger_id, dim)
                available = entry["amounts"][dim]["available"]
                left = remaining.setdefault(key, milli(available))
                backed = min(wanted, left)
                remaining[key] = left - backed
                if backed < wanted:
                    problem = (f"{key[0]} 剩余可用 {num(available)}，本项目申报 "
                               f"{num(declared[key])}",
                               f"{key[0]}: {num(available)} left, {num(declared[key])} declared")
            if problem is not None and problem not in notes:
                notes.append(problem)
            unbacked += wanted - backed
            filled: dict[str, Any] = {"amount": backed / MILLI} if backed != wanted else {}
            if entry is not None and mismatch is None:
                if source.arose_on is None:
                    filled["arose_on"] = date.fromisoformat(entry["arose_on"])
                if source.in_shandong is None:
                    filled["in_shandong"] = entry["in_shandong"]
                if source.evidence is None and entry.get("evidence"):
                    filled["evidence"] = entry["evidence"]
            # a source backed by nothing counts for nothing: dropped, so its eligibility
            # (e.g. an unknown date for carbon) cannot make the proposal undecidable
            sources[index] = None if backed == 0 else source.model_copy(update=filled)
            update[dim] = sources
        extra[unbacked_field(dim)] = unbacked / MILLI
        if notes:
            extra[f"{dim}.ledger_detail_zh"] = "；".join(zh for zh, _ in notes)
            extra[f"{dim}.ledger_detail_en"] = "; ".join(en for _, en in notes)
    return _with_sources(proposal, update), extra


#: the ledger facts of a proposal that cites no ledger source (as the loop in
#: ``checked_against`` finds them: checked, nothing unbacked (a float, as there), no notes)
_ALL_BACKED: dict[str, Any] = {CHECKED: True, **{unbacked_field(dim): 0.0 for dim in DIMENSIONS}}


def _with_sources(proposal: Proposal, update: dict[str, list[Source | None]]) -> Proposal:
    for dim, listed in update.items():
        sources = [s for s in listed if s is not None]
        if dim.startswith("pollutants."):
            name = dim.split(".")[1]
            pollutants = proposal.pollutants
            assert pollutants is not None
            balance = getattr(pollutants, name).model_copy(update={"sources": sources})
            proposal = proposal.model_copy(update={
                "pollutants": pollutants.model_copy(update={name: balance})})
        else:
            balance = getattr(proposal, dim).model_copy(update={"sources": sources})
            proposal = proposal.model_copy(update={dim: balance})
    return proposal


def add_ledger_facts(facts: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge the ledger facts; amounts the ledger does not back count as not counted."""
    facts.update(extra)
    if not extra.get(CHECKED):  # no ledger in use: nothing it failed to back
        return
    for unbacked_name, excluded in _UNBACKED:
        unbacked = extra.get(unbacked_name, 0.0)
        if unbacked and excluded in facts:
            facts[excluded] = facts[excluded] + unbacked


#: (unbacked amount, not-counted amount) fact names per dimension
_UNBACKED = [(unbacked_field(dim), f"{dim}.excluded{suffix}")
             for dim, (suffix, _, _) in DIMENSIONS.items()]


def ledger_warnings(proposal: Proposal, view: LedgerView | None) -> list[dict[str, str]]:
    if view is not None:
        return []
    ids = sorted({str(s.ledger_id) for _, _, s in references(proposal)})
    if not ids:
        return []
    return [{
        "zh": f"未连接减量替代来源台账，所引用的台账来源（{'、'.join(ids)}）仅按申报内容计入，"
              "未核对是否已被其他项目占用。",
        "en": f"No ledger database in use: the cited ledger sources ({', '.join(ids)}) were "
              "counted as declared, without checking whether other projects claimed them.",
    }]
