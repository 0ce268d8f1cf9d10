"""The durable_rules engine: the rulebook compiled once, one session per screening.

Each rulebook rule becomes durable_rules rules that fire when its condition holds
or when it cannot be decided for lack of facts (see compiler.py). The rulesets
are registered once per process under names derived from the rulebook's content
hash; every screening asserts the proposal's flat facts as a single fact in its
own session, collects what fired and deletes the session in ``finally``.

Pitfalls from shared/notes/durable-rules.md handled here: assert_fact (not post);
a guard so the engine's state fact never matches; action exceptions surfaced;
types checked before asserting; rulesets sharded below the ~511 rules that may
share a first node; a timer-less host. One more, found here: deleting a session
whose fact matched nothing (MessageNotHandledException) segfaults, so every
ruleset carries a catch-all rule and no fact is ever unhandled.
"""

from __future__ import annotations

import copy
import itertools
import math
import threading
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from screening.compiler import AS_OF, GUARD, date_number, fact_key
from screening.conditions import BOOL, NUMBER, FieldSpec
from screening.errors import EngineError
from screening.rulebook.book import Rulebook

#: durable rules per ruleset; well under the ~511 that hang on one shared node
SHARD_SIZE = 400
HANDLED = {"$and": [{"$ex": {AS_OF: 1}}, GUARD]}


def _import_durable() -> tuple[Any, type]:
    from durable import engine as durable_engine  # C extension: imported only when used

    class QuietHost(durable_engine.Host):  # type: ignore[misc,name-defined]
        """A host whose timer thread never runs actions behind our back."""

        def _run(self) -> None:
            return None

    return durable_engine, QuietHost


class DurableEngine:
    """Runs the compiled rulebook on flat facts; safe to share across threads."""

    _hosts: ClassVar[dict[str, tuple[Any, list[str]]]] = {}
    _lock = threading.RLock()
    #: where actions record hits; swapped per screening under the lock
    _sink: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.fields = rulebook.fields
        self._sids = itertools.count(1)
        self._durable, quiet_host = _import_durable()
        with DurableEngine._lock:
            cached = DurableEngine._hosts.get(rulebook.digest)
            if cached is None:
                cached = self._register(quiet_host)
                DurableEngine._hosts[rulebook.digest] = cached
        self._host, self._rulesets = cached

    def _register(self, quiet_host: Callable[[], Any]) -> tuple[Any, list[str]]:
        host = quiet_host()
        definitions = [(rule.id, status, match)
                       for rule in self.rulebook.rules for status, match in rule.matches]
        names: list[str] = []
        for shard, start in enumerate(range(0, max(len(definitions), 1), SHARD_SIZE)):
            ruleset: dict[str, Any] = {
                "handled": {"all": [{"m": copy.deepcopy(HANDLED)}], "run": _noop}}
            for number, (rule_id, status, match) in enumerate(
                    definitions[start:start + SHARD_SIZE]):
                ruleset[f"{status}|{rule_id}|{number}"] = {
                    "all": [{"m": copy.deepcopy(match)}], "run": _action(rule_id, status)}
            name = f"screening_{self.rulebook.digest[:16]}_{shard}"
            host.register_rulesets({name: ruleset})
            names.append(name)
        return host, names

    def check_types(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        """The fact as asserted: flat keys, and only values of the declared type."""
        out: dict[str, Any] = {}
        for name, value in facts.items():
            spec: FieldSpec | None = self.fields.get(name)
            if spec is None:
                continue
            if spec.kind == NUMBER:
                ok = isinstance(value, int | float) and not isinstance(value, bool) \
                    and math.isfinite(value)
            elif spec.kind == BOOL:
                ok = isinstance(value, bool)
            else:
                ok = isinstance(value, str)
            if not ok:
                raise EngineError.single(f"fact '{name}' has value {value!r}",
                                         field=name, expected=spec.kind)
            out[fact_key(name)] = value
        return out

    def run(self, facts: Mapping[str, Any], as_of: date) -> list[tuple[str, str]]:
        """(rule id, fired|undetermined) for every durable rule that matched."""
        fact = self.check_types(facts)
        fact[AS_OF] = date_number(as_of)
        with DurableEngine._lock:
            sink: list[tuple[str, str]] = []
            DurableEngine._sink = sink
            for name in self._rulesets:
                sid = f"s{next(self._sids)}"
                try:
                    state = self._host.assert_fact(name, dict(fact, sid=sid, id="proposal"))
                finally:
                    self._host.delete_state(name, sid)
                if isinstance(state, dict) and "exception" in state:
                    raise EngineError.single(f"a rule action failed: {state['exception']}")
        return sink


def _noop(context: Any) -> None:
    return None


def _action(rule_id: str, status: str) -> Callable[[Any], None]:
    hit = (rule_id, status)

    def action(context: Any) -> None:
        DurableEngine._sink.append(hit)

    return action
