"""durable_rules against the pure-Python oracle, and the engine's session hygiene."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from screening.engine.durable import DurableEngine
from screening.engine.reference import ReferenceEngine
from screening.errors import EngineError
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import BOOL, ENUM, NUMBER, And, Compare, Const, In, Not, Or
from tests.paths import ROOT

CASE = ROOT / "cases" / "01-cement-clinker-line.yaml"
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
                          date(2022, 5, 1), date(2023, 6, 1), date(2024, 7, 1)])
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
    on_farmland = {"zones.permanent_basic_farmland": True, "zones.national_key_project": False}
    assert durable.run(on_farmland, before_plan) == []
    hits = durable.run(on_farmland, date(2022, 3, 1))
    assert ("zones.permanent-basic-farmland", "fired") in hits


def test_sessions_are_released(rulebook: Rulebook) -> None:
    from screening.facts.files import load_proposal
    from screening.screen import Screener

    proposal = load_proposal(CASE).proposal
    facts, _ = Screener(rulebook, engine="python").facts(proposal, proposal.application_date)
    durable = DurableEngine(rulebook)
    assert durable.run(facts, proposal.application_date)  # registers the values' variant
    sessions = [shard.sid for shard in durable.shards]
    for _ in range(2000):  # beyond the 1,024 live sessions durable_rules can hold
        assert durable.run(facts, proposal.application_date)
    # no new session was opened, and durable_rules holds no fact between screenings
    assert [shard.sid for shard in durable.shards] == sessions
    assert all(durable.live_facts(shard) == [] for shard in durable.shards)


def test_a_fact_matching_no_rule_is_safe(rulebook: Rulebook) -> None:
    # durable_rules crashes deleting a session in which no action ever started; the
    # catch-all rule means every fact starts one. Many such screenings must simply return.
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


class _FailingOnce:
    """durable_rules' C module, failing the first time a queued match is read."""

    def __init__(self, real: Any) -> None:
        self.real, self.failed = real, False

    def complete_and_start_action(self, *args: Any) -> Any:
        if not self.failed:
            self.failed = True
            raise self.real.error("Could not complete and start action, error code: 999")
        return self.real.complete_and_start_action(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_an_engine_failure_is_surfaced_and_the_session_renewed(rulebook: Rulebook) -> None:
    durable = DurableEngine(rulebook)
    day = date(2022, 3, 1)
    facts = {"zones.permanent_basic_farmland": True, "zones.ecological_red_line": True}
    expected = durable.run(facts, day)
    assert len(expected) >= 2
    before = [shard.sid for shard in durable.shards]
    durable._engine = _FailingOnce(durable._engine)
    with pytest.raises(EngineError, match="error code: 999"):
        durable.run(facts, day)
    # the half-read session was deleted and its shard starts a fresh one: same answer again
    renewed = [(shard, old) for shard, old in zip(durable.shards, before, strict=True)
               if shard.sid != old]
    assert len(renewed) == 1
    shard, old = renewed[0]
    with pytest.raises(Exception, match="Could not get state"):
        durable._engine.get_state(shard.handle, old)
    assert durable.run(facts, day) == expected
    assert all(durable.live_facts(shard) == [] for shard in durable.shards)


def test_ruleset_is_compiled_once_per_rulebook(rulebook: Rulebook) -> None:
    first = DurableEngine(rulebook)
    first.run({"param.energy.coal_replacement_ratio": 1.7}, date(2022, 3, 1))
    registered = list(first.shards)
    second = DurableEngine(rulebook)
    assert first.variants is second.variants
    second.run({"param.energy.coal_replacement_ratio": 1.7}, date(2022, 3, 1))
    assert second.shards == registered  # the same values found the same variant
