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
    # 9号 (energy and coal sources from 两高 industries) and the key-region rules put the
    # sources and fuels on the first page too: still well short of everything
    assert len(run.asked) < len(leaves(data)) * 0.6
    assert run.done_step.further  # what would complete the record is still offered


def test_outcome_names_follow_ranks() -> None:
    assert OUTCOMES == ("approve", "approve_with_conditions", "refer", "reject")


@pytest.mark.parametrize("path", FILES[::8], ids=[p.stem for p in FILES[::8]])
def test_an_officer_who_knows_nothing_is_referred(path: Path, screener: Screener) -> None:
    """Every question after the basics answered "not known": the interview ends (nothing
    is asked twice) at refer with the missing facts listed, or at a reject resting on the
    basics alone; never at an approve."""
    data = _data(path)
    basics = {k: data[k] for k in ("id", "name", "application_date", "industry",
                                   "construction_type") if k in data}
    run = drive(screener, basics)
    assert run.final is not None and run.final.decision is not None
    decision = run.final.decision
    assert decision.outcome in ("refer", "reject")
    if decision.outcome == "refer":
        assert decision.missing


@pytest.mark.parametrize("path", FILES[::3], ids=[p.stem for p in FILES[::3]])
def test_what_is_left_unasked_cannot_change_the_outcome(path: Path, screener: Screener) -> None:
    """At the stop, answering every further question "not known" instead of from the file
    leaves the outcome as it was."""
    data = _data(path)
    run = drive(screener, data, complete=False)
    assert run.done_step is not None and run.done_step.decision is not None
    if not run.done_step.further:
        return
    kept = {k: v for k, v in data.items()}
    for q in run.done_step.further:
        node = kept
        *heads, last = q.field.split(".")
        for part in heads:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node[part] = dict(node[part])
            node = node[part]
        node[last] = None
    unknown = drive(screener, kept, complete=False)
    assert unknown.done_step is not None and unknown.done_step.decision is not None
    assert unknown.done_step.decision.outcome == run.done_step.decision.outcome
