"""From a proposal to the flat facts the rules read.

The officer states amounts and sources; this module computes what the policy
asks about them: whether the project is 两高 (from the catalogue of
鲁政办字〔2021〕57号), how much of each replacement source may be counted, each
replacement ratio, which fuel groups it burns. Unknown stays unknown: a value
that cannot be computed is left out, so rules that need it refer.
"""

from __future__ import annotations

import functools
import math
import sys
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from screening.derive.industry import INDUSTRY_SPECS, industry_facts
from screening.derive.sectors import derive_sectors, sector_specs
from screening.derive.site import site_specs
from screening.errors import InputError, Problem, did_you_mean
from screening.facts.flatten import flatten
from screening.facts.proposal import Proposal, Source
from screening.rulebook.conditions import BOOL, ENUM, NUMBER, TEXT, FieldSpec
from screening.rulebook.models import (
    IndustryCatalogue,
    SourceKindCatalogue,
    TwoHighCatalogue,
)

#: sums and ratios are rounded to this many decimals, so 0.1 + 0.2 equals 0.3 and
#: "exactly equal" replacement is decided on the amounts as written, not float noise
DECIMALS = 6

#: a sum or ratio past the largest float is taken as the largest float, not infinity:
#: it compares with every threshold as infinity would, and both engines get the same
#: finite number (durable_rules cannot read infinity)
LARGEST = sys.float_info.max


def bounded(value: float) -> float:
    """``value`` rounded to DECIMALS, an overflow to ±infinity held at ±LARGEST."""
    if math.isinf(value):
        return math.copysign(LARGEST, value)
    return round(value, DECIMALS)


POLLUTANTS = ("so2", "nox", "particulates", "vocs", "cod", "nh3n")

# dimension → (field of the new amount, unit suffix of derived names)
DIMENSIONS: dict[str, tuple[str, str]] = {
    "capacity": ("new", ""),
    "energy": ("new_tce", "_tce"),
    "coal": ("new_tce", "_tce"),
    "carbon": ("new_t_co2", "_t_co2"),
    **{f"pollutants.{p}": ("new_t", "_t") for p in POLLUTANTS},
}


