"""Time and layers: rules and numbers by date, the plan-period warning, the city overlay,
and the listings policy staff use to confirm unverified sources."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screening.facts.files import load_proposal
from screening.facts.proposal import Proposal
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
TARGET = "param.targets.six_high_energy_intensity_reduction_pct"




def _case(name: str) -> Proposal:
    return load_proposal(CASES / f"{name}.yaml").proposal


@pytest.mark.parametrize(("day", "needle_zh", "needle_en"), [
    (date(2021, 6, 1), "早于临东环委发〔2022〕1号的施行日期 2022-01-28", "before"),
    (date(2022, 1, 27), "早于", "took effect on 2022-01-28"),
])
def test_warning_outside_the_plan_is_bilingual_and_says_which_side(
        screener: Screener, day: date, needle_zh: str, needle_en: str) -> None:
    decision = screener.screen(_case("84-municipal-road-compliant"), day)
    assert len(decision.warnings) == 1
    warning = decision.warnings[0]
    assert needle_zh in warning["zh"] and str(day) in warning["zh"]
    assert needle_en in warning["en"] and str(day) in warning["en"]


@pytest.mark.parametrize("day", [date(2022, 1, 28), date(2023, 12, 31), date(2024, 1, 1)])
def test_no_warning_inside_the_plan_nor_after_it(screener: Screener, day: date) -> None:
    assert screener.screen(_case("84-municipal-road-compliant"), day).warnings == []


@pytest.mark.parametrize(("case", "rule", "before", "after"), [
    ("78-coal-chp-provincial", "energy.window-guidance", date(2022, 1, 28), date(2022, 1, 29)),
    ("81-limestone-quarry-siding-due", "transport.siding-plan-overdue",
     date(2022, 6, 30), date(2022, 7, 1)),
])
def test_rules_start_on_their_date(screener: Screener, case: str, rule: str, before: date,
                                   after: date) -> None:
    fired = [f.rule for f in screener.screen(_case(case), before).findings]
    assert rule not in fired
    fired = [f.rule for f in screener.screen(_case(case), after).findings]
    assert rule in fired


@pytest.mark.parametrize(("case", "rule", "last", "gone"), [
    ("71-primary-school-green-building", "buildings.prefabricated",
     date(2023, 12, 31), date(2024, 1, 1)),
    ("81-limestone-quarry-siding-due", "transport.siding-plan-due",
     date(2022, 6, 30), date(2022, 7, 1)),
])
def test_rules_end_on_their_date(screener: Screener, case: str, rule: str, last: date,
                                 gone: date) -> None:
    assert rule in [f.rule for f in screener.screen(_case(case), last).findings]
    assert rule not in [f.rule for f in screener.screen(_case(case), gone).findings]


@pytest.fixture(scope="module")
def city_rulebook() -> Rulebook:
    return load_rulebook(ROOT / "rules", ("linyi-city",))


def test_city_overlay_wins_and_the_decision_names_each_layer(
        screener: Screener, city_rulebook: Rulebook) -> None:
    proposal = _case("75-bakery-coal-boiler")
    base = screener.screen(proposal)
    city = Screener(city_rulebook, engine="python").screen(proposal)
    review = next(f for f in base.findings if f.rule == "energy.conservation-review")
    assert review.values[TARGET]["layer"] == "base"
    assert review.values[TARGET]["value"] == 7
    assert review.values[TARGET]["confidence"] == "read"
    review = next(f for f in city.findings if f.rule == "energy.conservation-review")
    assert review.values[TARGET]["layer"] == "linyi-city"
    assert review.values[TARGET]["value"] == 10
    assert review.values[TARGET]["confidence"] == "partial"
    assert review.values["param.energy.review_threshold_tce"]["layer"] == "base"
    assert "降低 10%" in review.message["zh"] and "down 10%" in review.message["en"]
    assert city.overlays == ["linyi-city"] and base.overlays == []


def test_overlay_through_the_cli_json() -> None:
    code, out, _ = run("screen", str(CASES / "75-bakery-coal-boiler.yaml"), "--overlay",
                       "linyi-city", "--format", "json")
    assert code == 0
    decision = json.loads(out)[0]
    assert decision["overlays"] == ["linyi-city"]
    values = [f["values"][TARGET] for f in decision["findings"] if TARGET in f["values"]]
    assert values and all(v["layer"] == "linyi-city" and v["value"] == 10 for v in values)


def test_rules_list_json_gives_clause_and_dates_of_the_dated_rules() -> None:
    code, out, _ = run("rules", "list", "--format", "json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    policy = (ROOT / "rules" / "policy" / "hedong-4j4z-2021-2023.txt").read_text(
        encoding="utf-8")
    for row in rows.values():
        assert {"id", "effect", "clause", "in_force"} <= set(row)
        assert set(row["clause"]) == {"document", "section", "quote"}
        assert row["clause"]["quote"] in policy
    assert rows["energy.window-guidance"]["in_force"] == {"from": "2022-01-29", "to": None}
    assert rows["buildings.prefabricated"]["in_force"] == {"from": "2022-01-28",
                                                            "to": "2023-12-31"}
    assert rows["transport.siding-plan-due"]["in_force"]["to"] == "2022-06-30"
    assert rows["transport.siding-plan-overdue"]["in_force"]["from"] == "2022-07-01"
    assert rows["coal.small-boiler"]["clause"]["section"] == "三(一)2"
    assert rows["livestock.manure-facilities"]["effect"] == "refer"


def test_unverified_lists_parameters_catalogues_and_overlay_layers() -> None:
    code, out, _ = run("rules", "list", "--unverified", "--format", "json", "--overlay",
                       "linyi-city")
    assert code == 0
    rows = json.loads(out)
    names = {(r["name"], r["layer"]) for r in rows}
    for expected in [("param.pollutants.water_ratio", "base"),
                     ("param.overcapacity.capacity_ratio_unconfirmed", "base"),
                     ("param.livestock.scale_head", "base"),
                     ("catalogue.banned_pesticides_later", "base"),
                     ("catalogue.bulk_freight_industries", "base"),
                     (TARGET, "linyi-city")]:
        assert expected in names
    assert all(r["confidence"] in {"partial", "unverified"} for r in rows)
    assert ("param.energy.window_guidance_tce", "base") not in names  # read
    code, text, _ = run("rules", "list", "--unverified", "--overlay", "linyi-city")
    assert f"{TARGET} (overlay linyi-city)  [partial]" in text


SOIL_SURVEY = "land.farmland-soil-survey"  # plan-only: no basis excerpt


def test_plan_only_rule_applies_on_the_last_day_and_is_listed_the_day_after(
        screener: Screener) -> None:
    proposal = _case("89-land-consolidation-no-survey")
    last = screener.screen(proposal, date(2023, 12, 31))
    assert SOIL_SURVEY in {f.rule for f in last.findings}
    assert last.expired == []
    after = screener.screen(proposal, date(2024, 1, 1))
    assert SOIL_SURVEY not in {f.rule for f in after.findings}
    listed = {item["rule"]: item for item in after.expired}
    assert listed[SOIL_SURVEY]["in_force_to"] == "2023-12-31"
    assert listed[SOIL_SURVEY]["clause"]["section"] == "五(一)3"
    assert after.as_dict()["expired"] == after.expired


def test_rule_with_a_basis_outlives_the_plan(screener: Screener) -> None:
    base = _case("84-municipal-road-compliant")
    assert base.machinery is not None
    proposal = base.model_copy(update={
        "machinery": base.machinery.model_copy(update={"lowest_stage": 2})})
    for day in (date(2023, 12, 31), date(2024, 1, 1), date(2026, 6, 1)):
        decision = screener.screen(proposal, day)
        fired = {f.rule: f for f in decision.findings}
        assert "machinery.urban-below-stage-iii" in fired, day
        basis = fired["machinery.urban-below-stage-iii"].basis
        assert basis and basis[0]["confidence"] == "read"


def test_plan_window_is_the_registry_date_not_a_constant(tmp_path: Path) -> None:
    """Moving the plan's period_to in clauses.yaml moves the end of every plan-only rule."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    registry = rules / "policy" / "clauses.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "period_to: 2023-12-31", "period_to: 2024-06-30"), encoding="utf-8")
    book = load_rulebook(rules)
    rule = book.rules_by_id[SOIL_SURVEY]
    assert rule.window_end == date(2024, 6, 30) and rule.in_force_to == date(2024, 6, 30)
    proposal = _case("89-land-consolidation-no-survey")
    assert SOIL_SURVEY in {f.rule for f in Screener(book, engine="python").screen(
        proposal, date(2024, 3, 1)).findings}
