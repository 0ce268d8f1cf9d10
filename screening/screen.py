"""The screening pipeline: proposal → derived facts → engine → decision.

One direction, no step reaching back. The CLI (and any other front end) only
wires these together; batch screening reuses one Screener, so the rulebook is
compiled once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from screening.decision import Decision, DecisionBuilder
from screening.derive import derive
from screening.facts import Proposal
from screening.rulebook.book import Rulebook
from screening.rulebook.params import InForce, ParamValue

CARBON_EARLIEST = "param.sources.carbon_earliest_date"
EngineName = Literal["durable", "python"]


class Screener:
    """Screens proposals against one loaded rulebook with one compiled engine."""

    def __init__(self, rulebook: Rulebook, engine: EngineName = "durable") -> None:
        self.rulebook = rulebook
        self.engine_name = engine
        if engine == "durable":
            from screening.engine import DurableEngine
            self.engine: Any = DurableEngine(rulebook)
        else:
            from screening.reference import ReferenceEngine
            self.engine = ReferenceEngine(rulebook)
        self._in_force = InForce(rulebook.parameters)
        self._builder = DecisionBuilder(rulebook)
        self._warnings: dict[date, list[dict[str, str]]] = {}
        cats = rulebook.catalogues
        self._derive_args = {
            "industries": cats.industries, "two_high": cats.two_high,
            "heavy_divisions": set(cats.heavy_polluting.divisions),
            "heavy_classes": set(cats.heavy_polluting.classes),
            "fuel_groups": cats.fuels.groups, "source_kinds": cats.source_kinds,
        }

    def facts(self, proposal: Proposal, as_of: date) -> tuple[dict[str, Any],
                                                              dict[str, ParamValue]]:
        """Flat facts (derived values and parameters in force included) and the parameters."""
        params = self._in_force.plain(as_of)
        earliest = params.get(CARBON_EARLIEST)
        facts = derive(proposal, carbon_earliest=earliest.value if earliest else None,
                       **self._derive_args)
        keyed = self._in_force.keyed(as_of, facts)
        params.update(keyed)
        facts.update(self._in_force.plain_values(as_of))
        for name, param in keyed.items():
            if not isinstance(param.value, date):
                facts[name] = param.value
        return facts, params

    def warnings(self, as_of: date) -> list[dict[str, str]]:
        found = self._warnings.get(as_of)
        if found is None:
            if len(self._warnings) >= InForce.LIMIT:
                self._warnings.clear()
            found = self._warnings[as_of] = self._warnings_on(as_of)
        return [dict(warning) for warning in found]

    def _warnings_on(self, as_of: date) -> list[dict[str, str]]:
        plan = self.rulebook.plan
        if plan.period_from <= as_of <= plan.period_to and as_of >= plan.effective:
            return []
        return [{
            "zh": f"筛查日期 {as_of} 不在{plan.number}的实施期（{plan.effective} 印发，"
                  f"覆盖 {plan.period_from.year}-{plan.period_to.year} 年）内，"
                  "仅适用该日期有效的规则，结论须人工复核。",
            "en": f"As-of date {as_of} is outside the period of {plan.number} (effective "
                  f"{plan.effective}, covering {plan.period_from.year}-{plan.period_to.year}); "
                  "only rules in force on that date were applied; review by hand.",
        }]

    def screen(self, proposal: Proposal, as_of: date | None = None) -> Decision:
        day = as_of or proposal.application_date
        facts, params = self.facts(proposal, day)
        hits = self.engine.run(facts, day)
        return self._builder.build(proposal.id, proposal.name, day.isoformat(), hits, facts,
                                   params, self.warnings(day), self.engine_name)
