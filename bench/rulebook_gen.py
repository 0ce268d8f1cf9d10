"""A generated rulebook of any size: the real rules folder plus synthetic rules.

The synthetic rules are valid policy data as the loader demands it: they cite real
clauses, read real facts, compare numbers only with parameters or 0, and carry
bilingual titles and messages naming the facts they read. Their conditions mix
comparisons, true/false facts, enumerations, ``not``, ``and``/``or`` and
in-force windows; each is scoped to one industry division, as real sector rules
concern one kind of project, so a proposal meets a few dozen of them, not hundreds. Used by
bench/rulebook.py and by the scale test.
"""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from screening.engine.compiler import rule_matches
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import BOOL, ENUM, NUMBER, Parser

ROOT = Path(__file__).resolve().parent.parent
IN_FORCE = [None, "2022-03-01", "2022-07-01", "2023-01-01"]
UNTIL = [None, None, None, "2023-06-30"]
EFFECTS = ["reject", "refer", "condition", "note"]


def _numeric(book: Rulebook, name: str) -> bool:
    """A parameter whose values are numbers (not dates), plain or by key."""
    layered = book.parameters.get(name)
    if layered is None:
        return False
    values = list(layered.base.values.values())
    values = [v for value in values for v in (value.values() if isinstance(value, dict)
                                                 else [value])]
    return bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool)
                                for v in values)


def _atoms(book: Rulebook) -> tuple[list[str], list[str], list[str]]:
    """(numeric facts, parameters, true/false facts) the synthetic rules may read."""
    numbers = sorted(n for n, s in book.fields.items()
                     if s.kind == NUMBER and not n.startswith("param."))
    params = sorted(n for n, s in book.fields.items()
                    if s.kind == NUMBER and n.startswith("param.") and _numeric(book, n))
    bools = sorted(n for n, s in book.fields.items() if s.kind == BOOL)
    return numbers, params, bools


def _condition(book: Rulebook, rng: random.Random) -> str:
    numbers, params, bools = _atoms(book)
    enums = sorted(n for n, s in book.fields.items() if s.kind == ENUM and s.values)

    def atom() -> str:
        kind = rng.random()
        if kind < 0.45:
            field = rng.choice(numbers)
            op = rng.choice(["<", "<=", ">", ">=", "!="])
            right = rng.choice(params) if rng.random() < 0.6 else "0"
            return f"{field} {op} {right}"
        if kind < 0.75:
            field = rng.choice(bools)
            return field if rng.random() < 0.7 else f"not {field}"
        field = rng.choice(enums)
        values = book.fields[field].values
        if rng.random() < 0.5:
            return f"{field} == '{rng.choice(values)}'"
        chosen = rng.sample(values, k=min(len(values), rng.randint(1, 3)))
        listed = ", ".join(f"'{v}'" for v in chosen)
        return f"{field} {'not in' if rng.random() < 0.3 else 'in'} [{listed}]"

    parts = [atom() for _ in range(rng.randint(1, 3))]
    if len(parts) == 3 and rng.random() < 0.4:
        parts = [parts[0], f"({parts[1]} or {parts[2]})"]
    # each rule concerns one industry, as real sector rules do
    division = rng.choice(sorted(book.catalogues.industries.divisions))
    parts.insert(0, f"industry.division == '{division}'")
    return " and ".join(parts)


def synthetic_rules(book: Rulebook, count: int, seed: int = 2022) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    clauses = sorted(book.clauses)
    rules = []
    parser = Parser(book.fields)
    for index in range(count):
        when = _condition(book, rng)
        while rule_matches(parser.parse(when), date(2022, 1, 1), None) is None:
            when = _condition(book, rng)  # too large for one durable_rules rule
        read = [w for w in when.replace("(", " ").replace(")", " ").split()
                if w in book.fields]
        shown = " ".join(f"{name}={{{name}}}" for name in dict.fromkeys(read))
        rule: dict[str, Any] = {
            "id": f"generated.rule-{index:05d}",
            "title": {"zh": f"生成规则 {index}", "en": f"Generated rule {index}"},
            "clause": rng.choice(clauses),
            "effect": rng.choice(EFFECTS),
            "when": when,
            "message": {"zh": f"生成规则 {index}：{shown}",
                        "en": f"Generated rule {index}: {shown}"},
        }
        start, until = rng.choice(IN_FORCE), rng.choice(UNTIL)
        if start or until:
            rule["in_force"] = {k: v for k, v in (("from", start), ("to", until)) if v}
        rules.append(rule)
    return rules


def write_rulebook(target: Path, book: Rulebook, total: int, seed: int = 2022) -> int:
    """Copy the real rules to ``target`` and add synthetic rules up to ``total`` rules."""
    shutil.copytree(Path(book.root), target, dirs_exist_ok=True)
    extra = max(0, total - len(book.rules))
    document = {"description": {"zh": "生成的规则（性能测试用）",
                                "en": "Generated rules (for scale tests)"},
                "rules": synthetic_rules(book, extra, seed)}
    (target / "generated").mkdir(exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (target / "generated" / "bulk.yaml").write_text(
        yaml.dump(document, allow_unicode=True, sort_keys=False, Dumper=dumper),
        encoding="utf-8")
    return extra
