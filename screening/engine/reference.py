"""A pure-Python evaluator of the compiled conditions: the oracle beside the engine.

It runs the very same parsed conditions the engine was compiled from, with the
same three-valued logic, so a test can check that both agree on every case, and
"why not" explanations can be given without a second rule language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from screening.engine.compiler import FIRED, UNDETERMINED
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import evaluate


class ReferenceEngine:
    """Same interface as DurableEngine.run, in plain Python."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook

    def run(self, facts: Mapping[str, Any], as_of: date) -> list[tuple[str, str]]:
        hits: list[tuple[str, str]] = []
        for rule in self.rulebook.rules:
            if not rule.in_force_on(as_of):
                continue
            result = evaluate(rule.condition, facts)
            if result is True:
                hits.append((rule.id, FIRED))
            elif result is None:
                hits.append((rule.id, UNDETERMINED))
        return hits
