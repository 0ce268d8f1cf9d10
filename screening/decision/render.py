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


def _inert_lines(lines: list[str], unchecked: list[str] | None = None,
                 checked: bool = True) -> str:
    """The lines joined, each through ``inert``; asked once of them all when every line
    is printable (the usual case: then ``inert`` leaves each as it is). With
    ``unchecked`` given, only those lines are asked: ``checked`` says the others are
    printable."""
    if checked and "".join(lines if unchecked is None else unchecked).isprintable():
        return "\n".join(lines)
    return "\n".join(inert(line) for line in lines)


#: a finding's lines that only the rulebook's text decides (effect, rule, title, clause,
#: basis), by that text and the language, with whether they are printable: the same
#: few rules come back in decision after decision, their long quotes formatted and
#: checked once
_RULE_LINES: dict[tuple[Any, ...], tuple[list[str], bool]] = {}
_RULE_LINES_LIMIT = 4096


def _rule_lines(finding: Any, lang: str) -> tuple[list[str], bool]:
    clause = finding.clause
    key = (lang, finding.effect, finding.status, finding.rule, finding.title[lang],
           clause["document"], clause["section"], clause["quote"],
           *((b["document"], b["article"], b["quote"], b.get("confidence"))
             for b in finding.basis))
    found = _RULE_LINES.get(key)
    if found is None:
        effect = EFFECT_LABELS[finding.effect][lang]
        if finding.status == "undetermined":
            effect = "无法判定→提交审议" if lang == "zh" else "undetermined → refer"
        lines = [f"  [{effect}] {finding.rule}: {finding.title[lang]}",
                 f"      {clause['document']} {clause['section']}: “{clause['quote']}”"]
        for basis in finding.basis:
            lines.append(f"      {_BASIS[lang]} {basis['document']} {basis['article']}: "
                         f"“{basis['quote']}”{_confidence(basis, lang)}")
        if len(_RULE_LINES) >= _RULE_LINES_LIMIT:
            _RULE_LINES.clear()
        found = _RULE_LINES[key] = (lines, "".join(lines).isprintable())
    return found


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
    unchecked = lines[:]  # lines from the proposal or the facts: asked at the end
    printable = True  # the rule lines so far
    for finding in decision.findings:
        rule_lines, rule_printable = _rule_lines(finding, lang)
        lines.extend(rule_lines)
        printable = printable and rule_printable
        said = [f"      {finding.message[lang]}"]
        if lang == "zh":
            said.append(f"      ({finding.message['en']})")
        lines.extend(said)
        unchecked.extend(said)
    tail = len(lines)
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
    layers = decision.site_layers()  # the map itself is not drawn for text
    if layers is not None:
        lines.append("选址核对 (site check):" if lang == "zh" else "Site check:")
        lines.extend(f"  · {line}" for line in site_lines({"layers": layers}, lang))
        where = _map_where(decision, lang)
        lines.append(("  选址图: " if lang == "zh" else "  Site map: ") + where)
    unchecked.extend(lines[tail:])
    return _inert_lines(lines, unchecked, printable)  # proposal text cannot forge a line


def _map_where(decision: Decision, lang: str) -> str:
    if decision.map_file:
        return decision.map_file
    return "用 --map DIR 写出 SVG，或见 --format json 的 site_map.svg" if lang == "zh" \
        else "write the SVG with --map DIR, or see site_map.svg in --format json"


def site_lines(site_map: dict[str, Any], lang: str) -> list[str]:
    """One line per layer: inside or not, overlap, distance to the nearest edge."""
    zh = lang == "zh"
    out = []
    for layer in site_map["layers"]:
        head = f"{layer['layer']} ({layer['status']})"
        if not layer["covered"]:
            out.append(f"{head}: " + ("不在图层范围内，未核对" if zh else "site outside the layer"))
            continue
        parts = []
        for zone in layer["zones"]:
            text = zone["name"] + (f" {zone['code']}" if zone.get("code") else "")
            if "overlap_ha" in zone:
                text += (f"，重叠 {zone['overlap_ha']:.2f} 公顷（{zone['share'] * 100:.1f}%）" if zh
                         else f", overlap {zone['overlap_ha']:.2f} ha ({zone['share'] * 100:.1f}%)")
            else:
                text += (f"，距边界 {zone['depth_m']:.0f} 米" if zh
                         else f", {zone['depth_m']:.0f} m from its edge")
            parts.append(text)
        if parts:
            out.append(f"{head}: " + ("在内：" if zh else "inside: ") + "；".join(parts))
        elif "nearest" in layer:
            near = layer["nearest"]
            out.append(f"{head}: " + (f"不在内，距最近的 {near['name']} {near['distance_m']:.0f} 米"
                                      if zh else f"outside, {near['distance_m']:.0f} m from "
                                                 f"{near['name']}"))
        else:
            out.append(f"{head}: " + ("不在内" if zh else "outside"))
    return out


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
    layers = decision.site_layers()  # the map itself is only linked
    if layers is not None:
        lines += ["", "### " + ("选址核对" if lang == "zh" else "Site check"), ""]
        lines += [f"- {line}" for line in site_lines({"layers": layers}, lang)]
        lines.append("")
        lines.append(f"![{'选址图' if lang == 'zh' else 'site map'}]({decision.map_file})"
                     if decision.map_file else _map_where(decision, lang))
    return _inert_lines(lines) + "\n"
