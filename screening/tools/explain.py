"""Why a rule did or did not fire for one proposal: the "why / why not" of a decision.

For every rule in force on the as-of date the explanation walks the rule's parsed
condition — the very tree the durable_rules engine was compiled from — and gives
each sub-condition's three-valued result (held / failed / unknown) with the fact
values and parameter values it compared, each parameter with the document, the
date it took effect and the layer (base or overlay) it came from. Facts the
proposal does not give are named. The durable_rules engine is run on the same
facts and its verdicts are compared with the explanation's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from screening.engine.compiler import FIRED, UNDETERMINED
from screening.errors import InputError, Problem, did_you_mean
from screening.facts.proposal import Proposal
from screening.rulebook.book import CompiledRule, Rulebook
from screening.rulebook.condition_view import condition_text, named_predicates, predicate_names
from screening.rulebook.conditions import (
    Compare,
    Cond,
    In,
    Not,
    Truth,
    evaluate,
    fields_of,
    value_of,
)
from screening.rulebook.params import ParamValue
from screening.screen import Screener

NOT_FIRED = "not_fired"
HELD, FAILED, UNKNOWN = "held", "failed", "unknown"
RESULT = {True: HELD, False: FAILED, None: UNKNOWN}


@dataclass
class Value:
    """One fact or parameter a sub-condition reads, with its value (None: not known)."""

    name: str
    label: dict[str, str]
    value: Any
    source: dict[str, Any] | None = None  # a parameter: document, effective date, layer

    def as_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "label": self.label, "value": self.value,
               "known": self.value is not None}
        if self.source is not None:
            out["parameter"] = self.source
        return out


@dataclass
class Node:
    """A sub-condition and its result on this proposal."""

    text: str
    result: str
    kind: str
    predicate: str | None = None
    values: list[Value] = field(default_factory=list)
    compared: str | None = None  # e.g. "0.92 < 1.2"
    children: list[Node] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"condition": self.text, "result": self.result, "kind": self.kind}
        if self.predicate:
            out["predicate"] = self.predicate
        if self.values:
            out["values"] = [v.as_dict() for v in self.values]
        if self.compared:
            out["compared"] = self.compared
        if self.children:
            out["children"] = [c.as_dict() for c in self.children]
        return out


@dataclass
class RuleExplanation:
    rule: CompiledRule
    verdict: str  # fired | undetermined | not_fired
    tree: Node
    missing: list[str]

    def as_dict(self) -> dict[str, Any]:
        rule = self.rule
        return {"rule": rule.id, "title": {"zh": rule.title.zh, "en": rule.title.en},
                "effect": str(rule.effect), "verdict": self.verdict,
                "clause": rule.citation(), "clause_id": rule.clause_id,
                "when": rule.when, "file": f"{rule.file}:{rule.line}",
                "missing": self.missing, "condition": self.tree.as_dict()}


@dataclass
class Explanation:
    proposal_id: str
    name: str
    as_of: date
    rulebook: str
    outcome: str
    rules: list[RuleExplanation]
    not_in_force: list[CompiledRule]
    engine: str | None = None
    disagreements: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposal_id": self.proposal_id, "name": self.name,
            "as_of": self.as_of.isoformat(), "rulebook": self.rulebook,
            "outcome": self.outcome, "engine": self.engine,
            "engine_agrees": not self.disagreements, "disagreements": self.disagreements,
            "rules": [r.as_dict() for r in self.rules],
            "not_in_force": [{"rule": r.id, "from": r.in_force_from.isoformat(),
                              "to": r.in_force_to.isoformat() if r.in_force_to else None}
                             for r in self.not_in_force]}


def _fmt(value: Any) -> str:
    if value is None:
        return "?"
    if isinstance(value, float):
        return f"{value:.4g}" if not value.is_integer() else f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return repr(value) if isinstance(value, str) else str(value)


class Explainer:
    """Explains proposals against one rulebook, with one Screener for facts and engine."""

    def __init__(self, screener: Screener) -> None:
        self.screener = screener
        self.rulebook: Rulebook = screener.rulebook
        self.names = predicate_names(named_predicates(self.rulebook))

    def _values(self, cond: Cond, facts: dict[str, Any],
                params: dict[str, ParamValue]) -> list[Value]:
        out = []
        for name in fields_of(cond):
            param = params.get(name)
            out.append(Value(name, self.rulebook.label(name), facts.get(name),
                             param.as_dict() if param else None))
        return out

    def node(self, cond: Cond, facts: dict[str, Any], params: dict[str, ParamValue],
             top: bool = False) -> Node:
        result = RESULT[evaluate(cond, facts)]
        predicate = None if top else self.names.get(cond)
        text = condition_text(cond, self.names)
        if isinstance(cond, Compare | In | Truth):
            compared = None
            if isinstance(cond, Compare):
                compared = (f"{_fmt(value_of(cond.left, facts))} {cond.op} "
                            f"{_fmt(value_of(cond.right, facts))}")
            return Node(text, result, type(cond).__name__.lower(), predicate,
                        self._values(cond, facts, params), compared)
        children = [cond.child] if isinstance(cond, Not) else list(cond.children)
        return Node(text, result, type(cond).__name__.lower(), predicate,
                    children=[self.node(c, facts, params) for c in children])

    def check_rules(self, rule_ids: list[str]) -> None:
        """InputError naming every id that is not a rule of the rulebook."""
        unknown = [r for r in rule_ids if r not in self.rulebook.rules_by_id]
        if unknown:
            raise InputError([Problem(f"no rule '{r}' in the rulebook", field="--rule",
                                      suggestion=did_you_mean(r, self.rulebook.rules_by_id))
                              for r in unknown])

    def explain(self, proposal: Proposal, as_of: date | None = None,
                rule_ids: list[str] | None = None) -> Explanation:
        day = as_of or proposal.application_date
        book = self.rulebook
        self.check_rules(rule_ids or [])
        facts, params = self.screener.facts(proposal, day)
        explained, not_in_force = [], []
        for rule in book.rules:
            if rule_ids and rule.id not in rule_ids:
                continue
            if not rule.in_force_on(day):
                not_in_force.append(rule)
                continue
            result = evaluate(rule.condition, facts)
            verdict = {True: FIRED, None: UNDETERMINED, False: NOT_FIRED}[result]
            tree = self.node(rule.condition, facts, params, top=True)
            missing = [f for f in rule.fields if facts.get(f) is None] if result is None else []
            explained.append(RuleExplanation(rule, verdict, tree, missing))
        hits = self.screener.engine.run(facts, day)
        engine_verdicts = dict(hits)
        disagreements = []
        for item in explained:
            theirs = engine_verdicts.get(item.rule.id, NOT_FIRED)
            if theirs != item.verdict:
                disagreements.append(f"{item.rule.id}: explained {item.verdict}, "
                                     f"{self.screener.engine_name} engine {theirs}")
        decision = self.screener.screen(proposal, day)
        return Explanation(proposal.id, proposal.name, day, book.hash, decision.outcome,
                           explained, not_in_force, self.screener.engine_name, disagreements)


def verdicts(explanation: Explanation) -> dict[str, str]:
    """Rule id → fired / undetermined, as a decision's findings would list them."""
    return {r.rule.id: r.verdict for r in explanation.rules if r.verdict != NOT_FIRED}

