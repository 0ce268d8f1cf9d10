"""The what-if of a policy change as text: rulebook changes, transitions, proposals."""

from __future__ import annotations

from screening.decision.model import OUTCOME_LABELS
from screening.errors import inert
from screening.tools.whatif import WhatIf

STATUS = {"fired": "fired 触发", "undetermined": "undetermined 无法判定",
          "not_fired": "not fired 未触发", "absent": "(no such rule)",
          "not_in_force": "not in force 未生效"}


def _outcome(code: str, lang: str) -> str:
    labels = OUTCOME_LABELS[code]
    return labels[lang] if lang == "zh" else labels["en"]


def to_text(report: WhatIf, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [f"{'原规则库' if zh else 'Old'}: {report.old}  {report.old_hash[:19]}",
             f"{'新规则库' if zh else 'New'}: {report.new}  {report.new_hash[:19]}", ""]
    lines.append("规则库变化 (rulebook changes):" if zh else "Rulebook changes:")
    lines += [f"  {c}" for c in report.rulebook_changes] or ["  (none)"]
    lines.append("")
    changed = sum(c for (o, n), c in report.transitions.items() if o != n)
    lines.append((f"结论变化 (outcome transitions): 共筛查 {report.screened} 个项目，"
                  f"结论改变 {changed} 个，引用或发现改变 {len(report.changes)} 个") if zh else
                 (f"Outcome transitions: {report.screened} proposals screened, {changed} "
                  f"outcomes changed, {len(report.changes)} with changed citations or findings"))
    for (old, new), count in sorted(report.transitions.items(), key=lambda x: (x[0][0] == x[0][1],
                                                                                 x[0])):
        same = ("（不变）" if zh else " (unchanged)") if old == new else ""
        lines.append(f"  {_outcome(old, lang)} → {_outcome(new, lang)}{same}: {count}")
    for change in sorted(report.changes, key=lambda c: c.old_outcome == c.new_outcome):
        lines.append("")
        lines.append(f"{change.proposal_id} {change.name}  ({change.file}, "
                     f"{'筛查日期' if zh else 'as of'} {change.as_of})")
        lines.append(f"  {'结论' if zh else 'outcome'}: {_outcome(change.old_outcome, lang)}"
                     f" → {_outcome(change.new_outcome, lang)}")
        for clause in change.clauses_added:
            lines.append(f"  + {clause['section']} “{clause['quote']}”")
        for clause in change.clauses_removed:
            lines.append(f"  − {clause['section']} “{clause['quote']}”")
        for rule in change.rules:
            lines.append(f"  {rule.rule}: {STATUS.get(rule.old, rule.old)} → "
                         f"{STATUS.get(rule.new, rule.new)}")
            lines += [f"      {why}" for why in rule.why]
    for error in report.errors:
        lines.append(f"error: {error}")
    return "\n".join(inert(line) for line in lines)  # proposal text cannot forge a line
