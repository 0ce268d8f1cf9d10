"""What the web desk holds for its whole life: one rulebook, one compiled engine, one store.

Pages and the JSON API call the same library functions as the CLI through this
object: screening (with the ledger of the database attached, as `screening
screen` does when a database is in use), recording, approving, overriding,
releasing, verifying. durable_rules keeps its state per process, so screenings
run one at a time under a lock; the pages themselves run in parallel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection

from screening.decision.model import Decision
from screening.derive.ledger import LedgerView, references
from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.store.chain import Record, Writer
from screening.store.database import Store

T = TypeVar("T")


class Desk:
    """The rulebook, engine and database behind every page and API call."""

    def __init__(self, rulebook: Rulebook, store: Store, engine: str = "durable") -> None:
        self.rulebook = rulebook
        self.store = store
        self.screener = Screener(rulebook, engine=engine)  # type: ignore[arg-type]
        self.screener.ledger = self
        self._lock = threading.Lock()

    # --- the ledger reader the screener consults (same as `screening screen` with --db) ---
    def view(self, proposal: Proposal) -> LedgerView:
        from screening.store.sources import view

        ids = sorted({str(source.ledger_id) for _, _, source in references(proposal)})
        if not ids:
            return {"checked": True, "sources": {}}
        with self.store.reading() as conn:
            return {"checked": True, "sources": view(conn, ids)}

    def screen(self, proposal: Proposal, as_of: date | None = None) -> Decision:
        with self._lock:
            return self.screener.screen(proposal, as_of)

    def facts(self, proposal: Proposal, as_of: date, ledger: LedgerView | None
              ) -> dict[str, Any]:
        """The flat facts a decision was screened on (for the chart of the five reductions)."""
        with self._lock:
            facts, _params = self.screener.facts(proposal, as_of, ledger)
        return facts

    def locked(self, action: Callable[[], T]) -> T:
        """Run ``action`` while no screening runs (the interview screens too)."""
        with self._lock:
            return action()

    def read(self, action: Callable[[Connection], T]) -> T:
        with self.store.reading() as conn:
            return action(conn)

    def write(self, action: Callable[[Writer], T]) -> T:
        with self.store.writing() as writer:
            return action(writer)

    def record(self, decision: Decision, officer: str) -> Record:
        from screening.store.decisions import record_decision

        return self.write(lambda w: record_decision(w, decision, self.rulebook, officer))
