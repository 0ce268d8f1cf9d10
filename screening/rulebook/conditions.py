"""The condition language of rule files: parse, type-check, evaluate, compile.

A condition is a Python-looking expression that policy staff can read::

    pred.new_two_high and coal.new_tce > 0 and coal.replacement_ratio < param.two_high.coal_ratio

It is parsed with :mod:`ast` and only comparisons, ``and``/``or``/``not``,
membership in a literal list and ``+ - *`` on fields are accepted; nothing is
ever ``eval``-ed. Numbers other than 0 are refused: they belong in parameter files.

Conditions are three-valued: a fact the proposal does not give is *unknown*, and
a rule whose condition is unknown makes the proposal "refer", never "approve".
The same tree is evaluated in Python (the oracle and "why not" explainer) and
compiled to durable_rules for the engine, as three positive tests: holds, fails
and unknown.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from screening.errors import Problem, did_you_mean

NUMBER, BOOL, ENUM, TEXT = "number", "bool", "enum", "text"


@dataclass(frozen=True)
class FieldSpec:
    """What a condition may assume about a fact field."""

    kind: str
    values: tuple[str, ...] = ()
    unit: str = ""
    label_zh: str = ""
    label_en: str = ""
    #: every screening has this fact (a required field or a flag derive always sets)
    always: bool = False
    #: the catalogue list a derived fact is worked out from (its confidence is the fact's)
    catalogue: str | None = None


# --- the tree -----------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    name: str


@dataclass(frozen=True)
class Const:
    value: Any


@dataclass(frozen=True)
class Arith:
    op: str
    left: Operand
    right: Operand


Operand = Field | Const | Arith


@dataclass(frozen=True)
class Compare:
    op: str
    left: Field
    right: Operand


@dataclass(frozen=True)
class In:
    field: Field
    values: tuple[Any, ...]
    negated: bool = False


@dataclass(frozen=True)
class Truth:
    field: Field


@dataclass(frozen=True)
class Not:
    child: Cond


@dataclass(frozen=True)
class And:
    children: tuple[Cond, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Cond, ...]


Cond = Compare | In | Truth | Not | And | Or

_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}


class ConditionError(Exception):
    """A condition that cannot be accepted; ``expected`` says what would be."""

    def __init__(self, message: str, expected: str | None = None,
                 suggestion: str | None = None) -> None:
        super().__init__(message)
        self.expected = expected
        self.suggestion = suggestion

    def problem(self, **where: Any) -> Problem:
        return Problem(str(self), expected=self.expected, suggestion=self.suggestion, **where)


# --- parsing ------------------------------------------------------------------

def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


#: nested and/or/not levels a condition may have (with its predicates); far past what
#: durable_rules' 31-entry expressions can hold, well within Python's recursion
MAX_NESTING = 50
#: characters in one condition's text
MAX_LENGTH = 20_000


def nesting(cond: Cond) -> int:
    """How many and/or/not levels deep ``cond`` is (without recursion)."""
    deepest, stack = 0, [(cond, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, And | Or):
            stack.extend((child, depth + 1) for child in node.children)
        elif isinstance(node, Not):
            stack.append((node.child, depth + 1))
    return deepest


class Parser:
    """Parses condition text against known fields, parameters and predicates."""

    def __init__(self, fields: Mapping[str, FieldSpec],
                 predicates: Mapping[str, Cond] | None = None,
                 lists: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self.fields = fields
        self.predicates = predicates or {}
        self.lists = lists or {}

    def parse(self, text: str) -> Cond:
        if len(text) > MAX_LENGTH:
            raise ConditionError(f"condition is {len(text):,} characters long",
                                 expected=f"at most {MAX_LENGTH:,}: split it into predicates")
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            raise ConditionError(f"cannot parse condition: {exc.msg} at column {exc.offset}",
                                 expected="an expression such as `a.b < param.x and c == '新建'`"
                                 ) from None
        except (RecursionError, MemoryError):
            raise ConditionError("cannot parse condition: it nests too deep",
                                 expected=f"at most {MAX_NESTING} nested and/or/not") from None
        cond = self._cond(tree.body, 0)
        if nesting(cond) > MAX_NESTING:  # predicates inside predicates add up
            raise ConditionError(f"condition nests {nesting(cond)} and/or/not deep with its "
                                 "predicates", expected=f"at most {MAX_NESTING}")
        return cond

    def _cond(self, node: ast.expr, depth: int) -> Cond:
        if depth > MAX_NESTING:
            raise ConditionError("condition nests too deep",
                                 expected=f"at most {MAX_NESTING} nested and/or/not (durable_rules "
                                          "and the explainer walk conditions recursively)")
        if isinstance(node, ast.BoolOp):
            children = tuple(self._cond(v, depth + 1) for v in node.values)
            return And(children) if isinstance(node.op, ast.And) else Or(children)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return Not(self._cond(node.operand, depth + 1))
        if isinstance(node, ast.Compare):
            return self._compare(node)
        name = _dotted(node)
        if name is not None:
            if name.startswith("pred."):
                key = name[len("pred."):]
                if key not in self.predicates:
                    raise ConditionError(f"unknown predicate '{name}'",
                                         expected="a name from rules/predicates.yaml",
                                         suggestion=_suggest(name, self._pred_names()))
                return self.predicates[key]
            spec = self._field(name)
            if spec.kind != BOOL:
                raise ConditionError(f"'{name}' is a {spec.kind}, not true/false",
                                     expected=f"a comparison such as `{name} == ...`")
            return Truth(Field(name))
        raise ConditionError(f"'{ast.unparse(node)}' is not a condition",
                             expected="a comparison, `in [...]`, a true/false fact, and/or/not")

    def _pred_names(self) -> list[str]:
        return [f"pred.{k}" for k in self.predicates]

    def _field(self, name: str) -> FieldSpec:
        if name not in self.fields:
            raise ConditionError(f"unknown fact or parameter '{name}'",
                                 expected="a fact field, a derived fact or param.<file>.<name>",
                                 suggestion=_suggest(name, self.fields))
        return self.fields[name]

    def _compare(self, node: ast.Compare) -> Cond:
        if len(node.ops) != 1:
            raise ConditionError("chained comparisons are not allowed",
                                 expected="`a < b and b < c`")
        op_node, right_node = node.ops[0], node.comparators[0]
        if isinstance(op_node, ast.In | ast.NotIn):
            return self._membership(node.left, right_node, isinstance(op_node, ast.NotIn))
        if type(op_node) not in _CMP:
            raise ConditionError(f"operator '{type(op_node).__name__}' is not allowed",
                                 expected="< <= > >= == != in, not in")
        op = _CMP[type(op_node)]
        left, right = self._operand(node.left), self._operand(right_node)
        if not isinstance(left, Field):
            if not isinstance(right, Field):
                raise ConditionError("one side of a comparison must be a single fact field",
                                     expected="`field < expression`")
            left, right, op = right, left, FLIP[op]
        self._check_types(op, left, right)
        return Compare(op, left, right)

    def _membership(self, left_node: ast.expr, right_node: ast.expr, negated: bool) -> Cond:
        left = self._operand(left_node)
        if not isinstance(left, Field):
            raise ConditionError("the left of `in` must be a fact field")
        spec = self._field(left.name)
        listed = _dotted(right_node)
        if listed is not None and listed.startswith("catalogue."):
            key = listed[len("catalogue."):]
            if key not in self.lists:
                raise ConditionError(f"unknown catalogue list '{listed}'",
                                     expected="a file rules/catalogues/<name>.yaml with entries",
                                     suggestion=_suggest(key, self.lists))
            for value in self.lists[key]:
                self._check_value(left.name, spec, value)
            return In(left, tuple(self.lists[key]), negated)
        if not isinstance(right_node, ast.List | ast.Tuple):
            raise ConditionError("`in` needs a literal list or catalogue.<name>",
                                 expected="`field in ['a', 'b']`")
        values = []
        for element in right_node.elts:
            if not isinstance(element, ast.Constant) or not isinstance(element.value, str):
                raise ConditionError("`in` lists hold quoted text values only")
            self._check_value(left.name, spec, element.value)
            values.append(element.value)
        return In(left, tuple(values), negated)

    def _operand(self, node: ast.expr) -> Operand:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool | str):
                return Const(value)
            if isinstance(value, int | float):
                if value != 0:
                    raise ConditionError(
                        f"the number {value} is written into the condition",
                        expected="a named parameter `param.<file>.<name>` defined under "
                                 "rules/parameters/ with its source and dates")
                return Const(0)
            raise ConditionError(f"constant {value!r} is not allowed")
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _ARITH:
                raise ConditionError(f"arithmetic '{ast.unparse(node)}' is not allowed",
                                     expected="only + - * (ratios are derived facts)")
            left, right = self._operand(node.left), self._operand(node.right)
            for side in (left, right):
                if isinstance(side, Field) and self._field(side.name).kind != NUMBER:
                    raise ConditionError(f"'{side.name}' is not a number")
            return Arith(_ARITH[type(node.op)], left, right)
        name = _dotted(node)
        if name is None:
            raise ConditionError(f"'{ast.unparse(node)}' is not a fact, parameter or value")
        self._field(name)
        return Field(name)

    def _check_types(self, op: str, left: Field, right: Operand) -> None:
        spec = self._field(left.name)
        if op in ("<", "<=", ">", ">="):
            if spec.kind != NUMBER:
                raise ConditionError(f"'{left.name}' is a {spec.kind}; it cannot be ordered",
                                     expected="a number field on each side")
            if isinstance(right, Const) and not isinstance(right.value, int | float):
                raise ConditionError(f"'{left.name}' compared with {right.value!r}",
                                     expected="a number")
            if isinstance(right, Field) and self._field(right.name).kind != NUMBER:
                raise ConditionError(f"'{right.name}' is not a number")
            return
        if isinstance(right, Const):
            self._check_value(left.name, spec, right.value)
        elif isinstance(right, Field):
            other = self._field(right.name)
            if other.kind != spec.kind:
                raise ConditionError(f"'{left.name}' ({spec.kind}) compared with "
                                     f"'{right.name}' ({other.kind})")

    def _check_value(self, name: str, spec: FieldSpec, value: Any) -> None:
        if spec.kind == BOOL:
            if not isinstance(value, bool):
                raise ConditionError(f"'{name}' is true/false, not {value!r}",
                                     expected="True or False")
        elif spec.kind == NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConditionError(f"'{name}' is a number, not {value!r}")
        elif not isinstance(value, str):
            raise ConditionError(f"'{name}' is text, not {value!r}", expected="a quoted value")
        elif spec.kind == ENUM and value not in spec.values:
            raise ConditionError(f"'{value}' is not a value of '{name}'",
                                 expected="one of " + ", ".join(spec.values),
                                 suggestion=did_you_mean(value, spec.values))


def _suggest(name: str, choices: Any) -> str | None:
    return did_you_mean(name, list(choices))


# --- analysis -----------------------------------------------------------------

def fields_of(node: Cond | Operand) -> list[str]:
    """Every field a condition reads, in order of first appearance."""
    out: list[str] = []

    def walk(n: Any) -> None:
        if isinstance(n, Field):
            if n.name not in out:
                out.append(n.name)
        elif isinstance(n, Arith | Compare):
            walk(n.left)
            walk(n.right)
        elif isinstance(n, In | Truth):
            walk(n.field)
        elif isinstance(n, Not):
            walk(n.child)
        elif isinstance(n, And | Or):
            for child in n.children:
                walk(child)

    walk(node)
    return out


# --- three-valued evaluation (the oracle) --------------------------------------

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def value_of(node: Operand, facts: Mapping[str, Any]) -> Any:
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Field):
        return facts.get(node.name)
    left, right = value_of(node.left, facts), value_of(node.right, facts)
    if left is None or right is None:
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    return left * right


def evaluate(node: Cond, facts: Mapping[str, Any]) -> bool | None:
    """True, False, or None when a fact it needs is unknown (Kleene logic)."""
    if isinstance(node, Compare):
        left, right = value_of(node.left, facts), value_of(node.right, facts)
        if left is None or right is None:
            return None
        return _OPS[node.op](left, right)
    if isinstance(node, In):
        value = facts.get(node.field.name)
        if value is None:
            return None
        return (value in node.values) != node.negated
    if isinstance(node, Truth):
        value = facts.get(node.field.name)
        return None if value is None else bool(value)
    if isinstance(node, Not):
        inner = evaluate(node.child, facts)
        return None if inner is None else not inner
    results = [evaluate(child, facts) for child in node.children]
    if isinstance(node, And):
        if False in results:
            return False
        return None if None in results else True
    if True in results:
        return True
    return None if None in results else False


def unknown_fields(node: Cond, facts: Mapping[str, Any]) -> list[str]:
    """The absent facts that leave a condition undecided, in order of appearance.

    Only the parts that are themselves unknown are searched, so a fact under a
    branch already decided (e.g. the 两高 test of a project that is not 两高) is
    not reported as missing.
    """
    out: list[str] = []

    def walk(n: Cond) -> None:
        if evaluate(n, facts) is not None:
            return
        if isinstance(n, Not):
            walk(n.child)
        elif isinstance(n, And | Or):
            for child in n.children:
                walk(child)
        else:
            for name in fields_of(n):
                if facts.get(name) is None and name not in out:
                    out.append(name)

    walk(node)
    return out
