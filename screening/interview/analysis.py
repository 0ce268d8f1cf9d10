"""Which unknown facts can still change a decision: the interview's stopping rule.

The decision is screened from what the officer has answered. For the interview
every fact is then *settled* (answered, or answered "not known") or *open*. A
fact computed from an open field is treated as unknown here even when the
screening gave it a value: a default (``zones.red_line_permitted_activity``
is false until asked) or a derived value (``site.park``) could still change.
Conditions are three-valued (Kleene), so a rule that holds with these facts
blanked holds whatever the open fields turn out to be, and one that fails
still fails: only rules whose condition is unknown here are *live*.

- A rule that holds here contributes its effect for sure (lower bound).
- A live rule none of whose open fields can be asked stays undetermined: refer.
- A live rule with open fields may end at its effect, at refer (answered "not
  known") or at nothing: at most the higher of its effect and refer.

The outcome is settled when the lower bound reaches the highest rank any live
rule could still give (reject > refer > condition > note). Only the open fields
of live rules that could raise the outcome are asked. An approve is never
settled while a rule is undetermined (an undetermined rule is live and at
least refer), so the interview never stops at an approve with a gap.

A block the officer has not been asked about stays unstated (``<block>.stated``
false): the rulebook guards a rule with ``.stated`` only where another test
catches every project the rule could concern (rules/README.md), so the
interview asks a block only of projects a rule concerns. While a question of a
block is open, its ``.stated`` is unknown too, since answering it states the block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from screening.derive.labels import inputs_behind
from screening.derive.ledger import CHECKED, DIMENSIONS
from screening.derive.site import CONTRADICTED, LOCATION_FIELDS, MAP_DECIDED
from screening.derive.site import KEYS as MAP_KEYS
from screening.interview.fields import askable
from screening.rulebook.book import CompiledRule, Rulebook
from screening.rulebook.conditions import And, evaluate, fields_of, unknown_fields

RANK = {"note": 0, "condition": 1, "refer": 2, "reject": 3}
REFER = RANK["refer"]
OUTCOMES = ("approve", "approve_with_conditions", "refer", "reject")
STATED = ".stated"
LOCATION = "site.location"  # one answer: the geometry, its coordinate system and coordinates
#: facts a zone layer sets when it covers the site, whatever was declared
_MAPPED = {fact: key for key, (_kind, fact) in MAP_KEYS.items() if key != "industrial_park"}
_MAPPED.update({"site.three_lines_unit_code": "three_lines_unit", "site.park": "industrial_park",
                "site.in_industrial_park": "industrial_park",
                "location.industrial_park": "industrial_park"})
#: facts of a declaration checked against a layer: settled (false) when no layer covers the site
_CHECKED_AGAINST_MAP = {f"map.{key}.{suffix}": key for key in MAP_KEYS
                        for suffix in ("disagrees", "detail_zh", "detail_en")}
_INDUSTRY = ("industry.code", "industry.product")


def answered_paths(answers: Mapping[str, Any], prefix: str = "") -> set[str]:
    """Dotted paths of every answer given, "not known" (null) included; a list is one answer,
    and so is the site's location."""
    out: set[str] = set()
    for key, value in answers.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and path not in askable():
            out |= answered_paths(value, f"{path}.")
        else:
            out.add(path)
    return out


