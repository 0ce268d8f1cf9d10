"""The interview on every bundled case: answering only what it asks, taken from the
case file, it reaches the outcome `screen` gives on the whole file, and, with the
further questions answered too, the same findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from screening.decision.model import Decision, Finding
from screening.facts.files import load_proposal
from screening.facts.yamlio import read_document
from screening.interview import drive, leaves
from screening.interview.analysis import OUTCOMES
from screening.screen import Screener
from tests.paths import CASES

FILES = sorted(CASES.glob("*.yaml"))  # whatever cases exist, new ones included


def _data(path: Path) -> dict[str, Any]:
    data, _lines, problems = read_document(path)
    assert not problems
    data.pop("expected", None)
    return data


def same_finding(asked: Finding, whole: Finding) -> bool:
    """Same rule, status, effect, clause and message; every value the interview knows the
    same as the file's (a fact it never asked, because it could not change this finding,
    shows as unknown)."""
    if (asked.rule, asked.status, asked.effect, asked.clause, asked.message, asked.missing) != (
            whole.rule, whole.status, whole.effect, whole.clause, whole.message, whole.missing):
        return False
    return all(whole.values.get(k) == v for k, v in asked.values.items() if v is not None)


def assert_same_findings(asked: Decision, whole: Decision) -> None:
    assert [f.rule for f in asked.findings] == [f.rule for f in whole.findings]
    for a, w in zip(asked.findings, whole.findings, strict=True):
        assert same_finding(a, w), (a.as_dict(), w.as_dict())


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_interview_reaches_the_decision_of_the_file(path: Path, screener: Screener) -> None:
    whole = screener.screen(load_proposal(path).proposal)
    run = drive(screener, _data(path))
    assert run.done_step is not None and run.final is not None
    done = run.done_step.decision
    assert done is not None
    assert done.outcome == whole.outcome  # stopped only when the outcome could not change
    assert run.done_step.bounds == (whole.outcome, whole.outcome)
    if done.outcome == "approve":
        assert not done.missing  # never stops at an approve with a gap
    final = run.final.decision
    assert final is not None and final.outcome == whole.outcome
    assert_same_findings(final, whole)
    assert final.missing == whole.missing
    asked = run.asked + run.further
    assert len(asked) == len(set(asked)), "a field asked twice"


def test_stopping_rule_stops_before_asking_everything(screener: Screener) -> None:
    """A clinker line short of coal replacement is rejected on the first page (二(一)3):
    the rules that could only refer are not asked."""
    data = _data(CASES / "30-clinker-after-key-region.yaml")
    run = drive(screener, data, complete=False)
    assert run.done_step is not None and run.done_step.decision is not None
    assert run.done_step.done and run.done_step.decision.outcome == "reject"
    assert len(run.asked) < len(leaves(data)) / 2
    assert run.done_step.further  # what would complete the record is still offered


def test_outcome_names_follow_ranks() -> None:
    assert OUTCOMES == ("approve", "approve_with_conditions", "refer", "reject")
