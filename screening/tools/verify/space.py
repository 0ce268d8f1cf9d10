"""Facts and parameters as solver variables, with everything a real proposal guarantees.

Each fact is a pair (given?, value); a value the proposal leaves out is "not
given", exactly the unknown of the three-valued conditions. The constraints are
the ones derivation guarantees: bounds and enums of the proposal model, a field
given only inside its group, the industry table, the replacement balances
(countable and excluded amounts ≥ 0, ratio = countable / new as rounded, when new > 0),
fuel groups from the fuels burned, the smallest coal boiler. Facts no
constraint describes are left free, which can only make a check find a
problem the engine then fails to reproduce, never miss one.

Parameters are either the values in force on one date (keyed ones through
their key fact) or, with ``day=None``, free non-negative numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import z3

from screening.derive import core as derive_module
from screening.derive.core import DIMENSIONS
from screening.facts.proposal import Fuel
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import BOOL, NUMBER
from screening.tools.verify.schema import IndustryRow, Schema

OTHER_TEXT = "〈其他〉"
#: derivation rounds ratios to DECIMALS places: a whole number of 10^-DECIMALS, within half
#: a unit of countable / new
_DECIMALS: int | None = getattr(derive_module, "DECIMALS", None)
SCALE = 10 ** _DECIMALS if _DECIMALS else 0
ROUNDING = z3.RealVal(f"1/{2 * SCALE}") if SCALE else z3.RealVal(0)


class Strings:
    """Text values as integers: only equality is ever asked of them."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, text: str) -> int:
        return self.ids.setdefault(text, len(self.ids) + 1)

    def text(self, number: int) -> str:
        for text, known in self.ids.items():
            if known == number:
                return text
        return OTHER_TEXT


def any_of(items: list[z3.BoolRef]) -> z3.BoolRef:
    return z3.Or(items) if items else z3.BoolVal(False)


def real(value: Any) -> z3.ArithRef:
    return z3.RealVal(repr(float(value)) if isinstance(value, float) else str(value))


