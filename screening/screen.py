"""The screening pipeline: proposal → derived facts → engine → decision.

One direction, no step reaching back. The CLI (and any other front end) only
wires these together; batch screening reuses one Screener, so the rulebook is
compiled once.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from screening.decision.model import Decision, DecisionBuilder
from screening.derive.core import Deriver
from screening.derive.ledger import LedgerView, add_ledger_facts, apply_ledger, ledger_warnings
from screening.derive.site import Basis, add_site_facts, site_warnings
from screening.errors import EngineError
from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.rulebook.params import InForce, ParamValue, day_text

if TYPE_CHECKING:  # the geometry is loaded only for a proposal with coordinates
    from screening.spatial.locate import SiteReport

CARBON_EARLIEST = "param.sources.carbon_earliest_date"
TWO_HIGH_ORIGIN = "param.sources.two_high_origin_since"
EngineName = Literal["durable", "python"]


class LedgerReader(Protocol):
    """What the ledger says about the sources a proposal cites (see screening.store)."""

    def view(self, proposal: Proposal) -> LedgerView: ...


class Screener:
    """Screens proposals against one loaded rulebook with one compiled engine."""

    def __init__(self, rulebook: Rulebook, engine: EngineName = "durable") -> None:
        self.rulebook = rulebook
        self.engine_name = engine
        #: the replacement-source ledger, when a database is in use (see screening.store)
        self.ledger: LedgerReader | None = None
        if engine == "durable":
            from screening.engine.durable import DurableEngine
            self.engine: Any = DurableEngine(rulebook)
        else:
            from screening.engine.reference import ReferenceEngine
            self.engine = ReferenceEngine(rulebook)
        self._in_force = InForce(rulebook.parameters)
        self._builder = DecisionBuilder(rulebook)
        self._warnings: dict[date, list[dict[str, str]]] = {}
        #: facts the compiled rules treat as never unknown
        self._always = [name for name, spec in rulebook.fields.items() if spec.always]
        self._deriver = Deriver(rulebook.catalogues)

    def site(self, proposal: Proposal, as_of: date) -> SiteReport | None:
        """What the zone layers in force say about the site; None without coordinates."""
        location = proposal.site.location if proposal.site is not None else None
        if location is None or self.rulebook.zones is None:
            return None
        from screening.spatial.locate import locate

        return locate(location, self.rulebook.zones, as_of)

    def facts(self, proposal: Proposal, as_of: date, ledger: LedgerView | None = None,
              site: SiteReport | None = None, basis: Basis | None = None,
              ) -> tuple[dict[str, Any], dict[str, ParamValue]]:
        """Flat facts (derived values and parameters in force included) and the parameters.

        ``site`` is the map's answer (``site()``; worked out here when not given) and
        ``basis``, when given, receives the layer behind each fact computed from it.
        """
        day = self._in_force.day(as_of)
        earliest = day.plain.get(CARBON_EARLIEST)
        origin = day.plain.get(TWO_HIGH_ORIGIN)
        backed, ledger_facts = apply_ledger(proposal, ledger)
        facts = self._deriver.derive(backed, earliest.value if earliest else None, as_of,
                                     origin.value if origin else None)
        add_ledger_facts(facts, ledger_facts)
        found = add_site_facts(proposal, site if site is not None
                               else self.site(proposal, as_of), facts)
        if basis is not None:
            basis.update(found)
        chosen = day.chosen(facts)
        facts.update(chosen.values)
        if None in map(facts.get, self._always):  # the compiled rules: never unknown
            absent = [name for name in self._always if facts.get(name) is None]
            raise EngineError.single(f"facts every screening has are missing: {absent}",
                                     expected="derive() to set required fields and flags")
        return facts, dict(chosen.params)

    def warnings(self, as_of: date) -> list[dict[str, str]]:
        """A bilingual warning when the as-of date lies before the plan took effect.

        Its rules did not yet apply; the decision uses only what was in force on
        that date and must be reviewed by hand. After the plan's window no warning
        is needed: its plan-only rules are not applied and the decision lists them
        (``expired``), while rules resting on higher-level documents still decide.
        """
        found = self._warnings.get(as_of)
        if found is None:
            if len(self._warnings) >= InForce.LIMIT:
                self._warnings.clear()
            found = self._warnings[as_of] = self._warnings_on(as_of)
        return [dict(warning) for warning in found]

    def _warnings_on(self, as_of: date) -> list[dict[str, str]]:
        plan = self.rulebook.plan
        if as_of >= plan.effective:
            return []
        return [{
            "zh": f"筛查日期 {as_of} 早于{plan.number}的施行日期 {plan.effective}：该方案的"
                  "规则当日尚未施行，只适用了当日已有效的规则与数值，结论须人工复核。",
            "en": f"As-of date {as_of} is before {plan.number} took effect on "
                  f"{plan.effective}: its rules did not yet apply, only rules and numbers "
                  "in force on that date were used; review by hand.",
        }]

    def screen(self, proposal: Proposal, as_of: date | None = None) -> Decision:
        day = as_of or proposal.application_date
        view = self.ledger.view(proposal) if self.ledger is not None else None
        site = self.site(proposal, day)
        basis: Basis = {}
        facts, params = self.facts(proposal, day, view, site, basis)
        hits = self.engine.run(facts, day)
        decision = self._builder.build(
            proposal.id, proposal.name, day_text(day), hits, facts, params,
            self.warnings(day) + ledger_warnings(proposal, view)
            + site_warnings(proposal, site), self.engine_name, basis)
        decision.ledger, decision.proposal = view, proposal
        if site is not None:
            from screening.decision.site_map import site_map

            decision.site_map_source = functools.partial(
                site_map, site, decision.findings, f"{proposal.id} {proposal.name}")
            decision.site_report = site
        return decision
