"""The loaded rulebook: rules with their clauses resolved, parameters, catalogues."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from screening.rulebook.conditions import Cond, FieldSpec
from screening.rulebook.models import (
    Clause,
    Document,
    Effect,
    FuelCatalogue,
    HeavyPollutingCatalogue,
    IndustryCatalogue,
    ListCatalogue,
    SourceKindCatalogue,
    Text,
    TwoHighCatalogue,
)
from screening.rulebook.params import LayeredParameter


@dataclass(frozen=True)
class CompiledRule:
    """One rule, ready to run: its condition parsed and its clause looked up."""

    id: str
    title: Text
    clause_id: str
    clause: Clause
    document: Document
    effect: Effect
    when: str
    condition: Cond
    message: Text
    in_force_from: date
    in_force_to: date | None
    file: str
    line: int | None
    fields: tuple[str, ...]
    #: (status, durable_rules match expression) compiled from ``condition``
    matches: tuple[tuple[str, dict[str, Any]], ...] = ()
    rationale: str | None = None
    tags: tuple[str, ...] = ()

    def in_force_on(self, as_of: date) -> bool:
        return self.in_force_from <= as_of and (self.in_force_to is None
                                                or as_of <= self.in_force_to)

    def citation(self) -> dict[str, str]:
        return {"document": self.document.number, "section": self.clause.section,
                "quote": self.clause.quote}


@dataclass(frozen=True)
class Catalogues:
    industries: IndustryCatalogue
    two_high: TwoHighCatalogue
    heavy_polluting: HeavyPollutingCatalogue
    source_kinds: SourceKindCatalogue
    fuels: FuelCatalogue
    #: plain lists (catalogues/<name>.yaml with `entries`), used as `x in catalogue.<name>`
    lists: dict[str, ListCatalogue] = field(default_factory=dict)


@dataclass
class Rulebook:
    """Everything under ``rules/`` after validation; immutable once loaded."""

    root: str
    digest: str
    documents: dict[str, Document]
    clauses: dict[str, Clause]
    parameters: dict[str, LayeredParameter]
    catalogues: Catalogues
    fields: dict[str, FieldSpec]
    rules: list[CompiledRule]
    overlays: tuple[str, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    #: the zone layers of rules/zones/ in use (screening.spatial.ZoneLayers), read once
    zones: Any = None

    @property
    def hash(self) -> str:
        return f"sha256:{self.digest}"

    @cached_property
    def plan(self) -> Document:
        """The document most rules cite: the plan whose period bounds screening dates."""
        counts: dict[str, int] = {}
        for rule in self.rules:
            counts[rule.document.number] = counts.get(rule.document.number, 0) + 1
        number = max(counts, key=lambda k: counts[k])
        return next(d for d in self.documents.values() if d.number == number)

    @cached_property
    def rules_by_id(self) -> dict[str, CompiledRule]:
        return {rule.id: rule for rule in self.rules}

    def label(self, name: str) -> dict[str, Any]:
        spec = self.fields.get(name)
        if spec is None:
            return {"zh": name, "en": name}
        return {"zh": spec.label_zh or spec.label_en or name, "en": spec.label_en or name}
