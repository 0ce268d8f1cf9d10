"""`screening coverage`: clause → rules → cases and scenarios, measured by running them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.errors import RulebookError
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.rulebook.sections import load_inventory, parse_sections
from screening.tools.coverage import ScenarioRun, measure, run_scenarios
from screening.tools.coverage_probe import fingerprint
from tests.paths import FIXTURES, ROOT
from tests.rulebooks import patched_rulebook

CEMENT = ROOT / "cases" / "01-cement-clinker-line.yaml"
FOOD = FIXTURES / "proposals" / "good-food.yaml"


def uncovered_rulebook(tmp_path: Path) -> Path:
    """The minimal fixture with a plan that has one clause no rule cites (二4)."""
    return patched_rulebook(tmp_path / "rules", "coverage/uncovered")


def test_plan_sections_of_the_real_plan(rulebook: Rulebook) -> None:
    inventory = load_inventory(rulebook)
    leaves = [s.path for s in inventory.leaves()]
    assert leaves[:4] == ["一(一)", "一(二)", "一(三)", "二(一)1"]
    assert "二(二)3" in leaves and "六(四)" in leaves and "二(一)" not in leaves
    assert len(leaves) == 42
    assert inventory.reason("六(二)") is not None  # marked through its parent 六
    assert inventory.reason("二(一)3") is None


def test_uncovered_clause_is_listed_and_gates(tmp_path: Path) -> None:
    book = load_rulebook(uncovered_rulebook(tmp_path))
    result = measure(book, load_inventory(book), [CEMENT, FOOD], None)
    status = {s.section: s.status for s in result.sections}
    assert status == {"一(一)": "not_admission", "二3": "covered", "二4": "uncovered"}
    assert result.items_percent == 50.0
    # by sentence: 二3's two sentences are cited (the first also its heading), 二4's is not
    assert {s.key: s.status for s in result.sentences} == {
        "二#1": "heading", "二3#1": "covered", "二3#2": "covered", "二4#1": "uncovered"}
    assert result.percent == 100.0 * 2 / 3
    coal = next(r for r in result.rules if r.rule == "coal.reduction")
    assert coal.cases.fired == ["01-cement-clinker-line"]
    assert coal.cases.not_fired == ["good-food"]
    runner = CliRunner()
    args = ["coverage", "--rules", str(tmp_path / "rules"), "--no-scenarios",
            "--cases", str(CEMENT), "--cases", str(FOOD)]
    result = runner.invoke(cli, [*args, "--fail-under", "70"])
    assert result.exit_code == 1 and "under 70%" in result.stderr
    assert "✘ 二4" in result.stdout and "✘ 二4#1  新建燃煤锅炉须实施煤炭减量替代。" in result.stdout
    result = runner.invoke(cli, [*args, "--fail-under", "60", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["percent"] == 66.7 and data["items_percent"] == 50.0
    assert data["admission_clauses"] == 2 and data["binding_sentences"] == 3


def test_quote_outside_its_section_and_bad_marks_are_errors(tmp_path: Path) -> None:
    root = uncovered_rulebook(tmp_path)
    clauses = root / "policy" / "clauses.yaml"
    clauses.write_text(clauses.read_text(encoding="utf-8").replace("section: 二3", "section: 二4",
                                                                  1), encoding="utf-8")
    with pytest.raises(RulebookError) as misplaced:  # refused already by rules check
        load_rulebook(root)
    assert "clause 'replacement' is not in section 二4 of plan.txt but in 二3" in \
        misplaced.value.problems[0].message
    clauses.write_text(clauses.read_text(encoding="utf-8").replace("section: 二4", "section: 二3",
                                                                  1), encoding="utf-8")
    marks = root / "policy" / "not-admission.yaml"
    marks.write_text(marks.read_text(encoding="utf-8").replace("  一:", "  一(二):"),
                     encoding="utf-8")
    with pytest.raises(RulebookError) as err:
        load_inventory(load_rulebook(root))
    problem = err.value.problems[0]
    assert problem.line == 6 and "no section '一(二)'" in problem.message
    assert problem.suggestion == "一(一)"


def test_rules_lacking_a_firing_or_quiet_scenario_are_named(tmp_path: Path) -> None:
    book = load_rulebook(FIXTURES / "rulebook")
    coal = book.rules_by_id["coal.reduction"]
    run = ScenarioRun([{"nodeid": "t.py::test_a", "feature": "a.feature", "line": 3,
                        "name": "only fires", "outcome": "passed", "screenings": [{
                            "rulebook": book.hash, "overlays": [], "as_of": "2022-09-01",
                            "rules": {"coal.reduction": [fingerprint(coal), "fired"],
                                      "so2.equal": ["0" * 16, "not_fired"]}}]}], "1 passed")
    result = measure(book, load_inventory(book), [], run)
    assert result.unexercised() == [
        "coal.reduction: no non-firing scenario",
        "so2.equal: no firing and no non-firing scenario"]  # fingerprint of another rule


def test_probe_records_scenarios_by_running_them(rulebook: Rulebook) -> None:
    run = run_scenarios(FIXTURES / "coverage" / "scenarios_mini.py")
    assert "1 failed, 3 passed" in run.summary
    assert len(run.scenarios) == 4 and len(run.passed) == 3
    result = measure(rulebook, load_inventory(rulebook), [], run)
    coal = next(r for r in result.rules if r.rule == "two-high.coal-reduction")
    assert [name.split(" ", 1)[1] for name in coal.scenarios.fired] == ["煤炭替代不足触发规则"]
    quiet = sorted(name.split(" ", 1)[1] for name in coal.scenarios.not_fired)
    assert quiet == ["假设比例降为 0.9 时不触发 (what-if)", "煤炭替代充足不触发规则"]
    assert not any("写错预期" in n for r in result.rules for n in r.scenarios.fired)


def test_sections_parse_without_subsections() -> None:
    sections = parse_sections("标题\n\n二、产业\n\n3、甲。\n\n4、乙。\n")
    assert [s.path for s in sections.values() if s.is_leaf] == ["二3", "二4"]


def test_sentences_of_the_real_plan_are_cited_or_have_a_reason(rulebook: Rulebook) -> None:
    """Coverage by sentence of 二–五: each is cited, marked with a reason, a heading, or listed."""
    inventory = load_inventory(rulebook)
    by_key = {s.key: s for s in inventory.sentences}
    assert by_key["二(一)1#1"].heading and by_key["二(一)1#1"].text == "深入推进产业结构转型升级。"
    assert by_key["二(一)1#4"].text.startswith("甲醛行业") and not by_key["二(一)1#4"].heading
    assert {s.section[0] for s in inventory.sentences} == {"二", "三", "四", "五"}
    result = measure(rulebook, inventory, [], None)
    status = {s.key: s for s in result.sentences}
    assert status["二(一)1#4"].status == "covered"
    assert "formaldehyde.existing-upgrade" in status["二(一)1#4"].rules
    assert status["五(三)3#3"].rules == ["construction.wet-demolition"]
    assert status["四(二)1#2"].status == "not_admission"  # a district target, with its reason
    assert "transport.china-iii-trucks" in status["四(二)1#2"].reason["zh"]  # type: ignore[index]
    for sentence in result.sentences:
        if sentence.status == "not_admission":
            assert sentence.reason and sentence.reason["zh"] and sentence.reason["en"]
    uncovered = {s.key for s in result.sentences if s.status == "uncovered"}
    assert "dust.open-stockyards" in status["五(三)3#2"].rules  # open stockyards (issue 10)
    binding = result.binding
    assert result.percent == 100.0 * (len(binding) - len(uncovered)) / len(binding)
    data = result.as_dict()
    assert data["binding_sentences"] == len(binding) and data["items_percent"] == 100.0


def test_sentence_mark_that_picks_no_sentence_is_an_error(tmp_path: Path) -> None:
    root = uncovered_rulebook(tmp_path)
    marks = root / "policy" / "not-admission.yaml"
    marks.write_text(marks.read_text(encoding="utf-8") + (
        "sentences:\n  - section: 二4\n    text: 新建燃气锅炉\n    zh: 理由\n    en: reason\n"),
        encoding="utf-8")
    with pytest.raises(RulebookError) as err:
        load_inventory(load_rulebook(root))
    problem = err.value.problems[0]
    assert "'新建燃气锅炉' picks no sentence of 二4" in problem.message
    assert problem.file and problem.file.endswith("not-admission.yaml") and problem.line == 11


def test_a_marked_sentence_counts_as_not_admission(tmp_path: Path) -> None:
    root = uncovered_rulebook(tmp_path)
    marks = root / "policy" / "not-admission.yaml"
    marks.write_text(marks.read_text(encoding="utf-8") + (
        "sentences:\n  - section: 二4\n    text: 新建燃煤锅炉\n    zh: 理由\n    en: reason\n"),
        encoding="utf-8")
    book = load_rulebook(root)
    result = measure(book, load_inventory(book), [], None)
    assert {s.key: s.status for s in result.sentences}["二4#1"] == "not_admission"
    assert result.percent == 100.0


def test_failing_scenarios_are_named_and_fail_the_command() -> None:
    """Whatever --fail-under says, a failing scenario makes coverage exit 1, naming it."""
    result = CliRunner().invoke(cli, [
        "coverage", "--cases", str(CEMENT), "--scenarios",
        str(FIXTURES / "coverage" / "scenarios_mini.py"), "--fail-under", "0"])
    assert result.exit_code == 1
    assert "failing scenario: " in result.stderr and "mini.feature:23 写错预期的场景不计入" in (
        result.stderr)
    assert "1 scenario(s) failed" in result.stderr
