"""How a rule's condition reads to policy staff: its text, and its named predicates.

The engine runs conditions with predicates already inlined; explanations and
static checks show them as written (``pred.new_two_high``) by matching the parsed
predicate trees against sub-trees of each rule's condition. Nothing here changes
what a condition means.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.facts.yamlio import read_document
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import (
    And,
    Compare,
    Cond,
    ConditionError,
    Const,
    Field,
    In,
    Not,
    Operand,
    Or,
    Parser,
    Truth,
)
from screening.rulebook.models import PredicateFile, Text

_ARITH_RANK = {"+": 1, "-": 1, "*": 2}


@dataclass(frozen=True)
class NamedPredicate:
    name: str
    condition: Cond
    description: Text
    when: str


def operand_text(node: Operand, rank: int = 0) -> str:
    if isinstance(node, Field):
        return node.name
    if isinstance(node, Const):
        return repr(node.value)
    mine = _ARITH_RANK[node.op]
    right_rank = mine + 1 if node.op in "-" else mine
    text = f"{operand_text(node.left, mine)} {node.op} {operand_text(node.right, right_rank)}"
    return f"({text})" if mine < rank else text


def condition_text(node: Cond, names: dict[Cond, str] | None = None, top: bool = True) -> str:
    """The condition as an expression; sub-trees that are named predicates as ``pred.x``."""
    if names and not top and node in names:
        return names[node]
    if isinstance(node, Compare):
        return f"{node.left.name} {node.op} {operand_text(node.right)}"
    if isinstance(node, In):
        values = ", ".join(repr(v) for v in node.values)
        return f"{node.field.name} {'not in' if node.negated else 'in'} [{values}]"
    if isinstance(node, Truth):
        return node.field.name
    if isinstance(node, Not):
        inner = condition_text(node.child, names, top=False)
        wrap = isinstance(node.child, And | Or) and not (names and node.child in names)
        return f"not ({inner})" if wrap else f"not {inner}"
    joiner = " and " if isinstance(node, And) else " or "
    parts = []
    for child in node.children:
        text = condition_text(child, names, top=False)
        named = names is not None and child in names
        if isinstance(node, And) and isinstance(child, Or) and not named:
            text = f"({text})"
        parts.append(text)
    return joiner.join(parts)


def subconditions(node: Cond) -> Iterator[Cond]:
    """Every node of a condition tree, parents first."""
    yield node
    if isinstance(node, Not):
        yield from subconditions(node.child)
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from subconditions(child)


def named_predicates(rulebook: Rulebook) -> dict[str, NamedPredicate]:
    """The predicates of ``rules/predicates.yaml`` (and ``predicates-*.yaml``), parsed as
    the loader parses them; one that refers to a predicate of a later file is parsed
    once that one is."""
    root = Path(rulebook.root)
    paths = [root / "predicates.yaml", *sorted(root.glob("predicates-*.yaml"))]
    pending: dict[str, Any] = {}
    for path in paths:
        if not path.is_file():
            continue
        data, _, problems = read_document(path)
        if not problems:
            pending.update(PredicateFile.model_validate(data).predicates)
    lists = {name: tuple(cat.entries) for name, cat in rulebook.catalogues.lists.items()}
    parsed: dict[str, Cond] = {}
    out: dict[str, NamedPredicate] = {}
    while pending:
        progress = False
        for key, pred in list(pending.items()):
            try:
                parsed[key] = Parser(rulebook.fields, parsed, lists).parse(pred.when)
            except ConditionError:
                continue
            out[key] = NamedPredicate(f"pred.{key}", parsed[key], pred.description, pred.when)
            del pending[key]
            progress = True
        if not progress:
            break
    return out


def predicate_names(predicates: dict[str, NamedPredicate]) -> dict[Cond, str]:
    """Condition tree → ``pred.name``, for the predicates that are compound conditions."""
    return {p.condition: p.name for p in predicates.values()}

