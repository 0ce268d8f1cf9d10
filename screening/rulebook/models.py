"""What a file under ``rules/`` may contain, as strict pydantic models.

Every model forbids unknown keys, so a typo in a rule file is an error with its
line, not a silently ignored setting.
"""


import functools
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A bilingual text: Chinese first, English beside it."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Confidence(StrEnum):
    """How sure we are of a higher-level source (see shared REFERENCES.md)."""

    READ = "read"
    PARTIAL = "partial"
    UNVERIFIED = "unverified"


class Reference(Strict):
    document: str = Field(min_length=1, description="document number, e.g. 鲁政办字〔2021〕57号")
    confidence: Confidence
    note: str | None = None


class Effect(StrEnum):
    REJECT = "reject"
    REFER = "refer"
    CONDITION = "condition"
    NOTE = "note"


# --- clause registry ------------------------------------------------------------

class Document(Strict):
    number: str = Field(min_length=1)
    title: str = Field(min_length=1)
    issued: date
    effective: date
    period_from: date
    period_to: date
    text: str = Field(description="file name of the full text, beside clauses.yaml")


class Clause(Strict):
    document: str = Field(description="key into `documents`")
    section: str = Field(min_length=1, description="section path as in the plan, e.g. 二(一)3")
    quote: str = Field(min_length=4, description="verbatim sentence from the document text")
    relies_on: list[Reference] = Field(default_factory=list)
    strength: Effect | None = Field(
        None, description="override of the strength computed from the quote's wording")
    strength_reason: str | None = Field(
        None, description="why; required when the override is stronger than the wording")


class ClauseRegistry(Strict):
    description: Text
    documents: dict[str, Document]
    clauses: dict[str, Clause]


# --- higher-level documents and the excerpts rules rest on (documents.yaml, basis.yaml) --

class Source(Strict):
    url: str = Field(min_length=1, description="where the text was read")
    read_on: date | None = None


class BasisDocument(Strict):
    """A higher-level document (provincial, national) some rule's force comes from."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*$")]
    number: str = Field(min_length=1, description="document number, e.g. 鲁政办字〔2021〕57号")
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    in_force_from: date | None = None
    in_force_to: date | None = None
    text: str = Field(description="file under rules/policy/ holding the excerpts as read")
    source: Source
    confidence: Confidence
    description: str | None = None


class ReadAt(Strict):
    url: str = Field(min_length=1)
    sentence: str = Field(min_length=1, description="the sentence as read at that address")


class BasisExcerpt(Strict):
    """A verbatim excerpt of a higher-level document that a rule relies on."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9./-]*$")]
    document: str = Field(description="id of a document in documents.yaml")
    article: str = Field(min_length=1, description="article or section in that document")
    quote: str = Field(min_length=2, description="verbatim; found in the document's text file")
    confidence: Confidence
    strength: Effect | None = Field(
        None, description="override of the strength computed from the quote's wording")
    strength_reason: str | None = None
    read_at: ReadAt | None = None


class ClauseFile(Strict):
    """More clauses, in policy/clauses-<topic>.yaml; documents stay in clauses.yaml."""

    description: Text
    clauses: dict[str, Clause]


# --- parameters -----------------------------------------------------------------

Scalar = float | int | date


class Range(Strict):
    """The values a parameter may take; ``above``/``below`` exclude the bound itself."""

    min: float | None = None
    above: float | None = None
    max: float | None = None
    below: float | None = None

    def admits(self, value: float) -> bool:
        return ((self.min is None or value >= self.min)
                and (self.above is None or value > self.above)
                and (self.max is None or value <= self.max)
                and (self.below is None or value < self.below))

    def describe(self) -> str:
        low = (f">= {self.min:g}" if self.min is not None
               else f"> {self.above:g}" if self.above is not None else "")
        high = (f"<= {self.max:g}" if self.max is not None
                else f"< {self.below:g}" if self.below is not None else "")
        return " and ".join(part for part in (low, high) if part) or "any number"


#: the range a unit implies where a parameter declares none (a ratio > 0, a share 0-100)
UNIT_RANGES: dict[str, dict[str, float]] = {"ratio": {"above": 0, "max": 10},
                                            "%": {"min": 0, "max": 100}}
DEFAULT_RANGE: dict[str, float] = {"min": 0}


@functools.cache
def unit_range(unit: str) -> Range:
    """The range ``unit`` implies (built on first use: the model is built then, not at import)."""
    return Range(**UNIT_RANGES.get(unit, DEFAULT_RANGE))


