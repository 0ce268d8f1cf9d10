"""Turning a solver's model into a concrete witness, and confirming it with the engine.

A witness is first the flat facts the model assigns (what the conditions read),
then, where the facts come from the proposal model and the parameters in force,
a whole proposal built from them: the industry row's code and product, one
countable replacement source of the countable amount and one excluded source
of the excluded amount, the fuels burned, one coal boiler of the smallest size.
The proposal is screened by the durable_rules engine and the claimed verdicts
are checked; the facts alone are checked with the engine when no proposal can
be built (free parameter values, facts the schema does not describe).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import z3
from pydantic import ValidationError

from screening.derive.core import DIMENSIONS
from screening.errors import ScreeningError
from screening.facts.proposal import Fuel, Proposal, SourceKind
from screening.rulebook.conditions import BOOL, NUMBER
from screening.screen import CARBON_EARLIEST, Screener
from screening.tools.verify.space import Space


def _number(value: z3.ExprRef) -> float:
    if z3.is_rational_value(value):
        fraction = Fraction(value.numerator_as_long(), value.denominator_as_long())
        return float(fraction)
    if z3.is_algebraic_value(value):
        return float(value.approx(12).as_fraction())
    return float(str(value))


def model_facts(space: Space, model: z3.ModelRef) -> dict[str, Any]:
    """The facts (and parameter values) the model gives; facts not given are left out."""
    facts: dict[str, Any] = {}
    for name, (given, value) in space.facts.items():
        if not z3.is_true(model.eval(given, model_completion=True)):
            continue
        result = model.eval(value, model_completion=True)
        kind = space.rulebook.fields[name].kind if name in space.rulebook.fields else NUMBER
        if kind == NUMBER:
            facts[name] = _number(result)
        elif kind == BOOL:
            facts[name] = z3.is_true(result)
        else:
            facts[name] = space.strings.text(result.as_long())
    return dict(sorted(facts.items()))


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def _kind_for(family: str, space: Space, excluded: bool) -> str | None:
    kinds = space.rulebook.catalogues.source_kinds.kinds
    for kind in SourceKind:
        rule = kinds.get(kind.value)
        is_excluded = rule is not None and family in rule.excluded_for
        if is_excluded == excluded:
            return kind.value
    return None


def build_proposal(space: Space, model: z3.ModelRef, day: date) -> dict[str, Any] | None:
    """A proposal whose derived facts are the model's; None if it cannot be built."""
    if space.day is None or space.unmodelled:
        return None
    facts = model_facts(space, model)

    def flag(name: str) -> bool:
        var = space.hidden.get(name)
        return var is not None and z3.is_true(model.eval(var, model_completion=True))

    row = space.hidden.get("industry-row")
    rows = space.industry_rows
    industry = rows[model.eval(row, model_completion=True).as_long()] if row is not None \
        else rows[0]
    data: dict[str, Any] = {"id": "VERIFY-WITNESS", "name": "rules verify 反例 witness",
                            "application_date": day.isoformat(),
                            "industry": {"code": industry.code, "product": industry.product},
                            "construction_type": industry.construction_type}
    for name, value in facts.items():
        if name in space.schema.leaves and name not in space.table_fields:
            _set(data, name, value)
    for path, group in space.schema.groups.items():
        if path and not group.always and flag(f"group:{path}"):
            node = data
            for part in path.split("."):
                node = node.setdefault(part, {})
    earliest = space.rulebook.parameters.get(CARBON_EARLIEST)
    found = earliest.in_force(day) if earliest else None
    arose = found[3] if found and isinstance(found[3], date) else date(2021, 1, 1)
    for dim, (_, suffix) in DIMENSIONS.items():
        if not flag(f"sources:{dim}"):
            continue
        family = dim.split(".")[0]
        retired = "replaced" if dim.startswith("pollutants.") else "retired"
        sources = []
        counted = facts.get(f"{dim}.{retired}{suffix}")
        excluded = facts.get(f"{dim}.excluded{suffix}", 0.0)
        for amount, is_excluded in ((counted, False), (excluded, True)):
            if not amount:
                continue
            kind, in_shandong = _kind_for(family, space, is_excluded), True
            if kind is None:  # no kind is excluded for this family: carbon, excluded by place
                kind, in_shandong = _kind_for(family, space, False), False
            sources.append({"description": "witness", "amount": amount, "kind": kind,
                            "arose_on": arose.isoformat(), "in_shandong": in_shandong})
        if counted is None:
            sources.append({"description": "eligibility unknown", "amount": 1.0,
                            "kind": _kind_for(family, space, False)})
        _set(data, f"{dim}.sources", sources)
    for path in space.schema.groups:
        node: Any = data
        for part in [p for p in path.split(".") if p]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            for leaf in space.schema.leaves.values():
                if leaf.group == path and leaf.always and leaf.name.split(".")[-1] not in node:
                    node[leaf.name.split(".")[-1]] = leaf.enum[0] if leaf.enum else False
    if flag("fuels-given") or any(n.startswith("fuels.") for n in facts):
        data["fuels"] = [f.value for f in Fuel if flag(f"burns:{f.value}")]
    if "boilers.has_coal_boiler" in facts:
        boilers = []
        if facts["boilers.has_coal_boiler"]:
            coal = [f.value for f in Fuel
                    if f.value in space.rulebook.catalogues.fuels.groups.get("coal_products", [])]
            boilers.append({"fuel": coal[0], "capacity_t_h": facts["boilers.smallest_coal_t_h"]})
        data["boilers"] = boilers
    return data


def confirm(screener: Screener, facts: dict[str, Any], proposal: dict[str, Any] | None,
            day: date, expected: dict[str, str]) -> tuple[bool, str]:
    """(confirmed, how): do the rules have the expected statuses when really screened?"""
    if proposal is not None:
        try:
            decision = screener.screen(Proposal.model_validate(proposal), day)
        except (ValidationError, ScreeningError):  # an unbuildable witness: check the facts
            proposal = None
        else:
            got = {f.rule: f.status for f in decision.findings}
            if all(got.get(rule, "not_fired") == status for rule, status in expected.items()):
                return True, "proposal"
    hits = dict(screener.engine.run(facts, day))
    ok = all(hits.get(rule, "not_fired") == status for rule, status in expected.items())
    return ok, "facts"
