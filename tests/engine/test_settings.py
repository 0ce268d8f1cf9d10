"""Each durable rule states durable_rules' own defaults first (plans.SETTINGS): same matches."""

from __future__ import annotations

import itertools
import json

from screening.engine.compiler import GUARD
from screening.engine.plans import SETTINGS

_names = itertools.count()


def _matches(rules: dict[str, object], facts: list[dict[str, object]]) -> list[list[str]]:
    import durable_rules_engine as engine

    handle = engine.create_ruleset(f"settings_{next(_names)}", json.dumps(rules))
    seen = []
    for number, fact in enumerate(facts):
        sid = f"s{number}"
        code, state = engine.assert_fact(handle, json.dumps({"sid": sid, "id": "p", **fact}))
        names = []
        started = engine.start_action_for_state(handle, state) if code == 0 else None
        message = started[1] if started else None
        while message:
            names.append(message[2:message.index('"', 2)])
            message = engine.complete_and_start_action(handle, state)
        seen.append(sorted(names))
    return seen


def test_stated_settings_match_as_the_defaults_do() -> None:
    tests = {"r0": [{"$gt": {"a": 1}}], "r1": [{"$lt": {"a": 5}}, {"b": "x"}],
             "r2": [{"$or": [{"$nex": {"b": 1}}, {"a": 3}]}], "r3": [{"$gt": {"a": 1}}]}
    conditions = {name: {"$and": [GUARD, *parts]} for name, parts in tests.items()}
    facts = [{"a": 3, "b": "x"}, {"a": 0}, {"a": 9, "b": "y"}, {"b": "x"}]
    plain = {name: {"all": [{"m": m}]} for name, m in conditions.items()}
    stated = {name: {**SETTINGS, "all": [{"m": m}]} for name, m in conditions.items()}
    seen = _matches(plain, facts)
    assert _matches(stated, facts) == seen
    assert "r2" in seen[1] and seen[2] == ["r0", "r3"] and seen[3] == []  # not all alike
