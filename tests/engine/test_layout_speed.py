"""How the rules and facts are laid out for durable_rules' lookups: same answers, cheaper."""

from __future__ import annotations

import random
from datetime import date

import pytest

from screening.engine.compiler import rule_matches
from screening.engine.durable import DurableEngine
from screening.engine.names import LISTED, durable_hash, field_uses, short_names
from screening.engine.reference import ReferenceEngine
from screening.errors import EngineError
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import FieldSpec, Parser
from tests.engine.test_engine import random_facts


def test_durable_hash_is_fnv1a_as_durable_rules_computes_it() -> None:
    # the published FNV-1a 32-bit vectors (durable_rules' fnv1Hash32 is FNV-1a)
    assert durable_hash("") == 0x811C9DC5
    assert durable_hash("a") == 0xE40C292C
    assert durable_hash("foobar") == 0xBF9CF968


def test_listed_fields_get_the_last_slot_and_no_other_field_does() -> None:
    names = short_names(["a", "b", "code", "c", "division"], {"code", "division"})
    assert len(set(names.values())) == 5
    slots = {field: durable_hash(name) & 31 for field, name in names.items()}
    assert slots["code"] == slots["division"] == 31
    assert all(slot != 31 for field, slot in slots.items() if field not in ("code", "division"))


def test_only_long_lists_make_a_field_listed() -> None:
    specs = {"x": FieldSpec("text"), "y": FieldSpec("text"), "z": FieldSpec("bool")}
    parser = Parser(specs)
    long = ", ".join(f"'{n}'" for n in range(LISTED))
    short = ", ".join(f"'{n}'" for n in range(LISTED - 1))
    conditions = [parser.parse(f"not (x in [{long}]) and z"), parser.parse(f"y in [{short}]")]
    listed, valued = field_uses(conditions)
    assert listed == {"x"}
    assert set(valued) == {"x", "y"}  # lists of texts are tested by value (names.py)
    assert list(valued["y"]) == [str(n) for n in range(LISTED - 1)]


def test_single_tests_come_before_or_groups_after_the_window() -> None:
    specs = {"a": FieldSpec("number"), "b": FieldSpec("bool"), "c": FieldSpec("text")}
    condition = Parser(specs).parse("c in ['p', 'q'] and a > 0 and b")
    (status, match), *_ = rule_matches(condition, date(2022, 1, 28), None)
    parts = match["$and"]
    assert status == "fired"
    assert parts[:2] == [{"$gte": {"as_of": 20220128}}, {"$nex": {"$s": 1}}]
    assert parts[2:] == [{"$gt": {"a": 0}}, {"b": True}, {"$or": [{"c": "p"}, {"c": "q"}]}]


def test_the_real_rulebook_tests_the_industry_codes_by_value_in_the_last_slot(
        rulebook: Rulebook) -> None:
    engine = DurableEngine(rulebook)
    assert all(durable_hash(name) & 31 == 31 for name in engine.values["industry.code"].values())
    # the fields themselves are in other slots: their lists are tested by value
    assert durable_hash(engine.keys["industry__code"]) & 31 != 31
    assert durable_hash(engine.keys["construction_type"]) & 31 != 31


def test_parameter_values_met_before_are_still_type_checked(rulebook: Rulebook) -> None:
    engine = DurableEngine(rulebook)
    facts = {**random_facts(rulebook, random.Random(7)),
             **{name: 2 for name in engine.inlined}}
    day = date(2023, 1, 1)
    assert engine._params_key(facts) == engine._params_key(dict(facts))  # kept, the same
    first = engine.inlined[0]
    assert engine._params_key({**facts, first: 2.0}) != engine._params_key(facts)
    absent = {name: value for name, value in facts.items() if name != first}
    assert engine._params_key(absent) == engine._params_key({**facts, first: None})
    assert engine._params_key(absent) != engine._params_key(facts)
    with pytest.raises(EngineError, match=first):
        engine.run({**facts, first: True}, day)
    engine.run({**facts, first: 1}, day)
    with pytest.raises(EngineError, match=first):
        engine.run({**facts, first: True}, day)  # True == 1: the type tells them apart
    with pytest.raises(EngineError, match=first):
        engine.run({**facts, first: "2"}, day)
    assert set(engine.run(facts, day)) == set(ReferenceEngine(rulebook).run(facts, day))
