"""From a proposal to the flat facts the rules read.

The officer states amounts and sources; this module computes what the policy
asks about them: whether the project is 两高 (from the catalogue of
鲁政办字〔2021〕57号), how much of each replacement source may be counted, each
replacement ratio, which fuel groups it burns. Unknown stays unknown: a value
that cannot be computed is left out, so rules that need it refer.
"""

from __future__ import annotations

import math
import sys
import types
import typing
from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from screening.derive.industry import (
    CEMENT_ELIMINATION_LIST,
    INDUSTRY_SPECS,
    add_industry_facts,
    listed_in,
)
from screening.derive.sectors import derive_sectors, pesticide_lists, sector_specs
from screening.derive.site import site_specs
from screening.errors import InputError, Problem, did_you_mean
from screening.facts.flatten import flatten
from screening.facts.proposal import Proposal, Source
from screening.rulebook.conditions import BOOL, ENUM, NUMBER, TEXT, FieldSpec

if TYPE_CHECKING:
    from screening.rulebook.book import Catalogues

#: sums and ratios are rounded to this many decimals, so 0.1 + 0.2 equals 0.3 and
#: "exactly equal" replacement is decided on the amounts as written, not float noise
DECIMALS = 6

#: a sum or ratio past the largest float is taken as the largest float, not infinity:
#: it compares with every threshold as infinity would, and both engines get the same
#: finite number (durable_rules cannot read infinity)
LARGEST = sys.float_info.max
SCALE = 10.0 ** DECIMALS
#: floats below this are at most 1/8 apart: a product that came out whole is within 1/16 of it
EXACT = 2.0 ** 50


def bounded(value: float) -> float:
    """``value`` rounded to DECIMALS, an overflow to ±infinity held at ±LARGEST."""
    if value == 0.0:  # nothing to round (and the commonest sum: no source excluded)
        return value
    scaled = value * SCALE
    if scaled.is_integer() and -EXACT < scaled < EXACT:
        # already k / 10**DECIMALS within 1/16 of a unit: round() would give k / SCALE, the
        # same float, through a decimal string (the usual case of amounts written with few
        # decimals, at a tenth of the cost)
        return scaled / SCALE
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


#: balances whose sources must come from 两高 industries for a 两高 project (鲁政办字〔2022〕9号)
TWO_HIGH_ORIGIN = ("energy", "coal")
#: facts of the industry code remembered before the memo starts afresh (keeps memory bounded)
CODES_LIMIT = 20_000


def _names(dim: str, suffix: str) -> tuple[str, str, str]:
    """(excluded, countable and ratio fact names) of a balance dimension."""
    retired = "replaced" if dim.startswith("pollutants.") else "retired"
    return f"{dim}.excluded{suffix}", f"{dim}.{retired}{suffix}", f"{dim}.replacement_ratio"


#: each balance dimension's (family, new-amount field, excluded, countable, ratio fact names)
_SPECS = {dim: (dim.split(".")[0], new_field, *_names(dim, suffix))
          for dim, (new_field, suffix) in DIMENSIONS.items()}
#: the balances by proposal block: (block, ((part or None for the block itself, spec), ...))
_BLOCKS = tuple(
    (block, tuple((dim.split(".")[1] if "." in dim else None, _SPECS[dim])
                  for dim in DIMENSIONS if dim.split(".")[0] == block))
    for block in dict.fromkeys(dim.split(".")[0] for dim in DIMENSIONS))


