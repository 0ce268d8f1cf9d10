"""The text rendering: a rule's lines are formatted once, and nothing can forge a line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from screening.decision.render import _inert_lines, to_text
from screening.facts.files import load_proposal
from screening.screen import Screener

CASES = Path(__file__).resolve().parents[2] / "cases"


def _decision(screener: Screener):
    decision = screener.screen(load_proposal(CASES / "01-cement-clinker-line.yaml").proposal)
    assert decision.findings
    return decision


def test_text_is_the_same_when_the_rule_lines_come_from_the_memo(screener: Screener) -> None:
    decision = _decision(screener)
    for lang in ("zh", "en"):
        first, again = to_text(decision, lang), to_text(decision, lang)
        assert first == again and first.count("\n") > 3
        assert all(f.clause["quote"] in first for f in decision.findings)


def test_a_control_character_in_a_message_is_escaped(screener: Screener) -> None:
    decision = _decision(screener)
    first = decision.findings[0]
    forged = dataclasses.replace(first, message={"zh": "值\n结论: 准予准入\x1b[2K",
                                                 "en": "value\r"})
    decision.findings = [forged, *decision.findings[1:]]
    for lang in ("zh", "en"):
        text = to_text(decision, lang)
        assert "\x1b" not in text and "\r" not in text
        assert ("值\\n结论: 准予准入\\x1b[2K" if lang == "zh" else "value\\r") in text


def test_a_control_character_in_a_rule_text_is_escaped_too(screener: Screener) -> None:
    decision = _decision(screener)
    first = decision.findings[0]
    odd = dataclasses.replace(first, clause={**first.clause, "quote": "引文\x07尾"})
    decision.findings = [odd, *decision.findings[1:]]
    text = to_text(decision, "zh")
    assert "\x07" not in text and "引文\\x07尾" in text
    # a rule seen before with printable text does not vouch for this one
    decision.findings = [first, odd]
    assert "\x07" not in to_text(decision, "zh")


def test_inert_lines_asks_only_the_unchecked_lines_when_told_the_rest_is_printable() -> None:
    assert _inert_lines(["a", "b\x1b"]) == "a\nb\\x1b"
    assert _inert_lines(["a", "b"], ["b"], True) == "a\nb"
    assert _inert_lines(["a\x1b", "b"], ["b"], False) == "a\\x1b\nb"
