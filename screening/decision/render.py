"""Rendering decisions for people (text, Markdown) and machines (JSON).

Chinese first by default: officers read the clause in the original; ``lang``
picks which language leads, the other follows in brackets where it helps.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from screening.decision.model import EFFECT_LABELS, OUTCOME_LABELS, Decision
from screening.errors import inert

_OTHER = {"zh": "en", "en": "zh"}
_BASIS = {"zh": "依据", "en": "Basis"}
_EXPIRED = {"zh": "本方案期满，以下条款不再适用",
            "en": "The plan's period has ended; these clauses no longer apply"}
_UNTIL = {"zh": "适用至", "en": "in force until"}


def _confidence(basis: dict[str, str], lang: str) -> str:
    """A mark after an excerpt that was not read in a faithful copy."""
    if basis.get("confidence") == "read":
        return ""
    return (f"（{basis['confidence']}，未经核实）" if lang == "zh"
            else f" ({basis['confidence']}, not confirmed)")


def to_json(decisions: Iterable[Decision | dict[str, Any]]) -> str:
    items = [d.as_dict() if isinstance(d, Decision) else d for d in decisions]
    return json.dumps(items, ensure_ascii=False, indent=2)


def _label(labels: dict[str, str], lang: str) -> str:
    return f"{labels[lang]} ({labels[_OTHER[lang]]})"


def to_text(decision: Decision, lang: str = "zh") -> str:
    head = "项目" if lang == "zh" else "Proposal"
    lines = [f"{head} {decision.proposal_id} {decision.name}",
             ("结论" if lang == "zh" else "Outcome") + ": "
             + _label(OUTCOME_LABELS[decision.outcome], lang),
             ("筛查日期" if lang == "zh" else "As of") + f": {decision.as_of}    "
             + ("规则库" if lang == "zh" else "Rulebook") + f": {decision.rulebook[:19]}"]
    if decision.overlays:
        lines.append(("叠加层" if lang == "zh" else "Overlays") + ": "
                     + ", ".join(decision.overlays))
    for warning in decision.warnings:
        lines.append("! " + warning[lang])
    if not decision.findings:
        lines.append("  " + ("未触发任何规则。" if lang == "zh" else "No rule fired."))
    for finding in decision.findings:
        effect = EFFECT_LABELS[finding.effect][lang]
        if finding.status == "undetermined":
            effect = "无法判定→提交审议" if lang == "zh" else "undetermined → refer"
        clause = finding.clause
        lines.append(f"  [{effect}] {finding.rule}: {finding.title[lang]}")
        lines.append(f"      {clause['document']} {clause['section']}: “{clause['quote']}”")
        for basis in finding.basis:
            lines.append(f"      {_BASIS[lang]} {basis['document']} {basis['article']}: "
                         f"“{basis['quote']}”{_confidence(basis, lang)}")
        lines.append(f"      {finding.message[lang]}")
        if lang == "zh":
            lines.append(f"      ({finding.message['en']})")
    if decision.missing:
        lines.append(("缺少的事实" if lang == "zh" else "Missing facts") + ": " + ", ".join(
            f"{m['field']} ({m['label'][lang]})" for m in decision.missing))
    if decision.expired:
        lines.append(_EXPIRED[lang] + ":")
        for item in decision.expired:
            clause = item["clause"]
            lines.append(f"  - {item['rule']}: {item['title'][lang]} "
                         f"({clause['document']} {clause['section']}, "
                         f"{_UNTIL[lang]} {item['in_force_to']})")
    return "\n".join(inert(line) for line in lines)  # proposal text cannot forge a line


def to_markdown(decision: Decision, lang: str = "zh") -> str:
    outcome = _label(OUTCOME_LABELS[decision.outcome], lang)
    lines = [f"## {decision.proposal_id} {decision.name}", "",
             f"**{'结论' if lang == 'zh' else 'Outcome'}: {outcome}**  ",
             f"{'筛查日期' if lang == 'zh' else 'As of'}: {decision.as_of} · "
             f"{'规则库' if lang == 'zh' else 'Rulebook'}: `{decision.rulebook[:19]}`", ""]
    for warning in decision.warnings:
        lines.append(f"> ⚠ {warning[lang]}")
    if decision.findings:
        lines += ["| 规则 Rule | 效力 Effect | 条款 Clause | 说明 Message |", "|---|---|---|---|"]
        for f in decision.findings:
            effect = EFFECT_LABELS[f.effect][lang] if f.status == "fired" else (
                "无法判定" if lang == "zh" else "undetermined")
            clause = f"{f.clause['document']} {f.clause['section']}<br>“{f.clause['quote']}”"
            for basis in f.basis:
                clause += (f"<br>{_BASIS[lang]} {basis['document']} {basis['article']}："
                           f"“{basis['quote']}”{_confidence(basis, lang)}")
            clause = clause.replace("|", "\\|")
            message = f.message[lang].replace("|", "\\|")
            lines.append(f"| `{f.rule}` | {effect} | {clause} | {message} |")
    if decision.missing:
        lines += ["", ("缺少的事实" if lang == "zh" else "Missing facts") + ": "
                  + ", ".join(f"`{m['field']}`" for m in decision.missing)]
    if decision.expired:
        lines += ["", f"**{_EXPIRED[lang]}**", ""]
        lines += [f"- `{item['rule']}` {item['title'][lang]} "
                  f"({item['clause']['document']} {item['clause']['section']}, "
                  f"{_UNTIL[lang]} {item['in_force_to']})" for item in decision.expired]
    return "\n".join(inert(line) for line in lines) + "\n"
