"""Rulesets with the parameter values in force written in: same answers, smaller facts."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from screening.engine.durable import DurableEngine
from screening.engine.reference import ReferenceEngine
from screening.engine.specialise import Unwritable, inlined_parameters, substitute
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import Arith, Compare, Const, Field, Not, Or
from screening.screen import Screener
from tests.paths import ROOT, RULES

CASES = sorted((ROOT / "cases").glob("*.yaml"))
#: one date in each epoch of parameter values and rule dates, plan period and after
DAYS = [date(2021, 6, 1), date(2022, 1, 28), date(2022, 3, 1), date(2022, 8, 1),
        date(2023, 6, 1), date(2023, 12, 15), date(2024, 1, 15), date(2024, 6, 1)]


class _Recording:
    """durable_rules' C module, keeping the text of every asserted fact."""

    def __init__(self, real: Any) -> None:
        self.real, self.asserted = real, []

    def assert_fact(self, handle: int, text: str) -> Any:
        self.asserted.append(text)
        return self.real.assert_fact(handle, text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def case_facts(screener: Screener) -> list[tuple[dict[str, Any], date]]:
    out = []
    for path in CASES:
        proposal = load_proposal(path).proposal
        for day in (proposal.application_date, *DAYS):
            out.append((screener.facts(proposal, day)[0], day))
    return out


def test_written_in_values_give_the_oracle_answers_on_every_case_and_epoch(
        rulebook: Rulebook, reference_screener: Screener, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DurableEngine, "_variants", {})  # as in a new process
    durable, oracle = DurableEngine(rulebook), ReferenceEngine(rulebook)
    recording = durable._engine = _Recording(durable._engine)
    inlined_keys = [durable.keys[name.replace(".", "__")] for name in durable.inlined]
    for facts, day in case_facts(reference_screener):
        assert set(durable.run(facts, day)) == set(oracle.run(facts, day)), (facts.get("id"), day)
    # every screening ran on a specialised ruleset: no plain parameter was asserted
    assert recording.asserted
    assert not [text for text in recording.asserted
                if any(f'"{key}":' in text for key in inlined_keys)]
    specialised = [key for key, variant in durable.variants.items() if not variant.general]
    assert 2 <= len(specialised) <= DurableEngine.MAX_VARIANTS  # real dates never fall back


def test_past_the_limit_the_general_ruleset_answers(
        rulebook: Rulebook, reference_screener: Screener, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DurableEngine, "_variants", {})  # as in a new process
    durable, oracle = DurableEngine(rulebook), ReferenceEngine(rulebook)
    durable.MAX_VARIANTS = 0
    before = set(durable.variants)
    for facts, day in case_facts(reference_screener)[:60]:
        facts = {**facts, "param.energy.coal_replacement_ratio": 7.25}  # values never seen
        assert set(durable.run(facts, day)) == set(oracle.run(facts, day))
    assert set(durable.variants) - before <= {None}  # only the general ruleset was added
    assert durable.general().general


def test_substitution_writes_values_in_and_leaves_unknown_ones_as_fields(
        rulebook: Rulebook) -> None:
    ratio, minimum = Field("coal.replacement_ratio"), Field("param.energy.coal_replacement_ratio")
    node = Or((Compare("<", ratio, minimum),
               Not(Compare(">=", ratio, Arith("*", minimum, Const(2))))))
    values = {"param.energy.coal_replacement_ratio": 1.2}
    assert substitute(node, values) == Or((Compare("<", ratio, Const(1.2)),
                                           Not(Compare(">=", ratio, Const(2.4)))))
    assert substitute(node, {"param.energy.coal_replacement_ratio": None}) == node
    assert "param.energy.coal_replacement_ratio" in inlined_parameters(rulebook)
    assert "param.two_high.capacity_ratio" not in inlined_parameters(rulebook)  # keyed by type


def test_a_parameter_on_the_left_is_written_in_by_turning_the_comparison_round() -> None:
    ratio, minimum = Field("coal.replacement_ratio"), Field("param.energy.coal_replacement_ratio")
    values = {"param.energy.coal_replacement_ratio": 1.2}
    assert substitute(Compare(">", minimum, ratio), values) == Compare("<", ratio, Const(1.2))
    assert substitute(Compare("<=", minimum, ratio), values) == Compare(">=", ratio, Const(1.2))
    with pytest.raises(Unwritable):  # the other side is arithmetic: no alpha test to write
        substitute(Compare(">", minimum, Arith("*", ratio, Const(2))), values)


LEFT_RULES = """description: {zh: 左侧参数, en: Parameter on the left}
rules:
  - id: extra.left
    title: {zh: 左侧参数, en: Parameter on the left}
    clause: 3.1.2/new-coal-projects
    effect: refer
    when: "coal.new_tce > 0 and param.energy.coal_replacement_ratio > coal.replacement_ratio"
    message: {zh: 左, en: left}
  - id: extra.left-arith
    title: {zh: 左侧参数与算术, en: Parameter on the left against arithmetic}
    clause: 3.1.2/new-coal-projects
    effect: refer
    when: >-
      coal.new_tce > 0 and
      param.energy.coal_replacement_ratio > coal.replacement_ratio + coal.excluded_tce
    message: {zh: 左, en: left}
"""


def test_rules_with_the_parameter_on_the_left_decide_as_the_oracle_does(
        tmp_path: Path, reference_screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the left-hand parameter stayed a field the specialised fact never carries,
    so durable_rules left the rule undetermined where the Python evaluator decided it."""
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    (root / "energy" / "left.yaml").write_text(LEFT_RULES, encoding="utf-8")
    book = load_rulebook(root)
    monkeypatch.setattr(DurableEngine, "_variants", {})
    durable, oracle = DurableEngine(book), ReferenceEngine(book)
    fired = set()
    for facts, day in case_facts(Screener(book, engine="python"))[:120]:
        ours = set(durable.run(facts, day))
        assert ours == set(oracle.run(facts, day)), (facts.get("id"), day)
        fired |= {rule for rule, status in ours if status == "fired"}
    assert {"extra.left", "extra.left-arith"} <= fired
