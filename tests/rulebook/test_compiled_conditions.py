"""Compiled conditions give exactly what the oracle's tree walk gives, on every rule.

``rulebook/compiled.py`` writes each condition out as straight-line Python for the
decision builder; ``conditions.evaluate`` and ``unknown_fields`` stay the oracle.
Both are asked the same questions here: every rule of rules/ on the facts of
generated proposals (and the same facts with some left out), random condition
trees on random facts, and errors raised where the oracle raises them. The spans
of as-of dates that decide which rules the plan's end stopped are held to the
rule-by-rule test on every day around the plan.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from typing import Any

import pytest

from screening.decision.expired import EndedRules
from screening.rulebook.book import Rulebook
from screening.rulebook.compiled import (
    CompiledConditions,
    compile_condition,
    compile_not_false,
)
from screening.rulebook.conditions import (
    And,
    Arith,
    Compare,
    Const,
    Field,
    In,
    Not,
    Or,
    Truth,
    evaluate,
    unknown_fields,
)
from screening.screen import Screener
from tests.proposal_gen import proposal


def typed(value: Any) -> tuple[str, Any]:
    return type(value).__name__, value


def lookups(screener: Screener, count: int, seed: int) -> list[dict[str, Any]]:
    """Facts and parameter values of generated proposals, whole and with facts left out."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        found = proposal(rng.choice)
        if found is None:
            continue
        day = rng.choice([found.application_date, date(2021, 3, 1), date(2024, 6, 1)])
        facts, params = screener.facts(found, day)
        lookup = dict(facts)
        lookup.update({name: param.value for name, param in params.items()})
        out.append(lookup)
        out.append({k: v for k, v in lookup.items() if rng.random() < 0.6})
    return out


def test_every_rule_compiled_answers_as_the_oracle(rulebook: Rulebook,
                                                   screener: Screener) -> None:
    compiled = [(rule, *compile_condition(rule.condition)) for rule in rulebook.rules]
    seen = set()
    for lookup in lookups(screener, 150, seed=14):
        for rule, evaluate_compiled, unknown_compiled in compiled:
            expected = evaluate(rule.condition, lookup)
            assert typed(evaluate_compiled(lookup)) == typed(expected), rule.id
            assert unknown_compiled(lookup) == unknown_fields(rule.condition, lookup), rule.id
            seen.add(expected)
    assert seen == {True, False, None}


NAMES = ["a", "b", "c", "flag", "kind"]
VALUES: list[Any] = [None, 0, 1, 2.5, -1, True, False, "新建", "x"]


