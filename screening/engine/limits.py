"""durable_rules' limits on one ruleset, checked before it is registered.

durable_rules builds an alpha network from the match expressions: each test is a
node under the test before it (equal tests are shared), each ``$or`` a fresh
"forward" node its alternatives link to, and a rule ends on the node of its last
test. Past its fixed table sizes it does not say so: ``create_ruleset`` hangs for
good, the process dies, or every screening fails. The figures below were measured
with bench/durable_limits.py (durable-rules 2.0.28; see bench/README.md):

- a node's hash set of next tests: 511 (the 512th hangs ``create_ruleset``): one
  ``x in [...]`` puts an alternative per value there, beside the first tests of
  every rule that shares the node;
- ``$nex`` tests and ``$or`` links on one node: 128 (error 107 at registration);
- rules ending on one node: 255 (the 256th kills the process);
- nodes pending at once while a fact is matched: 64 (error 303 on every assert):
  each matching next test, absent ``$nex`` field and ``$or`` link is pushed;
- properties of one fact: 252 besides ``sid`` and ``id`` (error 302); a valued field
  (names.py) is asserted as two.

``network_problems`` rebuilds that network for the durable rules of one ruleset
and names the rulebook rule that crosses a limit; ``shards`` splits a rulebook's
durable rules into rulesets that each fit, so only a rule that cannot run even
alone (a membership list past 511 values) is refused. The pending-nodes figure is
bounded from above over every possible fact: on one node, equalities of one
field with different constants count once, and a field's tests and its ``$nex``
count as whichever is more (a field is either present or absent).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HASH_CHILDREN = 511
ABSENT_CHILDREN = 128
SAME_END = 255
STACK = 64
PROPERTIES = 252
#: durable rules per registered ruleset at most (well under the 511 first tests one node
#: holds). A ruleset is asserted only the facts its rules test, and every node a fact
#: reaches makes a pass over all of them, so smaller rulesets of neighbouring rules
#: (rulebook order: a file's rules test the same facts) are cheaper, down to where a
#: ruleset's own cost (assert, retract) takes over. The bundled rulebook's 264 durable
#: rules, per file screened (read, facts, engine; bench/stages.py's files): one ruleset
#: 2.33 M instructions, two 2.03 M, three 1.97 M, four or five 1.965 M.
SHARD_SIZE = 96

_OPS = {"$lt", "$lte", "$gt", "$gte", "$neq", "$ex", "$nex"}
Definition = tuple[str, str, Any]  # (rulebook rule id, status, match expression)


@dataclass
class _Node:
    hash: dict[tuple[str, str, str], _Node] = field(default_factory=dict)
    nex: dict[str, _Node] = field(default_factory=dict)
    forward: list[_Node] = field(default_factory=list)
    ends: int = 0
    rules: list[str] = field(default_factory=list)  # the first few rules through it
    through: int = 0
    value: Any = None  # the constant or expression its test compares with
    #: how many of the next tests and links here each rule brought
    brought: dict[str, int] = field(default_factory=dict)
    _pending: int | None = None

    def bring(self, rule: str) -> None:
        self.brought[rule] = self.brought.get(rule, 0) + 1

    def culprit(self) -> tuple[str, int]:
        """The rule that brought most of the next tests and links here, and how many."""
        return max(self.brought.items(), key=lambda item: item[1])

    def visit(self, rule: str) -> None:
        self.through += 1
        if len(self.rules) < 3 and rule not in self.rules:
            self.rules.append(rule)

    def absent_links(self) -> int:
        return len(self.nex) + len(self.forward)

    def pending(self) -> int:
        """Most next nodes one fact can push here at once.

        Per field: tests against constants count as many as one value can satisfy
        together (``x > 1`` and ``x <= 1`` never both), tests against other fields
        all count, and a field's ``$nex`` is the alternative to all of them.
        """
        if self._pending is not None:
            return self._pending
        constants: dict[str, list[tuple[str, Any]]] = {}
        always: dict[str, int] = {}
        for (name, op, _), child in self.hash.items():
            value = child.value
            if isinstance(value, dict) or op == "$ex":
                always[name] = always.get(name, 0) + 1
            else:
                constants.setdefault(name, []).append((op, value))
        names = set(constants) | set(always) | set(self.nex)
        self._pending = len(self.forward) + sum(
            max(1 if name in self.nex else 0,
                always.get(name, 0) + _together(constants.get(name, [])))
            for name in names)
        return self._pending

    def children(self) -> list[_Node]:
        return [*self.hash.values(), *self.nex.values(), *self.forward]


_TESTS = {"$eq": lambda x, c: x == c, "$neq": lambda x, c: x != c,
          "$lt": lambda x, c: x < c, "$lte": lambda x, c: x <= c,
          "$gt": lambda x, c: x > c, "$gte": lambda x, c: x >= c}


def _together(tests: list[tuple[str, Any]]) -> int:
    """The most of these constant tests one value satisfies at once."""
    if len(tests) <= 1:
        return len(tests)
    if all(op == "$eq" for op, _ in tests):
        return 1  # different constants (equal tests are one node)
    values = [c for _, c in tests]
    if all(isinstance(c, int | float) and not isinstance(c, bool) for c in values):
        points: list[Any] = [-float("inf"), float("inf")]
        for c in values:
            points += [c, c - max(abs(c), 1) * 1e-9, c + max(abs(c), 1) * 1e-9]
    else:  # text or true/false: each constant, or some other value
        points = [*values, object()]
    best = 0
    for x in points:
        count = 0
        for op, c in tests:
            try:
                count += bool(_TESTS[op](x, c))
            except TypeError:  # an order test between a text and another type
                count += 1
        best = max(best, count)
    return best


class LimitError(Exception):
    """A ruleset durable_rules cannot register or run; ``rule`` is the rulebook rule."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule

    @classmethod
    def at(cls, node: _Node, what: str) -> LimitError:
        rule, count = node.culprit()
        return cls(rule, f"{what}; this rule brings {count} of them")


