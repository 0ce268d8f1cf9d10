"""Properties every decision keeps, checked by Hypothesis over generated proposals.

The proposals are the sample cases varied fact by fact (tests/proposal_gen.py).
The runs are bounded to keep CI small (about 30 s on 2 cores; more with
SCREENING_PROPERTY_EXAMPLES); bench/differential.py runs 100,000 proposals
through both engines.
"""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from screening.decision.model import Decision
from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from tests.proposal_gen import balances, proposal, proposal_data

#: examples per property in CI
EXAMPLES = int(os.environ.get("SCREENING_PROPERTY_EXAMPLES", "150"))
RANK = {"approve": 0, "approve_with_conditions": 1, "refer": 2, "reject": 3}

bounded = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def proposals(draw: st.DrawFn) -> Proposal:
    found = proposal(lambda options: draw(st.sampled_from(list(options))))
    assume(found is not None)
    assert found is not None
    return found


@st.composite
def proposal_dicts(draw: st.DrawFn) -> dict[str, Any]:
    data = proposal_data(lambda options: draw(st.sampled_from(list(options))))
    try:
        Proposal.model_validate(data)
    except ValueError:
        assume(False)
    return data


def key(decision: Decision) -> tuple[Any, ...]:
    """What a decision says: outcome, each finding with its status, what is missing."""
    return (decision.outcome, sorted((f.rule, f.status) for f in decision.findings),
            sorted(m["field"] for m in decision.missing))


@pytest.fixture(scope="module")
def texts(rulebook: Rulebook) -> dict[str, str]:
    """Each document's full text, by its number."""
    return {doc.number: rulebook.files[f"policy/{doc.text}"].decode("utf-8")
            for doc in rulebook.documents.values()}


@bounded
@given(p=proposals())
def test_the_engines_agree_and_never_approve_around_a_gap(
        screener: Screener, reference_screener: Screener, p: Proposal) -> None:
    durable = screener.screen(p)  # no crash: an EngineError fails the test
    assert key(durable) == key(reference_screener.screen(p))
    if durable.outcome == "approve":
        assert durable.missing == []


@bounded
@given(p=proposals())
def test_same_input_same_decision(screener: Screener, p: Proposal) -> None:
    first = screener.screen(p).as_dict()
    again = screener.screen(Proposal.model_validate(p.model_dump())).as_dict()
    assert first == again


@bounded
@given(p=proposals())
def test_every_quote_is_in_its_document(screener: Screener, texts: dict[str, str],
                                        p: Proposal) -> None:
    for finding in screener.screen(p).findings:
        assert finding.clause["quote"] in texts[finding.clause["document"]], finding.rule


@bounded
@given(data=proposal_dicts(), factor=st.sampled_from([1.5, 2, 10, 1000]), which=st.integers(0, 50))
def test_raising_a_retired_amount_never_turns_a_pass_into_a_reject(
        screener: Screener, data: dict[str, Any], factor: float, which: int) -> None:
    found = balances(data)
    assume(found)
    before = screener.screen(Proposal.model_validate(data))
    assume(before.outcome != "reject")
    raised = copy.deepcopy(data)
    sources = balances(raised)[which % len(found)]["sources"]
    sources[which % len(sources)]["amount"] *= factor
    try:
        after = screener.screen(Proposal.model_validate(raised))
    except ValueError:  # raised past the largest float
        assume(False)
        raise
    assert after.outcome != "reject", [f.rule for f in after.findings if f.effect == "reject"]


@bounded
@given(data=proposal_dicts(), zone=st.sampled_from(["ecological_red_line",
                                                     "permanent_basic_farmland"]))
def test_a_prohibited_zone_never_turns_a_reject_into_an_approve(
        screener: Screener, data: dict[str, Any], zone: str) -> None:
    before = screener.screen(Proposal.model_validate(data))
    assume(before.outcome == "reject")
    inside = copy.deepcopy(data)
    inside["zones"] = {**inside["zones"], zone: True, "red_line_permitted_activity": False}
    after = screener.screen(Proposal.model_validate(inside))
    assert after.outcome != "approve"
    assert RANK[after.outcome] >= RANK["refer"]