class Dependencies:
    """The proposal fields behind each fact a rule reads (``block.`` = every field of it)."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, name: str) -> tuple[str, ...]:
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = self._inputs(name)
        return found

    def _inputs(self, name: str) -> tuple[str, ...]:
        if name.startswith("param."):
            param = self.rulebook.parameters.get(name)
            keyed = param.base.keyed_by if param is not None else None
            return self(keyed) if keyed else ()
        if name.endswith(STATED):
            return (name[: -len(STATED)] + ".",)
        if name in ("industry.division", "industry.heavy_polluting"):
            return ("industry.code",)
        if name.startswith("two_high."):  # the 两高 scope is by code and product keywords
            return _INDUSTRY
        if name == CHECKED:
            return ()
        for dim in DIMENSIONS:
            if name.startswith(f"{dim}.ledger_"):
                return (f"{dim}.sources",)
        if name == "construction_site.missing_measures":
            return ("construction_site.",)
        found = [LOCATION if f in LOCATION_FIELDS else f for f in inputs_behind(name, {})]
        if name in MAP_DECIDED:  # a zone layer decides it from the site's coordinates
            found.append(LOCATION)
        return tuple(dict.fromkeys(found))

    def unresolved(self, names: Iterable[str]) -> list[str]:
        """Fact names whose fields are not proposal fields (a derived fact not mapped here)."""
        fields = askable()
        return [n for n in names if any(
            not d.endswith(".") and d not in fields for d in self(n))]


@dataclass
class RuleState:
    rule: CompiledRule
    #: open fields that would help decide it, in the order its condition reads them
    open_fields: list[str]
    possible: int  # highest rank it could still give
    #: parts of its condition (an "and") that already hold: how far it is on its way to holding
    holding: int = 0


@dataclass
class Analysis:
    low: int  # rank the outcome reaches whatever the open fields turn out to be
    high: int  # highest rank it could still reach
    live: list[RuleState] = field(default_factory=list)

    @property
    def settled(self) -> bool:
        return self.low >= self.high

    def changing(self) -> list[RuleState]:
        """Live rules whose open fields could still change the outcome."""
        return [s for s in self.live if s.open_fields and s.possible > self.low]

    def asking(self) -> list[RuleState]:
        """The rules of the next page.

        Rules that could give the highest outcome still open come first (reject
        before refer), those whose own effect is that outcome before those that would
        reach it only by staying unknown: once one holds, nothing can change the
        outcome and the rest need not be asked. Among them, the rules fewest answers
        away from being decided: each answer settles such a rule (perhaps rejecting,
        which ends the interview) or rules it out, while a rule that needs several may
        be made moot by the answers of this page. Of those, the rules most parts of
        whose condition already hold (a 两高 rule of a project known to be 两高 before
        a rule whose scope is still open): they are nearest to holding.
        """
        changing = self.changing()
        top = max((s.possible for s in changing), default=None)
        rules = [s for s in changing if s.possible == top]
        # a rule whose own effect is that outcome reaches it when it holds as well as when
        # it stays unknown; one of lower effect only when unknown: ask the former first
        own = [s for s in rules if RANK[str(s.rule.effect)] == top]
        rules = own or rules
        fewest = min((len(s.open_fields) for s in rules), default=0)
        rules = [s for s in rules if len(s.open_fields) == fewest]
        most = max((s.holding for s in rules), default=0)
        return [s for s in rules if s.holding == most]

    def completing(self) -> list[RuleState]:
        """Live rules whose open fields change only their own finding, not the outcome."""
        return [s for s in self.live if s.open_fields and s.possible <= self.low]


class Analyser:
    """Works out, for one rulebook, which open fields can still change a decision.

    A rule's verdict and unknown facts depend only on the values of the facts its
    condition reads: they are remembered per rule and those values (most rules see
    the same few combinations, step after step), so a step evaluates only the rules
    whose facts changed.
    """

    MEMO_SIZE = 50_000  # remembered verdicts before the memo starts afresh

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.deps = Dependencies(rulebook)
        fields = askable()
        self._under: dict[str, list[str]] = {}
        for path in fields:
            parts = path.split(".")
            for depth in range(1, len(parts)):
                self._under.setdefault(".".join(parts[:depth]) + ".", []).append(path)
        self._reads = [(index, rule, tuple(fields_of(rule.condition)), RANK[str(rule.effect)])
                       for index, rule in enumerate(rulebook.rules)]
        #: every fact some rule reads: the only ones blanked or looked at
        self._names = tuple(dict.fromkeys(n for *_, names, _ in self._reads for n in names))
        self._memo: dict[tuple[Any, ...], tuple[bool | None, tuple[str, ...], int]] = {}
        #: the rules reading each block's ``.stated``
        self._readers: dict[str, set[int]] = {}
        for index, _rule, names, _rank in self._reads:
            for name in names:
                if name.endswith(STATED):
                    self._readers.setdefault(name, set()).add(index)

    def _is_settled(self, path: str, answered: set[str],
                    seen: dict[str, bool] | None = None) -> bool:
        if seen is not None:
            found = seen.get(path)
            if found is None:
                found = seen[path] = self._is_settled(path, answered)
            return found
        if path.endswith("."):
            return all(self._is_settled(p, answered) for p in self._under.get(path, ()))
        parts = path.split(".")
        return any(".".join(parts[:i]) in answered for i in range(1, len(parts) + 1))

    def blanked(self, lookup: Mapping[str, Any], answered: set[str],
                open_blocks: set[str], seen: dict[str, bool] | None = None) -> dict[str, Any]:
        """The facts rules read, with every value that an open field could still change
        removed."""
        seen = {} if seen is None else seen
        out = {}
        for name in self._names:
            value = lookup.get(name)
            if value is None:
                continue
            if name.endswith(STATED):
                if value is False and name[: -len(STATED)] in open_blocks:
                    continue
            elif not self._known(name, lookup, answered, seen):
                continue
            out[name] = value
        return out

    def _known(self, name: str, lookup: Mapping[str, Any], answered: set[str],
               seen: dict[str, bool]) -> bool:
        """No open field can change this fact: every field behind it is settled, or the site
        is and the map alone decides it (a zone a layer covers takes the layer's value, and
        a declaration cannot contradict a map that does not cover the site)."""
        if all(self._is_settled(d, answered, seen) for d in self.deps(name)):
            return True
        if not self._is_settled(LOCATION, answered, seen):
            return False
        if name == CONTRADICTED:
            return all(self._known(f"map.{key}.disagrees", lookup, answered, seen)
                       for key in MAP_KEYS)
        key = _MAPPED.get(name)
        if key is not None:
            return lookup.get(f"map.{key}.covered") is True
        key = _CHECKED_AGAINST_MAP.get(name)
        return key is not None and lookup.get(f"map.{key}.covered") is False

    def _open(self, names: Iterable[str], answered: set[str],
              seen: dict[str, bool]) -> list[str]:
        fields = askable()
        out: list[str] = []
        for name in names:
            for dep in self.deps(name):
                if dep in fields and dep not in out and not self._is_settled(dep, answered, seen):
                    out.append(dep)
        return out

    def _judge(self, index: int, rule: CompiledRule, names: tuple[str, ...],
               facts: Mapping[str, Any]) -> tuple[bool | None, tuple[str, ...], int]:
        """The rule's verdict on these facts and, when unknown, the facts that leave it so
        and how many parts of its condition already hold."""
        key = (index, *(facts.get(n) for n in names))
        try:
            found = self._memo.get(key)
        except TypeError:  # a value that cannot be a key (a list): work it out
            key, found = None, None
        if found is None:
            result = evaluate(rule.condition, facts)
            cond = rule.condition
            holding = sum(evaluate(c, facts) is True for c in cond.children) \
                if isinstance(cond, And) and result is None else 0
            found = (result, tuple(unknown_fields(rule.condition, facts))
                     if result is None else (), holding)
            if key is not None:
                if len(self._memo) >= self.MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = found
        return found

    def analyse(self, lookup: Mapping[str, Any], answered: set[str], day: date) -> Analysis:
        """Bounds on the outcome and the live rules, given the facts and what was answered."""
        return self._passes(lookup, answered, day, lambda a: {
            askable()[f].block for s in a.changing() for f in s.open_fields})

    def reachable(self, lookup: Mapping[str, Any], answered: set[str],
                  day: date) -> list[RuleState]:
        """Live rules, counting those a block asked of them would bring in (skeletons)."""
        result = self._passes(lookup, answered, day, lambda a: {
            askable()[f].block for s in a.live for f in s.open_fields})
        return [s for s in result.live if s.open_fields]

    def _passes(self, lookup: Mapping[str, Any], answered: set[str], day: date,
                asked: Callable[[Analysis], set[str]]) -> Analysis:
        """Analyse, open the blocks ``asked`` names (their ``.stated`` becomes unknown), and
        again until no new block opens; a later pass re-judges only the rules reading the
        ``.stated`` of a block it opened."""
        seen: dict[str, bool] = {}
        open_blocks: set[str] = set()
        facts = self.blanked(lookup, answered, open_blocks, seen)
        verdicts: dict[int, tuple[CompiledRule, int, bool | None, list[str], int]] = {}
        todo: set[int] | None = None
        while True:
            for index, rule, names, rank in self._reads:
                if (todo is not None and index not in todo) or not rule.in_force_on(day):
                    continue
                result, unknown, holding = self._judge(index, rule, names, facts)
                verdicts[index] = (rule, rank, result, self._open(unknown, answered, seen)
                                   if result is None else [], holding)
            analysis = _bounds(verdicts.values())
            new = asked(analysis) - open_blocks
            if not new:
                return analysis
            open_blocks |= new
            stated = [f"{b}{STATED}" for b in new if facts.get(f"{b}{STATED}") is False]
            for name in stated:
                del facts[name]
            todo = {i for name in stated for i in self._readers.get(name, ())}


def _bounds(verdicts: Iterable[tuple[CompiledRule, int, bool | None, list[str], int]]
            ) -> Analysis:
    low, live = 0, []
    for rule, rank, result, fields, holding in verdicts:
        if result is True:
            low = max(low, rank)
        elif result is None:
            if not fields:
                low = max(low, REFER)  # stays undetermined: refer
            live.append(RuleState(rule, fields, max(rank, REFER), holding))
    high = max([low, *(s.possible for s in live if s.open_fields)])
    return Analysis(low, high, live)
