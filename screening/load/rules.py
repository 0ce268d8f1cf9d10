"""Rule files: each rule compiled to durable_rules match expressions, checked against
the facts, the clause it cites and the strength of its texts, and against the
engine's measured limits."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from screening.engine.compiler import EXPRESSION_LIMIT, rule_matches
from screening.engine.limits import rulebook_problems
from screening.errors import Problem, did_you_mean
from screening.facts.yamlio import LineMap
from screening.load.loader import NOT_RULES, Loader
from screening.rulebook.basis import (
    catalogues_of,
    stronger_than_texts,
    unread_support,
)
from screening.rulebook.book import BasisCitation, CompiledRule
from screening.rulebook.conditions import Cond, ConditionError, FieldSpec, Parser, fields_of
from screening.rulebook.models import (
    ClauseRegistry,
    Confidence,
    Rule,
    RuleFile,
)


def _rule_files(root: Path) -> list[Path]:
    out = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if rel.parts[0] in NOT_RULES or rel.name == "predicates.yaml" \
                or rel.name.startswith("predicates-"):
            continue
        out.append(path)
    return out


def _substitute(text: str, variables: dict[str, str]) -> str:
    for name, value in variables.items():
        text = text.replace("${" + name + "}", value)
    return text


def load_rules(ld: Loader, root: Path, fields: dict[str, FieldSpec],
                predicates: dict[str, Cond], registry: ClauseRegistry | None,
                lists: dict[str, tuple[str, ...]]) -> list[CompiledRule]:
    rules: list[CompiledRule] = []
    seen: dict[str, str] = {}
    for path in _rule_files(root):
        loaded, lines = ld.read(path, RuleFile)
        if loaded is None:
            continue
        for index, rule in enumerate(loaded.rules):
            for variables in rule.for_each or [{}]:
                compiled = _compile_rule(ld, path, lines, index, rule, variables, fields,
                                         predicates, registry, lists)
                if compiled is None:
                    continue
                where = f"{ld.rel(path)}:{compiled.line}"
                if compiled.id in seen:
                    ld.problem(f"duplicate rule id '{compiled.id}' (first at {seen[compiled.id]})",
                               path, lines, ("rules", index, "id"),
                               expected="each rule id once in the whole rulebook")
                    continue
                seen[compiled.id] = where
                rules.append(compiled)
    return rules


def _compile_rule(ld: Loader, path: Path, lines: LineMap, index: int, rule: Rule,
                  variables: dict[str, str], fields: dict[str, FieldSpec],
                  predicates: dict[str, Cond], registry: ClauseRegistry | None,
                  lists: dict[str, tuple[str, ...]]) -> CompiledRule | None:
    loc = ("rules", index)
    rule_id = _substitute(rule.id, variables)
    ok = True
    if "${" in rule_id:
        ld.problem(f"rule id '{rule_id}' has an unexpanded ${{...}} variable", path, lines,
                   (*loc, "id"), expected="a for_each entry defining it")
        ok = False
    clause = registry.clauses.get(rule.clause) if registry else None
    if registry is not None and clause is None:
        ld.problem(f"unknown clause '{rule.clause}'", path, lines, (*loc, "clause"),
                   expected="a key of rules/policy/clauses.yaml",
                   suggestion=did_you_mean(rule.clause, registry.clauses))
        ok = False
    when = _substitute(rule.when, variables)
    condition: Cond | None = None
    try:
        condition = Parser(fields, predicates, lists).parse(when)
    except ConditionError as exc:
        ld.problems.append(exc.problem(file=ld.rel(path), line=lines.line_of((*loc, "when")),
                                       field=f"{rule_id}.when"))
        ok = False
    zh, en = _substitute(rule.message.zh, variables), _substitute(rule.message.en, variables)
    for lang, template in (("zh", zh), ("en", en)):
        for problem in _check_template(template, fields):
            ld.problem(problem[0], path, lines, (*loc, "message", lang),
                       field=f"{rule_id}.message.{lang}", suggestion=problem[1],
                       expected="{fact.field} or {param.file.name}, optionally {x:.2f}")
            ok = False
    basis: list[BasisCitation] = []
    for position, excerpt_id in enumerate(rule.basis):
        found = ld.excerpts.get(excerpt_id)
        if found is None:
            ld.problem(f"rule '{rule_id}' names unknown basis excerpt '{excerpt_id}'", path,
                       lines, (*loc, "basis", position), field=f"{rule_id}.basis",
                       expected="an id of rules/policy/basis.yaml",
                       suggestion=did_you_mean(excerpt_id, ld.excerpts))
            ok = False
            continue
        excerpt, strength = found
        basis.append(BasisCitation(excerpt_id, ld.documents[excerpt.document], excerpt,
                                   strength))
    if not ok or condition is None or clause is None or registry is None:
        return None
    _fidelity(ld, path, lines, loc, rule_id, rule, when, condition, basis)
    document = registry.documents[clause.document]
    start = (rule.in_force.from_ if rule.in_force and rule.in_force.from_ else document.effective)
    end = rule.in_force.to if rule.in_force else None
    own_end, window_end = end, None
    ends = [citation.document.in_force_to for citation in basis]
    if not basis or all(e is not None and e <= document.period_to for e in ends):
        # plan-only (or resting only on documents that end with the plan): in force
        # only inside the plan's window
        window_end = document.period_to
        end = window_end if end is None else min(end, window_end)
    elif all(e is not None for e in ends):  # in force while one of its documents is
        last = max(e for e in ends if e is not None)
        end = last if end is None else min(end, last)
    always = frozenset(name for name, spec in fields.items() if spec.always)
    matches = rule_matches(condition, start, end, always)
    if matches is None:
        ld.problem(f"condition of '{rule_id}' is too large for durable_rules", path, lines,
                   (*loc, "when"), expected=f"at most {EXPRESSION_LIMIT} and/or/field-to-field "
                   "entries: split it into two rules or a predicate with fewer alternatives")
        return None
    title = type(rule.title)(zh=_substitute(rule.title.zh, variables),
                             en=_substitute(rule.title.en, variables))
    return CompiledRule(
        id=rule_id, title=title, clause_id=rule.clause, clause=clause, document=document,
        effect=rule.effect, when=when, condition=condition,
        message=type(rule.message)(zh=zh, en=en), in_force_from=start, in_force_to=end,
        file=ld.rel(path), line=lines.line_of(loc), fields=tuple(fields_of(condition)),
        matches=tuple(matches), rationale=rule.rationale, tags=tuple(rule.tags),
        basis=tuple(basis), clause_strength=ld.clause_strengths.get(rule.clause),
        window_end=window_end, own_end=own_end)


def _fidelity(ld: Loader, path: Path, lines: LineMap, loc: tuple[Any, ...], rule_id: str,
              rule: Rule, when: str, condition: Cond, basis: list[BasisCitation]) -> None:
    """Effect no stronger than the texts cited; a reject only on texts and numbers read.

    What is wrong goes to ``ld.fidelity``: `rules check` fails on it; the rulebook
    still loads, so a policy editor sees every such problem at once.
    """
    found: list[Problem] = []
    clause_strength = ld.clause_strengths.get(rule.clause)
    if clause_strength is not None:
        why = stronger_than_texts(rule.effect, clause_strength,
                                  [(b.id, b.strength) for b in basis])
        if why:
            found.append(Problem(why, file=ld.rel(path), line=lines.line_of((*loc, "effect")),
                                 field=f"{rule_id}.effect",
                                 expected="an effect no stronger than the wording of its "
                                          "clause, or `basis:` naming an excerpt whose "
                                          "wording supports it"))
    support: list[tuple[str, Confidence]] = []
    for citation in basis:
        support.append((f"basis {citation.id}", citation.excerpt.confidence))
        support.append((f"document {citation.document.number}",
                        citation.document.confidence))
    support += [(name, ld.confidence[name]) for name in fields_of(condition)
                if name in ld.confidence]
    # lists the rule's own condition names, and lists derived facts it reads come from;
    # predicates are shared scope tests (who is asked), not what a reject rests on
    lists = catalogues_of(when, {})
    for name in fields_of(condition):
        spec = ld.fields.get(name)
        if spec is not None and spec.catalogue and spec.catalogue not in lists:
            lists.append(spec.catalogue)
    support += [(f"catalogue.{name}", ld.confidence[f"catalogue.{name}"]) for name in lists
                if f"catalogue.{name}" in ld.confidence]
    why = unread_support(rule.effect, support)
    if why:
        found.append(Problem(why, file=ld.rel(path), line=lines.line_of((*loc, "effect")),
                             field=f"{rule_id}.effect",
                             expected="effect: refer, with a message saying which number or "
                                      "list is not yet confirmed (or the source read and its "
                                      "confidence set to read)"))
    ld.fidelity.extend(found)


def engine_problems(rules: list[CompiledRule]) -> list[Problem]:
    """Rules durable_rules could not register or run (measured limits, engine/limits.py).

    ``rules check`` runs this; the engine runs the same check before it registers a
    rulebook, so a rulebook that would hang or crash durable_rules never reaches it.
    """
    by_id = {rule.id: rule for rule in rules}
    problems = []
    for rule_id, why in rulebook_problems(rules):
        rule = by_id.get(rule_id or "")
        problems.append(Problem(
            f"rule '{rule_id}' cannot run in durable_rules: {why}" if rule_id else why,
            file=rule.file if rule else None, line=rule.line if rule else None,
            field=f"{rule_id}.when" if rule_id else None,
            expected="shorter `in [...]` lists (a catalogue division instead of its codes), "
                     "or conditions that share less: split the rule, or start it with a "
                     "test that tells its projects apart"))
    return problems


def _check_template(template: str, fields: dict[str, FieldSpec]) -> list[tuple[str, str | None]]:
    problems: list[tuple[str, str | None]] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return [(f"message template is malformed: {exc}", None)]
    for _, name, _, _ in parsed:
        if name is None or name == "":
            if name == "":
                problems.append(("empty {} in message", None))
            continue
        if name not in fields:
            problems.append((f"message names unknown fact or parameter '{name}'",
                             did_you_mean(name, fields)))
    return problems
