"""One step of the interview: screen what is known, say what to ask next."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from screening.decision.model import Decision
from screening.derive.messages import FieldError, field_errors
from screening.errors import InputError
from screening.facts.proposal import Proposal
from screening.interview.analysis import Analyser, Analysis, RuleState, answered_paths
from screening.interview.fields import askable
from screening.interview.questions import START_FIELDS, Question, page, question
from screening.rulebook.book import CompiledRule
from screening.screen import Screener


@dataclass(frozen=True)
class Step:
    #: the decision so far; None until the answers validate
    decision: Decision | None
    #: the next page: open fields that undetermined rules need and that could change the outcome
    questions: tuple[Question, ...]
    #: no open field can change the outcome
    done: bool
    #: what is wrong with the answers, per field, in Chinese and English
    errors: tuple[FieldError, ...]
    #: open fields that could change a finding but not the outcome (to complete the record)
    further: tuple[Question, ...] = ()
    #: rank bounds of the outcome: ("refer", "reject") while either could still come
    bounds: tuple[str, str] | None = None


def pruned(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as a proposal: "not known" (null) left out, and blocks left empty by it."""
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            value = pruned(value)
            if not value:
                continue
        out[key] = value
    return out


def _without(answers: Mapping[str, Any], bad: set[str], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in answers.items():
        path = f"{prefix}{key}"
        if path in bad:
            continue
        out[key] = _without(value, bad, f"{path}.") if isinstance(value, Mapping) else value
    return out


def _analyser(screener: Screener) -> Analyser:
    found = getattr(screener, "_interview_analyser", None)
    if found is None or found.rulebook is not screener.rulebook:
        found = Analyser(screener.rulebook)
        screener._interview_analyser = found  # type: ignore[attr-defined]
    return found


def _asked(states: list[RuleState], among: list[RuleState]) -> dict[str, list[CompiledRule]]:
    """Field → rules asking it. Each rule asks one of its open fields: the one most of the
    rules still open (``among``) also read, so that one answer serves as many as it can
    (the first its condition reads, on a tie)."""
    shared: dict[str, int] = {}
    for state in among:
        for path in state.open_fields:
            shared[path] = shared.get(path, 0) + 1
    asked: dict[str, list[CompiledRule]] = {}
    for state in states:
        best = max(state.open_fields, key=lambda p: shared.get(p, 0))
        asked.setdefault(best, []).append(state.rule)
    for state in states:  # every rule that reads a field asked anyway says so too
        for path in state.open_fields:
            if path in asked and not any(r is state.rule for r in asked[path]):
                asked[path].append(state.rule)
    return asked


def _field_of(error: FieldError) -> str:
    """The askable field an error belongs to (a source's amount belongs to the sources list)."""
    fields = askable()
    parts = error.field.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in fields:
            return ".".join(parts[:i])
    return error.field


def _validate(answers: Mapping[str, Any]) -> tuple[Proposal | None, tuple[FieldError, ...]]:
    try:
        return Proposal.model_validate(pruned(answers)), ()
    except ValidationError as exc:
        return None, tuple(field_errors(exc))


def step(screener: Screener, answers: Mapping[str, Any], as_of: date | None = None) -> Step:
    """Screen the answers so far; the decision, the next page, and whether it is done."""
    proposal, errors = _validate(answers)
    if proposal is None:
        bad = {_field_of(e) for e in errors}
        if bad & set(START_FIELDS) or not set(START_FIELDS) <= answered_paths(answers) | bad:
            return Step(None, tuple(question(p) for p in START_FIELDS), False, errors)
        first = tuple(question(p) for p in askable() if p in bad)
        # a required field left out spoils its block: screen the rest without that block
        spoilt = bad | {e.field.rpartition(".")[0] for e in errors if e.code == "missing"}
        cleaned = _without(answers, spoilt)
        if cleaned == answers:
            return Step(None, first, False, errors)
        rest = step(screener, cleaned, as_of)
        return Step(None, first + tuple(q for q in rest.questions if q.field not in bad),
                    False, errors + rest.errors, rest.further)
    try:
        decision, analysis = _screen(screener, proposal, answers, as_of)
    except InputError as exc:  # e.g. an industry code of no GB/T 4754 division
        errors = tuple(field_errors(exc))
        return Step(None, tuple(question(p) for p in START_FIELDS), False, errors)
    names = ("approve", "approve_with_conditions", "refer", "reject")
    bounds = (names[analysis.low], names[analysis.high])
    answered = answered_paths(answers)
    asking = page(_asked(analysis.asking(), analysis.changing()), answered)
    further = page(_asked(analysis.completing(), analysis.completing()), answered) \
        if not asking else ()
    return Step(decision, asking, not asking, (), further, bounds)


def _screen(screener: Screener, proposal: Proposal, answers: Mapping[str, Any],
            as_of: date | None) -> tuple[Decision, Analysis]:
    day = as_of or proposal.application_date
    decision = screener.screen(proposal, day)
    # the ledger's view the screening used (read once: with a database it is a query)
    facts, params = screener.facts(proposal, day, decision.ledger)
    lookup = dict(facts)
    lookup.update({k: v.value for k, v in params.items()})
    return decision, _analyser(screener).analyse(lookup, answered_paths(answers), day)
