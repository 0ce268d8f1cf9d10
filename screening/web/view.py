"""A decision as the decision page and the PDF show it: the same data for both.

Works on the decision's JSON (``Decision.as_dict()``, as `screen --format json`
prints and as records store it), so a fresh screening and a recorded one read
alike. Adds only what a reader needs to place each number: the label of every
value a finding used and where it came from (the proposal as stated, derived from
it, or a parameter with its document, date in force and confidence), the missing
facts with the clauses that ask for them, the chart of the five reductions, and
the ledger's view of each cited source. No policy is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from screening.decision.model import EFFECT_LABELS, OUTCOME_LABELS
from screening.derive.labels import label
from screening.derive.ledger import DIMENSIONS as LEDGER_DIMENSIONS
from screening.facts.flatten import flatten
from screening.rulebook.book import Rulebook
from screening.web.chart import bars, svg

CONFIDENCE = {"read": {"zh": "已核读", "en": "read"},
              "partial": {"zh": "部分核实", "en": "partial"},
              "unverified": {"zh": "未核实", "en": "unverified"}}


@dataclass
class ValueRow:
    name: str
    label: dict[str, str]
    value: str
    origin: dict[str, str]


@dataclass
class FindingView:
    rule: str
    title: dict[str, str]
    effect: str
    effect_label: dict[str, str]
    status: str
    clause: dict[str, str]
    message: dict[str, str]
    values: list[ValueRow]
    basis: list[dict[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


_SEVERITY = {"reject": 0, "refer": 1, "condition": 2, "note": 3}


@dataclass
class DecisionView:
    data: dict[str, Any]
    outcome: str
    outcome_label: dict[str, str]
    #: every finding, the strongest effect first (reject, refer, condition, note), then
    #: those undetermined for lack of facts; rulebook order within each
    findings: list[FindingView]
    missing: list[dict[str, Any]]
    ledger: list[dict[str, Any]]
    chart: dict[str, str]
    warnings: list[dict[str, str]]
    #: plan-only rules the plan's end stopped that would concern this project
    expired: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fired(self) -> list[FindingView]:
        return [f for f in self.findings if f.status == "fired"]

    @property
    def undetermined(self) -> list[FindingView]:
        return [f for f in self.findings if f.status != "fired"]


def show_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是 yes" if value else "否 no"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return "、".join(show_value(v) for v in value) or "—"
    return str(value)


def _origin(name: str, value: Any, stated: dict[str, Any]) -> dict[str, str]:
    if isinstance(value, dict) and "from" in value:  # a parameter in force
        conf = CONFIDENCE.get(str(value.get("confidence")), {"zh": "", "en": ""})
        layer = value.get("layer", "base")
        key = f"（{value['key']}）" if value.get("key") else ""
        return {"zh": f"参数 {name}{key}：{value['from']}，{value.get('effective')} 起施行，"
                      f"{conf['zh']}，{'基础层' if layer == 'base' else '叠加层 ' + layer}",
                "en": f"parameter {name}{key}: {value['from']}, in force from "
                      f"{value.get('effective')}, {conf['en']}, layer {layer}"}
    if name in stated:
        return {"zh": f"申报材料：{name}", "en": f"stated in the proposal: {name}"}
    return {"zh": "由申报数据计算（派生）", "en": "derived from the stated facts"}


def _basis(finding: dict[str, Any]) -> list[dict[str, str]]:
    basis = finding.get("basis")
    if not basis:
        return []
    items = basis if isinstance(basis, list) else [basis]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append({"document": str(item.get("document", "")),
                        "section": str(item.get("section", item.get("article", ""))),
                        "quote": str(item.get("quote", item.get("excerpt", item.get("text", "")))),
                        "confidence": str(item.get("confidence", ""))})
        else:
            out.append({"document": "", "section": "", "quote": str(item), "confidence": ""})
    return out


def _ledger_rows(ledger: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not ledger or not ledger.get("sources"):
        return []
    rows = []
    for sid, entry in sorted(ledger["sources"].items()):
        if entry is None:
            rows.append({"id": sid, "registered": False, "amounts": []})
            continue
        amounts = [{"dimension": dim, "label": {"zh": LEDGER_DIMENSIONS.get(dim, ("", dim))[1],
                                                "en": LEDGER_DIMENSIONS.get(dim, ("", "", dim))[2]},
                    "unit": a["unit"], "registered": show_value(a["registered"]),
                    "available": show_value(a["available"])}
                   for dim, a in entry.get("amounts", {}).items()]
        rows.append({"id": sid, "registered": True, "kind": entry.get("kind"),
                     "description": entry.get("description"), "arose_on": entry.get("arose_on"),
                     "in_shandong": entry.get("in_shandong"), "place": entry.get("place"),
                     "evidence": entry.get("evidence"), "amounts": amounts})
    return rows


def decision_view(rulebook: Rulebook, data: dict[str, Any], proposal: Any | None,
                  facts: dict[str, Any] | None) -> DecisionView:
    """``data``: a decision's JSON; ``proposal``: what was screened; ``facts``: for the chart."""
    stated: dict[str, Any] = {}
    if proposal is not None:
        flatten(proposal, "", stated)
    findings = []
    for f in data["findings"]:
        rows = [ValueRow(name, label(name, rulebook.label(name)),
                         show_value(v["value"] if isinstance(v, dict) and "from" in v else v),
                         _origin(name, v, stated))
                for name, v in f.get("values", {}).items()]
        effect = EFFECT_LABELS[f["effect"]] if f["status"] == "fired" else {
            "zh": "无法判定→提交审议", "en": "undetermined → refer"}
        findings.append(FindingView(f["rule"], f["title"], f["effect"], effect, f["status"],
                                    f["clause"], f["message"], rows, _basis(f),
                                    f.get("missing", [])))
    findings.sort(key=lambda f: (f.status != "fired", _SEVERITY.get(f.effect, 9)))
    sections = {f["rule"]: f["clause"]["section"] for f in data["findings"]}
    missing = [{**m, "sections": sorted({sections[r] for r in m["needed_by"] if r in sections})}
               for m in data.get("missing", [])]
    chart = {"zh": "", "en": ""}
    if facts is not None:
        items = bars(rulebook, facts, _as_date(data["as_of"]))
        chart = {"zh": svg(items, "zh"), "en": svg(items, "en")}
    return DecisionView(data, data["outcome"], OUTCOME_LABELS[data["outcome"]], findings,
                        missing, _ledger_rows(data.get("ledger")), chart,
                        data.get("warnings", []), data.get("expired", []))


def _as_date(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)
