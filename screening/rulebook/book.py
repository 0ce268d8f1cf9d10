"""The loaded rulebook: rules with their clauses resolved, parameters, catalogues."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from screening.errors import Problem
from screening.rulebook.conditions import Cond, FieldSpec
from screening.rulebook.models import (
    BasisDocument,
    BasisExcerpt,
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
class BasisCitation:
    """An excerpt of a higher-level document a rule rests on, resolved and checked."""

    id: str
    document: BasisDocument
    excerpt: BasisExcerpt
    strength: Effect

    def as_dict(self) -> dict[str, str]:
        return {"document": self.document.number, "article": self.excerpt.article,
                "quote": self.excerpt.quote, "confidence": str(self.excerpt.confidence)}


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
    #: higher-level excerpts the rule's force rests on; none: a plan-only rule
    basis: tuple[BasisCitation, ...] = ()
    #: strength of the cited clause's wording (see rulebook/strength.py)
    clause_strength: Effect | None = None
    #: for a plan-only rule, the last day of the plan's window (it ends the rule then)
    window_end: date | None = None
    #: the end the rule file gives (``in_force_to`` is the earlier of it and ``window_end``)
    own_end: date | None = None

    @property
    def plan_only(self) -> bool:
        return not self.basis

    def expired_with_plan(self, as_of: date) -> bool:
        """A plan-only rule that would apply on ``as_of`` but for the end of the plan's window."""
        return (self.window_end is not None and self.window_end < as_of
                and self.in_force_from <= as_of
                and (self.own_end is None or self.own_end >= as_of))

    def basis_citations(self) -> list[dict[str, str]]:
        return [b.as_dict() for b in self.basis]

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
    #: higher-level documents (policy/documents.yaml) and their excerpts (policy/basis.yaml)
    basis_documents: dict[str, BasisDocument] = field(default_factory=dict)
    excerpts: dict[str, BasisExcerpt] = field(default_factory=dict)
    #: strength of each clause's wording, after any registered override
    clause_strengths: dict[str, Effect] = field(default_factory=dict)
    #: rules whose effect is stronger than their texts or rests on what was not read
    fidelity: list[Problem] = field(default_factory=list, repr=False)
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
