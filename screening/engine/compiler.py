"""Compile parsed conditions into durable_rules match expressions.

durable_rules has no three-valued logic and no general ``not``, so each condition
becomes positive tests over the asserted fact: *holds* and *unknown* (some fact it
needs is absent and the rest does not already decide it). Unknown facts are
absent keys in the asserted fact; durable_rules treats every comparison with an
absent key as not matching, which is exactly "not known to hold".

durable_rules allows at most 31 entries in one rule's expression sequence (each
``$and``/``$or`` costs two, each comparison against another field one), so
formulas are kept flat, a top-level ``or`` is split into separate durable rules,
and a condition still too large is refused when the rulebook is compiled.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from screening.rulebook.conditions import (
    _NEGATE,
    And,
    Compare,
    Cond,
    Const,
    Field,
    In,
    Not,
    Or,
    Truth,
)

Json = dict[str, Any]
#: durable_rules fails past 31 entries per rule (MAX_SEQUENCE_EXPRESSIONS = 32)
EXPRESSION_LIMIT = 31

_DR_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
_DR_ARITH = {"+": "$add", "-": "$sub", "*": "$mul"}


def fact_key(name: str) -> str:
    """The key a dotted field name has in the flat fact asserted into the engine."""
    return name.replace(".", "__")


@dataclass(frozen=True)
class Test:
    """One durable_rules comparison; ``beta`` when it reads a second field."""

    json: str
    beta: bool


@dataclass(frozen=True)
class Junction:
    op: str  # "$and" | "$or"
    parts: tuple[Formula, ...]


Formula = Test | Junction
#: the formula that never matches: "unknown" of facts every screening has
NEVER = Junction("$or", ())


_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _test(expr: Json, beta: bool = False) -> Test:
    return Test(_canonical(expr), beta)


def junction(op: str, parts: list[Formula]) -> Formula:
    """A flattened, de-duplicated and/or; one part stands alone; NEVER absorbs an and."""
    flat: dict[Formula, None] = {}  # in order of first appearance
    for part in parts:
        if part == NEVER:
            if op == "$and":
                return NEVER
            continue
        items = part.parts if isinstance(part, Junction) and part.op == op else (part,)
        for item in items:
            flat.setdefault(item, None)
    if not flat:
        return NEVER
    unique = tuple(flat)
    return unique[0] if len(unique) == 1 else Junction(op, unique)


def _rhs(node: Any) -> Any:
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Field):
        return {"$m": fact_key(node.name)}
    return {_DR_ARITH[node.op]: {"$l": _rhs(node.left), "$r": _rhs(node.right)}}


def _compare(op: str, node: Compare) -> Formula:
    key = fact_key(node.left.name)
    rhs = _rhs(node.right)
    expr = {key: rhs} if op == "==" else {_DR_OPS[op]: {key: rhs}}
    if isinstance(node.right, Const):
        return _test(expr)
    # a comparison with arithmetic on an absent field can match in durable_rules:
    # require every field it reads to be present
    present = [_test({"$ex": {fact_key(name): 1}}) for name in _fields(node)]
    return junction("$and", [*present, _test(expr, beta=True)])


def _absent(names: list[str], always: frozenset[str]) -> Formula:
    """Some of ``names`` is absent; NEVER when all are facts every screening has."""
    return junction("$or", [_test({"$nex": {fact_key(n): 1}}) for n in names
                            if n not in always])


def _fields(node: Any) -> list[str]:
    from screening.rulebook.conditions import fields_of

    return fields_of(node)


def _flat(node: Cond) -> Cond:
    """Nested ``and`` in ``and`` (and ``or`` in ``or``) merged, e.g. after a predicate."""
    if isinstance(node, And | Or):
        kind = type(node)
        children: list[Cond] = []
        for child in (_flat(c) for c in node.children):
            children.extend(child.children if isinstance(child, kind) else (child,))
        return kind(tuple(children))
    if isinstance(node, Not):
        return Not(_flat(node.child))
    return node


@functools.lru_cache(maxsize=8192)  # the same atom is asked for in up to five ways
def _atom(node: Cond, always: frozenset[str]) -> tuple[Formula, Formula, Formula] | None:
    """(holds, fails, unknown) of a comparison, membership or true/false fact."""
    if isinstance(node, Compare):
        return (_compare(node.op, node), _compare(_NEGATE[node.op], node),
                _absent(_fields(node), always))
    if isinstance(node, In):
        key = fact_key(node.field.name)
        inside = junction("$or", [_test({key: v}) for v in node.values])
        outside = junction("$and", [_test({"$neq": {key: v}}) for v in node.values])
        holds, fails = (outside, inside) if node.negated else (inside, outside)
        return holds, fails, _absent([node.field.name], always)
    if isinstance(node, Truth):
        key = fact_key(node.field.name)
        return _test({key: True}), _test({key: False}), _absent([node.field.name], always)
    return None


@functools.lru_cache(maxsize=8192)  # formulas are immutable: a repeated part is built once
def _kleene(node: Cond, want: str, always: frozenset[str]) -> Formula:
    """Formula for one of: holds, fails, not_holds, not_fails, unknown."""
    atom = _atom(node, always)
    if atom is not None:
        holds, fails, unknown = atom
        return {"holds": holds, "fails": fails, "unknown": unknown,
                "not_holds": junction("$or", [fails, unknown]),
                "not_fails": junction("$or", [holds, unknown])}[want]
    if isinstance(node, Not):
        swap = {"holds": "fails", "fails": "holds", "not_holds": "not_fails",
                "not_fails": "not_holds", "unknown": "unknown"}
        return _kleene(node.child, swap[want], always)
    assert isinstance(node, And | Or)
    children = node.children
    conj = isinstance(node, And)
    if want == "unknown":
        # nothing decides it (no child fails an and / holds an or), and some child is unknown
        guard = "not_fails" if conj else "not_holds"
        return junction("$and", [*(_kleene(c, guard, always) for c in children),
                                 junction("$or", [_kleene(c, "unknown", always)
                                                  for c in children])])
    # holds/not_fails distribute like the node itself; fails/not_holds like its dual
    same = want in ("holds", "not_fails")
    op = "$and" if conj == same else "$or"
    return junction(op, [_kleene(c, want, always) for c in children])


def tests(node: Cond, always: frozenset[str] = frozenset()
          ) -> tuple[Formula, Formula, Formula]:
    """(holds, fails, unknown) formulas; comparisons on absent keys never match.

    ``always`` names facts every screening has (required fields, derived flags):
    they are never unknown, which keeps the formulas within durable_rules' limit.
    """
    flat = _flat(node)
    return (_kleene(flat, "holds", always), _kleene(flat, "fails", always),
            _kleene(flat, "unknown", always))


def cost(formula: Formula) -> int:
    """Entries the formula takes in a durable_rules expression sequence."""
    if isinstance(formula, Test):
        return 1 if formula.beta else 0
    return 2 + sum(cost(part) for part in formula.parts)


def to_json(formula: Formula) -> Json:
    if isinstance(formula, Test):
        return json.loads(formula.json)
    return {formula.op: [to_json(part) for part in formula.parts]}


def _single_tests_first(formula: Formula) -> Formula:
    """The same ``and`` with its single tests before its ``or`` groups.

    durable_rules shares a node between rules only up to their first ``or`` (each
    ``or`` gets a node of its own), and each node a fact reaches costs a pass over
    every property of the fact. Single tests first (the context, then the
    condition's own, in order) make rules share more nodes and stop a proposal at
    the first single test it fails; the order of an ``and`` decides nothing else.
    """
    if not isinstance(formula, Junction) or formula.op != "$and":
        return formula
    tests = [part for part in formula.parts if isinstance(part, Test)]
    groups = [part for part in formula.parts if not isinstance(part, Test)]
    return Junction("$and", (*tests, *groups))


def match_expressions(formula: Formula, context: list[Json]) -> list[Json] | None:
    """Durable match expressions for ``formula and context``; None if too large.

    A top-level ``or`` that does not fit is split into one durable rule per branch.
    """
    extra = [_test(c) for c in context]
    whole = _single_tests_first(junction("$and", [*extra, formula]))
    if cost(whole) <= EXPRESSION_LIMIT:
        return [to_json(whole)]
    if isinstance(formula, Junction) and formula.op == "$or":
        out: list[Json] = []
        for branch in formula.parts:
            split = match_expressions(branch, context)
            if split is None:
                return None
            out.extend(split)
        return out
    return None


GUARD: Json = {"$nex": {"$s": 1}}
AS_OF = "as_of"
FIRED, UNDETERMINED = "fired", "undetermined"


def date_number(day: Any) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def rule_matches(condition: Cond, in_force_from: Any, in_force_to: Any,
                 always: frozenset[str] = frozenset()) -> list[tuple[str, Json]] | None:
    """(status, match expression) durable rules for one rulebook rule; None if too large.

    Every expression carries the in-force window on the as-of date and a guard
    so that the engine's own state fact (which has ``$s``) never matches. A
    condition over facts every screening has (``always``) gets no "unknown" rule.
    """
    window: list[Json] = [{"$gte": {AS_OF: date_number(in_force_from)}}]
    if in_force_to is not None:
        window.append({"$lte": {AS_OF: date_number(in_force_to)}})
    holds, _, unknown = tests(condition, always)
    out: list[tuple[str, Json]] = []
    for status, formula in ((FIRED, holds), (UNDETERMINED, unknown)):
        if formula == NEVER:
            continue
        matches = match_expressions(formula, [*window, GUARD])
        if matches is None:
            return None
        out.extend((status, m) for m in matches)
    return out
