"""Rulebooks durable_rules cannot register or run are split or refused, naming the rule, by
`rules check` and by the engine before it registers them: the limits measured by
bench/durable_limits.py, held at their exact edge against durable_rules itself."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from screening.engine.compiler import rule_matches
from screening.engine.durable import DurableEngine
from screening.engine.limits import (
    HASH_CHILDREN,
    SAME_END,
    STACK,
    network_problems,
    shards,
)
from screening.errors import EngineError, RulebookError
from screening.facts.files import load_proposal
from screening.load import engine_problems, load_rulebook
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import NUMBER, FieldSpec, Parser
from screening.screen import Screener
from tests.clirun import run
from tests.paths import CASES, RULES

GUARD = {"$nex": {"$s": 1}}
RULE = """  - id: extra.r{i}
    title: {{zh: 额外规则 {i}, en: Extra rule {i}}}
    clause: 2.1.3/five-reductions
    effect: refer
    when: "{when}"
    message: {{zh: 额外, en: extra}}
"""


def _raw(matches: list[dict[str, object]]) -> list[tuple[str, str, object]]:
    return [(f"r{i}", "fired", {"$and": [GUARD, m]}) for i, m in enumerate(matches)]


def test_the_measured_limits_are_the_edges() -> None:
    """The figures bench/durable_limits.py measured: the largest that works passes."""
    members = [{"$or": [{"x": v} for v in range(n)]} for n in (HASH_CHILDREN,
                                                               HASH_CHILDREN + 1)]
    assert network_problems(_raw(members[:1])) == []
    assert "create_ruleset would hang" in network_problems(_raw(members[1:]))[0][1]
    pairs = [{"$and": [{"$gt": {"a": 0}}, {"$gt": {f"b{i}": 0}}]} for i in range(STACK + 1)]
    assert network_problems(_raw(pairs[:STACK])) == []
    assert "error 303" in network_problems(_raw(pairs))[0][1]
    same = [{"$gt": {"a": 0}}] * (SAME_END + 1)
    assert network_problems(_raw(same[:SAME_END])) == []
    assert "kills the process" in network_problems(_raw(same))[0][1]


def _compiled(count: int) -> list[tuple[str, str, object]]:
    fields = {"a": FieldSpec(NUMBER), **{f"b{i}": FieldSpec(NUMBER) for i in range(count)}}
    parser = Parser(fields)
    return [
        (f"rule{i}", status, match) for i in range(count)
        for status, match in rule_matches(parser.parse(f"a > 0 and b{i} > 0"),
                                          date(2022, 1, 28), None)]


def _durable_takes(definitions: list[tuple[str, str, object]], count: int) -> bool:
    import durable_rules_engine as engine

    ruleset = {f"r{k}": {"all": [{"m": m}]} for k, (_, _, m) in enumerate(definitions)}
    handle = engine.create_ruleset(f"limits_edge_{count}", json.dumps(ruleset))
    fact = {"sid": "1", "id": "p", "as_of": 20230101, "a": 1,
            **{f"b{i}": 1 for i in range(count)}}
    try:
        engine.assert_fact(handle, json.dumps(fact))
    except engine.error:
        return False
    return True


def test_the_bound_meets_durable_rules_at_the_edge() -> None:
    """`a > 0 and b_i > 0` compiled: 32 rules run in durable_rules, 33 fail every fact.

    The bound refuses 32 already: it counts one node more than durable_rules pushes
    here, so it is never more lenient than the engine, and at most one rule stricter.
    """
    assert network_problems(_compiled(31)) == [] and _durable_takes(_compiled(31), 31)
    [(rule, why)] = network_problems(_compiled(32))
    assert rule == "rule0" and "error 303" in why
    assert _durable_takes(_compiled(32), 32)
    assert network_problems(_compiled(33)) and not _durable_takes(_compiled(33), 33)


def _rulebook(tmp_path: Path, whens: list[str]) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    text = "description: {zh: 额外, en: Extra}\nrules:\n" + "".join(
        RULE.format(i=i, when=when) for i, when in enumerate(whens))
    (root / "industry" / "extra.yaml").write_text(text, encoding="utf-8")
    return root


def _refused(root: Path, text: str, rule: str = "extra.r") -> None:
    book = load_rulebook(root)  # every file is valid on its own
    [problem] = engine_problems(book.rules)
    assert text in problem.message and problem.file == "rules/industry/extra.yaml"
    assert problem.line is not None and problem.message.startswith(f"rule '{rule}"), problem
    code, _, err = run("rules", "check", "--rules", str(root), "--no-history")
    assert code == 2 and text in err
    with pytest.raises(EngineError, match="cannot run in durable_rules"):
        Screener(book).screen(load_proposal(CASES / "01-cement-clinker-line.yaml").proposal)


@pytest.mark.timeout(120)
def test_a_long_membership_list_is_refused_not_hung(tmp_path: Path) -> None:
    """600 codes in one rule: past the 511 next tests one node holds, alone in a ruleset."""
    codes = ", ".join(f"'{1000 + i}'" for i in range(600))
    _refused(_rulebook(tmp_path, [f"industry.code in [{codes}]"]), "create_ruleset would hang",
             "extra.r0")


@pytest.mark.timeout(180)
def test_the_membership_edge_on_the_real_rulebook(tmp_path: Path) -> None:
    """The longest `in [...]` list the check accepts registers and screens in durable_rules.

    (On the rulebook of 2026-12-01 morning: 328 codes ran and 329 hung, the check's
    edge exactly; the edge moves as rules are added, so it is searched for here.)
    """
    books: dict[int, Rulebook] = {}

    def book(count: int) -> Rulebook:
        if count not in books:
            codes = ", ".join(f"'{1000 + i}'" for i in range(count))
            books[count] = load_rulebook(_rulebook(tmp_path / str(count),
                                                   [f"industry.code in [{codes}]"]))
        return books[count]

    fits, fails = 1, HASH_CHILDREN + 1
    assert engine_problems(book(fits).rules) == [] and engine_problems(book(fails).rules)
    while fails - fits > 1:
        middle = (fits + fails) // 2
        if engine_problems(book(middle).rules):
            fails = middle
        else:
            fits = middle
    proposal = load_proposal(CASES / "01-cement-clinker-line.yaml").proposal
    assert Screener(book(fits)).screen(proposal).outcome == "reject"


@pytest.mark.timeout(120)
def test_many_rules_sharing_a_test_are_split_into_rulesets_that_fit(tmp_path: Path) -> None:
    """60 rules `coal.new_tce > 0 and x > 0` would push more than 64 nodes in one ruleset
    (every screening failing with error 303): the engine registers them in as many
    rulesets as fit, and decides as the Python evaluator does."""
    numbers = [name for name, spec in load_rulebook(RULES).fields.items()
               if spec.kind == NUMBER and not spec.always and not name.startswith("param.")]
    whens = [f"coal.new_tce > 0 and {name} > 0" for name in numbers if name != "coal.new_tce"]
    assert len(whens) >= 60
    book = load_rulebook(_rulebook(tmp_path, whens[:60]))
    definitions = [(rule.id, status, match) for rule in book.rules
                   for status, match in rule.matches]
    assert network_problems(definitions)  # one ruleset: 303
    assert engine_problems(book.rules) == []
    chunks = shards(definitions)
    assert len(chunks) >= 2 and sum(map(len, chunks)) == len(definitions)
    assert [d for chunk in chunks for d in chunk] == definitions  # rulebook order kept
    assert all(network_problems(chunk) == [] for chunk in chunks)
    engine = DurableEngine(book)
    assert len(engine.general().shards) == len(chunks)
    durable, python = Screener(book), Screener(book, engine="python")
    for case in sorted(CASES.glob("*.yaml"))[:40]:
        proposal = load_proposal(case).proposal
        ours, oracle = durable.screen(proposal), python.screen(proposal)
        assert ours.outcome == oracle.outcome, case.name
        assert ([(f.rule, f.status) for f in ours.findings]
                == [(f.rule, f.status) for f in oracle.findings]), case.name


def test_deeply_nested_not_is_a_clean_error(tmp_path: Path) -> None:
    root = _rulebook(tmp_path, ["not " * 2000 + "coal.new_tce > 0"])
    with pytest.raises(RulebookError) as caught:
        load_rulebook(root)
    [problem] = caught.value.problems
    assert "nests too deep" in problem.message and problem.line == 7  # its when:
    assert problem.file == "rules/industry/extra.yaml"
