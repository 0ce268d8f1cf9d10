"""durable_rules against the pure-Python oracle, and the engine's session hygiene."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from screening import engine as engine_module
from screening.conditions import BOOL, ENUM, NUMBER, And, Compare, Const, In, Not, Or
from screening.engine import DurableEngine
from screening.errors import EngineError
from screening.reference import ReferenceEngine
from screening.rulebook.book import Rulebook
from screening.rulebook.loader import load_rulebook

FIXTURES = Path(__file__).parent / "fixtures"
CASE = Path(__file__).parent.parent / "cases" / "01-cement-clinker-line.yaml"
NUMBERS = [0, 0.5, 1, 1.05, 1.2, 1.5, 2, 2.0, 20, 35, 100, 52000]


def texts_compared(rulebook: Rulebook) -> dict[str, list[str]]:
    """Text values the rules compare each text field with (lists, catalogues, ==)."""
    out: dict[str, set[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, In):
            out.setdefault(node.field.name, set()).update(
                v for v in node.values if isinstance(v, str))
        elif isinstance(node, Compare) and isinstance(node.right, Const) \
                and isinstance(node.right.value, str):
            out.setdefault(node.left.name, set()).add(node.right.value)
        elif isinstance(node, Not):
            walk(node.child)
        elif isinstance(node, And | Or):
            for child in node.children:
                walk(child)

    for rule in rulebook.rules:
        walk(rule.condition)
    return {name: sorted(values) for name, values in out.items()}


def random_facts(rulebook: Rulebook, rng: random.Random) -> dict[str, Any]:
    """Facts over every field the rules read; each is absent about a quarter of the time,
    except facts every screening has (required fields, derived flags)."""
    facts: dict[str, Any] = {}
    used = sorted({f for rule in rulebook.rules for f in rule.fields})
    texts = texts_compared(rulebook)
    for name in used:
        spec = rulebook.fields[name]
        if rng.random() < 0.25 and not spec.always:
            continue
        if spec.kind == NUMBER:
            facts[name] = rng.choice(NUMBERS)
        elif spec.kind == BOOL:
            facts[name] = rng.random() < 0.5
        elif spec.kind == ENUM:
            facts[name] = rng.choice(spec.values)
        else:
            facts[name] = rng.choice(["水泥熟料", "钢铁", "x", *texts.get(name, [])])
    return facts


def test_engine_agrees_with_oracle_on_random_facts(rulebook: Rulebook) -> None:
    durable, oracle = DurableEngine(rulebook), ReferenceEngine(rulebook)
    rng = random.Random(20220128)
    fired_any: set[tuple[str, str]] = set()
    for index in range(1500):
        facts = random_facts(rulebook, rng)
        day = rng.choice([date(2022, 9, 1), date(2021, 3, 1), date(2024, 1, 5), date(2024, 3, 1),
                          date(2022, 5, 1)])
        expected = set(oracle.run(facts, day))
        got = set(durable.run(facts, day))
        assert got == expected, f"case {index}: {facts} as of {day}"
        fired_any |= got
    statuses = {status for _, status in fired_any}
    assert statuses == {"fired", "undetermined"}
    assert len({rule for rule, _ in fired_any}) == len(rulebook.rules)


def test_rules_not_in_force_do_not_fire(rulebook: Rulebook) -> None:
    durable = DurableEngine(rulebook)
    before_plan = date(2021, 3, 1)
    assert durable.run({"zones.permanent_basic_farmland": True}, before_plan) == []
    hits = durable.run({"zones.permanent_basic_farmland": True}, date(2022, 3, 1))
    assert ("zones.permanent-basic-farmland", "fired") in hits


def test_sessions_are_released(rulebook: Rulebook) -> None:
    from screening.proposals import load_proposal
    from screening.screen import Screener

    proposal = load_proposal(CASE).proposal
    facts, _ = Screener(rulebook, engine="python").facts(proposal, proposal.application_date)
    durable = DurableEngine(rulebook)
    for _ in range(2000):  # beyond the 1,024 live sessions durable_rules can hold
        assert durable.run(facts, proposal.application_date)
    host, names = DurableEngine._hosts[rulebook.digest]
    with pytest.raises(Exception, match="Could not get state"):
        host.get_state(names[0], "s1")


def test_a_fact_matching_no_rule_is_safe(rulebook: Rulebook) -> None:
    # durable_rules segfaults deleting a session whose fact matched nothing; the
    # catch-all rule prevents it. Many such screenings in a row must simply return.
    durable = DurableEngine(rulebook)
    for _ in range(200):
        assert durable.run({}, date(2020, 1, 1)) == []


def test_wrong_types_are_refused_before_asserting(rulebook: Rulebook) -> None:
    durable = DurableEngine(rulebook)
    with pytest.raises(EngineError, match=r"coal\.new_tce"):
        durable.run({"coal.new_tce": "52000"}, date(2022, 3, 1))
    with pytest.raises(EngineError, match=r"two_high\.in_scope"):
        durable.run({"two_high.in_scope": 1}, date(2022, 3, 1))
    with pytest.raises(EngineError):
        durable.run({"coal.new_tce": float("nan")}, date(2022, 3, 1))


def test_an_action_exception_is_surfaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rulebook", root)
    (root / "policy" / "plan.txt").write_text(
        (FIXTURES / "rulebook" / "policy" / "plan.txt").read_text(encoding="utf-8") + "\n",
        encoding="utf-8")  # a distinct hash, so a fresh ruleset is registered
    book = load_rulebook(root)

    def broken(rule_id: str, status: str):
        def action(context: Any) -> None:
            raise RuntimeError(f"boom in {rule_id}")
        return action

    monkeypatch.setattr(engine_module, "_action", broken)
    durable = DurableEngine(book)
    facts = {"pollutants.so2.new_t": 5.0, "pollutants.so2.replaced_t": 5.0}
    with pytest.raises(EngineError, match=r"boom in so2\.equal"):
        durable.run(facts, date(2022, 3, 1))


def test_ruleset_is_compiled_once_per_rulebook(rulebook: Rulebook) -> None:
    first, second = DurableEngine(rulebook), DurableEngine(rulebook)
    assert first._host is second._host
    assert first._rulesets == second._rulesets