class Correction(Strict):
    """A value under a date already in force that was changed on purpose: what it was and why."""

    on: date = Field(alias="date", description="the effective date whose value changed")
    was: Scalar | dict[str, Scalar]
    reason: str = Field(min_length=8, description="why the old value was wrong, and the source")


class Parameter(Strict):
    description: Text
    unit: str = Field(min_length=1)
    reference: Reference
    keyed_by: str | None = Field(
        None, description="a text fact whose value picks the entry, e.g. two_high.type")
    range: Range | None = Field(
        None, description="the values allowed; default from the unit (ratio > 0 and <= 10, "
                          "% 0-100, other units >= 0)")
    values: dict[date, Scalar | dict[str, Scalar]] = Field(min_length=1)
    corrections: list[Correction] = Field(
        default_factory=list,
        description="values changed under a date already in force, each with what it was "
                    "and why")

    @property
    def allowed(self) -> Range:
        return self.range or unit_range(self.unit)

    @model_validator(mode="after")
    def _shape(self) -> "Parameter":
        for when, value in self.values.items():
            keyed = isinstance(value, dict)
            if keyed != (self.keyed_by is not None):
                expected = "a mapping of key: value" if self.keyed_by else "a single value"
                raise ValueError(f"value for {when} must be {expected} (keyed_by is "
                                 f"{self.keyed_by!r})")
        return self


class ParameterFile(Strict):
    description: Text
    parameters: dict[str, Parameter]


# --- predicates -----------------------------------------------------------------

class Predicate(Strict):
    description: Text
    reference: Reference | None = None
    when: str


class PredicateFile(Strict):
    description: Text
    predicates: dict[str, Predicate]


# --- rules ----------------------------------------------------------------------

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._${}-]*$")]


class InForce(Strict):
    from_: date | None = Field(None, alias="from")
    to: date | None = None


class Rule(Strict):
    id: RuleId
    title: Text
    clause: str = Field(description="key into rules/policy/clauses.yaml")
    basis: list[str] = Field(
        default_factory=list,
        description="ids of excerpts in rules/policy/basis.yaml the rule's force rests on; "
                    "none: the rule exists only because of the plan (in force in its window)")
    effect: Effect
    when: str = Field(min_length=1)
    message: Text
    in_force: InForce | None = None
    rationale: str | None = Field(None, description="why the effect differs from the default")
    for_each: list[dict[str, str]] | None = Field(
        None, description="expand the rule once per entry; ${name} is replaced in every text")
    tags: list[str] = Field(default_factory=list)


class RuleFile(Strict):
    description: Text
    rules: list[Rule]


# --- catalogues -----------------------------------------------------------------

class TwoHighType(Strict):
    name: str
    group: str = Field(description="one of the 16 project types of 鲁政办字〔2021〕57号")
    codes: list[Annotated[str, StringConstraints(pattern=r"^\d{4}$")]]
    product_keywords: list[str] = Field(default_factory=list)
    confidence: Confidence


class TwoHighCatalogue(Strict):
    description: Text
    reference: Reference
    divisions: dict[str, str]
    types: list[TwoHighType]


class IndustryCatalogue(Strict):
    description: Text
    reference: Reference
    divisions: dict[Annotated[str, StringConstraints(pattern=r"^\d{2}$")], str]
    classes: dict[Annotated[str, StringConstraints(pattern=r"^\d{4}$")], str] = Field(
        default_factory=dict)


class HeavyPollutingCatalogue(Strict):
    description: Text
    reference: Reference
    divisions: dict[str, str] = Field(default_factory=dict)
    classes: dict[str, str] = Field(default_factory=dict)


class SourceKindRule(Strict):
    excluded_for: list[str] = Field(default_factory=list)
    excluded_from: date | None = Field(
        None, description="the exclusion applies to screenings on or after this date")
    reason: Text | None = None
    reference: Reference | None = None


class SourceKindCatalogue(Strict):
    description: Text
    kinds: dict[str, SourceKindRule]


class FuelCatalogue(Strict):
    description: Text
    reference: Reference
    groups: dict[str, list[str]]


class ListCatalogue(Strict):
    """A plain list of values, e.g. banned pesticides; used as `x in catalogue.<file>`."""

    description: Text
    reference: Reference
    entries: list[str] = Field(min_length=1)


def dump(model: BaseModel) -> Any:
    return model.model_dump(mode="json", by_alias=True)
