"""Plan-only rules the end of the plan's window stopped, found per as-of date at once.

Whether such a rule is "expired with the plan" on a day changes only where its
window ends, where it comes into force and where its own end passes; between two
of those days every rule's answer is the same. So the days are cut into spans at
those points, once per rulebook, and the list of ended rules is worked out once
per span rather than once per distinct as-of date (a batch of applications made
over several years has hundreds of dates, and a cache per date kept missing).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from screening.rulebook.book import CompiledRule
from screening.rulebook.compiled import compile_not_false


class _HasRule(Protocol):
    @property
    def rule(self) -> CompiledRule: ...


def _after(day: date) -> date | None:
    try:
        return day + timedelta(days=1)
    except OverflowError:  # date.max: no day after it
        return None


class EndedRules:
    """``[t for t in texts if t.rule.expired_with_plan(day)]`` for any day, by span."""

    def __init__(self, texts: Sequence[Any]) -> None:
        self.texts = list(texts)
        cuts: set[date] = set()
        for text in self.texts:
            rule = text.rule
            if rule.window_end is None:
                continue  # never expired with the plan
            start = _after(rule.window_end)
            if start is not None:
                cuts.add(max(start, rule.in_force_from))
            if rule.own_end is not None and (end := _after(rule.own_end)) is not None:
                cuts.add(end)
        #: the first day of every span after the first (spans run to the next cut)
        self.cuts = sorted(cuts)
        self._spans: dict[int, list[Any]] = {}
        self._checks: dict[int, Callable[[Mapping[str, Any]], list[int]]] = {}

    def on(self, day: date) -> list[Any]:
        """The texts of the rules expired with the plan on ``day``, in their order."""
        span = bisect.bisect_right(self.cuts, day)
        found = self._spans.get(span)
        if found is None:
            found = self._spans[span] = [text for text in self.texts
                                         if text.rule.expired_with_plan(day)]
        return found

    def concerning(self, day: date, facts: Mapping[str, Any]) -> list[Any]:
        """Those of ``on(day)`` whose condition is not false on ``facts`` (it would have
        fired or could not be decided), by one function compiled per span."""
        ended = self.on(day)
        if not ended:
            return []
        span = bisect.bisect_right(self.cuts, day)
        check = self._checks.get(span)
        if check is None:
            check = self._checks[span] = compile_not_false(
                [text.rule.condition for text in ended])
        return [ended[index] for index in check(facts)]
