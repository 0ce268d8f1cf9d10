"""A condition's three-valued evaluation compiled to one Python function, once per rule.

``conditions.evaluate`` walks the tree on every call, and ``unknown_fields``
evaluates every subtree again on its way down. The decision builder asks both of
many rules for every proposal (which facts an undetermined rule misses; whether a
rule the plan's end stopped would have concerned the proposal), so each rule's
condition is written out here as straight-line code: every node's value computed
once, children before their parent and in the same order as ``evaluate`` computes
them (so the same values come out and the same errors are raised), then the
walk of ``unknown_fields`` as one test per leaf (a leaf is searched when it and
every node above it are unknown). ``evaluate`` stays the oracle: the tests hold
both to the same answers on every rule and on generated conditions.
The code is kept in the user's cache (``cachefiles.compiled``): a rule first needed
late in a batch costs a cache read, not a parse and compile of its text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from screening.cachefiles import compiled
from screening.rulebook.conditions import (
    And,
    Arith,
    Compare,
    Cond,
    Const,
    Field,
    In,
    Not,
    Operand,
    Or,
    Truth,
    fields_of,
)

Evaluator = Callable[[Mapping[str, Any]], Any]
_OPS = {"<", "<=", ">", ">=", "==", "!="}
_ARITH = {"+", "-", "*"}


class _Writer:
    """Writes the statements computing a condition's node values into ``lines``."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.consts: list[Any] = []
        self.count = 0
        #: leaves in the order ``unknown_fields`` visits them: (the nodes above and the
        #: leaf's own variable, the fields it reads)
        self.leaves: list[tuple[list[str], list[str]]] = []

    def _var(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def _const(self, value: Any) -> str:
        self.consts.append(value)
        return f"C[{len(self.consts) - 1}]"

    def operand(self, node: Operand) -> str:
        """A variable holding ``value_of(node)``."""
        var = self._var("v")
        if isinstance(node, Const):
            self.lines.append(f"{var} = {self._const(node.value)}")
        elif isinstance(node, Field):
            self.lines.append(f"{var} = g({node.name!r})")
        elif isinstance(node, Arith) and node.op in _ARITH:
            left, right = self.operand(node.left), self.operand(node.right)
            self.lines.append(f"{var} = None if {left} is None or {right} is None "
                              f"else {left} {node.op} {right}")
        else:
            raise TypeError(f"not an operand: {node!r}")
        return var

    def cond(self, node: Cond, above: list[str]) -> str:
        """A variable holding ``evaluate(node)``; ``above``: the variables of its ancestors."""
        var = self._var("r")
        path = [*above, var]
        if isinstance(node, Compare) and node.op in _OPS:
            left, right = self.operand(node.left), self.operand(node.right)
            self.lines.append(f"{var} = None if {left} is None or {right} is None "
                              f"else {left} {node.op} {right}")
        elif isinstance(node, In):
            value = self.operand(node.field)
            self.lines.append(f"{var} = None if {value} is None "
                              f"else ({value} in {self._const(node.values)}) != {node.negated!r}")
        elif isinstance(node, Truth):
            value = self.operand(node.field)
            self.lines.append(f"{var} = None if {value} is None else bool({value})")
        elif isinstance(node, Not):
            child = self.cond(node.child, path)
            self.lines.append(f"{var} = None if {child} is None else not {child}")
            return var
        elif isinstance(node, And | Or):
            children = ", ".join(self.cond(child, path) for child in node.children)
            results = self._var("t")
            self.lines.append(f"{results} = ({children},)" if children else f"{results} = ()")
            if isinstance(node, And):
                self.lines.append(f"{var} = False if False in {results} "
                                  f"else None if None in {results} else True")
            else:
                self.lines.append(f"{var} = True if True in {results} "
                                  f"else None if None in {results} else False")
            return var
        else:
            raise TypeError(f"not a condition: {node!r}")
        self.leaves.append((path, fields_of(node)))
        return var


def compile_condition(node: Cond) -> tuple[Evaluator, Callable[[Mapping[str, Any]], list[str]]]:
    """(``evaluate(node, facts)``, ``unknown_fields(node, facts)``) as two compiled functions."""
    writer = _Writer()
    root = writer.cond(node, [])
    body = ["    " + line for line in writer.lines]
    source = ["def evaluate(facts):", "    g = facts.get", *body, f"    return {root}",
              "def unknown(facts):", "    g = facts.get", *body, "    out = []"]
    for path, names in writer.leaves:
        source.append(f"    if {' is None and '.join(path)} is None:")
        for name in names:
            source.append(f"        if g({name!r}) is None and {name!r} not in out: "
                          f"out.append({name!r})")
    source.append("    return out")
    namespace: dict[str, Any] = {"C": writer.consts}
    exec(compiled("\n".join(source), "<compiled condition>"), namespace)
    return namespace["evaluate"], namespace["unknown"]


def compile_not_false(nodes: list[Cond]) -> Callable[[Mapping[str, Any]], list[int]]:
    """One function: the positions of the conditions of ``nodes`` that are not False on
    the facts (``[i for i, n in enumerate(nodes) if evaluate(n, facts) is not False]``)."""
    writer = _Writer()
    source = ["def not_false(facts):", "    g = facts.get", "    out = []"]
    for index, node in enumerate(nodes):
        writer.lines = []
        root = writer.cond(node, [])
        source += ["    " + line for line in writer.lines]
        source.append(f"    if {root} is not False: out.append({index})")
    source.append("    return out")
    namespace: dict[str, Any] = {"C": writer.consts}
    exec(compiled("\n".join(source), "<compiled conditions>"), namespace)
    function: Callable[[Mapping[str, Any]], list[int]] = namespace["not_false"]
    return function


class CompiledConditions:
    """Each rule's compiled condition, compiled the first time it is asked for."""

    def __init__(self) -> None:
        self._compiled: dict[int, tuple[Cond, Evaluator, Callable[..., list[str]]]] = {}

    def _get(self, node: Cond) -> tuple[Cond, Evaluator, Callable[..., list[str]]]:
        found = self._compiled.get(id(node))
        if found is None or found[0] is not node:
            found = self._compiled[id(node)] = (node, *compile_condition(node))
        return found

    def evaluate(self, node: Cond, facts: Mapping[str, Any]) -> bool | None:
        """``conditions.evaluate(node, facts)``."""
        result: bool | None = self._get(node)[1](facts)
        return result

    def unknown(self, node: Cond, facts: Mapping[str, Any]) -> list[str]:
        """``conditions.unknown_fields(node, facts)``."""
        return self._get(node)[2](facts)
