"""Building ledger sources, proposals citing them and recorded decisions for the store tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screening.cli.storage import ScreenSession
from screening.facts.files import load_proposal
from screening.facts.proposal import Proposal
from screening.screen import Screener
from screening.store.database import Store
from screening.store.decisions import record_decision
from screening.store.sources import LedgerSource, register_source

FOOD = Path(__file__).parent / "fixtures" / "proposals" / "good-food.yaml"


def ledger_source(sid: str, particulates: float = 10, cod: float = 10,
                  **extra: Any) -> LedgerSource:
    data = {"id": sid, "description": f"关停砖厂 {sid}", "kind": "关停淘汰",
            "retired": "砖瓦窑 1 座", "evidence": "关停验收意见", "arose_on": "2022-03-01",
            "location": {"place": "河东区汤头街道", "in_shandong": True},
            "amounts": {"pollutants": {"particulates_t": particulates, "cod_t": cod}}}
    data.update(extra)
    return LedgerSource.model_validate(data)


def food(pid: str, particulates: list[tuple[str, float]],
         cod: list[tuple[str, float]] | None = None, kind: str = "关停淘汰") -> Proposal:
    """The good-food proposal citing ledger sources for its particulates and COD."""
    base = load_proposal(FOOD).proposal.model_dump(mode="json")
    base["id"] = pid
    cites = [{"ledger_id": s, "description": "台账来源", "amount": a, "kind": kind}
             for s, a in particulates]
    base["pollutants"]["particulates"]["sources"] = cites
    if cod is not None:
        base["pollutants"]["cod"]["sources"] = [
            {"ledger_id": s, "description": "台账来源", "amount": a, "kind": kind}
            for s, a in cod]
    return Proposal.model_validate(base)


def register(store: Store, *sources: LedgerSource) -> None:
    for source in sources:
        with store.writing() as writer:
            register_source(writer, source, "王五")


def record(store: Store, screener: Screener, proposal: Proposal, officer: str = "张三") -> int:
    screener.ledger = ScreenSession(store, screener)
    try:
        decision = screener.screen(proposal)
    finally:
        screener.ledger = None
    with store.writing() as writer:
        return record_decision(writer, decision, screener.rulebook, officer).seq