class Deriver:
    """``derive`` for one rulebook: the catalogue lookups it makes are tabled once.

    What follows from the industry code and product alone (division, heavy-polluting,
    两高 type) is remembered per code and product; everything else is worked out
    for each proposal.
    """

    def __init__(self, catalogues: Catalogues) -> None:
        self.divisions = catalogues.industries.divisions
        self.heavy_divisions = frozenset(catalogues.heavy_polluting.divisions)
        self.heavy_classes = frozenset(catalogues.heavy_polluting.classes)
        self.two_high = catalogues.two_high
        #: source kind → (balance families it is not counted for, date from which)
        self.exclusions = {kind: (frozenset(rule.excluded_for), rule.excluded_from)
                           for kind, rule in catalogues.source_kinds.kinds.items()
                           if rule.excluded_for}
        groups = catalogues.fuels.groups
        self.fuel_groups = tuple((f"fuels.{group}", frozenset(members))
                                 for group, members in groups.items())
        self.coal = frozenset(groups.get("coal_products", ()))
        self.lists = {name: tuple(cat.entries) for name, cat in catalogues.lists.items()}
        self.pesticide_lists = pesticide_lists(self.lists)
        self.cement_names = listed_in(self.lists.get(CEMENT_ELIMINATION_LIST, ()))
        self._codes: dict[tuple[str, str], tuple[dict[str, Any], bool]] = {}

    def derive(self, proposal: Proposal, carbon_earliest: date | None, as_of: date,
               two_high_origin_since: date | None) -> dict[str, Any]:
        """The flat fact dict (dotted names) for one proposal; unknown values are absent.

        ``as_of`` dates the source-kind exclusions; ``two_high_origin_since`` is the date
        from which a 两高 project's energy and coal sources must come from 两高 industries.
        """
        facts: dict[str, Any] = {}
        flatten(proposal, "", facts)  # compiled once per model class: see facts/flatten.py
        industry = proposal.industry
        coded, two_high = self._code_facts(industry.code, industry.product)
        facts.update(coded)
        origin = (two_high and two_high_origin_since is not None
                  and as_of >= two_high_origin_since)
        fields = proposal.__dict__
        for block, parts in _BLOCKS:  # DIMENSIONS in order
            holder = fields[block]
            if holder is None:
                continue
            for part, spec in parts:
                balance = holder if part is None else holder.__dict__[part]
                if balance is not None and balance.sources is not None:
                    self._add_balance(facts, balance, spec, carbon_earliest, as_of, origin)

        if proposal.fuels is not None:
            burned = {str(f) for f in proposal.fuels}
            for name, members in self.fuel_groups:
                facts[name] = not burned.isdisjoint(members)
        if proposal.boilers is not None:
            sizes = [b.capacity_t_h for b in proposal.boilers if str(b.fuel) in self.coal]
            facts["boilers.has_coal_boiler"] = bool(sizes)
            if sizes:
                facts["boilers.smallest_coal_t_h"] = min(sizes)
        add_industry_facts(proposal, facts, self.cement_names)
        derive_sectors(proposal, facts, self.pesticide_lists)
        return facts

    def _code_facts(self, code: str, product: str) -> tuple[dict[str, Any], bool]:
        """The facts of the industry code and product, and whether the project is 两高."""
        found = self._codes.get((code, product))
        if found is None:
            if len(self._codes) >= CODES_LIMIT:
                self._codes.clear()
            found = self._codes[(code, product)] = self._code_facts_of(code, product)
        return found

    def _code_facts_of(self, code: str, product: str) -> tuple[dict[str, Any], bool]:
        division = code[:2]
        if division not in self.divisions:
            raise InputError([Problem(
                f"industry code {code}: division {division} does not exist in GB/T 4754-2017",
                field="industry.code", expected="a 4-digit class of an existing division",
                suggestion=did_you_mean(division, self.divisions),
                code="industry_division_unknown", params={"code": code, "division": division})])
        facts: dict[str, Any] = {
            "industry.division": division,
            "industry.heavy_polluting": division in self.heavy_divisions
            or code in self.heavy_classes}
        matched = None
        if division in self.two_high.divisions:
            for entry in self.two_high.types:
                if code in entry.codes and (not entry.product_keywords or any(
                        k in product for k in entry.product_keywords)):
                    matched = entry
                    break
        facts["two_high.in_scope"] = matched is not None
        if matched is not None:
            facts["two_high.type"] = matched.name
            facts["two_high.group"] = matched.group
        return facts, matched is not None

    def _add_balance(self, facts: dict[str, Any], balance: Any, spec: tuple[str, ...],
                     carbon_earliest: date | None, as_of: date, two_high_origin: bool) -> None:
        """The countable and excluded amounts of one balance with sources, and its ratio."""
        family, new_field, excluded_name, retired_name, ratio_name = spec
        counted, excluded = self._countable(balance.sources, family, carbon_earliest, as_of,
                                            two_high_origin)
        facts[excluded_name] = excluded
        if counted is None:
            return
        facts[retired_name] = counted
        new = getattr(balance, new_field)
        if new:
            facts[ratio_name] = bounded(counted / new)

    def _countable(self, sources: list[Source], family: str, carbon_earliest: date | None,
                   as_of: date, two_high_origin: bool) -> tuple[float | None, float]:
        """(countable amount or None when eligibility is unknown, excluded amount).

        ``two_high_origin``: the project is 两高 and 9号 is in force, so its energy and
        coal sources count only when they come from 两高 industries.
        """
        counted, excluded, unknown = 0.0, 0.0, False
        origin = two_high_origin and family in TWO_HIGH_ORIGIN
        carbon = family == "carbon"
        exclusions = self.exclusions
        for source in sources:
            rule = exclusions.get(str(source.kind)) if exclusions else None
            if rule is not None and family in rule[0] and (
                    rule[1] is None or as_of >= rule[1]):
                excluded += source.amount
                continue
            if origin:
                if source.two_high_industry is None:
                    unknown = True
                    continue
                if not source.two_high_industry:
                    excluded += source.amount
                    continue
            if carbon:
                if source.arose_on is None or source.in_shandong is None \
                        or carbon_earliest is None:
                    unknown = True
                    continue
                if source.arose_on < carbon_earliest or not source.in_shandong:
                    excluded += source.amount
                    continue
            counted += source.amount
        return (None if unknown else bounded(counted)), bounded(excluded)
