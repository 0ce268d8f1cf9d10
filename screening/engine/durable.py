"""The durable_rules engine: the rulebook compiled once, every match read back.

Each rulebook rule becomes durable_rules rules that match when its condition holds
or when it cannot be decided for lack of facts (see compiler.py). They are
registered once per process in durable_rules' C engine (``durable_rules_engine``,
the extension behind ``durable.engine``) under names derived from the rulebook's
content hash. A screening asserts the proposal's facts as one fact, reads which
rules matched from the engine's queue of pending actions, and retracts the fact
again, so the session it used is empty and ready for the next screening. The
plain parameter values in force are written into the rules rather than asserted
(specialise.py): one variant of the rulesets per set of values met, registered on
first use; past ``MAX_VARIANTS`` the general rulesets, where they are facts, answer.

Why the C engine is driven directly instead of through ``durable.engine.Host``:
the Host runs a Python callback per match, serialising and re-asserting the
session state after each one (about 80 µs per match), and starts timer threads
that may run actions on another thread. Reading the queue costs a few µs per
match and starts no threads. The matching itself is durable_rules' own.

Pitfalls from shared/notes/durable-rules.md handled here: facts are asserted,
not posted (every matching rule is queued); a guard so the session's state fact
never matches; types checked before asserting; rulesets sharded below the ~511
durable rules that one node can lead to (the C engine's hash of next nodes has
512 slots and a full one hangs). One more, found here: deleting a session in
which no action was ever started crashes the process (its action context is never
initialised), so a session is only deleted (to start afresh after an error) once an
action was started in it; one that never had a match is left as it is (it holds no
fact: durable_rules keeps no fact that matched nothing). The fact is asserted under
short property names (f0, f1, ...): durable_rules' cost grows with the size of the
fact it parses and copies. A text field some rule tests against a list of texts is
also asserted as a property named for the text it has, and the rules' equality tests
of it test that property (names.py): a fact meets one such test where it met one per
text of the list.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import operator
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from screening.engine import plans
from screening.engine.compiler import AS_OF, date_number, fact_key
from screening.engine.fact_json import GroupWriter, grouped_writer, member_writer
from screening.engine.limits import definition_problems, rulebook_problems
from screening.engine.names import field_uses, short_names, value_names
from screening.engine.plans import Hit, Plan
from screening.engine.specialise import inlined_parameters, specialised_matches
from screening.errors import EngineError
from screening.rulebook.book import Rulebook

FACT_ID = "proposal"


def _durable() -> Any:
    import durable_rules_engine  # C extension: imported only when an engine is built

    return durable_rules_engine


@dataclass
class Shard:
    """One registered ruleset and the session screenings run in."""

    name: str
    handle: int
    #: durable rule name → (rulebook rule id, fired|undetermined)
    hits: dict[str, Hit]
    sid: str
    #: an action was started in the session: only then may durable_rules delete it
    deletable: bool = False
    #: the short fact keys this ruleset's rules test: only those are asserted into it
    keys: frozenset[str] = frozenset()


@dataclass
class Variant:
    """The rulebook registered for one set of parameter values (see specialise.py)."""

    shards: list[Shard]
    #: parameters are facts here (the general ruleset), not written into the rules
    general: bool = False
    #: flat facts → each shard's fact members (compiled on first use)
    write: GroupWriter | None = None


class DurableEngine:
    """Runs the compiled rulebook on flat facts; safe to share across threads."""

    #: rulebook digest → parameter values as written in the fact (None: general) → variant
    _variants: ClassVar[dict[str, dict[str | None, Variant]]] = {}
    #: specialised variants per rulebook (the real one meets three over its dates);
    #: values beyond run on the general ruleset
    MAX_VARIANTS = 16
    #: rulebook digests whose rulesets fit durable_rules' limits (limits.py)
    _checked: ClassVar[set[str]] = set()
    _lock = threading.RLock()
    _sessions = itertools.count(1)
    _registrations = itertools.count()  # ruleset names stay unique within the process
    #: valued fields also asserted by value (names.py); off only to compare with (tests,
    #: bench): such engines register their own rulesets and keep none in the cache
    by_value: ClassVar[bool] = True

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.fields = rulebook.fields
        self._engine = _durable()
        read = sorted({name for rule in rulebook.rules for name in rule.fields})
        #: the short name each field the rules read is asserted under (f0, f1, ...): a
        #: smaller fact is parsed, matched and copied into every queued match faster
        #: (names.py: chosen where durable_rules looks them up fastest; a valued field's
        #: lists are tested by value, so its own name needs no slot of its own)
        listed, valued = field_uses(rule.condition for rule in rulebook.rules)
        self.keys = {fact_key(name): short
                     for name, short in short_names(read, listed - valued.keys()).items()}
        #: valued field → {text → the property asserted when it has that text}: the
        #: rules' equality tests of it against those texts test that property (names.py)
        self.values = value_names(valued) if self.by_value else {}
        self._value_keys = {fact_key(name): names for name, names in self.values.items()}
        #: field → (short name, kind): only what some rule reads is asserted
        self.asserted = {name: (self.keys[fact_key(name)], self.fields[name].kind)
                         for name in read}
        #: plain parameters, written into the rules of a specialised variant
        self.inlined = inlined_parameters(rulebook)
        self._write_params = member_writer({name: self.asserted[name] for name in self.inlined})
        #: parameter values → (their types, those values as written in the fact): the
        #: same few sets of values come back at every screening on the same dates
        self._params_text: dict[tuple[Any, ...], tuple[tuple[type, ...], str]] = {}
        self._param_values = operator.itemgetter(*self.inlined) \
            if len(self.inlined) > 1 else None
        with DurableEngine._lock:
            self.variants = DurableEngine._variants.setdefault(
                rulebook.digest if self.by_value else f"{rulebook.digest} plain", {})

    @property
    def shards(self) -> list[Shard]:
        """Every registered ruleset of this rulebook, general and specialised."""
        return [shard for variant in list(self.variants.values()) for shard in variant.shards]

    def general(self) -> Variant:
        """The ruleset where parameters are facts, registered on first use."""
        variant = self.variants.get(None)
        if variant is None:
            with DurableEngine._lock:
                variant = self.variants.get(None)
                if variant is None:
                    plan = self._plan(None, self._general_plan) or self._general_plan()
                    variant = Variant(self._register(plan, "g"), general=True)
                    self.variants[None] = variant
        return variant

    def _general_plan(self) -> Plan:
        self._check_limits()
        return plans.rulesets([(rule.id, status, match) for rule in self.rulebook.rules
                               for status, match in rule.matches], self.keys,
                              self._value_keys)

    def _specialise(self, key: str, facts: Mapping[str, Any]) -> Variant:
        """The variant for the parameter values in ``facts`` (written as ``key``)."""
        with DurableEngine._lock:
            variant = self.variants.get(key)
            if variant is not None:
                return variant
            if sum(not v.general for v in self.variants.values()) >= self.MAX_VARIANTS:
                return self.general()
            plan = self._plan(key, lambda: self._specialised_plan(facts))
            variant = self.general() if plan is None else Variant(self._register(plan, "v"))
            self.variants[key] = variant
            return variant

    def _specialised_plan(self, facts: Mapping[str, Any]) -> Plan | None:
        """The rulesets with the values in ``facts`` written in; None: the general ones."""
        values = {name: facts.get(name) for name in self.inlined}
        matches = specialised_matches(self.rulebook, values)
        if matches is None or definition_problems(matches):
            return None  # past durable_rules' limits: the general ruleset answers
        return plans.rulesets(matches, self.keys, self._value_keys)

    def _plan(self, values: str | None, work: Callable[[], Plan | None]) -> Plan | None:
        """The rulesets for ``values`` (None: general) kept in the user's cache by an
        earlier process (plans.py), else worked out by ``work`` and kept."""
        book = self.rulebook
        key = plans.key_of(book.digest, book.overlays, values) if self.by_value else None
        if key is not None:
            asserted = {*self.keys.values(),
                        *(name for names in self.values.values() for name in names.values())}
            found = plans.load(key, {rule.id for rule in book.rules}, asserted)
            if found is not None:
                return None if isinstance(found, str) else found  # str: plans.GENERAL
        plan = work()
        if key is not None:
            plans.save(key, plan)
        return plan

    def _register(self, plan: Plan, tag: str) -> list[Shard]:
        shards: list[Shard] = []
        for number, ruleset in enumerate(plan):
            name = (f"screening_{self.rulebook.digest[:16]}_{tag}"
                    f"{next(DurableEngine._registrations)}_{number}")
            try:
                handle = self._engine.create_ruleset(name, ruleset.text)
            except self._engine.error as exc:
                raise EngineError.single(f"durable_rules refused ruleset {name}: {exc}") from None
            shards.append(Shard(name, handle, ruleset.hits, self._new_sid(), keys=ruleset.keys))
        return shards

    def _check_limits(self) -> None:
        """Refuse, naming the rule, a rulebook durable_rules would hang, crash or fail on.

        Checked once per rulebook, before its general ruleset is registered (limits.py).
        """
        digest = self.rulebook.digest
        if digest in DurableEngine._checked:
            return
        by_id = {rule.id: rule for rule in self.rulebook.rules}
        for rule_id, why in rulebook_problems(self.rulebook.rules):
            rule = by_id.get(rule_id or "")
            raise EngineError.single(
                f"rule '{rule_id}' cannot run in durable_rules: {why}" if rule else why,
                file=rule.file if rule else None, line=rule.line if rule else None,
                field=f"{rule_id}.when" if rule else None,
                expected="a rulebook `screening rules check` accepts")
        DurableEngine._checked.add(digest)

    @staticmethod
    def _new_sid() -> str:
        return f"screening-{next(DurableEngine._sessions)}"

    def run(self, facts: Mapping[str, Any], as_of: date) -> list[Hit]:
        """(rule id, fired|undetermined) for every durable rule that matched."""
        key = self._params_key(facts)
        variant = self.variants.get(key) if key else self.general()
        if variant is None:
            variant = self._specialise(key, facts)
        write = variant.write or self._writer(variant)
        day = f'"{AS_OF}":{date_number(as_of)}}}'
        hits: list[Hit] = []
        with DurableEngine._lock:
            for shard, members in zip(variant.shards, write(facts), strict=True):
                members.append(day)
                self._screen(shard, f'{{"sid":"{shard.sid}","id":"{FACT_ID}",'
                                    + ",".join(members), hits)
        return hits

    def _params_key(self, facts: Mapping[str, Any]) -> str:
        """The plain parameter values in ``facts`` as written in the fact ('' if none),
        their types checked as every member's; kept for values met before."""
        try:  # one C call when every parameter is there (equal values, then types)
            values = self._param_values(facts)  # type: ignore[misc]
        except (KeyError, TypeError):
            values = tuple(map(facts.get, self.inlined))
        types = tuple(map(type, values))
        known = self._params_text.get(values)
        if known is not None and known[0] == types:
            return known[1]
        key = ",".join(self._write_params(facts))
        if len(self._params_text) >= 64:
            self._params_text.clear()
        self._params_text[values] = (types, key)
        return key

    def _writer(self, variant: Variant) -> GroupWriter:
        """The variant's fact writer: each ruleset gets only the facts its rules test (a
        fact durable_rules parses and probes at every node it reaches is smaller)."""
        inlined = set() if variant.general else set(self.inlined)
        fields = {name: spec for name, spec in self.asserted.items() if name not in inlined}
        variant.write = grouped_writer(fields, [shard.keys for shard in variant.shards],
                                       self.values)
        return variant.write

    def _screen(self, shard: Shard, text: str, hits: list[Hit]) -> None:
        engine = self._engine
        clean = False
        try:
            code, state = engine.assert_fact(shard.handle, text)
            if code == 1:  # matched no rule: durable_rules kept nothing, nothing to retract
                clean = True
                return
            if code != 0:  # 2: already in the session
                raise EngineError.single(
                    f"durable_rules did not take the fact in {shard.name} (code {code})")
            started = engine.start_action_for_state(shard.handle, state)
            message = started[1] if started else None
            shard.deletable = shard.deletable or message is not None
            while message:
                # a queued match is serialised as {"<rule name>": {...the fact...}}
                hits.append(shard.hits[message[2:message.index('"', 2)]])
                message = engine.complete_and_start_action(shard.handle, state)
            code, _ = engine.retract_fact(shard.handle, f'{{"sid":"{shard.sid}","id":"{FACT_ID}"}}')
            clean = code == 0
        except engine.error as exc:
            raise EngineError.single(f"durable_rules failed in {shard.name}: {exc}") from None
        finally:
            if not clean:
                self._renew(shard)

    def _renew(self, shard: Shard) -> None:
        """Drop a session left in an unknown state; the next screening starts a new one."""
        if shard.deletable:
            with contextlib.suppress(self._engine.error):
                self._engine.delete_state(shard.handle, shard.sid)
        shard.sid, shard.deletable = self._new_sid(), False

    def live_facts(self, shard: Shard) -> list[dict[str, Any]]:
        """The facts held in the shard's session (empty between screenings)."""
        try:
            return list(json.loads(self._engine.get_facts(shard.handle, shard.sid)))
        except self._engine.error:  # the session does not exist (yet)
            return []

