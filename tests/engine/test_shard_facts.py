"""Each registered ruleset is given only the facts its own rules test.

durable_rules parses the asserted fact and probes its properties at every node the
fact reaches, so a ruleset that tests 85 of 158 facts is given those 85; what it
decides cannot change, as a property no rule of the ruleset names is never read.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from screening.engine.durable import DurableEngine
from screening.facts.files import load_proposal
from screening.screen import Screener
from tests.paths import CASES

CASE = CASES / "01-cement-clinker-line.yaml"


def _asserted(screener: Screener, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict]]:
    engine: DurableEngine = screener.engine
    seen: list[tuple[Any, dict]] = []
    screen = engine._screen

    def recording(shard: Any, text: str, hits: list) -> None:
        seen.append((shard, json.loads(text)))
        screen(shard, text, hits)

    monkeypatch.setattr(engine, "_screen", recording)
    screener.screen(load_proposal(CASE).proposal)
    return seen


def test_a_ruleset_is_given_only_the_facts_its_rules_test(
        screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _asserted(screener, monkeypatch)
    assert len(seen) >= 2, "the rulebook is registered as more than one ruleset"
    for shard, fact in seen:
        given = set(fact) - {"sid", "id"}
        assert given <= shard.keys, sorted(given - shard.keys)
        assert "as_of" in given
    sizes = [len(fact) for _, fact in seen]
    everything = set().union(*(set(fact) for _, fact in seen))
    assert max(sizes) < len(everything), "every ruleset was given every fact"


def test_the_general_ruleset_is_given_the_parameters_its_rules_test(
        screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    engine: DurableEngine = screener.engine
    monkeypatch.setattr(engine, "variants", {None: engine.general()})
    monkeypatch.setattr(engine, "_specialise", lambda key, facts: engine.general())
    seen = _asserted(screener, monkeypatch)
    proposal = load_proposal(CASE).proposal
    facts, _ = screener.facts(proposal, proposal.application_date)
    tested_params = 0
    for shard, fact in seen:
        assert set(fact) - {"sid", "id"} <= shard.keys
        for name in engine.inlined:
            key = engine.asserted[name][0]
            if key in shard.keys and facts.get(name) is not None:
                tested_params += 1
                assert key in fact, f"{name} is tested by {shard.name} but not given"
    assert tested_params, "no general rule tests a parameter in force"
