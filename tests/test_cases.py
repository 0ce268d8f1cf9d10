"""The sample proposals in cases/: each screens to its ``expected`` block, the
durable_rules engine and the pure-Python reference engine agree, and together
the cases exercise every rule of the rulebook."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from screening.decision.model import Decision
from screening.facts.files import LoadedProposal, load_proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener

CASES = sorted((Path(__file__).resolve().parent.parent / "cases").glob("*.yaml"))
EXPECTED_KEYS = {"outcome", "sections", "rules"}

#: Rules no proposal can fire while their parameter keeps its value: with a 1:1
#: water ratio, "replaced > new and replaced < new × ratio" is a contradiction.
#: test_unreachable_rules_are_still_unreachable fails as soon as the ratio is
#: raised; then add a case that fires the rule and remove it from here.
UNREACHABLE = {
    "pollutants.cod.below-ratio": "param.pollutants.water_ratio",
    "pollutants.nh3n.below-ratio": "param.pollutants.water_ratio",
}


@pytest.fixture(scope="session")
def reference(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="python")


@pytest.fixture(scope="session")
def screened(screener: Screener) -> dict[str, tuple[LoadedProposal, Decision]]:
    out = {}
    for path in CASES:
        loaded = load_proposal(path)
        out[path.name] = (loaded, screener.screen(loaded.proposal))
    return out


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 18


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_file_conventions(path: Path) -> None:
    assert re.fullmatch(r"\d{2,3}-[a-z0-9]+(-[a-z0-9]+)*\.yaml", path.name)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert re.match(r"# .*[\u4e00-\u9fff]", first), "first line: a Chinese comment"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_decision_matches_expected(
        path: Path, screened: dict[str, tuple[LoadedProposal, Decision]]) -> None:
    loaded, decision = screened[path.name]
    expected: dict[str, Any] | None = loaded.expected
    assert expected is not None, "case has no expected block"
    assert set(expected) == EXPECTED_KEYS
    assert expected["sections"] == sorted(expected["sections"]), "list sections sorted"
    assert decision.outcome == expected["outcome"]
    assert decision.sections() == expected["sections"]
    rules = [f.rule for f in decision.findings]
    assert len(rules) == len(set(rules))
    assert set(rules) == set(expected["rules"])
    assert len(expected["rules"]) == len(set(expected["rules"]))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_reference_engine_agrees(path: Path, reference: Screener,
                                 screened: dict[str, tuple[LoadedProposal, Decision]]) -> None:
    loaded, decision = screened[path.name]
    durable = decision.as_dict()
    python = reference.screen(loaded.proposal).as_dict()
    assert durable.pop("engine") == "durable"
    assert python.pop("engine") == "python"
    assert durable == python


def test_every_rule_fires_in_some_case(
        rulebook: Rulebook, screened: dict[str, tuple[LoadedProposal, Decision]]) -> None:
    fired = {f.rule for _, d in screened.values() for f in d.findings if f.status == "fired"}
    rules = {rule.id for rule in rulebook.rules}
    assert set(UNREACHABLE) <= rules, "UNREACHABLE names a rule that no longer exists"
    # rules on the replacement-source ledger fire only with a ledger database in use:
    # tests/test_store.py::test_every_ledger_rule_fires covers them
    needs_ledger = {rule.id for rule in rulebook.rules if "ledger.checked" in rule.fields}
    never = sorted(rules - fired - set(UNREACHABLE) - needs_ledger)
    assert not never, f"no case fires: {never}"
    assert not set(UNREACHABLE) & fired, "a rule listed as unreachable fires: update the list"


def test_unreachable_rules_are_still_unreachable(rulebook: Rulebook) -> None:
    for rule, name in UNREACHABLE.items():
        param = rulebook.parameters[name]
        values = [v for p in (param.base, *(layer[1] for layer in param.layers))
                  for v in p.values.values()]
        assert all(v <= 1 for v in values), (
            f"{name} now exceeds 1, so {rule} can fire: add a case and drop it from UNREACHABLE")


def test_every_rule_is_quiet_in_some_case(
        rulebook: Rulebook, screened: dict[str, tuple[LoadedProposal, Decision]]) -> None:
    always = [rule.id for rule in rulebook.rules
              if all(any(f.rule == rule.id for f in d.findings) for _, d in screened.values())]
    assert not always


def test_every_outcome_occurs(screened: dict[str, tuple[LoadedProposal, Decision]]) -> None:
    outcomes = {d.outcome for _, d in screened.values()}
    assert outcomes == {"approve", "approve_with_conditions", "refer", "reject"}
