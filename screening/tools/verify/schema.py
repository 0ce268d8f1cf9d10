"""What a proposal's facts can be: the shape the static checks reason over.

Read from the proposal model and the rulebook, never written by hand, so it
follows changes to facts.py: which fields exist, their types, enum values and
bounds (amounts ≥ 0, boiler size > 0), which are always given and which may be
left out, and which nested group each belongs to. Facts derived from the
industry code, product and construction type are tabulated by running the real
derivation on one representative proposal per distinguishable choice.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import In, fields_of
from screening.screen import Screener

INDUSTRY_INPUTS = ("industry.code", "industry.product", "construction_type")


@dataclass(frozen=True)
class Leaf:
    """A scalar field of the proposal model as a fact."""

    name: str
    group: str  # dotted path of the nearest enclosing model ("" for the proposal)
    always: bool  # present whenever its group is (required, or has a default)
    lower: tuple[float, bool] | None = None  # (bound, strict)
    upper: tuple[float, bool] | None = None
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    path: str
    parent: str | None
    always: bool  # present whenever its parent is


@dataclass
class Schema:
    leaves: dict[str, Leaf] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The inner type of Optional[Annotated[T, ...]] and the constraints found on the way."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            metadata += [m for a in args[1:] for m in (getattr(a, "metadata", None) or [a])]
            annotation = args[0]
        elif origin is typing.Union or origin is types.UnionType:
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = inner[0] if len(inner) == 1 else annotation
            if len(inner) != 1:
                return annotation, metadata
        else:
            return annotation, metadata


def _bounds(metadata: list[Any]) -> tuple[tuple[float, bool] | None, tuple[float, bool] | None]:
    lower = upper = None
    for item in metadata:
        for attr, strict, is_lower in (("ge", False, True), ("gt", True, True),
                                       ("le", False, False), ("lt", True, False)):
            value = getattr(item, attr, None)
            if isinstance(value, int | float):
                if is_lower:
                    lower = (float(value), strict)
                else:
                    upper = (float(value), strict)
    return lower, upper


def proposal_schema(model: type[BaseModel] = Proposal) -> Schema:
    schema = Schema()
    schema.groups[""] = Group("", None, True)

    def walk(current: type[BaseModel], prefix: str, group: str) -> None:
        for name, info in current.model_fields.items():
            path = f"{prefix}{name}"
            target, metadata = _unwrap(info.annotation)
            always = info.is_required() or info.default is not None
            if isinstance(target, type) and issubclass(target, BaseModel):
                schema.groups[path] = Group(path, group, always)
                walk(target, f"{path}.", path)
                continue
            lower, upper = _bounds([*metadata, *info.metadata])
            enum: tuple[str, ...] = ()
            if isinstance(target, type) and issubclass(target, Enum):
                enum = tuple(str(m.value) for m in target)
            if typing.get_origin(target) is list or target in (list, date):
                continue
            schema.leaves[path] = Leaf(path, group, always, lower, upper, enum)

    walk(model, "", "")
    return schema


@dataclass(frozen=True)
class IndustryRow:
    """One distinguishable (code, product, construction type) and the facts it derives."""

    code: str
    product: str
    construction_type: str
    facts: dict[str, Any]


def _strings(value: Any, out: set[str]) -> None:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out)


def _catalogue_strings(rulebook: Rulebook) -> set[str]:
    out: set[str] = set()
    cats = rulebook.catalogues
    for model in (cats.industries, cats.two_high, cats.heavy_polluting, *cats.lists.values()):
        _strings(model.model_dump(mode="json"), out)
    return out


def _compared(rulebook: Rulebook, name: str) -> set[str]:
    """String constants the rules compare ``name`` with."""
    from screening.rulebook.condition_view import subconditions
    from screening.rulebook.conditions import Compare, Const

    out: set[str] = set()
    for rule in rulebook.rules:
        for node in subconditions(rule.condition):
            if isinstance(node, Compare) and node.left.name == name and isinstance(
                    node.right, Const) and isinstance(node.right.value, str):
                out.add(node.right.value)
            elif isinstance(node, In) and node.field.name == name:
                out.update(str(v) for v in node.values)
    return out


def industry_table(rulebook: Rulebook, schema: Schema, day: date,
                   distinct: bool = True) -> list[IndustryRow]:
    """Derived facts for every distinguishable industry choice, by running the derivation.

    Codes: every 4-digit code in a catalogue or a condition, and one code per
    division that no catalogue names; products: every keyword of the 两高
    catalogue or a condition, and a neutral product. Derivation reads nothing
    else of the industry, so every real proposal derives the same facts as one row.
    """
    divisions = sorted(rulebook.catalogues.industries.divisions)
    strings = _catalogue_strings(rulebook) | _compared(rulebook, "industry.code")
    codes = {s for s in strings if len(s) == 4 and s.isdigit() and s[:2] in divisions}
    for division in divisions:
        generic = next(f"{division}{n:02d}" for n in range(99, -1, -1)
                       if f"{division}{n:02d}" not in codes)
        codes.add(generic)
    products = {"产品"} | _compared(rulebook, "industry.product")
    keywords: dict[str, set[str]] = {}
    for entry in rulebook.catalogues.two_high.types:
        for code in entry.codes:
            keywords.setdefault(code, set()).update(entry.product_keywords)
    screener = Screener(rulebook, engine="python")
    rows = []
    for code in sorted(codes):
        for product in sorted(products | keywords.get(code, set())):
            for ctype in schema.leaves["construction_type"].enum:
                proposal = Proposal.model_validate({
                    "id": "V", "name": "V", "application_date": day,
                    "industry": {"code": code, "product": product},
                    "construction_type": ctype})
                facts, _ = screener.facts(proposal, day)
                kept = {k: v for k, v in facts.items()
                        if not k.startswith("param.") and (
                            k in INDUSTRY_INPUTS or k not in schema.leaves)}
                rows.append(IndustryRow(code, product, ctype, kept))
    rows = _varying(rows)
    return _distinct(rows, rulebook) if distinct else rows


def _varying(rows: list[IndustryRow]) -> list[IndustryRow]:
    """Rows without facts that are the same for every industry choice.

    Such a fact does not come from the industry (e.g. ``ledger.checked``, false only
    because the representative proposals were screened without a ledger); it is
    left to the other constraints or left free.
    """
    names = {k for row in rows for k in row.facts}
    constant = {n for n in names - set(INDUSTRY_INPUTS)
                if len({repr(row.facts.get(n)) for row in rows}) == 1}
    return [IndustryRow(r.code, r.product, r.construction_type,
                        {k: v for k, v in r.facts.items() if k not in constant}) for r in rows]


def _distinct(rows: list[IndustryRow], rulebook: Rulebook) -> list[IndustryRow]:
    """Rows that differ in some fact a condition reads (the others are interchangeable)."""
    read = {f for rule in rulebook.rules for f in fields_of(rule.condition)}
    read |= {p.base.keyed_by for p in rulebook.parameters.values() if p.base.keyed_by}
    seen: dict[tuple[Any, ...], IndustryRow] = {}
    for row in rows:
        key = tuple(sorted((k, v) for k, v in row.facts.items() if k in read))
        seen.setdefault(key, row)
    return list(seen.values())
