"""Rules of 三、四、五 ask only the projects they concern, and a referral names only
the facts that would decide it."""

from __future__ import annotations

from datetime import date

from screening.engine.compiler import FIRED, UNDETERMINED, rule_matches
from screening.facts.files import load_proposal
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import Parser
from screening.screen import Screener
from tests.paths import ROOT

SECTOR_PREFIXES = ("coal.", "heating.", "energy.", "buildings.", "transport.", "machinery.",
                   "pesticides.", "land.", "livestock.", "construction.")


def test_a_project_the_sector_rules_do_not_concern_is_asked_nothing(
        screener: Screener) -> None:
    # a grain mill burning gas: no coal, no new buildings, small energy use, not a
    # freight or farm industry
    proposal = load_proposal(ROOT / "tests" / "fixtures" / "proposals" / "good-food.yaml").proposal
    decision = screener.screen(proposal)
    assert decision.outcome == "approve"
    assert not [f.rule for f in decision.findings if f.rule.startswith(SECTOR_PREFIXES)]


def test_missing_names_only_the_facts_that_decide(screener: Screener) -> None:
    proposal = load_proposal(ROOT / "cases" / "12-noodle-plant-coal-boiler.yaml").proposal
    proposal = proposal.model_copy(update={"coal": None})
    decision = screener.screen(proposal)
    finding = next(f for f in decision.findings if f.rule == "coal.reduction-replacement")
    assert finding.status == "undetermined"
    assert finding.missing == ["coal.new_tce", "coal.sources"]
    fields = [m["field"] for m in decision.missing]
    assert "coal.new_tce" in fields
    assert "capacity.new" not in fields  # the 两高 test is decided: a noodle plant is not 两高


def test_facts_every_screening_has_get_no_undetermined_rule(rulebook: Rulebook) -> None:
    always = frozenset(n for n, spec in rulebook.fields.items() if spec.always)
    assert {"industry.division", "construction_type", "buildings.stated"} <= always
    assert "fuels.coal_products" not in always
    parser = Parser(rulebook.fields, {}, {})
    decided = parser.parse("industry.division in ['26', '30'] and construction_type == '新建'")
    statuses = {s for s, _ in rule_matches(decided, date(2022, 1, 28), None, always)}
    assert statuses == {FIRED}
    open_ = parser.parse("industry.division in ['26'] and fuels.coal_products")
    statuses = {s for s, _ in rule_matches(open_, date(2022, 1, 28), None, always)}
    assert statuses == {FIRED, UNDETERMINED}


def test_every_sector_rule_has_a_case_firing_it_and_one_asking_nothing_of(
        rulebook: Rulebook, screener: Screener) -> None:
    decisions = [screener.screen(load_proposal(p).proposal)
                 for p in sorted([*(ROOT / "cases").glob("[7-9]?-*.yaml"),
                                  *(ROOT / "cases").glob("1??-*.yaml")])]
    sector = [r.id for r in rulebook.rules if r.file.split("/")[1] in
              ("energy", "transport", "land") and r.id.startswith(SECTOR_PREFIXES)]
    assert len(sector) >= 26
    for rule in sector:
        statuses = [{f.status for f in d.findings if f.rule == rule} for d in decisions]
        assert any("fired" in s for s in statuses), f"no case 70-99 or 100+ fires {rule}"
        assert any(not s for s in statuses), f"every case 70-99 or 100+ involves {rule}"


def test_a_new_build_that_omits_its_construction_site_is_referred(screener: Screener) -> None:
    # every new, expanded or relocated project has a construction phase: dust measures
    # (六个百分百) and machinery are asked of it, and leaving them out is never an approve
    proposal = load_proposal(ROOT / "tests" / "fixtures" / "proposals" / "good-food.yaml").proposal
    stated = screener.screen(proposal)
    omitted = screener.screen(proposal.model_copy(update={"construction_site": None}))
    assert stated.outcome == "approve"
    assert omitted.outcome == "refer"
    undecided = {f.rule for f in omitted.findings if f.status == "undetermined"}
    assert {"construction.six-full-measures", "construction.muck-transport"} <= undecided
    assert "construction_site.hoarding" in [m["field"] for m in omitted.missing]
    upgrade = proposal.model_copy(update={"construction_site": None,
                                          "construction_type": "技术改造"})
    assert screener.screen(upgrade).outcome == "approve"  # no construction phase


def test_a_project_that_omits_its_energy_use_or_floor_areas_is_referred(
        screener: Screener) -> None:
    # the energy review and the building rules concern every industry: a project that
    # does not state its energy use or its new floor area is referred, never approved
    proposal = load_proposal(ROOT / "tests" / "fixtures" / "proposals" / "good-food.yaml").proposal
    no_energy = screener.screen(proposal.model_copy(update={"energy": None}))
    assert no_energy.outcome == "refer"
    assert [m["field"] for m in no_energy.missing] == [
        "energy.new_tce", "energy.electricity_wan_kwh", "energy_review.opinion_obtained"]
    no_buildings = screener.screen(proposal.model_copy(update={"buildings": None}))
    assert no_buildings.outcome == "refer"
    undecided = {f.rule for f in no_buildings.findings if f.status == "undetermined"}
    assert {"buildings.residential-energy-saving", "buildings.public-energy-saving",
            "buildings.public-institution-green", "buildings.factory-rooftop-pv"} <= undecided
    assert "buildings.standard_factory_m2" in [m["field"] for m in no_buildings.missing]
    upgrade = proposal.model_copy(update={"buildings": None, "construction_type": "技术改造"})
    assert screener.screen(upgrade).outcome == "approve"  # an upgrade puts up no buildings