def _annotated_base(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` (a strict Flag, Day, amount), else None."""
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return None


def _leaf_specs(model: type[BaseModel], prefix: str = "",
                present: bool = True) -> dict[str, FieldSpec]:
    """Condition-visible scalar fields of the proposal model, by dotted path.

    A field is ``always`` known when it and every block above it can be neither
    left out nor null (required, or with a non-null default).
    """
    out: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = info.annotation
        args = typing.get_args(annotation) if isinstance(
            annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union else ()
        candidates = [a for a in args if a is not type(None)] or [annotation]
        target = candidates[0]
        label = info.description or name
        always = present and type(None) not in args and (
            info.is_required() or info.default is not None)
        if isinstance(target, type) and issubclass(target, BaseModel):
            out.update(_leaf_specs(target, f"{path}.", always))
        elif isinstance(target, type) and issubclass(target, Enum):
            out[path] = FieldSpec(ENUM, tuple(str(m.value) for m in target), label_en=label,
                                  always=always)
        elif target is bool or _annotated_base(target) is bool:  # a Flag
            out[path] = FieldSpec(BOOL, label_en=label, always=always)
        elif _annotated_base(target) is date:  # a Day: not read by conditions
            continue
        elif target in (int, float) or typing.get_origin(target) is typing.Annotated:
            out[path] = FieldSpec(NUMBER, label_en=label, always=always)
        elif target is str:
            out[path] = FieldSpec(TEXT, label_en=label, always=always)
    return out


def _derived_specs() -> dict[str, FieldSpec]:
    specs: dict[str, FieldSpec] = {
        "industry.division": FieldSpec(TEXT, label_zh="国民经济行业大类",
                                       label_en="GB/T 4754 division (2 digits)", always=True),
        "industry.heavy_polluting": FieldSpec(BOOL, label_zh="重污染行业",
                                              label_en="heavy-polluting industry", always=True),
        "two_high.in_scope": FieldSpec(BOOL, label_zh="属于“两高”项目范围",
                                       label_en="in the Shandong 两高 scope", always=True),
        "two_high.type": FieldSpec(TEXT, label_zh="“两高”项目类型", label_en="两高 project type"),
        "two_high.group": FieldSpec(TEXT, label_zh="“两高”16类", label_en="两高 group of 16"),
        "boilers.has_coal_boiler": FieldSpec(BOOL, label_zh="新建燃煤锅炉",
                                             label_en="installs a coal-fired boiler"),
        "boilers.smallest_coal_t_h": FieldSpec(NUMBER, unit="t/h", label_zh="最小燃煤锅炉容量",
                                               label_en="smallest coal boiler, t/h"),
    }
    for dim, (_, suffix) in DIMENSIONS.items():
        retired = "replaced" if dim.startswith("pollutants.") else "retired"
        specs[f"{dim}.{retired}{suffix}"] = FieldSpec(
            NUMBER, label_zh=f"{dim} 可计入的替代量", label_en=f"{dim}: countable {retired} amount")
        specs[f"{dim}.excluded{suffix}"] = FieldSpec(
            NUMBER, label_zh=f"{dim} 不可计入的替代量", label_en=f"{dim}: sources not counted")
        specs[f"{dim}.replacement_ratio"] = FieldSpec(
            NUMBER, unit="ratio", label_zh=f"{dim} 替代比例（替代:新增）",
            label_en=f"{dim}: replacement ratio (retired : new)")
    specs.update(INDUSTRY_SPECS)
    return specs


def fact_fields(fuel_groups: Iterable[str]) -> dict[str, FieldSpec]:
    """Every field a rule condition may read (parameters are added by the rulebook)."""
    from screening.derive.ledger import ledger_fields  # imports this module's siblings only

    specs = _leaf_specs(Proposal)
    specs.update(_derived_specs())
    specs.update(sector_specs())
    specs.update(ledger_fields())
    specs.update(site_specs())
    for group in fuel_groups:
        specs[f"fuels.{group}"] = FieldSpec(BOOL, label_zh=f"使用燃料组 {group}",
                                            label_en=f"burns a fuel of group {group}")
    return specs


def _flatten(model: BaseModel | None, prefix: str, out: dict[str, Any]) -> None:
    flatten(model, prefix, out)  # compiled once per model class: see screening/facts/flatten.py


#: balances whose sources must come from 两高 industries for a 两高 project (鲁政办字〔2022〕9号)
TWO_HIGH_ORIGIN = ("energy", "coal")


def _countable(sources: list[Source], dim: str, kinds: SourceKindCatalogue,
               carbon_earliest: date | None, as_of: date | None = None,
               two_high_origin: bool = False) -> tuple[float | None, float]:
    """(countable amount or None when eligibility is unknown, excluded amount).

    ``two_high_origin``: the project is 两高 and 9号 is in force, so its energy and
    coal sources count only when they come from 两高 industries.
    """
    counted, excluded, unknown = 0.0, 0.0, False
    family = dim.split(".")[0]
    for source in sources:
        rule = kinds.kinds.get(str(source.kind))
        if rule is not None and family in rule.excluded_for and (
                rule.excluded_from is None or (as_of is not None and as_of >= rule.excluded_from)):
            excluded += source.amount
            continue
        if two_high_origin and family in TWO_HIGH_ORIGIN:
            if source.two_high_industry is None:
                unknown = True
                continue
            if not source.two_high_industry:
                excluded += source.amount
                continue
        if family == "carbon":
            if source.arose_on is None or source.in_shandong is None or carbon_earliest is None:
                unknown = True
                continue
            if source.arose_on < carbon_earliest or not source.in_shandong:
                excluded += source.amount
                continue
        counted += source.amount
    return (None if unknown else bounded(counted)), bounded(excluded)


@functools.cache
def _dimension_names(dim: str, suffix: str) -> tuple[tuple[str, ...], str, str, str]:
    """(attribute path, excluded, countable and ratio fact names) of a balance dimension."""
    retired = "replaced" if dim.startswith("pollutants.") else "retired"
    return (tuple(dim.split(".")), f"{dim}.excluded{suffix}", f"{dim}.{retired}{suffix}",
            f"{dim}.replacement_ratio")


#: dimension → (new-amount field, attribute path, excluded, countable, ratio fact names)
_BALANCES = {dim: (new_field, *_dimension_names(dim, suffix))
             for dim, (new_field, suffix) in DIMENSIONS.items()}


def derive(proposal: Proposal, *, industries: IndustryCatalogue, two_high: TwoHighCatalogue,
           heavy_divisions: set[str], heavy_classes: set[str],
           fuel_groups: dict[str, list[str]], source_kinds: SourceKindCatalogue,
           carbon_earliest: date | None,
           lists: Mapping[str, Sequence[str]] | None = None,
           as_of: date | None = None, two_high_origin_since: date | None = None,
           ) -> dict[str, Any]:
    """The flat fact dict (dotted names) for one proposal; unknown values are absent.

    ``as_of`` dates the source-kind exclusions; ``two_high_origin_since`` is the date
    from which a 两高 project's energy and coal sources must come from 两高 industries.
    """
    facts: dict[str, Any] = {}
    _flatten(proposal, "", facts)
    code = proposal.industry.code
    division = code[:2]
    if division not in industries.divisions:
        raise InputError([Problem(
            f"industry code {code}: division {division} does not exist in GB/T 4754-2017",
            field="industry.code", expected="a 4-digit class of an existing division",
            suggestion=did_you_mean(division, industries.divisions),
            code="industry_division_unknown", params={"code": code, "division": division})])
    facts["industry.division"] = division
    facts["industry.heavy_polluting"] = division in heavy_divisions or code in heavy_classes

    matched = None
    if division in two_high.divisions:
        for entry in two_high.types:
            if code in entry.codes and (not entry.product_keywords or any(
                    k in proposal.industry.product for k in entry.product_keywords)):
                matched = entry
                break
    facts["two_high.in_scope"] = matched is not None
    if matched is not None:
        facts["two_high.type"] = matched.name
        facts["two_high.group"] = matched.group

    for dim, (new_field, path, excluded_name, retired_name, ratio_name) in _BALANCES.items():
        balance: Any = proposal
        for part in path:
            balance = getattr(balance, part, None) if balance is not None else None
        if balance is None or balance.sources is None:
            continue
        origin = (matched is not None and two_high_origin_since is not None
                  and as_of is not None and as_of >= two_high_origin_since)
        counted, excluded = _countable(balance.sources, dim, source_kinds, carbon_earliest,
                                       as_of, origin)
        facts[excluded_name] = excluded
        if counted is None:
            continue
        facts[retired_name] = counted
        new = getattr(balance, new_field)
        if new:
            facts[ratio_name] = bounded(counted / new)

    if proposal.fuels is not None:
        burned = {str(f) for f in proposal.fuels}
        for group, members in fuel_groups.items():
            facts[f"fuels.{group}"] = not burned.isdisjoint(members)
    if proposal.boilers is not None:
        coal = set(fuel_groups.get("coal_products", ()))
        sizes = [b.capacity_t_h for b in proposal.boilers if str(b.fuel) in coal]
        facts["boilers.has_coal_boiler"] = bool(sizes)
        if sizes:
            facts["boilers.smallest_coal_t_h"] = min(sizes)
    facts.update(industry_facts(proposal, lists or {}))
    derive_sectors(proposal, facts, lists or {})
    return facts
