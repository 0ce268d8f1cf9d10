"""`screening explain`: the why / why not of each rule, checked against the engine."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.tools.explain import Explainer, verdicts
from tests.paths import FIXTURES, ROOT

CASES = sorted((ROOT / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def explainer(screener: Screener) -> Explainer:
    return Explainer(screener)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_evaluator_engine_and_explanation_agree_on_every_case(
        path: Path, screener: Screener, reference_screener: Screener,
        explainer: Explainer) -> None:
    proposal = load_proposal(path).proposal
    durable = {(f.rule, f.status) for f in screener.screen(proposal).findings}
    python = {(f.rule, f.status) for f in reference_screener.screen(proposal).findings}
    assert durable == python
    explanation = explainer.explain(proposal)
    assert set(verdicts(explanation).items()) == durable
    assert not explanation.disagreements
    assert explanation.outcome == screener.screen(proposal).outcome


def test_fired_rule_shows_values_and_parameter_source(explainer: Explainer) -> None:
    proposal = load_proposal(ROOT / "cases" / "01-cement-clinker-line.yaml").proposal
    result = explainer.explain(proposal, rule_ids=["two-high.coal-reduction"]).as_dict()
    [rule] = result["rules"]
    assert rule["verdict"] == "fired" and rule["clause"]["section"] == "二(一)3"
    leaves = _leaves(rule["condition"])
    ratio = next(n for n in leaves if n["condition"].startswith("coal.replacement_ratio <"))
    assert ratio["result"] == "held" and ratio["compared"] == "0.9231 < 1.2"
    param = next(v for v in ratio["values"] if v["name"] == "param.two_high.coal_ratio")
    assert param["value"] == 1.2
    assert param["parameter"]["from"] == "鲁政办字〔2021〕57号"
    assert param["parameter"]["effective"] == "2021-06-19"
    assert param["parameter"]["layer"] == "base"
    # the shared predicate is shown by name, with its own sub-conditions
    pred = next(c for c in rule["condition"]["children"] if c.get("predicate"))
    assert pred["predicate"] == "pred.new_two_high" and pred["result"] == "held"


def test_why_not_names_the_failing_subcondition_and_missing_facts(
        explainer: Explainer) -> None:
    proposal = load_proposal(ROOT / "cases" / "22-printing-missing-data.yaml").proposal
    result = explainer.explain(proposal).as_dict()
    by_id = {r["rule"]: r for r in result["rules"]}
    vocs = by_id["pollutants.vocs.total-amount-reference"]
    assert vocs["verdict"] == "undetermined"
    # who must offset depends on whether it is 两高 (capacity.new decides that for an upgrade)
    assert "pollutants.vocs.replaced_t" in vocs["missing"]
    unknown = [n for n in _leaves(vocs["condition"]) if n["result"] == "unknown"]
    assert unknown and all(
        any(not v["known"] for v in n["values"]) for n in unknown)
    quiet = by_id["zones.ecological-red-line"]
    assert quiet["verdict"] == "not_fired"
    assert any(n["result"] == "failed" for n in _leaves(quiet["condition"]))


def test_overlay_layer_and_date_are_shown() -> None:
    book = load_rulebook(FIXTURES / "rulebook", ("city",))
    explainer = Explainer(Screener(book, engine="python"))
    proposal = load_proposal(ROOT / "cases" / "01-cement-clinker-line.yaml").proposal
    result = explainer.explain(proposal, date(2022, 9, 1)).as_dict()
    rule = next(r for r in result["rules"] if r["rule"] == "coal.reduction")
    param = next(v for n in _leaves(rule["condition"]) for v in n.get("values", [])
                 if v["name"] == "param.ratios.coal")
    assert param["value"] == 2.0
    assert param["parameter"]["layer"] == "city"
    assert param["parameter"]["effective"] == "2022-06-01"


def test_rules_not_in_force_are_listed(explainer: Explainer, rulebook: Rulebook) -> None:
    proposal = load_proposal(ROOT / "cases" / "01-cement-clinker-line.yaml").proposal
    result = explainer.explain(proposal, date(2021, 3, 1))
    assert not result.rules
    assert len(result.not_in_force) == len(rulebook.rules)


def test_cli_text_json_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_RULES", str(ROOT / "rules"))
    runner = CliRunner()
    case = str(ROOT / "cases" / "01-cement-clinker-line.yaml")
    result = runner.invoke(cli, ["explain", case])
    assert result.exit_code == 0
    assert "[触发 fired] two-high.coal-reduction" in result.stdout
    assert "0.9231 < 1.2" in result.stdout and "鲁政办字〔2021〕57号" in result.stdout
    result = runner.invoke(cli, ["explain", case, "--format", "json", "--lang", "en"])
    data = json.loads(result.stdout)
    assert data["engine_agrees"] is True and data["outcome"] == "reject"
    result = runner.invoke(cli, ["explain", case, "--rule", "two-high.coal-reductio"])
    assert result.exit_code == 2
    assert "did you mean 'two-high.coal-reduction'" in result.stderr
    result = runner.invoke(cli, ["explain", str(FIXTURES / "proposals" / "wrong-type.yaml")])
    assert result.exit_code == 1 and "wrong-type.yaml:4" in result.stderr


def _leaves(node: dict) -> list[dict]:
    if "children" not in node:
        return [node]
    return [leaf for child in node["children"] for leaf in _leaves(child)]
