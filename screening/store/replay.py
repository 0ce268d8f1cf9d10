"""Replaying a recorded decision: the same proposal, rules, date and ledger, the same answer?

The stored rule files are written to a temporary folder, checked against the
rulebook hash and loaded with the recorded overlays; the stored proposal is
screened as of the recorded date with the recorded engine, against the ledger as
it stood when the decision was made (stored in the decision, so later claims do
not change the answer). The whole decision is compared, field by field: nothing
in a decision is run-specific (who, when and the record number are kept outside
it, in the record), so nothing is ignored.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from screening.derive.ledger import LedgerView
from screening.errors import RulebookError, StoreError
from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.store.database import Store
from screening.store.decisions import load_record, restore_rulebook

#: differences listed at most
SHOWN = 20


class FrozenLedger:
    """The ledger as it stood when the decision was made."""

    def __init__(self, view: LedgerView) -> None:
        self._view = view

    def view(self, proposal: Proposal) -> LedgerView:
        return self._view


@dataclass
class Replay:
    seq: int
    stored: dict[str, Any]
    replayed: dict[str, Any]
    differences: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.differences


def differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Paths where two JSON values differ, with both values."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in sorted(set(old) | set(new)):
            where = f"{path}.{key}" if path else key
            if key not in new:
                out.append(f"{where}: recorded {_short(old[key])}, absent now")
            elif key not in old:
                out.append(f"{where}: absent in the record, now {_short(new[key])}")
            else:
                out.extend(differences(old[key], new[key], where))
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = [f"{path}: {len(old)} entries recorded, {len(new)} now"] if len(old) != len(
            new) else []
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            out.extend(differences(a, b, f"{path}[{index}]"))
        return out
    return [] if old == new else [f"{path}: recorded {_short(old)}, now {_short(new)}"]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def replay(store: Store, seq: int, loaded: dict[str, Rulebook] | None = None) -> Replay:
    """Replay decision ``seq``; ``loaded`` keeps rulebooks already restored, by hash."""
    from screening.load import load_rulebook
    from screening.screen import Screener

    with store.reading() as conn, tempfile.TemporaryDirectory(prefix="screening-") as tmp:
        record = load_record(conn, seq)
        stored: dict[str, Any] = record.body["decision"]
        key = f"{stored['rulebook']} {' '.join(stored['overlays'])}"
        rulebook = (loaded or {}).get(key)
        if rulebook is None:
            restore_rulebook(conn, stored["rulebook"], Path(tmp))
            try:
                rulebook = load_rulebook(Path(tmp), tuple(stored["overlays"]))
            except RulebookError as exc:
                raise StoreError([*exc.problems]) from None
            if loaded is not None:
                loaded[key] = rulebook
    if rulebook.hash != stored["rulebook"]:
        raise StoreError.single(f"the stored rules load as {rulebook.hash}, "
                                f"not {stored['rulebook']}")
    screener = Screener(rulebook, engine=stored["engine"])
    if "ledger" in stored:
        screener.ledger = FrozenLedger(stored["ledger"])
    proposal = Proposal.model_validate(record.body["proposal"])
    decision = screener.screen(proposal, date.fromisoformat(stored["as_of"]))
    replayed = json.loads(json.dumps(decision.as_dict(), ensure_ascii=False))
    return Replay(seq, stored, replayed, differences(stored, replayed)[:SHOWN])
