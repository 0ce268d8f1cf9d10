"""Which clauses of the plan the rules cover, and which cases and scenarios exercise them.

The matrix is clause → rules → sample cases and BDD scenarios that make each rule
fire, stay quiet or be undetermined, computed by running them: every case in
``cases/`` is screened, and the feature scenarios are run under pytest with the
``screening.tools.coverage_probe`` plugin recording each screening they make. Every
numbered item of the plan that is an admission clause (see screening/rulebook/sections.py)
and has no rule citing it is listed as uncovered.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screening.errors import ScreeningError
from screening.facts.files import expand_paths, load_proposal
from screening.rulebook.book import Rulebook
from screening.rulebook.sections import Inventory, section_of
from screening.rulebook.sentences import cited_by
from screening.screen import Screener
from screening.tools.coverage_probe import fingerprint

STATUSES = ("fired", "not_fired", "undetermined")


@dataclass
class Evidence:
    """Names of the cases (or scenarios) in which a rule fired, stayed quiet, was undetermined."""

    fired: list[str] = field(default_factory=list)
    not_fired: list[str] = field(default_factory=list)
    undetermined: list[str] = field(default_factory=list)

    def add(self, status: str, name: str) -> None:
        bucket = getattr(self, status)
        if name not in bucket:
            bucket.append(name)

    def as_dict(self) -> dict[str, list[str]]:
        return {s: getattr(self, s) for s in STATUSES}


@dataclass
class RuleCoverage:
    rule: str
    effect: str
    clause_id: str
    section: str
    cases: Evidence = field(default_factory=Evidence)
    scenarios: Evidence = field(default_factory=Evidence)

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "effect": self.effect, "clause_id": self.clause_id,
                "section": self.section, "cases": self.cases.as_dict(),
                "scenarios": self.scenarios.as_dict()}


@dataclass
class SectionCoverage:
    section: str
    heading: str
    status: str  # covered | uncovered | not_admission
    rules: list[str]
    reason: dict[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {"section": self.section, "heading": self.heading, "status": self.status,
               "rules": self.rules}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class SentenceCoverage:
    """One sentence of 二–五: cited by rules, not an admission clause (why), or uncovered."""

    key: str
    section: str
    text: str
    status: str  # covered | uncovered | not_admission | heading
    rules: list[str]
    reason: dict[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {"sentence": self.key, "section": self.section, "text": self.text,
               "status": self.status, "rules": self.rules}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class ScenarioRun:
    scenarios: list[dict[str, Any]]
    summary: str
    ran: bool = True

    @property
    def passed(self) -> list[dict[str, Any]]:
        return [s for s in self.scenarios if s["outcome"] == "passed"]

    @property
    def failed(self) -> list[str]:
        """Every scenario that did not pass, as ``feature:line name[example]``."""
        return [_scenario_label(s) + f" ({s['outcome']})" for s in self.scenarios
                if s["outcome"] != "passed"]


@dataclass
class Coverage:
    document: str
    sections: list[SectionCoverage]
    rules: list[RuleCoverage]
    cases: int
    scenarios: ScenarioRun | None
    misplaced: list[str] = field(default_factory=list)  # clause quotes outside their section
    sentences: list[SentenceCoverage] = field(default_factory=list)

    @property
    def admission(self) -> list[SectionCoverage]:
        return [s for s in self.sections if s.status != "not_admission"]

    @property
    def binding(self) -> list[SentenceCoverage]:
        """Sentences of 二–五 that are admission clauses: cited, or uncovered."""
        return [s for s in self.sentences if s.status in ("covered", "uncovered")]

    @property
    def percent(self) -> float:
        """Share of binding sentences a rule cites (per item when no sentence is counted)."""
        if self.sentences:
            binding = self.binding
            covered = [s for s in binding if s.status == "covered"]
            return 100.0 * len(covered) / len(binding) if binding else 100.0
        return self.items_percent

    @property
    def items_percent(self) -> float:
        total = self.admission
        covered = [s for s in total if s.status == "covered"]
        return 100.0 * len(covered) / len(total) if total else 100.0

    def unexercised(self) -> list[str]:
        """Rules lacking a scenario that fires them, or one in which they stay quiet."""
        out = []
        for rule in self.rules:
            lacking = [what for what, names in (("firing", rule.scenarios.fired),
                                                ("non-firing", rule.scenarios.not_fired))
                       if not names]
            if lacking:
                out.append(f"{rule.rule}: no {' and no '.join(lacking)} scenario")
        return out

    def as_dict(self) -> dict[str, Any]:
        admission = self.admission
        binding = self.binding
        return {
            "document": self.document, "percent": round(self.percent, 1),
            "binding_sentences": len(binding),
            "covered_sentences": sum(1 for s in binding if s.status == "covered"),
            "sentences": [s.as_dict() for s in self.sentences],
            "items_percent": round(self.items_percent, 1),
            "admission_clauses": len(admission),
            "covered": sum(1 for s in admission if s.status == "covered"),
            "sections": [s.as_dict() for s in self.sections],
            "rules": [r.as_dict() for r in self.rules], "cases": self.cases,
            "scenarios": None if self.scenarios is None else {
                "summary": self.scenarios.summary, "run": len(self.scenarios.scenarios),
                "passed": len(self.scenarios.passed), "failed": self.scenarios.failed},
            "unexercised": self.unexercised() if self.scenarios else [],
            "misplaced_quotes": self.misplaced}


def run_scenarios(target: Path, timeout: int = 1800) -> ScenarioRun:
    """Run the scenarios under pytest with the probe; ScreeningError if pytest cannot run."""
    target = target.resolve()
    root = next((p for p in [target, *target.parents] if (p / "pyproject.toml").is_file()),
                target.parent)
    with tempfile.TemporaryDirectory(prefix="screening-probe-") as tmp:
        out = Path(tmp) / "probe.json"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]))
        cmd = [sys.executable, "-m", "pytest", str(target), "-q", "-p", "no:cacheprovider",
               "-p", "screening.tools.coverage_probe", f"--screening-probe={out}"]
        try:
            proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ScreeningError.single(f"cannot run the scenarios: {exc}") from None
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        if not out.is_file():
            tail = " | ".join((lines or proc.stderr.splitlines() or ["no output"])[-3:])
            raise ScreeningError.single(f"the scenarios in {target} did not run: {tail}",
                                        expected="pytest and pytest-bdd installed "
                                                 "(pip install -e '.[test]')")
        return ScenarioRun(json.loads(out.read_text(encoding="utf-8")),
                           lines[-1] if lines else "")


def _scenario_label(s: dict[str, Any]) -> str:
    nodeid = s["nodeid"]
    example = nodeid[nodeid.index("["):] if "[" in nodeid else ""
    return f"{s['feature']}:{s['line']} {s['name']}{example}"


def measure(rulebook: Rulebook, inventory: Inventory, case_paths: list[Path],
            scenarios: ScenarioRun | None) -> Coverage:
    """Build the matrix: screen the cases, read the scenario records, map rules to clauses."""
    rules: dict[str, RuleCoverage] = {}
    misplaced = []
    for rule in rulebook.rules:
        section = rule.clause.section
        if rule.document.number == inventory.document:
            found = section_of(inventory.sections, inventory.text, rule.clause.quote)
            if found is not None and found != section:
                misplaced.append(f"{rule.clause_id}: cited as {section}, quote is in {found}")
                section = found
        rules[rule.id] = RuleCoverage(rule.id, str(rule.effect), rule.clause_id, section)
    screener = Screener(rulebook)
    cases = 0
    for path in expand_paths(case_paths):
        try:
            proposal = load_proposal(path).proposal
            decision = screener.screen(proposal)
        except ScreeningError:
            continue  # `screening screen` reports unreadable cases
        cases += 1
        statuses = {f.rule: f.status for f in decision.findings}
        for rule in rulebook.rules:
            if rule.in_force_on(proposal.application_date):
                rules[rule.id].cases.add(statuses.get(rule.id, "not_fired"), path.stem)
    prints = {rule.id: fingerprint(rule) for rule in rulebook.rules}
    for scenario in scenarios.passed if scenarios else []:
        for screening in scenario["screenings"]:
            suffix = "" if screening["rulebook"] == rulebook.hash else " (what-if)"
            for rule_id, (printed, status) in screening["rules"].items():
                if prints.get(rule_id) == printed:
                    rules[rule_id].scenarios.add(status, _scenario_label(scenario) + suffix)
    sections = []
    for leaf in inventory.leaves():
        citing = [r.rule for r in rules.values() if r.section == leaf.path]
        reason = inventory.reason(leaf.path)
        status = "not_admission" if reason and not citing else (
            "covered" if citing else "uncovered")
        sections.append(SectionCoverage(leaf.path, leaf.heading, status, citing,
                                        reason.model_dump() if reason else None))
    return Coverage(inventory.document, sections, list(rules.values()), cases, scenarios,
                    misplaced, _sentences(rulebook, inventory))


def _sentences(rulebook: Rulebook, inventory: Inventory) -> list[SentenceCoverage]:
    """Each sentence of 二–五 with the rules citing it, or why it is not an admission clause."""
    quotes = {rule.id: rule.clause.quote for rule in rulebook.rules
              if rule.document.number == inventory.document}
    citing = cited_by(inventory.sentences, inventory.text, quotes)
    out = []
    for sentence in inventory.sentences:
        rules = citing.get(sentence.key, [])
        mark = inventory.sentence_marks.get(sentence.key)
        reason = mark.reason if mark else inventory.reason(sentence.section)
        if rules:
            status = "covered"
        elif sentence.heading:
            status = "heading"
        elif reason is not None:
            status = "not_admission"
        else:
            status = "uncovered"
        out.append(SentenceCoverage(sentence.key, sentence.section, sentence.text, status,
                                    rules, reason.model_dump() if reason else None))
    return out