def _leaf(expr: dict[str, Any]) -> tuple[str, str, Any]:
    (key, value), = expr.items()
    if key in _OPS:
        (name, rhs), = value.items()
        return key, name, rhs
    return "$eq", key, value


def _add(node: _Node, expr: Any, rule: str) -> _Node:
    """The node a (sub)expression ends on, built under ``node`` as durable_rules does."""
    (key, value), = expr.items()
    if key == "$and":
        for part in value:
            node = _add(node, part, rule)
        return node
    if key == "$or":
        forward = _Node()
        forward.visit(rule)
        for alternative in value:
            end = _add(node, alternative, rule)
            end.forward.append(forward)
            end.bring(rule)
            if end.absent_links() > ABSENT_CHILDREN:
                raise LimitError.at(end, f"more than {ABSENT_CHILDREN} `or` links and "
                                    "absent-fact tests on one durable_rules node")
        return forward
    op, name, rhs = _leaf(expr)
    if op == "$nex":
        child = node.nex.get(name)
        if child is None:
            child = node.nex[name] = _Node()
            node.bring(rule)
            if node.absent_links() > ABSENT_CHILDREN:
                raise LimitError.at(node, f"more than {ABSENT_CHILDREN} `or` links and "
                                    "absent-fact tests on one durable_rules node")
    else:
        test = (name, op, json.dumps(rhs, sort_keys=True) if isinstance(rhs, dict)
                else f"{type(rhs).__name__}:{rhs!r}")
        child = node.hash.get(test)
        if child is None:
            child = node.hash[test] = _Node(value=rhs)
            node.bring(rule)
            if len(node.hash) > HASH_CHILDREN:
                raise LimitError.at(node, f"more than {HASH_CHILDREN} different tests follow "
                                    "one durable_rules node (an `in [...]` list counts one "
                                    "per value): create_ruleset would hang")
    child.visit(rule)
    return child


def _worst(root: _Node) -> tuple[int, _Node]:
    """The most nodes pending at once over any fact, and the node that pushes most."""
    peak: dict[int, tuple[int, _Node]] = {}
    order: list[_Node] = []  # children before parents (the network has no cycles)
    seen = {id(root)}
    stack: list[tuple[_Node, Iterator[_Node]]] = [(root, iter(root.children()))]
    while stack:
        node, pending_children = stack[-1]
        child = next(pending_children, None)
        if child is None:
            stack.pop()
            order.append(node)
        elif id(child) not in seen:
            seen.add(id(child))
            stack.append((child, iter(child.children())))
    for node in order:
        pushed = node.pending()
        below = [peak[id(c)] for c in node.children()]  # computed: children come first
        if not below:
            peak[id(node)] = (0, node)
            continue
        deepest = max(below, key=lambda p: p[0])
        total = max(pushed, pushed - 1 + deepest[0])
        blame = node if pushed >= deepest[1].pending() else deepest[1]
        peak[id(node)] = (total, blame)
    return max(1, peak[id(root)][0]), peak[id(root)][1]


def network_problems(definitions: list[Definition]) -> list[tuple[str, str]]:
    """(rulebook rule id, what breaks) for one ruleset's durable rules; empty if it fits."""
    root = _Node()
    try:
        for rule, _, match in definitions:
            end = _add(root, match, rule)
            end.ends += 1
            if end.ends > SAME_END:
                raise LimitError(rule, f"more than {SAME_END} durable rules end on one "
                                 "node (the same condition): registering them kills the "
                                 "process")
    except LimitError as exc:
        return [(exc.rule, str(exc))]
    pending, blame = _worst(root)
    if pending > STACK:
        more = blame.through - len(blame.rules)
        names = ", ".join(blame.rules) + (f" and {more} more" if more > 0 else "")
        return [(blame.culprit()[0] if blame.brought else blame.rules[0] if blame.rules else "?",
                 f"up to {pending} durable_rules nodes pending at once while a fact is "
                 f"matched (at most {STACK}: every screening would fail with error 303); "
                 f"{blame.pending()} of them follow one node shared by {names}")]
    return []


