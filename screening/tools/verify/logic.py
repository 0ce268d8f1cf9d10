"""A rule condition as two solver formulas, *holds* and *fails*, with Kleene's logic.

The same three values as the engine: a comparison, membership or true/false fact
holds or fails only when every fact it reads is given; ``not`` swaps holds and
fails; ``and`` holds when all hold and fails when one fails; ``or`` the reverse.
Whatever is neither is unknown, which makes a rule refer. Also: the dates on
which parameters or rules change, so parameters can be taken as in force.
"""

from __future__ import annotations

from datetime import date, timedelta

import z3

from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import (
    And,
    Arith,
    Compare,
    Cond,
    Const,
    Field,
    In,
    Not,
    Or,
    Truth,
)
from screening.tools.verify.space import Space, any_of

_OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}


def _term(node: Field | Const | Arith, space: Space) -> tuple[list[z3.BoolRef], z3.ExprRef]:
    """(facts that must be given, value) of an operand."""
    if isinstance(node, Const):
        return [], space.const(node.value)
    if isinstance(node, Field):
        given, value = space.fact(node.name)
        return [given], value
    left_given, left = _term(node.left, space)
    right_given, right = _term(node.right, space)
    value = left + right if node.op == "+" else left - right if node.op == "-" else left * right
    return [*left_given, *right_given], value


def encode(node: Cond, space: Space) -> tuple[z3.BoolRef, z3.BoolRef]:
    """(holds, fails) of a condition over the space's variables."""
    if isinstance(node, Compare):
        left_given, left = _term(node.left, space)
        right_given, right = _term(node.right, space)
        given = z3.And([*left_given, *right_given])
        test = _OPS[node.op](left, right)
        return z3.And(given, test), z3.And(given, z3.Not(test))
    if isinstance(node, In):
        given, value = space.fact(node.field.name)
        inside = any_of([value == space.const(v) for v in node.values])
        if node.negated:
            inside = z3.Not(inside)
        return z3.And(given, inside), z3.And(given, z3.Not(inside))
    if isinstance(node, Truth):
        given, value = space.fact(node.field.name)
        return z3.And(given, value), z3.And(given, z3.Not(value))
    if isinstance(node, Not):
        holds, fails = encode(node.child, space)
        return fails, holds
    parts = [encode(child, space) for child in node.children]
    holds = [h for h, _ in parts]
    fails = [f for _, f in parts]
    if isinstance(node, And):
        return z3.And(holds), any_of(fails)
    assert isinstance(node, Or)
    return any_of(holds), z3.And(fails)


def epochs(rulebook: Rulebook) -> list[date]:
    """First days of the periods within which no rule window and no parameter changes."""
    if not rulebook.rules:
        return []
    start = min(rule.in_force_from for rule in rulebook.rules)
    days = {start}
    for rule in rulebook.rules:
        days.add(rule.in_force_from)
        if rule.in_force_to is not None:
            days.add(rule.in_force_to + timedelta(days=1))
    for layered in rulebook.parameters.values():
        for _, param, _ in ((None, layered.base, None), *layered.layers):
            days.update(param.values)
    return sorted(d for d in days if d >= start)
