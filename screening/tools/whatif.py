"""What a proposed policy change does: the same proposals screened under two rulebooks.

``OLD`` and ``NEW`` are rules folders or git revisions of ``rules/`` (``HEAD~1``,
``main:rules``), extracted with ``git archive``. Every proposal whose outcome,
cited clauses or findings change is reported with the rules responsible and why
each changed (its condition, effect, clause or dates; a parameter value in force
on the screening date; a fact derived from a changed catalogue), and the outcome
transitions are counted (approve → reject, …).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from screening.decision.model import Decision
from screening.errors import InputError, RulebookError, ScreeningError
from screening.facts.files import expand_paths, load_proposal
from screening.rulebook.book import CompiledRule, Rulebook
from screening.rulebook.params import ParamValue
from screening.screen import Screener

NOT_FIRED, ABSENT = "not_fired", "absent"


def open_rules(spec: str, workdir: Path, cwd: Path | None = None) -> Path:
    """A rules folder for ``spec``: the folder itself, or a git revision extracted."""
    if Path(spec).is_dir():
        return Path(spec)
    expected = "a folder such as rules/ or a revision such as HEAD~1 or main:rules"
    if spec.startswith("-"):  # git would read it as an option (--output=FILE writes a file)
        raise RulebookError.single(f"'{spec}' is neither a rules folder nor a git revision",
                                   expected=expected)
    treeish = spec if ":" in spec else f"{spec}:rules"
    where = ["-C", str(cwd)] if cwd else []
    try:
        # only a revision git resolves to a tree is passed on, as its object id
        tree = subprocess.run(["git", *where, "rev-parse", "--verify", "--quiet",
                               "--end-of-options", treeish],
                              capture_output=True, check=False, timeout=60)
        tree_id = tree.stdout.decode("ascii", "replace").strip()
        if tree.returncode != 0 or not tree_id.isalnum():
            tar = tree
        else:
            tar = subprocess.run(["git", *where, "archive", "--format=tar", "--end-of-options",
                                  tree_id], capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RulebookError.single(f"cannot run git to read '{spec}': {exc}") from None
    if tar.returncode != 0 or tar is tree:
        git_says = tar.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RulebookError.single(
            f"'{spec}' is neither a rules folder nor a git revision of rules/"
            + (f" (git: {git_says[-1]})" if git_says else ""), expected=expected) from None
    target = Path(tempfile.mkdtemp(prefix="rules-", dir=workdir))
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
        archive.extractall(target, filter="data")
    return target


@dataclass
class RuleChange:
    rule: str
    old: str
    new: str
    why: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "old": self.old, "new": self.new, "why": self.why}


@dataclass
class ProposalChange:
    file: str
    proposal_id: str
    name: str
    as_of: str
    old_outcome: str
    new_outcome: str
    clauses_added: list[dict[str, str]]
    clauses_removed: list[dict[str, str]]
    rules: list[RuleChange]

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "proposal_id": self.proposal_id, "name": self.name,
                "as_of": self.as_of, "outcome": {"old": self.old_outcome,
                                                  "new": self.new_outcome},
                "outcome_changed": self.old_outcome != self.new_outcome,
                "clauses_added": self.clauses_added, "clauses_removed": self.clauses_removed,
                "rules": [r.as_dict() for r in self.rules]}


@dataclass
class WhatIf:
    old: str
    new: str
    old_hash: str
    new_hash: str
    rulebook_changes: list[str]
    screened: int = 0
    changes: list[ProposalChange] = field(default_factory=list)
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"old": {"rules": self.old, "rulebook": self.old_hash},
                "new": {"rules": self.new, "rulebook": self.new_hash},
                "rulebook_changes": self.rulebook_changes, "screened": self.screened,
                "changed": len(self.changes),
                "transitions": [{"old": o, "new": n, "count": c}
                                for (o, n), c in sorted(self.transitions.items())],
                "proposals": [c.as_dict() for c in self.changes], "errors": self.errors}


def _statuses(decision: Decision) -> dict[str, str]:
    return {f.rule: f.status for f in decision.findings}


def _citations(decision: Decision) -> set[tuple[str, str, str]]:
    return {(f.clause["document"], f.clause["section"], f.clause["quote"])
            for f in decision.findings}


def _status(book: Rulebook, statuses: dict[str, str], rule_id: str, day: date) -> str:
    rule = book.rules_by_id.get(rule_id)
    if rule is None:
        return ABSENT
    if not rule.in_force_on(day):
        return "not_in_force"
    return statuses.get(rule_id, NOT_FIRED)


def _param_text(param: ParamValue | None) -> str:
    if param is None:
        return "none"
    return f"{param.value} ({param.layer}, from {param.effective})"


def _why(old: CompiledRule | None, new: CompiledRule | None, facts: tuple[dict, dict],
         params: tuple[dict[str, ParamValue], dict[str, ParamValue]]) -> list[str]:
    if old is None:
        return ["rule added"]
    if new is None:
        return ["rule removed"]
    why = []
    if old.condition != new.condition:
        why.append(f"condition changed: {old.when}  →  {new.when}"
                   if old.when != new.when else "condition changed through a predicate")
    for attr in ("effect", "clause_id", "in_force_from", "in_force_to"):
        if getattr(old, attr) != getattr(new, attr):
            why.append(f"{attr} changed: {getattr(old, attr)} → {getattr(new, attr)}")
    for name in dict.fromkeys([*old.fields, *new.fields]):
        if name.startswith("param."):
            before, after = params[0].get(name), params[1].get(name)
            if (before and before.value) != (after and after.value):
                why.append(f"{name}: {_param_text(before)} → {_param_text(after)}")
        elif facts[0].get(name) != facts[1].get(name):
            why.append(f"fact {name}: {facts[0].get(name)!r} → {facts[1].get(name)!r} "
                       "(derived from a changed catalogue)")
    return why or ["not determined (see the rulebook changes)"]


def _layers(param: Any) -> list[tuple[str, Any]]:
    return [("base", param.base.values), *((layer, p.values) for layer, p, _ in param.layers)]


def _value_changes(a: Any, b: Any) -> str:
    """`layer date[key]: old → new` for each value that differs."""
    parts = []
    layers_a, layers_b = dict(_layers(a)), dict(_layers(b))
    for layer in dict.fromkeys([*layers_a, *layers_b]):
        va, vb = layers_a.get(layer, {}), layers_b.get(layer, {})
        for day in sorted(va.keys() | vb.keys()):
            x, y = va.get(day), vb.get(day)
            if isinstance(x, dict) or isinstance(y, dict):
                x, y = x or {}, y or {}
                parts += [f"{layer} {day}[{k}]: {x.get(k, '—')} → {y.get(k, '—')}"
                          for k in dict.fromkeys([*x, *y]) if x.get(k) != y.get(k)]
            elif x != y:
                parts.append(f"{layer} {day}: {'—' if x is None else x} → "
                             f"{'—' if y is None else y}")
    return "; ".join(parts)


def rulebook_changes(old: Rulebook, new: Rulebook) -> list[str]:
    """A short list of what differs between the two rulebooks."""
    out = []
    for rule_id in old.rules_by_id.keys() - new.rules_by_id.keys():
        out.append(f"rule removed: {rule_id}")
    for rule_id in new.rules_by_id.keys() - old.rules_by_id.keys():
        out.append(f"rule added: {rule_id}")
    for rule_id in old.rules_by_id.keys() & new.rules_by_id.keys():
        a, b = old.rules_by_id[rule_id], new.rules_by_id[rule_id]
        changed = [attr for attr in ("condition", "effect", "clause_id", "in_force_from",
                                     "in_force_to", "message")
                   if getattr(a, attr) != getattr(b, attr)]
        if changed:
            out.append(f"rule changed: {rule_id} ({', '.join(changed)})")
    for name in sorted(old.parameters.keys() | new.parameters.keys()):
        a, b = old.parameters.get(name), new.parameters.get(name)
        if a is None or b is None:
            out.append(f"parameter {'added' if a is None else 'removed'}: {name}")
            continue
        if _layers(a) != _layers(b):
            out.append(f"parameter changed: {name}: " + _value_changes(a, b))
    files = sorted(f for f in old.files.keys() | new.files.keys()
                   if old.files.get(f) != new.files.get(f))
    if files:
        out.append("files changed: " + ", ".join(files))
    return sorted(out)


def compare(old_book: Rulebook, new_book: Rulebook, paths: list[Path], old_label: str,
            new_label: str, as_of: date | None = None) -> WhatIf:
    """Screen every proposal under both rulebooks and collect what changes."""
    old, new = Screener(old_book), Screener(new_book)
    report = WhatIf(old_label, new_label, old_book.hash, new_book.hash,
                    rulebook_changes(old_book, new_book))
    for path in expand_paths(paths):
        try:
            loaded = load_proposal(path)
            proposal = loaded.proposal
            day = as_of or proposal.application_date
            try:
                before, after = old.screen(proposal, day), new.screen(proposal, day)
                facts_old, params_old = old.facts(proposal, day)
                facts_new, params_new = new.facts(proposal, day)
            except InputError as exc:
                raise loaded.locate(exc) from None
        except ScreeningError as exc:
            report.errors.extend(f"{path}: {p.render()}" for p in exc.problems)
            continue
        report.screened += 1
        report.transitions[(before.outcome, after.outcome)] += 1
        s_old, s_new = _statuses(before), _statuses(after)
        rules = []
        for rule_id in dict.fromkeys([*s_old, *s_new]):
            a = _status(old_book, s_old, rule_id, day)
            b = _status(new_book, s_new, rule_id, day)
            r_old, r_new = old_book.rules_by_id.get(rule_id), new_book.rules_by_id.get(rule_id)
            same = (r_old is not None and r_new is not None and r_old.effect == r_new.effect
                    and r_old.clause_id == r_new.clause_id)
            if a != b or not same:
                rules.append(RuleChange(rule_id, a, b, _why(
                    r_old, r_new, (facts_old, facts_new), (params_old, params_new))))
        c_old, c_new = _citations(before), _citations(after)
        if before.outcome == after.outcome and c_old == c_new and not rules:
            continue
        keys = ("document", "section", "quote")
        report.changes.append(ProposalChange(
            str(path), proposal.id, proposal.name, day.isoformat(), before.outcome,
            after.outcome, [dict(zip(keys, c, strict=True)) for c in sorted(c_new - c_old)],
            [dict(zip(keys, c, strict=True)) for c in sorted(c_old - c_new)], rules))
    return report
