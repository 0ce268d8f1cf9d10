"""`screening rules verify`: each purpose-built defect is found, with a witness the engine
reproduces, and the real rulebook is quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import z3
from click.testing import CliRunner

from screening.cli import cli
from screening.errors import RulebookError
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.tools.verify import ERROR, UNKNOWN, Verification, verify
from screening.tools.verify.checks import Checker
from screening.tools.verify.space import real
from tests.paths import ROOT
from tests.rulebooks import patched_rulebook
from tests.test_cases import UNREACHABLE

CASES = sorted((ROOT / "cases").glob("*.yaml"))


def broken(tmp_path: Path, mode: str) -> Path:
    return patched_rulebook(tmp_path / "rules", f"verify/{mode}")


def findings(report: Verification, check: str) -> list:
    return [f for f in report.findings if f.check == check]


@pytest.fixture(scope="module")
def real_report(rulebook: Rulebook) -> Verification:
    return verify(rulebook)


def test_real_rulebook_is_clean(real_report: Verification) -> None:
    assert real_report.count(ERROR) == 0, [f.as_dict() for f in real_report.findings]
    assert real_report.count(UNKNOWN) == 0
    # the only warnings: rules that cannot fire with today's water ratio of 1, as the
    # sample-case tests also record
    dormant = {f.rules[0] for f in findings(real_report, "dormant")}
    assert dormant == set(UNREACHABLE)
    assert not findings(real_report, "unused-parameter")
    for finding in findings(real_report, "dormant"):
        assert finding.witness["confirmed"]
        assert finding.witness["facts"]["param.pollutants.water_ratio"] > 1


def test_dead_rule_names_the_contradiction(tmp_path: Path) -> None:
    report = verify(load_rulebook(broken(tmp_path, "dead-rule")))
    [dead] = findings(report, "dead")
    assert dead.rules == ["so2.negative"] and dead.severity == ERROR
    assert dead.detail == ["these cannot hold together: pollutants.so2.replaced_t < 0"]
    assert dead.witness is None


def test_always_true_rule_has_a_witness(tmp_path: Path) -> None:
    report = verify(load_rulebook(broken(tmp_path, "always-true")))
    [always] = findings(report, "always")
    assert always.rules == ["coal.any"]
    assert always.witness["confirmed"]


def test_conflict_has_a_witness_proposal_the_engine_reproduces(tmp_path: Path) -> None:
    book = load_rulebook(broken(tmp_path, "conflict"))
    report = verify(book)
    [conflict] = findings(report, "conflict")
    assert set(conflict.rules) == {"coal.conditional", "coal.reduction"}
    witness = conflict.witness
    assert witness["confirmed"] and witness["confirmed_by"] == "proposal"
    # screen the witness proposal ourselves: both rules fire
    path = tmp_path / "witness.json"
    path.write_text(json.dumps(witness["proposal"], ensure_ascii=False), encoding="utf-8")
    decision = Screener(book).screen(load_proposal(path).proposal)
    fired = {f.rule for f in decision.findings if f.status == "fired"}
    assert {"coal.conditional", "coal.reduction"} <= fired


def test_shadowed_rule_is_found_whatever_the_writing(tmp_path: Path) -> None:
    report = verify(load_rulebook(broken(tmp_path, "shadowed")))
    [shadowed] = findings(report, "shadowed")
    assert set(shadowed.rules) == {"so2.equal", "so2.equal-again"}
    assert shadowed.witness["confirmed"]
    assert not findings(report, "conflict")  # same effect: a duplicate, not a conflict


def test_unused_parameter_and_unreachable_entries(tmp_path: Path) -> None:
    report = verify(load_rulebook(broken(tmp_path, "unused-parameter")))
    unused = {f.message["en"] for f in findings(report, "unused-parameter")}
    assert "No rule uses parameter param.extra.boiler_min" in unused
    report = verify(load_rulebook(broken(tmp_path / "b", "unreachable-entry")))
    [entry] = findings(report, "unused-parameter-entry")
    assert "'水泥熟料线'" in entry.message["en"]
    unreachable = [f.message["en"] for f in findings(report, "unused-catalogue-entry")
                   if "两高 type" in f.message["en"]]
    assert unreachable == ["两高 type 水泥粉磨站 is never matched (its codes are outside the "
                           "listed divisions or an earlier entry catches them)"]


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    quiet = str(broken(tmp_path / "w", "warnings-only"))
    result = runner.invoke(cli, ["rules", "verify", "--rules", quiet])
    assert result.exit_code == 0, result.output  # warnings only
    assert "错误 0" in result.stdout
    result = runner.invoke(cli, ["rules", "verify", "--rules", quiet, "--strict"])
    assert result.exit_code == 1
    result = runner.invoke(cli, ["rules", "verify", "--rules", str(broken(tmp_path, "conflict")),
                                 "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] >= 1
    assert any(f["check"] == "conflict" and f["witness"]["proposal"] for f in data["findings"])


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_case_lies_in_the_modelled_fact_space(path: Path, rulebook: Rulebook,
                                                   screener: Screener) -> None:
    """Soundness: the constraints never exclude a real proposal's derived facts.

    A code or product that no catalogue or condition names is represented by one
    code of its division / a neutral product (the conditions cannot tell them
    apart), so those two inputs are pinned only when the table names them.
    """
    checker = _checker(rulebook)
    named = {k: {row.facts.get(k) for row in checker.table}
             for k in ("industry.code", "industry.product")}
    proposal = load_proposal(path).proposal
    day = proposal.application_date
    facts, _ = screener.facts(proposal, day)
    space = checker.space(day)
    read = sorted({f for rule in rulebook.rules for f in rule.fields})
    pins = []
    for name in read:
        if name in named and facts.get(name) not in named[name]:
            continue
        given, value = space.fact(name)
        if facts.get(name) is None:
            pins.append(z3.Not(given))
        else:
            pins += [given, value == (real(facts[name]) if isinstance(facts[name], float)
                                      else space.const(facts[name]))]
    solver = z3.Solver()
    solver.add(space.finish())
    solver.add(pins)
    assert solver.check() == z3.sat, path.name


_CHECKERS: dict[str, Checker] = {}


def _checker(rulebook: Rulebook) -> Checker:
    if rulebook.digest not in _CHECKERS:
        _CHECKERS[rulebook.digest] = Checker(rulebook)
    return _CHECKERS[rulebook.digest]


def test_quote_outside_its_section_is_an_error(tmp_path: Path) -> None:
    root = patched_rulebook(tmp_path / "rules", "coverage/uncovered")
    clauses = root / "policy" / "clauses.yaml"
    clauses.write_text(clauses.read_text(encoding="utf-8").replace(
        "section: 二3", "section: 二4", 1), encoding="utf-8")
    with pytest.raises(RulebookError) as caught:  # refused when the rulebook is loaded
        verify(load_rulebook(root))
    assert caught.value.problems[0].suggestion == "二3"
    assert "is not in section 二4 of plan.txt but in 二3" in caught.value.problems[0].message

