"""Questions put to the officer: a proposal field, its label and unit, and why it is asked."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from screening.interview.fields import askable, block_order, companions, label_of
from screening.rulebook.book import CompiledRule

#: what every project has, asked first
START_FIELDS = ("id", "name", "applicant", "industry.code", "industry.product",
                "construction_type", "location.town", "location.industrial_park",
                "application_date")


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A rule that asks a question, and the clause it rests on (为什么问这个)."""

    rule: str
    title_zh: str
    title_en: str
    document: str
    section: str
    quote: str

    @classmethod
    def of(cls, rule: CompiledRule) -> ClauseRef:
        found = _REFS.get(id(rule))
        if found is None or found[0] is not rule:
            if len(_REFS) >= 20_000:
                _REFS.clear()
            cite = rule.citation()
            found = _REFS[id(rule)] = (rule, cls(rule.id, rule.title.zh, rule.title.en,
                                                 cite["document"], cite["section"],
                                                 cite["quote"]))
        return found[1]


#: the clause of each rule, worked out once (keyed by the rule object; a rulebook loaded
#: anew has new rule objects)
_REFS: dict[int, tuple[CompiledRule, ClauseRef]] = {}


@dataclass(frozen=True, slots=True)
class Question:
    field: str  # dotted proposal path, e.g. "coal.new_tce"
    block: str  # proposal block, e.g. "coal"; "project" for identity fields
    label_zh: str
    label_en: str
    unit: str | None
    kind: str  # number | integer | bool | text | enum | date | list | sources | boilers
    choices: tuple[str, ...] | None
    asked_by: tuple[ClauseRef, ...]
    required: bool = False  # the proposal (or its block) is invalid without it
    default: object = None  # value taken when the field is left out


def question(path: str, asked_by: Iterable[CompiledRule] = ()) -> Question:
    meta = askable()[path]
    zh, en, unit = label_of(path)
    refs = tuple(dict.fromkeys(ClauseRef.of(rule) for rule in asked_by))
    return Question(path, meta.block, zh, en, unit, meta.kind, meta.choices, refs,
                    meta.required, meta.default)


def page(asked: dict[str, list[CompiledRule]],
         answered: Collection[str] = ()) -> tuple[Question, ...]:
    """Questions for these fields (with the unanswered required fields of their blocks),
    by block."""
    fields = dict(asked)
    for path in list(asked):
        for extra in companions(path):
            if extra not in answered:
                fields.setdefault(extra, list(asked[path]))
    order = {path: i for i, path in enumerate(askable())}
    blocks = block_order()
    ranked = sorted(fields, key=lambda p: (blocks[askable()[p].block], order[p]))
    return tuple(question(p, fields[p]) for p in ranked)


def start_questions() -> tuple[Question, ...]:
    """What every project has: name, applicant, GB/T 4754 code, construction type, location,
    application date."""
    return tuple(question(path) for path in START_FIELDS)