def random_operand(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth > 2 or roll < 0.4:
        return Field(rng.choice(NAMES[:3]))
    if roll < 0.6:
        return Const(rng.choice([0, 1, 2.5]))
    return Arith(rng.choice("+-*"), random_operand(rng, depth + 1), random_operand(rng, depth + 1))


def random_condition(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.35:
        kind = rng.randrange(3)
        if kind == 0:
            return Compare(rng.choice(["<", "<=", ">", ">=", "==", "!="]),
                           Field(rng.choice(NAMES[:3])), random_operand(rng, 1))
        if kind == 1:
            return In(Field(rng.choice(["kind", "a"])), tuple(rng.sample(["新建", "x", "y"], 2)),
                      rng.random() < 0.5)
        return Truth(Field(rng.choice(["flag", "a"])))
    if roll < 0.5:
        return Not(random_condition(rng, depth + 1))
    children = tuple(random_condition(rng, depth + 1) for _ in range(rng.randint(0, 4)))
    return (And if rng.random() < 0.5 else Or)(children)


def outcome(function: Any, *args: Any) -> Any:
    try:
        result = function(*args)
    except Exception as exc:  # the same error, raised where the oracle raises it
        return ("raised", type(exc).__name__)
    return typed(result) if not isinstance(result, list) else result


def test_random_conditions_compiled_answer_as_the_oracle() -> None:
    rng = random.Random(7)
    kinds = set()
    for _ in range(400):
        node = random_condition(rng)
        evaluate_compiled, unknown_compiled = compile_condition(node)
        for _ in range(12):
            facts = {name: rng.choice(VALUES) for name in NAMES if rng.random() < 0.8}
            if rng.random() < 0.7:  # numbers where numbers are compared, mostly
                facts = {k: (v if k in ("flag", "kind") or not isinstance(v, str) else 1)
                         for k, v in facts.items()}
            expected = outcome(evaluate, node, facts)
            assert outcome(evaluate_compiled, facts) == expected, node
            assert outcome(unknown_compiled, facts) == outcome(unknown_fields, node, facts), node
            kinds.add(expected[0])
    assert {"bool", "NoneType", "raised"} <= kinds


def test_many_conditions_in_one_function_as_each_alone(rulebook: Rulebook,
                                                       screener: Screener) -> None:
    rng = random.Random(11)
    nodes = [random_condition(rng) for _ in range(60)]
    not_false = compile_not_false(nodes)
    for _ in range(300):
        facts = {name: rng.choice([None, 0, 1, 2.5, -1]) for name in NAMES[:3]}
        facts.update({"flag": rng.choice([None, True, False]), "kind": rng.choice(["新建", "x"])})
        assert not_false(facts) == [i for i, n in enumerate(nodes)
                                    if evaluate(n, facts) is not False]
    rules = [rule.condition for rule in rulebook.rules]
    every_rule = compile_not_false(rules)
    for lookup in lookups(screener, 40, seed=2):
        assert every_rule(lookup) == [i for i, n in enumerate(rules)
                                      if evaluate(n, lookup) is not False]
    assert compile_not_false([])({}) == []


def test_compiled_conditions_are_compiled_once_per_condition() -> None:
    node = And((Truth(Field("flag")), Compare(">", Field("a"), Const(0))))
    conditions = CompiledConditions()
    assert conditions.evaluate(node, {"flag": True}) is None
    assert conditions.unknown(node, {"flag": True}) == ["a"]
    assert conditions.evaluate(node, {"flag": True, "a": 1}) is True
    assert len(conditions._compiled) == 1


@dataclasses.dataclass
class _Text:
    rule: Any


def test_rules_ended_by_the_plan_by_span_are_those_of_each_day(rulebook: Rulebook) -> None:
    rng = random.Random(3)
    rules = list(rulebook.rules)
    assert any(rule.window_end is not None for rule in rules)
    ends = [rule.window_end for rule in rules if rule.window_end is not None]
    for rule in rng.sample(rules, 20):  # own ends and later starts around the plan's end
        day = rng.choice(ends) + timedelta(days=rng.randint(-400, 400))
        rules.append(dataclasses.replace(rule, own_end=day, in_force_from=min(
            rule.in_force_from, day) if rng.random() < 0.5 else day - timedelta(days=30)))
    rules.append(dataclasses.replace(rules[0], window_end=date(2023, 12, 31),
                                     own_end=date.max))
    texts = [_Text(rule) for rule in rules]
    ended = EndedRules(texts)
    day, last = date(2019, 1, 1), date(2028, 12, 31)
    while day <= last:
        assert ended.on(day) == [t for t in texts if t.rule.expired_with_plan(day)], day
        day += timedelta(days=1)
    for day in (date.min, date.max):
        assert ended.on(day) == [t for t in texts if t.rule.expired_with_plan(day)], day


@pytest.mark.parametrize("as_of", ["2021-06-01", "2024-01-01", "2026-12-01"])
def test_expired_rules_of_a_decision_as_before(screener: Screener, as_of: str) -> None:
    """The builder's expired list equals the rule-by-rule, tree-walking answer."""
    builder = screener._builder
    day = date.fromisoformat(as_of)
    listed = 0
    for lookup in lookups(screener, 20, seed=len(as_of)):
        got = [item["rule"] for item in builder.expired(as_of, lookup, {})]
        want = [t.rule.id for t in builder.texts if t.rule.expired_with_plan(day)
                and evaluate(t.rule.condition, lookup) is not False]
        assert got == want
        listed += len(got)
    assert (listed > 0) == (day > date(2023, 12, 31))
