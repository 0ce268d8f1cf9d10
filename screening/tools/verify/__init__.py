"""`screening rules verify`: static checks of the rulebook beyond schema validity.

Logical checks (checks.py, with the z3 solver) and usage checks (usage.py), each
problem with a witness where one exists. Parameters are treated both as free
non-negative numbers (a rule that cannot fire whatever the numbers is *dead*)
and as the values in force in each period (a rule that cannot fire with today's
numbers is *dormant*, a warning); conflicts are checked with the values in force.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from screening.rulebook.book import Rulebook
from screening.tools.verify.checks import ERROR, UNKNOWN, WARNING, Checker, Finding
from screening.tools.verify.usage import usage

__all__ = ["ERROR", "UNKNOWN", "WARNING", "Finding", "Verification", "verify"]


@dataclass
class Verification:
    rulebook: str
    rules: int
    periods: list[str]
    findings: list[Finding] = field(default_factory=list)
    unmodelled: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def as_dict(self) -> dict[str, Any]:
        return {"rulebook": self.rulebook, "rules": self.rules, "periods": self.periods,
                "errors": self.count(ERROR), "warnings": self.count(WARNING),
                "undecided": self.count(UNKNOWN), "findings": [f.as_dict() for f in self.findings],
                "unmodelled_facts": self.unmodelled, "seconds": round(self.seconds, 2)}


def verify(rulebook: Rulebook, timeout_ms: int = 10000) -> Verification:
    started = time.perf_counter()
    checker = Checker(rulebook, timeout_ms)
    report = Verification(rulebook.hash, len(rulebook.rules),
                          [d.isoformat() for d in checker.epochs])
    for rule in rulebook.rules:
        report.findings += checker.rule(rule)
    report.findings += checker.conflicts()
    report.findings += checker.shadowed()
    report.findings += usage(rulebook, checker.all_rows)
    order = {ERROR: 0, UNKNOWN: 1, WARNING: 2}
    report.findings.sort(key=lambda f: order[f.severity])
    report.unmodelled = sorted(checker.unmodelled)
    report.seconds = time.perf_counter() - started
    return report
