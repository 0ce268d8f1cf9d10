"""Step definitions for the replacement-source ledger (减量替代来源台账) in features/.

A scenario cites ledger sources by id and states what the ledger holds; "当 按台账筛查"
screens with that ledger snapshot (screening.store.replay.FrozenLedger), exactly as a
screening with the ledger database would, but without a database. The decision is
put where the other 那么 steps read it.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import given, when

from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.store.replay import FrozenLedger
from tests.steps.editing import parse_value, set_fact
from tests.steps.vocabulary import Screening, phrase


@pytest.fixture
def ledger_sources() -> dict[str, Any]:
    return {}


@pytest.fixture(scope="session")
def ledger_screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook)


@given(phrase('"{balance:Q}" 引用台账来源 "{sid:Q}" 数量 "{amount:Q}"'))
def cites_ledger_source(screening_state: Screening, balance: str, sid: str,
                        amount: str) -> None:
    """Replace the sources of a balance by one shutdown source cited from the ledger."""
    source = {"ledger_id": sid, "description": "台账来源",
              "amount": parse_value(f"{balance}.sources.0.amount", amount), "kind": "关停淘汰"}
    set_fact(screening_state.proposal(), f"{balance}.sources", [source])


@given(phrase('台账登记来源 "{sid:Q}" 的 "{balance:Q}" 可用 "{amount:Q}"'))
def registered(screening_state: Screening, ledger_sources: dict[str, Any], sid: str,
               balance: str, amount: str) -> None:
    """A shutdown source registered in Shandong on 2022-03-01 with this much left."""
    entry = ledger_sources.setdefault(sid, {"kind": "关停淘汰", "arose_on": "2022-03-01",
                                            "in_shandong": True, "amounts": {}})
    held: dict[str, Any] = {"available": float(amount)}
    if balance == "capacity":
        held["unit"] = screening_state.proposal()["capacity"]["unit"]
    entry["amounts"][balance] = held


@when("按台账筛查")
def screen_with_ledger(screening_state: Screening, ledger_screener: Screener,
                       ledger_sources: dict[str, Any]) -> None:
    proposal = Proposal.model_validate(screening_state.proposal())
    ledger_screener.ledger = FrozenLedger({"checked": True, "sources": ledger_sources})
    try:
        screening_state.decision = ledger_screener.screen(proposal)
    finally:
        ledger_screener.ledger = None