def shards(definitions: list[Definition]) -> list[list[Definition]]:
    """The durable rules split into rulesets as the engine registers them.

    As few chunks of at most ``SHARD_SIZE`` as will do, of even sizes, in rulebook
    order; a chunk whose network would push more than ``STACK`` nodes at once (or
    cross another limit) is halved until each half fits, so many rules sharing their
    first tests only cost one more ruleset. A single durable rule that does not fit
    alone stays one chunk, and ``definition_problems`` names it.
    """
    return _layout(definitions)[0]


#: (digest of the definitions) -> (chunks, problems of the chunks that do not fit):
#: the engine checks a variant and then registers the same chunks
_LAYOUTS: dict[str, tuple[list[list[Definition]], list[tuple[str | None, str]]]] = {}


def _layout(definitions: list[Definition]
            ) -> tuple[list[list[Definition]], list[tuple[str | None, str]]]:
    key = hashlib.sha256(json.dumps(definitions, sort_keys=True, default=str)
                         .encode()).hexdigest()
    found = _LAYOUTS.get(key)
    if found is not None:
        return found
    stored_key = _stored_key(definitions)
    found = _stored(stored_key, definitions)
    if found is not None:
        _LAYOUTS[key] = found
        return found
    count = -(-len(definitions) // SHARD_SIZE) or 1
    size = -(-len(definitions) // count) or 1  # as even as the count allows
    chunks = [definitions[start:start + size]
              for start in range(0, max(len(definitions), 1), size)]
    fitted: list[list[Definition]] = []
    problems: list[tuple[str | None, str]] = []
    while chunks:
        chunk = chunks.pop(0)
        found_problems = network_problems(chunk)
        if found_problems and len(chunk) > 1:
            middle = len(chunk) // 2
            chunks[:0] = [chunk[:middle], chunk[middle:]]
            continue
        fitted.append(chunk)
        problems.extend(found_problems)
    if len(_LAYOUTS) >= 64:
        _LAYOUTS.clear()
    _LAYOUTS[key] = (fitted, problems)
    _store(stored_key, fitted, problems)
    return fitted, problems


#: the layout of a stored entry: [chunk lengths], [[rule id or null, problem]]
_STORED = b"limits-layout 2\n"


def _stored_key(definitions: list[Definition]) -> str | None:
    """The key a layout of these exact definitions is kept under in the user's cache
    (screening/rulebook/cache.py), with this code's source; None when it is off."""
    from screening.rulebook import cache

    if cache.folder() is None:
        return None
    digest = hashlib.sha256(_STORED + cache.source_stamp())
    digest.update(repr(definitions).encode())  # order and types kept, unlike JSON
    return digest.hexdigest()


def _stored(key: str | None, definitions: list[Definition]
            ) -> tuple[list[list[Definition]], list[tuple[str | None, str]]] | None:
    """The layout worked out for these definitions by an earlier process: the checks of
    the first screening (a second or more of network checks) are not made again."""
    if key is None:
        return None
    from screening.rulebook import cache

    body = cache.read_bytes(key, ".layout")
    try:
        lengths, problems = json.loads(body) if body is not None else (None, None)
    except ValueError:
        return None
    if not (isinstance(lengths, list) and all(type(n) is int and n > 0 for n in lengths)
            and sum(lengths) == len(definitions) and isinstance(problems, list)
            and all(isinstance(p, list) and len(p) == 2 for p in problems)):
        return None
    chunks, start = [], 0
    for length in lengths:
        chunks.append(definitions[start:start + length])
        start += length
    return chunks or [definitions], [(rule, str(why)) for rule, why in problems]


def _store(key: str | None, fitted: list[list[Definition]],
           problems: list[tuple[str | None, str]]) -> None:
    if key is None or sum(map(len, fitted)) == 0:
        return
    from screening.rulebook import cache

    body = json.dumps([[len(chunk) for chunk in fitted], [list(p) for p in problems]])
    cache.write_bytes(key, body.encode(), ".layout")


def rulebook_problems(rules: list[Any]) -> list[tuple[str | None, str]]:
    """(rule id or None, what breaks) for a rulebook's compiled rules, as the engine
    registers them where parameters are facts (the general rulesets).

    A ruleset with parameter values written in (specialise.py) shares more (an
    unknown parameter's ``or`` link is gone): the engine checks each before it
    registers it and keeps the general ruleset for those values if it does not fit.
    """
    from screening.engine.names import field_uses

    problems: list[tuple[str | None, str]] = []
    read = {name for rule in rules for name in rule.fields}
    valued = field_uses(rule.condition for rule in rules)[1]
    # the facts the rules read, a value property per valued field (names.py), the as-of date
    if len(read) + len(valued) + 1 > PROPERTIES:
        also = f" and {len(valued)} of them also by value" if valued else ""
        problems.append((None, f"the rules read {len(read)} different facts{also}; "
                               f"durable_rules takes at most {PROPERTIES} properties in one "
                               "fact, the as-of date among them"))
    definitions = [(rule.id, status, match) for rule in rules for status, match in rule.matches]
    problems.extend(definition_problems(definitions))
    return problems


def definition_problems(definitions: list[Definition]) -> list[tuple[str | None, str]]:
    """``network_problems`` of every ruleset these durable rules are registered as."""
    return list(_layout(definitions)[1])
