"""A text field the rules test against lists of texts is also asserted by value.

durable_rules files a node's next tests by property name only, so ``industry.code in
[...]`` made a fact run one equality test per code. The engine also asserts such a
valued field as one property named for its text (names.py), and the rules' equality
tests of it test that property: what they decide cannot change, and the pure-Python
evaluator and the engine without value properties must still agree with it.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from typing import Any

import pytest

from screening import cachefiles
from screening.batch import render
from screening.engine import names, plans
from screening.engine.durable import DurableEngine
from screening.facts.files import load_proposal
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import Compare, Const, Field, In, Not, Or
from screening.screen import Screener
from tests.paths import CASES, ROOT

sys.path.insert(0, str(ROOT / "bench"))

from throughput import generate

CASE_FILES = sorted(CASES.glob("*.yaml"))
VALUE_TEST = re.compile(r'\{"(v\w+)":true\}')


def _plain_screener(rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch) -> Screener:
    """A screener whose engine asserts no value properties (registered apart)."""
    monkeypatch.setattr(DurableEngine, "by_value", False)
    return Screener(rulebook, engine="durable")


def _decisions(screener: Screener, proposals: list[Any]) -> list[str]:
    """Each decision as JSON, the engine's name left out (the oracle's is "python")."""
    out = []
    for proposal in proposals:
        decision = json.loads(render(screener.screen(proposal), "json", "zh"))
        decision.pop("engine")
        out.append(json.dumps(decision, ensure_ascii=False))
    return out


def test_listed_text_fields_are_valued_with_every_text_they_are_tested_against(
        rulebook: Rulebook) -> None:
    engine = DurableEngine(rulebook)
    code = engine.values["industry.code"]
    texts = {v for rule in rulebook.rules for v in _in_values(rule.condition, "industry.code")}
    assert texts and set(code) >= texts
    # construction_type is also compared with `==`: those texts have names too
    assert "新建" in engine.values["construction_type"]
    every = [name for own in engine.values.values() for name in own.values()]
    assert len(every) == len(set(every))
    assert not set(every) & set(engine.keys.values())
    assert all(names.durable_hash(name) & 31 == 31 for name in every)


def _in_values(node: Any, field: str) -> list[str]:
    if isinstance(node, In):
        return list(node.values) if node.field.name == field else []
    if isinstance(node, Not):
        return _in_values(node.child, field)
    return [v for child in getattr(node, "children", ()) for v in _in_values(child, field)]


def test_the_rulesets_test_value_properties_not_equalities_of_valued_fields(
        screener: Screener) -> None:
    engine: DurableEngine = screener.engine
    proposal = load_proposal(CASE_FILES[0]).proposal
    facts, _ = screener.facts(proposal, proposal.application_date)
    specialised = engine._specialised_plan(facts)
    assert specialised is not None
    valued_keys = {engine.keys[name.replace(".", "__")] for name in engine.values}
    value_names = {n for own in engine.values.values() for n in own.values()}
    for plan in (engine._general_plan(), specialised):
        used = set()
        for ruleset in plan:
            found = set(VALUE_TEST.findall(ruleset.text))
            assert found <= ruleset.keys
            used |= found
            for key in valued_keys:  # the equality tests are gone; $neq and $nex stay
                assert not re.search(rf'(?<!:)\{{"{key}":"', ruleset.text), key
        assert used <= value_names
        assert len(used) > 100  # the industry codes and divisions of the catalogue lists


_registered: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _record_rulesets(monkeypatch: pytest.MonkeyPatch) -> None:
    import durable_rules_engine

    create = durable_rules_engine.create_ruleset

    def recording(name: str, text: str) -> Any:
        _registered[name] = text
        return create(name, text)

    monkeypatch.setattr(durable_rules_engine, "create_ruleset", recording)


def test_a_fact_is_asserted_with_the_value_property_of_its_text(
        screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    engine: DurableEngine = screener.engine
    for path in CASE_FILES:  # a case whose industry code some rule lists
        proposal = load_proposal(path).proposal
        facts, _ = screener.facts(proposal, proposal.application_date)
        name = engine.values["industry.code"].get(facts["industry.code"])
        if name is not None:
            break
    assert name is not None
    seen: list[tuple[Any, dict[str, Any]]] = []
    screen = engine._screen

    def recording(shard: Any, text: str, hits: list) -> None:
        seen.append((shard, json.loads(text)))
        screen(shard, text, hits)

    monkeypatch.setattr(engine, "_screen", recording)
    screener.screen(proposal)
    testing = [fact for shard, fact in seen if name in shard.keys]
    assert testing and all(fact[name] is True for fact in testing)
    own = {engine.values[field].get(facts.get(field)) for field in engine.values}
    every = {n for texts in engine.values.values() for n in texts.values()}
    for _, fact in seen:  # no value property but those of the fact's own texts
        assert set(fact) & every <= own


def test_an_unnamed_text_and_other_tests_stay_on_the_field() -> None:
    names_ = {"x": "f0", "y": "f1"}
    values = {"x": {"a": "vA", "b": "vB"}}
    match = {"$and": [{"x": "a"}, {"$neq": {"x": "b"}}, {"$nex": {"x": 1}}, {"x": "c"},
                      {"$or": [{"x": "b"}, {"y": "a"}]}, {"$lt": {"y": {"$m": "x"}}}]}
    short = plans._shorten(match, names_, values, True)
    assert short == {"$and": [{"vA": True}, {"$neq": {"f0": "b"}}, {"$nex": {"f0": 1}},
                              {"f0": "c"}, {"$or": [{"vB": True}, {"f1": "a"}]},
                              {"$lt": {"f1": {"$m": "f0"}}}]}


def test_decisions_are_the_same_without_value_properties(
        rulebook: Rulebook, screener: Screener, reference_screener: Screener,
        monkeypatch: pytest.MonkeyPatch) -> None:
    proposals = [load_proposal(path).proposal for path in CASE_FILES]
    proposals += generate(400, seed=17)
    with_values = _decisions(screener, proposals)
    assert with_values == _decisions(reference_screener, proposals)
    plain = _plain_screener(rulebook, monkeypatch)
    assert not plain.engine.values
    assert with_values == _decisions(plain, proposals)


def test_a_rule_on_a_valued_field_decides_alike_for_every_kind_of_test(
        rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    """``in``, ``not in``, ``==`` and ``!=`` with named and unnamed texts, present or absent."""
    code = Field("industry.code")
    listed = ("C3011", "C3041")
    conditions = [In(code, listed), In(code, listed, negated=True),
                  Compare("==", code, Const("C3011")), Compare("!=", code, Const("C3041")),
                  Compare("==", code, Const("C9999")),
                  Or((In(code, listed), Compare("==", code, Const("B0610"))))]
    for condition in conditions:
        _, valued = names.field_uses([condition])
        if isinstance(condition, In):
            assert set(valued["industry.code"]) == set(listed)
    _, valued = names.field_uses(conditions)
    assert set(valued["industry.code"]) == {"C3011", "C3041", "C9999", "B0610"}
    shorts = {"industry__code": "f0"}
    keys = {"industry__code": names.value_names(valued)["industry.code"]}
    plan = plans.rulesets([("r", "fired", {"$or": [{"industry__code": "C3011"},
                                                    {"industry__code": "B0610"}]})],
                          shorts, keys)
    assert "f0" not in plan[0].keys and len(plan[0].keys) == 2


def test_value_names_are_of_slot_31_and_distinct_from_every_other_name() -> None:
    value = names.value_name_list(3000)
    assert len(set(value)) == 3000
    assert value[:2] == names.value_name_list(2)  # a prefix: the same names in every run
    short = names.short_names([f"field{i}" for i in range(252)], {"field7", "field40"})
    others = [*short.values(), "as_of", "sid", "id", "$s"]
    hashes = [names.durable_hash(name) for name in [*value, *others]]
    assert len(set(hashes)) == len(hashes)  # durable_rules tells properties by hash alone
    assert all(h & 31 == 31 for h in hashes[:3000])
    for field, name in short.items():
        assert (names.durable_hash(name) & 31 == 31) == (field in {"field7", "field40"})
    assert list(short.values())[:3] == ["f0", "f1", "f2"]


def test_short_names_are_f_hex_in_turn() -> None:
    levels = list(itertools.islice(names._name_levels("f"), 3))
    flat = [name for level in levels for name, _ in level]
    assert flat == [f"f{index:x}" for index in range(16 ** 3)]
    assert all(names.durable_hash(n) & 31 == s for level in levels for n, s in level)


def test_the_cached_rulesets_keep_their_value_properties(
        rulebook: Rulebook, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(DurableEngine, "_variants", {})
    proposals = [load_proposal(path).proposal for path in CASE_FILES]
    first = _decisions(Screener(rulebook), proposals)
    stored = sorted((tmp_path / "cache").glob("*" + plans.SUFFIX))
    assert stored
    for path in stored:
        body = cachefiles.read_bytes(path.name.removesuffix(plans.SUFFIX), plans.SUFFIX)
        entry = json.loads(body or b"null")
        if entry != plans.GENERAL:
            assert all(VALUE_TEST.search(item["text"]) for item in entry)
            assert all(set(VALUE_TEST.findall(item["text"])) <= set(item["keys"])
                       for item in entry)
    monkeypatch.setattr(DurableEngine, "_variants", {})  # as a new process
    monkeypatch.setattr(plans, "rulesets", lambda *args: pytest.fail("worked out again"))
    again = Screener(rulebook)
    assert _decisions(again, proposals) == first
    assert any(VALUE_TEST.search(_registered[shard.name]) for shard in again.engine.shards)
