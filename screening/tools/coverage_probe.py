"""A pytest plugin that records which rules each BDD scenario makes fire or stay quiet.

``screening coverage`` runs the feature scenarios with ``-p screening.tools.coverage_probe
--screening-probe=OUT.json``. While a scenario runs, every ``Screener.screen`` call
(whatever step or front end makes it) is recorded with each rule in force and its
status — fired, undetermined or not fired — and a fingerprint of the rule's
definition, so evidence gathered under a what-if overlay still counts for the
same rule. Nothing is recorded outside scenarios; the scenarios run unchanged.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from screening.rulebook.book import CompiledRule

_state: dict[str, Any] = {"current": None, "scenarios": {}, "fingerprints": {}}


def fingerprint(rule: CompiledRule) -> str:
    """What a rule means: its parsed condition, effect, clause and dates in force."""
    text = repr((rule.condition, str(rule.effect), rule.clause_id, rule.in_force_from,
                 rule.in_force_to))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def record(screener: Any, decision: Any, day: Any) -> None:
    scenario = _state["current"]
    if scenario is None:
        return
    book = screener.rulebook
    prints = _state["fingerprints"].setdefault(
        book.digest, {r.id: fingerprint(r) for r in book.rules})
    statuses = {f.rule: f.status for f in decision.findings}
    scenario["screenings"].append({
        "rulebook": book.hash, "overlays": list(book.overlays), "as_of": day.isoformat(),
        "rules": {r.id: [prints[r.id], statuses.get(r.id, "not_fired")]
                  for r in book.rules if r.in_force_on(day)}})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screening-probe", default=None, metavar="PATH",
                     help="screening coverage: write the rules each scenario fires to PATH")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--screening-probe"):
        return
    from screening.screen import Screener

    original = Screener.screen

    def screen(self: Screener, proposal: Any, as_of: Any = None) -> Any:
        decision = original(self, proposal, as_of)
        record(self, decision, as_of or proposal.application_date)
        return decision

    Screener.screen = screen  # type: ignore[method-assign]
    config._screening_original_screen = original  # type: ignore[attr-defined]


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any,
                               scenario: Any) -> None:
    nodeid = request.node.nodeid
    _state["current"] = _state["scenarios"].setdefault(nodeid, {
        "nodeid": nodeid, "feature": feature.rel_filename, "name": scenario.name,
        "line": scenario.line_number, "outcome": None, "screenings": []})


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature: Any,
                              scenario: Any) -> None:
    _state["current"] = None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    scenario = _state["scenarios"].get(report.nodeid)
    if scenario is None:
        return
    if report.when == "call" or report.failed:
        xfail = hasattr(report, "wasxfail")
        scenario["outcome"] = "xfailed" if xfail else report.outcome


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = session.config.getoption("--screening-probe")
    if not out:
        return
    original = getattr(session.config, "_screening_original_screen", None)
    if original is not None:
        from screening.screen import Screener

        Screener.screen = original  # type: ignore[method-assign]
    Path(out).write_text(json.dumps(list(_state["scenarios"].values()), ensure_ascii=False),
                         encoding="utf-8")
