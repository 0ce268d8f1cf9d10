"""The logical checks of `screening rules verify`, decided by the z3 solver.

For each rule: can it ever hold (else *dead*), can it ever fail (else *always*
holds), can it ever be decided at all — first with every parameter a free
non-negative number (a defect whatever the numbers), then with the values in
force in each period between parameter or rule changes (*dormant*: it cannot
fire with today's numbers; *always-now*). For pairs of rules: two rules citing
the same clause with opposite effects about the same matter (see ``_opposed``)
whose conditions can hold together on the same day (*conflict*), and a rule whose
condition is equivalent to an earlier rule's with the same effect (*shadowed*).
Every problem that has one gets a witness, confirmed by screening it with the
durable_rules engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import z3

from screening.rulebook.book import CompiledRule, Rulebook
from screening.rulebook.condition_view import condition_text, named_predicates, predicate_names
from screening.rulebook.conditions import And, Cond, fields_of
from screening.screen import Screener
from screening.tools.verify.logic import encode, epochs
from screening.tools.verify.schema import industry_table, proposal_schema
from screening.tools.verify.space import Space, Strings
from screening.tools.verify.witness import build_proposal, confirm, model_facts

ERROR, WARNING, UNKNOWN = "error", "warning", "unknown"
#: "not admissible" against "admissible on conditions": opposite on any shared fact
OPPOSED = {"reject", "condition"}
#: a person decides (refer) against either: opposite only about the very same facts
DEFERRING = {"refer"}


@dataclass
class Finding:
    check: str
    severity: str
    rules: list[str]
    message: dict[str, str]
    detail: list[str] = field(default_factory=list)
    witness: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"check": self.check, "severity": self.severity,
                               "rules": self.rules, "message": self.message}
        if self.detail:
            out["detail"] = self.detail
        if self.witness is not None:
            out["witness"] = self.witness
        return out


def _conjuncts(node: Cond) -> list[Cond]:
    if isinstance(node, And):
        return [c for child in node.children for c in _conjuncts(child)]
    return [node]


def _opposed(a: CompiledRule, b: CompiledRule) -> bool:
    """Do two rules say opposite things about the same matter?

    Reject against condition, when they read some fact in common; refer against
    either, when they read exactly the same facts (the same matter, e.g. equal
    replacement of SO2 against too little replacement of SO2). Rules about
    different matters (SO2 and NOx; a foundry's capacity and its VOCs controls)
    may both apply; ``note`` only informs.
    """
    facts_a = {f for f in a.fields if not f.startswith("param.")}
    facts_b = {f for f in b.fields if not f.startswith("param.")}
    effects = {str(a.effect), str(b.effect)}
    if effects == OPPOSED:
        return bool(facts_a & facts_b)
    if len(effects) == 2 and effects <= OPPOSED | DEFERRING:
        return facts_a == facts_b
    return False


class Checker:
    """Runs the solver checks on one rulebook."""

    def __init__(self, rulebook: Rulebook, timeout_ms: int = 10000) -> None:
        self.rulebook = rulebook
        self.schema = proposal_schema()
        start = min((r.in_force_from for r in rulebook.rules), default=date.today())
        #: every industry choice (for catalogue checks) and the ones conditions tell apart
        self.all_rows = industry_table(rulebook, self.schema, start, distinct=False)
        self.table = industry_table(rulebook, self.schema, start)
        self.strings = Strings()
        self.epochs = epochs(rulebook)
        self.timeout_ms = timeout_ms
        self.names = predicate_names(named_predicates(rulebook))
        self.screener = Screener(rulebook)
        self.unmodelled: set[str] = set()
        self.cache: dict[str, Any] = {}

    def space(self, day: date | None) -> Space:
        return Space(self.rulebook, self.schema, self.table, self.strings, day, self.cache)

    def solve(self, day: date | None, goals: Callable[[Space], list[z3.BoolRef]],
              assumptions: int = 0) -> tuple[z3.CheckSatResult, Space, Any]:
        """Check the goals; returns the model when sat, the unsat core when asked and unsat."""
        space = self.space(day)
        formulas = goals(space)
        solver = z3.Solver()
        solver.set(timeout=self.timeout_ms)
        solver.add(space.finish())
        marks = [z3.Bool(f"part:{i}") for i in range(assumptions)]
        if assumptions:
            solver.add([z3.Implies(m, f) for m, f in zip(marks, formulas, strict=True)])
            result = solver.check(marks)
        else:
            solver.add(formulas)
            result = solver.check()
        self.unmodelled |= space.unmodelled
        if result == z3.sat:
            return result, space, solver.model()
        if result == z3.unsat and assumptions:
            core = {str(m) for m in solver.unsat_core()}
            return result, space, [i for i, m in enumerate(marks) if str(m) in core]
        return result, space, None

    def witness(self, space: Space, model: Any, day: date,
                expected: dict[str, str]) -> dict[str, Any]:
        facts = model_facts(space, model)
        proposal = build_proposal(space, model, day)
        ok, how = confirm(self.screener, facts, proposal, day, expected)
        out = {"as_of": day.isoformat(), "facts": facts, "expected": expected,
               "confirmed": ok, "confirmed_by": how}
        if proposal is not None and how == "proposal":
            out["proposal"] = proposal
        return out

    def periods(self, days: list[date], *rules: CompiledRule) -> list[date]:
        """The days among ``days`` on which the rules' parameters differ (one day per set)."""
        names = sorted({f for rule in rules for f in rule.fields if f.startswith("param.")})
        seen: dict[str, date] = {}
        for day in days:
            values = [self.rulebook.parameters[n].in_force(day) if n in self.rulebook.parameters
                      else None for n in names]
            seen.setdefault(repr([v[3] if v else None for v in values]), day)
        return list(seen.values())

    def text(self, cond: Cond) -> str:
        return condition_text(cond, self.names)

    # --- one rule at a time ----------------------------------------------------------
    def rule(self, rule: CompiledRule) -> list[Finding]:
        days = [d for d in self.epochs if rule.in_force_on(d)]
        ids = [rule.id]
        if not days:
            return [Finding("never-in-force", ERROR, ids, {
                "zh": f"规则从未生效（{rule.in_force_from} 至 {rule.in_force_to}）",
                "en": f"The rule is never in force ({rule.in_force_from} to {rule.in_force_to})"})]
        holds, h_space, h_model = self.solve(None, lambda s: [encode(rule.condition, s)[0]])
        fails, _, _ = self.solve(None, lambda s: [encode(rule.condition, s)[1]])
        if z3.unknown in (holds, fails):
            return [Finding("undecided", UNKNOWN, ids, {
                "zh": "求解器未能判定此规则能否成立或不成立", "en": "The solver could not decide "
                "whether this rule can hold or fail"}, [self.text(rule.condition)])]
        if holds == z3.unsat and fails == z3.unsat:
            return [Finding("never-decided", ERROR, ids, {
                "zh": "条件对任何项目都无法判定，规则总是提交审议",
                "en": "The condition can never be decided: the rule refers every proposal"},
                [f"reads {', '.join(rule.fields)}"])]
        if holds == z3.unsat:
            return [self._dead(rule)]
        if fails == z3.unsat:
            day = days[0]
            _, space, model = self.solve(day, lambda s: [encode(rule.condition, s)[0]])
            witness = self.witness(space, model, day, {rule.id: "fired"}) if model else None
            return [Finding("always", ERROR, ids, {
                "zh": "条件对任何项目都不会不成立：规则要么触发，要么提交审议",
                "en": "The condition can never fail: every proposal is caught or referred"},
                [self.text(rule.condition)], witness)]
        out = []
        if not any(f.startswith("param.") for f in rule.fields):
            return out  # nothing changes with the date: the free answers stand
        days = self.periods(days, rule)
        results = [self.solve(d, lambda s: [encode(rule.condition, s)[0]]) for d in days]
        if all(r[0] == z3.unsat for r in results):
            params = sorted(f for f in rule.fields if f.startswith("param."))
            facts = model_facts(h_space, h_model)
            out.append(Finding("dormant", WARNING, ids, {
                "zh": "以现行参数值，条件对任何项目都不成立；参数取其他值时才会触发",
                "en": "With the parameter values in force the rule can never fire; it would "
                      "with other values"},
                [self.text(rule.condition), *(f"{p} would need e.g. {facts.get(p)}"
                                              for p in params)],
                {"facts": facts, "parameters": "free", "confirmed": confirm(
                    self.screener, facts, None, days[0], {rule.id: "fired"})[0],
                 "confirmed_by": "facts"}))
        results = [self.solve(d, lambda s: [encode(rule.condition, s)[1]]) for d in days]
        if all(r[0] == z3.unsat for r in results):
            out.append(Finding("always-now", WARNING, ids, {
                "zh": "以现行参数值，条件对任何项目都不会不成立",
                "en": "With the parameter values in force the condition can never fail"},
                [self.text(rule.condition)]))
        return out

    def _dead(self, rule: CompiledRule) -> Finding:
        parts = _conjuncts(rule.condition)
        _, _, core = self.solve(None, lambda s: [encode(p, s)[0] for p in parts], len(parts))
        shown = [self.text(parts[i]) for i in core or range(len(parts))]
        return Finding("dead", ERROR, [rule.id], {
            "zh": "条件对任何项目、任何参数值都不可能成立，规则永不触发",
            "en": "The condition can never hold, whatever the proposal and parameter values"},
            ["these cannot hold together: " + " and ".join(shown)])

    # --- pairs of rules ----------------------------------------------------------------
    def conflicts(self) -> list[Finding]:
        out = []
        for a, b in combinations(self.rulebook.rules, 2):
            if a.clause_id != b.clause_id or not _opposed(a, b):
                continue

            def both(s: Space, a: CompiledRule = a, b: CompiledRule = b) -> list[z3.BoolRef]:
                return [encode(a.condition, s)[0], encode(b.condition, s)[0]]

            days = [d for d in self.epochs if a.in_force_on(d) and b.in_force_on(d)]
            for day in self.periods(days, a, b):
                result, space, model = self.solve(day, both)
                if result == z3.sat:
                    out.append(Finding("conflict", ERROR, [a.id, b.id], {
                        "zh": f"两条规则引用同一条款 {a.clause.section} 而效力相反"
                              f"（{a.effect} / {b.effect}），且可同时触发",
                        "en": f"Both cite {a.clause.section} with opposite effects "
                              f"({a.effect} / {b.effect}) and can fire together"},
                        [f"{a.id}: {a.when}", f"{b.id}: {b.when}"],
                        self.witness(space, model, day, {a.id: "fired", b.id: "fired"})))
                    break
                if result == z3.unknown:
                    out.append(Finding("undecided", UNKNOWN, [a.id, b.id], {
                        "zh": "求解器未能判定两条规则能否同时触发",
                        "en": "The solver could not decide whether both can fire together"}))
                    break
        return out

    def shadowed(self) -> list[Finding]:
        out = []
        for a, b in combinations(self.rulebook.rules, 2):
            if a.effect != b.effect or set(fields_of(a.condition)) != set(fields_of(b.condition)):
                continue
            days = [d for d in self.epochs if a.in_force_on(d) and b.in_force_on(d)]
            if not days:
                continue

            def differ(s: Space, a: CompiledRule = a, b: CompiledRule = b) -> list[z3.BoolRef]:
                (ha, fa), (hb, fb) = encode(a.condition, s), encode(b.condition, s)
                return [z3.Or(z3.Xor(ha, hb), z3.Xor(fa, fb))]

            result, _, _ = self.solve(None, differ)
            if result != z3.unsat:
                continue
            found, space, model = self.solve(days[0], lambda s, a=a: [encode(a.condition, s)[0]])
            witness = (self.witness(space, model, days[0], {a.id: "fired", b.id: "fired"})
                       if found == z3.sat else None)
            out.append(Finding("shadowed", ERROR, [b.id, a.id], {
                "zh": f"规则 {b.id} 与先出现的 {a.id} 条件等价、效力相同，重复认定",
                "en": f"{b.id} has the same condition and effect as the earlier {a.id}"},
                [f"{a.id}: {a.when}", f"{b.id}: {b.when}"], witness))
        return out