class Space:
    """Solver variables for one question, created on demand with their constraints."""

    def __init__(self, rulebook: Rulebook, schema: Schema, table: list[IndustryRow],
                 strings: Strings, day: date | None, cache: dict[str, Any] | None = None
                 ) -> None:
        self.rulebook, self.schema, self.table = rulebook, schema, table
        self.cache = {} if cache is None else cache  # encodings shared between questions
        self.strings, self.day = strings, day
        self.facts: dict[str, tuple[z3.BoolRef, z3.ExprRef]] = {}
        self.hidden: dict[str, z3.ExprRef] = {}
        self.constraints: list[z3.BoolRef] = []
        self.table_fields = {k for row in table for k in row.facts}
        self.dimension_of: dict[str, str] = {}
        for dim, (_, suffix) in DIMENSIONS.items():
            retired = "replaced" if dim.startswith("pollutants.") else "retired"
            for name in (f"{dim}.{retired}{suffix}", f"{dim}.excluded{suffix}",
                         f"{dim}.replacement_ratio"):
                self.dimension_of[name] = dim
        self.unmodelled: set[str] = set()
        self.industry_rows: list[IndustryRow] = table[:1]

    # --- helpers -------------------------------------------------------------------
    def _var(self, name: str, kind: str) -> tuple[z3.BoolRef, z3.ExprRef]:
        given = z3.Bool(f"given:{name}")
        value: z3.ExprRef = (z3.Real(name) if kind == NUMBER else z3.Bool(name)
                             if kind == BOOL else z3.Int(name))
        self.facts[name] = (given, value)
        return given, value

    def flag(self, name: str) -> z3.BoolRef:
        if name not in self.hidden:
            self.hidden[name] = z3.Bool(name)
        return self.hidden[name]  # type: ignore[return-value]

    def group(self, path: str) -> z3.BoolRef:
        info = self.schema.groups.get(path)
        if info is None or info.parent is None:
            return z3.BoolVal(True)
        parent = self.group(info.parent)
        if info.always:
            return parent
        if f"group:{path}" not in self.hidden:
            here = self.flag(f"group:{path}")
            self.constraints.append(z3.Implies(here, parent))
        return self.flag(f"group:{path}")

    def text_value(self, value: str) -> z3.ArithRef:
        return z3.IntVal(self.strings.id(value))

    def const(self, value: Any) -> z3.ExprRef:
        if isinstance(value, bool):
            return z3.BoolVal(value)
        if isinstance(value, str):
            return self.text_value(value)
        return real(value)

    # --- facts ---------------------------------------------------------------------
    def fact(self, name: str) -> tuple[z3.BoolRef, z3.ExprRef]:
        if name not in self.facts:
            if name.startswith("param."):
                self._param(name)
            elif name in self.table_fields:
                self._industry(name)
            elif name in self.dimension_of:
                self._dimension(self.dimension_of[name])
            elif name.startswith("fuels."):
                self._fuel_group(name)
            elif name.startswith("boilers."):
                self._boilers()
            elif name in self.schema.leaves:
                self._leaf(name)
            if name not in self.facts:
                self._free(name)
        return self.facts[name]

    def _free(self, name: str) -> None:
        spec = self.rulebook.fields[name]
        _, value = self._var(name, spec.kind)
        self.unmodelled.add(name)
        if spec.values:
            self.constraints.append(z3.Or([value == self.text_value(v) for v in spec.values]))

    def _leaf(self, name: str) -> None:
        leaf = self.schema.leaves[name]
        spec = self.rulebook.fields[name]
        given, value = self._var(name, spec.kind)
        group = self.group(leaf.group)
        self.constraints.append(given == group if leaf.always else z3.Implies(given, group))
        if leaf.lower is not None:
            bound, strict = leaf.lower
            self.constraints.append(value > bound if strict else value >= bound)
        if leaf.upper is not None:
            bound, strict = leaf.upper
            self.constraints.append(value < bound if strict else value <= bound)
        if leaf.enum:
            self.constraints.append(z3.Or([value == self.text_value(v) for v in leaf.enum]))

    def _industry(self, name: str) -> None:
        """Only the variable now; ``finish`` ties the touched industry facts to the table."""
        self._var(name, self.rulebook.fields[name].kind)
        self.hidden.setdefault("industry-row", z3.Int("industry-row"))

    def finish(self) -> list[z3.BoolRef]:
        """All constraints, with the industry table projected on the facts this question reads.

        Rows that agree on every touched industry fact are one row: a question about
        两高 type and construction type needs a few rows, not every code and product.
        """
        touched = tuple(sorted(n for n in self.facts if n in self.table_fields))
        if not touched:
            self.industry_rows = self.table[:1]
            return self.constraints
        key = ("industry", *touched)
        if key not in self.cache:
            rows: dict[tuple[Any, ...], IndustryRow] = {}
            for row in self.table:
                rows.setdefault(tuple(row.facts.get(n) for n in touched), row)
            index = self.hidden["industry-row"]
            constraints = [z3.And(index >= 0, index < len(rows))]
            for name in touched:
                given, value = self.facts[name]
                present = [i for i, r in enumerate(rows.values()) if r.facts.get(name) is not None]
                constraints.append(given == any_of([index == i for i in present]))
                constraints += [z3.Implies(index == i, value == self.const(
                    list(rows.values())[i].facts[name])) for i in present]
            self.cache[key] = (list(rows.values()), constraints)
        self.industry_rows, constraints = self.cache[key]
        return [*self.constraints, *constraints]

    def _dimension(self, dim: str) -> None:
        new_field, suffix = DIMENSIONS[dim]
        retired = "replaced" if dim.startswith("pollutants.") else "retired"
        family = dim.split(".")[0]
        sources = self.flag(f"sources:{dim}")
        self.constraints.append(z3.Implies(sources, self.group(dim)))
        new_given, new = self.fact(f"{dim}.{new_field}")
        r_given, r_value = self._var(f"{dim}.{retired}{suffix}", NUMBER)
        x_given, x_value = self._var(f"{dim}.excluded{suffix}", NUMBER)
        q_given, q_value = self._var(f"{dim}.replacement_ratio", NUMBER)
        excludable = family == "carbon" or any(
            family in kind.excluded_for for kind in self.rulebook.catalogues.source_kinds.kinds
            .values())
        self.constraints += [
            x_given == sources, x_value >= 0, r_value >= 0, q_value >= 0,
            z3.Implies(x_value > 0, z3.BoolVal(excludable)),
            z3.Implies(r_given, sources),
            q_given == z3.And(r_given, new_given, new > 0),
            z3.Implies(q_given, z3.And((q_value - ROUNDING) * new <= r_value,
                                       r_value <= (q_value + ROUNDING) * new))]
        if SCALE:  # the rounded ratio is a whole number of millionths
            steps = z3.Int(f"steps:{dim}")
            self.constraints.append(q_value == z3.ToReal(steps) / SCALE)
        if family != "carbon":
            self.constraints.append(r_given == sources)

    def _fuel_group(self, name: str) -> None:
        group = name[len("fuels."):]
        members = self.rulebook.catalogues.fuels.groups.get(group, [])
        burned = [self.flag(f"burns:{f.value}") for f in Fuel if f.value in members]
        given, value = self._var(name, BOOL)
        self.constraints += [given == self.flag("fuels-given"), value == z3.Or(burned)
                             if burned else z3.Not(value)]

    def _boilers(self) -> None:
        listed = self.flag("boilers-given")
        h_given, has = self._var("boilers.has_coal_boiler", BOOL)
        s_given, smallest = self._var("boilers.smallest_coal_t_h", NUMBER)
        self.constraints += [h_given == listed, s_given == z3.And(listed, has), smallest > 0]

    # --- parameters ----------------------------------------------------------------
    def _param(self, name: str) -> None:
        layered = self.rulebook.parameters.get(name)
        given, value = self._var(name, NUMBER)
        if layered is None:
            self.constraints.append(z3.Not(given))
            return
        key_name = layered.base.keyed_by
        if self.day is None:
            tables = [p.values for _, p, _ in ((None, layered.base, None), *layered.layers)]
            raw = [v for t in tables for v in t.values()]
            numbers = [x for v in raw for x in (v.values() if isinstance(v, dict) else [v])]
            if not numbers or not all(isinstance(x, int | float) for x in numbers):
                self.constraints.append(z3.Not(given))
                return
            if all(x >= 0 for x in numbers):
                self.constraints.append(value >= 0)
            if key_name is None:
                self.constraints.append(given)
                return
            keys = {k for v in raw if isinstance(v, dict) for k in v}
            key_given, key = self.fact(key_name)
            self.constraints.append(given == z3.And(key_given, any_of(
                [key == self.text_value(k) for k in sorted(keys)])))
            return
        found = layered.in_force(self.day)
        raw = found[3] if found else None
        if raw is None or isinstance(raw, date):
            self.constraints.append(z3.Not(given))
        elif key_name is None:
            self.constraints += [given, value == real(raw)]
        else:
            key_given, key = self.fact(key_name)
            numeric = {k: v for k, v in raw.items() if isinstance(v, int | float)}
            self.constraints.append(given == z3.And(key_given, any_of(
                [key == self.text_value(k) for k in sorted(numeric)])))
            for k, v in numeric.items():
                self.constraints.append(z3.Implies(
                    z3.And(key_given, key == self.text_value(k)), value == real(v)))
