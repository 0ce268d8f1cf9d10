"""The rulebook compiled with the parameter values in force written into its conditions.

A rule such as ``coal.replacement_ratio < param.energy.coal_replacement_ratio``
compares a fact with a number that is the same for every screening on the same
dates and overlay. Asserted as a fact, each such number is one more property that
durable_rules parses and probes at every alpha node a proposal reaches, and the
comparison is a field-to-field test that only the beta network can decide. With
the value written in (``coal.replacement_ratio < 1.2``) the test is an ordinary
alpha test and the fact is smaller: the engine does a fifth less work
(bench/instructions.py).

Only plain parameters are written in. A keyed one (``two_high.capacity_ratio`` by
两高 type) depends on the proposal and stays a fact. A parameter with no value in
force stays a field that is never asserted, so the rules that need it stay
undetermined and refer, as before. The engine registers one such ruleset per set
of values it meets (a handful of dated epochs and overlays in practice) and falls
back to the general ruleset, where parameters are facts, past a limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screening.engine.compiler import rule_matches
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import (
    FLIP,
    Arith,
    Compare,
    Cond,
    Const,
    Field,
    In,
    Not,
    Operand,
    Truth,
    value_of,
)

Match = tuple[str, str, dict[str, Any]]  # (rulebook rule id, fired|undetermined, expression)


def inlined_parameters(rulebook: Rulebook) -> tuple[str, ...]:
    """The plain (not keyed) parameters some rule reads, in a fixed order."""
    read = {name for rule in rulebook.rules for name in rule.fields}
    return tuple(sorted(name for name, param in rulebook.parameters.items()
                        if name in read and param.base.keyed_by is None))


def _operand(node: Operand, values: Mapping[str, Any]) -> Operand:
    if isinstance(node, Field):
        value = values.get(node.name)
        return Const(value) if value is not None else node
    if isinstance(node, Arith):
        folded = Arith(node.op, _operand(node.left, values), _operand(node.right, values))
        if isinstance(folded.left, Const) and isinstance(folded.right, Const):
            return Const(value_of(folded, {}))
        return folded
    return node


class Unwritable(Exception):
    """A comparison whose parameter cannot be written in as a durable_rules alpha test."""


def substitute(node: Cond, values: Mapping[str, Any]) -> Cond:
    """``node`` with every parameter that has a value in ``values`` replaced by it.

    A parameter on the left (``param.x > coal.new_tce``) is written in by turning
    the comparison round (``coal.new_tce < 1.2``); where the other side is not a
    single field (arithmetic, or another parameter) it cannot be, and ``Unwritable``
    says so: the engine then keeps the general ruleset for these values.
    """
    if isinstance(node, Compare):
        right = _operand(node.right, values)
        left_value = values.get(node.left.name)
        if left_value is None:
            return node if right is node.right else Compare(node.op, node.left, right)
        if not isinstance(right, Field):
            raise Unwritable(node.left.name)
        return Compare(FLIP[node.op], right, Const(left_value))
    if isinstance(node, In | Truth):
        return node
    if isinstance(node, Not):
        return Not(substitute(node.child, values))
    return type(node)(tuple(substitute(child, values) for child in node.children))


def specialised_matches(rulebook: Rulebook, values: Mapping[str, Any]) -> list[Match] | None:
    """Every rule's durable match expressions with ``values`` written in.

    Rules that read none of the parameters keep the expressions the loader compiled.
    Writing a number in never makes a condition larger, so every rule still fits;
    None if one did not (the engine then keeps the general ruleset for these values).
    """
    always = frozenset(name for name, spec in rulebook.fields.items() if spec.always)
    out: list[Match] = []
    for rule in rulebook.rules:
        matches: Any = rule.matches
        if any(values.get(name) is not None for name in rule.fields):
            try:
                condition = substitute(rule.condition, values)
            except Unwritable:
                return None
            matches = rule_matches(condition, rule.in_force_from, rule.in_force_to, always)
            if matches is None:
                return None
        out.extend((rule.id, status, match) for status, match in matches)
    return out
