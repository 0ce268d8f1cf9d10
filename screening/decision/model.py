"""A decision: the outcome, every finding with its clause, and what was missing.

Outcome precedence is reject > refer > approve_with_conditions > approve. A rule
that could not be decided for lack of facts is a finding of its own ("refer"),
so a proposal with a gap is never approved.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from screening.decision.expired import EndedRules
from screening.derive.labels import inputs_behind, label
from screening.rulebook.book import CompiledRule, Rulebook
from screening.rulebook.compiled import CompiledConditions
from screening.rulebook.params import ParamValue, day_text

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
    #: the zone layers behind facts this finding used (computed from the site's coordinates)
    site_map: list[dict[str, Any]] = field(default_factory=list)
    #: excerpts of higher-level documents the rule's force comes from (none: plan only)
    basis: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "title": self.title, "effect": self.effect,
               "status": self.status, "clause": self.clause, "basis": self.basis,
               "message": self.message, "values": self.values}
        if self.missing:
            out["missing"] = self.missing
        if self.site_map:
            out["site_map"] = self.site_map
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
    #: plan-only rules not applied because the plan's window had ended on the as-of date
    expired: list[dict[str, Any]] = field(default_factory=list)
    #: where the site map was written (screen --map DIR); not part of the decision itself
    map_file: str | None = None
    #: makes ``site_map`` when first asked for: the SVG is drawn only for a decision shown
    site_map_source: Callable[[], dict[str, Any]] | None = None
    #: what the zone layers said about the site (a SiteReport) until the map is made
    site_report: Any = None
    _site_map: dict[str, Any] | None = None

    @property
    def site_map(self) -> dict[str, Any] | None:
        """The site laid on the zone layers, with its SVG map; None without coordinates."""
        if self._site_map is None and self.site_map_source is not None:
            self._site_map, self.site_map_source = self.site_map_source(), None
            self.site_report = None  # the layers do not travel between processes
        return self._site_map

    def site_layers(self) -> list[dict[str, Any]] | None:
        """``site_map["layers"]`` (each layer's answer), without drawing the map for it."""
        if self._site_map is None and self.site_map_source is not None \
                and self.site_report is not None:
            return [membership.as_dict() for membership in self.site_report.memberships]
        site_map = self.site_map
        return None if site_map is None else site_map["layers"]

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
                "warnings": self.warnings, "expired": self.expired,
                **({"ledger": self.ledger} if self.ledger is not None else {}),
                **({"site_map": site_map} if (site_map := self.site_map) is not None else {})}


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


@dataclass(frozen=True, slots=True)
class Template:
    """A message template parsed once: its text up to the first field, then each field
    shown with the text that follows it (joined, not ``str.format``-ed, at each use)."""

    head: str
    #: ((field name, format spec), the literal text after the field), in order
    parts: tuple[tuple[tuple[str, str], str], ...]


def parse_template(template: str) -> Template:
    literals, fields = [""], []  # literals[k]: the text before field k (the last: after all)
    for literal, name, spec, _ in string.Formatter().parse(template):
        literals[-1] += literal
        if name is not None:
            fields.append((name, spec or ""))
            literals.append("")
    return Template(literals[0], tuple(zip(fields, literals[1:], strict=True)))


def fill(template: Template, lookup: dict[str, Any], lang: str,
         shown: dict[tuple[str, str], str] | None = None) -> str:
    """A parsed template filled from facts and parameter values.

    ``shown`` remembers numbers and text already formatted (they read the same in
    both languages), so a decision formats each value once.
    """
    if shown is None:
        shown = {}
    texts = [template.head]
    for key, after in template.parts:
        value = lookup.get(key[0])
        if value is None or value.__class__ is bool:  # 未知/unknown, 是/yes: per language
            texts.append(_fmt(value, key[1], lang))
        else:
            text = shown.get(key)
            if text is None:
                text = shown[key] = _fmt(value, key[1], lang)
            texts.append(text)
        texts.append(after)
    return "".join(texts)


def render(template: str, lookup: dict[str, Any], lang: str) -> str:
    """Fill ``{field}`` / ``{field:spec}`` from facts and parameter values."""
    return fill(parse_template(template), lookup, lang)


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


class _RuleText:
    """What a finding of one rule always says, worked out once per rulebook: the first
    time a finding of the rule is made (a short run makes few of them)."""

    __slots__ = ("basis", "citation", "effect", "messages", "rule", "shown", "title")
    rule: CompiledRule
    effect: str
    title: dict[str, str]
    citation: dict[str, str]
    basis: tuple[dict[str, str], ...]
    #: fields whose values a finding shows: those the condition reads, then the message's
    shown: tuple[str, ...]
    messages: tuple[tuple[str, Template], ...]

    def __init__(self, rule: CompiledRule) -> None:
        self.rule = rule

    def __getattr__(self, name: str) -> Any:  # only for what is not worked out yet
        if name == "rule" or name not in _RuleText.__slots__:
            raise AttributeError(name)
        rule = self.rule
        self.effect = str(rule.effect)
        self.title = {"zh": rule.title.zh, "en": rule.title.en}
        self.citation = rule.citation()
        self.basis = tuple(rule.basis_citations())
        self.shown = tuple(_template_fields(rule))
        self.messages = tuple((lang, parse_template(getattr(rule.message, lang)))
                              for lang in ("zh", "en"))
        return getattr(self, name)


