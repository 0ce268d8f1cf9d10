"""A decision: the outcome, every finding with its clause, and what was missing.

Outcome precedence is reject > refer > approve_with_conditions > approve. A rule
that could not be decided for lack of facts is a finding of its own ("refer"),
so a proposal with a gap is never approved.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from screening.conditions import unknown_fields
from screening.labels import inputs_behind, label
from screening.rulebook.book import CompiledRule, Rulebook
from screening.rulebook.params import ParamValue

APPROVE, CONDITIONS, REFER, REJECT = "approve", "approve_with_conditions", "refer", "reject"
OUTCOME_LABELS = {
    APPROVE: {"zh": "准予准入", "en": "approve"},
    CONDITIONS: {"zh": "附条件准入", "en": "approve with conditions"},
    REFER: {"zh": "提交审议", "en": "refer"},
    REJECT: {"zh": "不予准入", "en": "reject"},
}
EFFECT_LABELS = {
    "reject": {"zh": "否决", "en": "reject"},
    "refer": {"zh": "提交审议", "en": "refer"},
    "condition": {"zh": "附条件", "en": "condition"},
    "note": {"zh": "提示", "en": "note"},
}
_RANK = {"reject": 3, "refer": 2, "condition": 1, "note": 0}


@dataclass(slots=True)
class Finding:
    rule: str
    title: dict[str, str]
    effect: str
    status: str  # "fired" | "undetermined"
    clause: dict[str, str]
    message: dict[str, str]
    values: dict[str, Any]
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "title": self.title, "effect": self.effect,
               "status": self.status, "clause": self.clause, "message": self.message,
               "values": self.values}
        if self.missing:
            out["missing"] = self.missing
        return out


@dataclass(slots=True)
class Decision:
    proposal_id: str
    name: str
    outcome: str
    as_of: str
    rulebook: str
    findings: list[Finding]
    missing: list[dict[str, Any]]
    warnings: list[dict[str, str]]
    overlays: list[str]
    engine: str
    #: what the replacement-source ledger said about the cited sources; None: not consulted
    ledger: dict[str, Any] | None = None
    #: the proposal as submitted (not part of the decision's JSON)
    proposal: Any = None

    @property
    def outcome_label(self) -> dict[str, str]:
        return OUTCOME_LABELS[self.outcome]

    def sections(self) -> list[str]:
        return sorted({f.clause["section"] for f in self.findings})

    def as_dict(self) -> dict[str, Any]:
        return {"proposal_id": self.proposal_id, "name": self.name, "outcome": self.outcome,
                "outcome_label": self.outcome_label, "as_of": self.as_of,
                "rulebook": self.rulebook, "overlays": self.overlays, "engine": self.engine,
                "findings": [f.as_dict() for f in self.findings], "missing": self.missing,
                "warnings": self.warnings,
                **({"ledger": self.ledger} if self.ledger is not None else {})}


def outcome_of(findings: list[Finding]) -> str:
    worst = max((_RANK["refer"] if f.status == "undetermined" else _RANK[f.effect]
                 for f in findings), default=0)
    return {3: REJECT, 2: REFER, 1: CONDITIONS, 0: APPROVE}[worst]


def _fmt(value: Any, spec: str, lang: str) -> str:
    if value is None:
        return "未知" if lang == "zh" else "unknown"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if spec:
        return format(value, spec)
    if isinstance(value, float):
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def render(template: str, lookup: dict[str, Any], lang: str) -> str:
    """Fill ``{field}`` / ``{field:spec}`` from facts and parameter values."""
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            parts.append(_fmt(lookup.get(name), spec or "", lang))
    return "".join(parts)


def _template_fields(rule: CompiledRule) -> list[str]:
    names = list(rule.fields)
    for template in (rule.message.zh, rule.message.en):
        for _, name, _, _ in string.Formatter().parse(template):
            if name and name not in names:
                names.append(name)
    return names


def _needed(rulebook: Rulebook, name: str, facts: dict[str, Any]) -> list[str]:
    return [name] if name.startswith("param.") else inputs_behind(name, facts)


def _missing_label(rulebook: Rulebook, name: str, facts: dict[str, Any]) -> dict[str, str]:
    """A fact's name, or for a parameter: which value is missing for which key."""
    if not name.startswith("param."):
        return label(name, rulebook.label(name))
    param = rulebook.parameters.get(name)
    if param is None:
        return rulebook.label(name)
    key = facts.get(param.base.keyed_by) if param.base.keyed_by else None
    suffix_zh = f"对“{key}”无在用数值" if key is not None else "在筛查日期无在用数值"
    suffix_en = f"no value in force for '{key}'" if key is not None else "no value in force"
    return {"zh": f"参数“{param.base.description.zh}”{suffix_zh}",
            "en": f"parameter '{param.base.description.en}': {suffix_en}"}


def build(rulebook: Rulebook, proposal_id: str, name: str, as_of: str,
          hits: list[tuple[str, str]], facts: dict[str, Any],
          params: dict[str, ParamValue], warnings: list[dict[str, str]],
          engine: str) -> Decision:
    """Turn engine hits into a decision, in rulebook order."""
    lookup = dict(facts)
    lookup.update({k: v.value for k, v in params.items()})
    statuses = dict(hits)
    findings: list[Finding] = []
    missing: dict[str, list[str]] = {}
    for rule in rulebook.rules:
        status = statuses.get(rule.id)
        if status is None:
            continue
        values: dict[str, Any] = {}
        for fname in _template_fields(rule):
            if fname in params:
                values[fname] = params[fname].as_dict()
            else:
                values[fname] = facts.get(fname)
        if status == "fired":
            message = {lang: render(getattr(rule.message, lang), lookup, lang)
                       for lang in ("zh", "en")}
            findings.append(Finding(rule.id, {"zh": rule.title.zh, "en": rule.title.en},
                                    str(rule.effect), status, rule.citation(), message, values))
            continue
        undecided = unknown_fields(rule.condition, lookup) or [
            f for f in rule.fields if lookup.get(f) is None]
        absent: list[str] = []
        for fname in undecided:
            for needed in _needed(rulebook, fname, facts):
                if needed not in absent:
                    absent.append(needed)
        for fname in absent:
            missing.setdefault(fname, []).append(rule.id)
        labels = [_missing_label(rulebook, f, facts) for f in absent]
        message = {
            "zh": f"无法判定“{rule.title.zh}”：缺少 " + "、".join(
                f"{lab['zh']}（{f}）" for f, lab in zip(absent, labels, strict=True)),
            "en": f"Cannot decide '{rule.title.en}': missing " + ", ".join(
                f"{lab['en']} ({f})" for f, lab in zip(absent, labels, strict=True)),
        }
        findings.append(Finding(rule.id, {"zh": rule.title.zh, "en": rule.title.en},
                                str(rule.effect), status, rule.citation(), message, values,
                                absent))
    return Decision(
        proposal_id=proposal_id, name=name, outcome=outcome_of(findings), as_of=as_of,
        rulebook=rulebook.hash, findings=findings,
        missing=[{"field": f, "kind": "parameter" if f.startswith("param.") else "fact",
                  "label": _missing_label(rulebook, f, facts), "needed_by": rules}
                 for f, rules in missing.items()],
        warnings=warnings, overlays=list(rulebook.overlays), engine=engine)
