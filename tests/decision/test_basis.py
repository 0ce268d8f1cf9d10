"""Findings cite the plan clause and, where the force comes from a higher-level document,
the basis excerpt: in JSON as ``basis: [{document, article, quote, confidence}]``, in text
and Markdown under the plan quote."""

from __future__ import annotations

import json
from pathlib import Path

from screening.decision.render import to_json, to_markdown, to_text
from screening.facts.files import load_proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener

ROOT = Path(__file__).resolve().parents[2]
CLINKER = ROOT / "cases" / "01-cement-clinker-line.yaml"


def _finding(decision: dict, rule: str) -> dict:
    return next(f for f in decision["findings"] if f["rule"] == rule)


def test_basis_in_json_is_verbatim_in_the_documents_text(screener: Screener,
                                                          rulebook: Rulebook) -> None:
    decision = json.loads(to_json([screener.screen(load_proposal(CLINKER).proposal)]))[0]
    coal = _finding(decision, "two-high.coal-reduction")
    assert {"rule", "title", "effect", "status", "clause", "message", "values"} <= set(coal)
    assert coal["clause"]["section"] == "二(一)3"
    [basis] = coal["basis"]
    assert set(basis) == {"document", "article", "quote", "confidence"}
    assert basis["document"] == "鲁政办字〔2021〕57号" and basis["confidence"] == "read"
    document = next(d for d in rulebook.basis_documents.values() if d.number == basis["document"])
    text = (Path(rulebook.root) / "policy" / document.text).read_text(encoding="utf-8")
    assert basis["quote"] in text


def test_plan_only_finding_has_an_empty_basis(screener: Screener) -> None:
    proposal = load_proposal(ROOT / "cases" / "89-land-consolidation-no-survey.yaml").proposal
    decision = screener.screen(proposal)
    survey = next(f for f in decision.findings if f.rule == "land.farmland-soil-survey")
    assert survey.basis == [] and survey.as_dict()["basis"] == []


def test_text_and_markdown_show_the_basis_under_the_plan_quote(screener: Screener) -> None:
    decision = screener.screen(load_proposal(CLINKER).proposal)
    lines = to_text(decision).splitlines()
    at = next(i for i, line in enumerate(lines) if "two-high.coal-reduction" in line)
    assert "二(一)3" in lines[at + 1]
    assert lines[at + 2].strip().startswith("依据 鲁政办字〔2021〕57号 三: “")
    english = to_text(decision, "en")
    assert "Basis 鲁政办字〔2021〕57号 三" in english
    row = next(line for line in to_markdown(decision).splitlines()
               if "`two-high.coal-reduction`" in line)
    assert row.index("二(一)3") < row.index("<br>依据 鲁政办字〔2021〕57号")


def test_unconfirmed_basis_is_marked(screener: Screener) -> None:
    proposal = load_proposal(ROOT / "cases" / "77-plywood-hot-press-coal-heating.yaml").proposal
    decision = screener.screen(proposal)
    heating = next(f for f in decision.findings if f.rule == "heating.own-coal-where-central")
    assert heating.basis[0]["confidence"] == "partial"
    assert "（partial，未经核实）" in to_text(decision)
    assert "(partial, not confirmed)" in to_text(decision, "en")