class DecisionBuilder:
    """Turns engine hits into decisions for one rulebook; templates parsed once (each
    when its rule first makes a finding)."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.texts = [_RuleText(rule) for rule in rulebook.rules]
        self._position = {text.rule.id: index for index, text in enumerate(self.texts)}
        self._labels: dict[str, dict[str, str]] = {}
        #: plan-only rules ended by the plan's window, by span of as-of dates
        self._ended = EndedRules(self.texts)
        #: conditions compiled on first use (the same answers as conditions.evaluate)
        self._conditions = CompiledConditions()

    def label(self, name: str, facts: dict[str, Any]) -> dict[str, str]:
        """The label of a missing fact (remembered) or parameter (depends on the facts)."""
        if name.startswith("param."):
            return _missing_label(self.rulebook, name, facts)
        found = self._labels.get(name)
        if found is None:
            found = self._labels[name] = _missing_label(self.rulebook, name, facts)
        return dict(found)

    def build(self, proposal_id: str, name: str, as_of: str, hits: list[tuple[str, str]],
              facts: dict[str, Any], params: dict[str, ParamValue],
              warnings: list[dict[str, str]], engine: str,
              basis: Mapping[str, dict[str, Any]] | None = None) -> Decision:
        """Turn engine hits into a decision, in rulebook order.

        ``basis`` names the zone layer behind each fact computed from the site's
        coordinates; a finding that used one cites it (and says if it is illustrative).
        """
        statuses = dict(hits)
        findings: list[Finding] = []
        missing: dict[str, list[str]] = {}
        lookup: dict[str, Any] | None = None
        position = self._position
        for index in sorted(position[rule_id] for rule_id in statuses):  # rulebook order
            text = self.texts[index]
            status = statuses[text.rule.id]
            if lookup is None:
                lookup = _lookup(facts, params)
                shown: dict[tuple[str, str], str] = {}
            rule = text.rule
            values: dict[str, Any] = {}
            for fname in text.shown:
                param = params.get(fname)
                values[fname] = param.as_dict() if param is not None else facts.get(fname)
            used = [basis[f] for f in rule.fields if f in basis] if basis else None
            if status == "fired":
                (zh, zh_template), (en, en_template) = text.messages
                finding = Finding(
                    rule.id, dict(text.title), text.effect, status, dict(text.citation),
                    {zh: fill(zh_template, lookup, zh, shown),
                     en: fill(en_template, lookup, en, shown)},
                    values, basis=[dict(b) for b in text.basis] if text.basis else [])
                findings.append(_cite_layers(finding, used) if used else finding)
                continue
            undecided = self._conditions.unknown(rule.condition, lookup) or [
                f for f in rule.fields if lookup.get(f) is None]
            absent: list[str] = []
            for fname in undecided:
                for needed in _needed(self.rulebook, fname, facts):
                    if needed not in absent:
                        absent.append(needed)
            for fname in absent:
                missing.setdefault(fname, []).append(rule.id)
            labels = [self.label(f, facts) for f in absent]
            message = {
                "zh": f"无法判定“{rule.title.zh}”：缺少 " + "、".join(
                    f"{lab['zh']}（{f}）" for f, lab in zip(absent, labels, strict=True)),
                "en": f"Cannot decide '{rule.title.en}': missing " + ", ".join(
                    f"{lab['en']} ({f})" for f, lab in zip(absent, labels, strict=True)),
            }
            finding = Finding(
                rule.id, dict(text.title), text.effect, status, dict(text.citation), message,
                values, absent, basis=[dict(b) for b in text.basis] if text.basis else [])
            findings.append(_cite_layers(finding, used) if used else finding)
        return Decision(
            proposal_id=proposal_id, name=name, outcome=outcome_of(findings), as_of=as_of,
            rulebook=self.rulebook.hash, findings=findings,
            missing=[{"field": f, "kind": "parameter" if f.startswith("param.") else "fact",
                      "label": self.label(f, facts), "needed_by": rules}
                     for f, rules in missing.items()],
            warnings=warnings, overlays=list(self.rulebook.overlays), engine=engine,
            expired=self.expired(as_of, facts, params, lookup))

    def expired(self, as_of: str, facts: dict[str, Any], params: dict[str, ParamValue],
                lookup: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Plan-only rules the plan's end stopped, that would concern this proposal.

        A rule whose condition is false on the proposal's facts would not have
        said anything and is left out; one that would fire or could not be
        decided is listed, so the officer knows what was not checked.
        """
        day = date.fromisoformat(as_of)
        if not self._ended.on(day):
            return []
        if lookup is None:
            lookup = _lookup(facts, params)
        return [{"rule": text.rule.id, "title": dict(text.title), "effect": text.effect,
                 "clause": dict(text.citation),
                 "in_force_to": day_text(text.rule.window_end)  # type: ignore[arg-type]
                 } for text in self._ended.concerning(day, lookup)]


def _lookup(facts: dict[str, Any], params: dict[str, ParamValue]) -> dict[str, Any]:
    """Facts and the values of the parameters in force, as conditions and messages read them."""
    lookup = dict(facts)
    for name, param in params.items():
        lookup[name] = param.value
    return lookup


def _cite_layers(finding: Finding, used: list[dict[str, Any]]) -> Finding:
    """The layers behind the finding's map facts, named in its message and kept beside it."""
    if used:
        finding.site_map = [{k: v for k, v in b.items() if k not in ("zh", "en")}
                            for b in used]
        finding.message = {
            "zh": finding.message["zh"] + "〔" + "；".join(b["zh"] for b in used) + "〕",
            "en": finding.message["en"] + " [" + "; ".join(b["en"] for b in used) + "]"}
    return finding


def build(rulebook: Rulebook, proposal_id: str, name: str, as_of: str,
          hits: list[tuple[str, str]], facts: dict[str, Any],
          params: dict[str, ParamValue], warnings: list[dict[str, str]],
          engine: str) -> Decision:
    """Turn engine hits into a decision, in rulebook order (see DecisionBuilder)."""
    return DecisionBuilder(rulebook).build(proposal_id, name, as_of, hits, facts, params,
                                           warnings, engine)
