"""A proposal that cites no ledger source gets the ledger facts the source-by-source check
gives it (apply_ledger's shortcut against checked_against), and the same proposal back."""

from __future__ import annotations

import sys
from typing import Any

from screening.derive.ledger import CHECKED, apply_ledger, checked_against, references
from screening.facts.files import expand_paths, load_proposal
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from throughput import generate

#: what a database's ledger says about a proposal citing nothing, and one that has
#: other sources registered (a view from elsewhere, e.g. a stored record)
VIEWS: list[dict[str, Any]] = [
    {"checked": True, "sources": {}},
    {"checked": True, "sources": {"L-1": {"kind": "关停", "arose_on": "2020-01-01",
                                          "in_shandong": True, "evidence": None,
                                          "amounts": {"energy": {"unit": "tce",
                                                                 "available": 5.0}}}}},
]


def test_no_citation_shortcut_matches_the_check() -> None:
    proposals = [load_proposal(p).proposal for p in expand_paths([ROOT / "cases"])]
    proposals += generate(300, seed=11)
    plain = [p for p in proposals if next(references(p), None) is None]
    assert len(plain) > 300  # the cases and generated proposals cite no ledger source
    for proposal in plain:
        for view in VIEWS:
            fast_proposal, fast = apply_ledger(proposal, view)
            slow_proposal, slow = checked_against(proposal, view)
            assert fast_proposal is proposal
            assert slow_proposal is proposal
            assert list(fast.items()) == list(slow.items())  # values and order
            assert all(type(fast[k]) is type(slow[k]) for k in slow)  # 0.0, not 0
            assert fast[CHECKED] is True


def test_shortcut_gives_a_fresh_dict() -> None:
    proposal = generate(1, seed=3)[0]
    _, first = apply_ledger(proposal, VIEWS[0])
    first["ledger.checked"] = "changed"
    _, second = apply_ledger(proposal, VIEWS[0])
    assert second[CHECKED] is True


def test_a_citing_proposal_is_checked_source_by_source() -> None:
    proposal = load_proposal(ROOT / "tests/fixtures/ledger/cement-ledger.yaml").proposal
    assert next(references(proposal), None) is not None
    for view in VIEWS:  # its sources are not in these views: not backed
        backed, facts = apply_ledger(proposal, view)
        assert (backed, facts) == checked_against(proposal, view)
        assert any(value for name, value in facts.items() if "unbacked" in name)
