"""The "why / why not" of a decision as text for policy staff (JSON is ``as_dict``).

Chinese leads by default, English beside it. By default a fired rule shows the
sub-conditions that held, a rule that did not fire the ones that failed, and an
undetermined rule the ones that could not be decided and the facts missing;
``full`` shows every sub-condition.
"""

from __future__ import annotations

from screening.decision.model import EFFECT_LABELS, OUTCOME_LABELS
from screening.errors import inert
from screening.tools.explain import FAILED, HELD, NOT_FIRED, UNKNOWN, Explanation, Node, Value

VERDICTS = {"fired": {"zh": "触发", "en": "fired"},
            "undetermined": {"zh": "无法判定", "en": "undetermined"},
            NOT_FIRED: {"zh": "未触发", "en": "not fired"}}
RESULTS = {HELD: ("✔", {"zh": "成立", "en": "held"}),
           FAILED: ("✘", {"zh": "不成立", "en": "failed"}),
           UNKNOWN: ("?", {"zh": "未知", "en": "unknown"})}
_OTHER = {"zh": "en", "en": "zh"}


def _both(labels: dict[str, str], lang: str) -> str:
    return f"{labels[lang]} {labels[_OTHER[lang]]}"


def _value_line(value: Value, lang: str) -> str:
    label = value.label[lang]
    shown = "未知（缺少）" if lang == "zh" else "unknown (missing)"
    if value.value is not None:
        shown = repr(value.value) if isinstance(value.value, str) else str(value.value)
    line = f"{value.name} = {shown}"
    if label and label != value.name:
        line += f"  〔{label}〕"
    source = value.source
    if source:
        since = "自" if lang == "zh" else "from"
        layer = "层" if lang == "zh" else "layer"
        line += (f"  · {source['from']} [{source['confidence']}] · {since} "
                 f"{source['effective']} · {source['layer']} {layer}")
        if source.get("key"):
            line += f" · {source['key']}"
    return line


def _relevant(node: Node) -> list[Node]:
    """Children worth showing in brief mode: the ones that decided the result."""
    if node.kind == "not":
        return node.children
    if node.result == HELD or node.result == FAILED:
        deciding = [c for c in node.children if c.result == node.result]
        return deciding or node.children
    return [c for c in node.children if c.result == UNKNOWN] or node.children


def _tree(node: Node, lang: str, depth: int, full: bool, out: list[str]) -> None:
    mark, labels = RESULTS[node.result]
    pad = "  " * depth
    text = node.predicate or node.text
    line = f"{pad}{mark} {_both(labels, lang):<12} {text}"
    if node.compared:
        line += f"    [{node.compared}]"
    out.append(line)
    for value in node.values:
        out.append(f"{pad}      {_value_line(value, lang)}")
    if node.predicate and full:
        out.append(f"{pad}      = {node.text}")
    children = node.children if full else _relevant(node)
    for child in children:
        _tree(child, lang, depth + 1, full, out)


def to_text(explanation: Explanation, lang: str = "zh", full: bool = False) -> str:
    e = explanation
    zh = lang == "zh"
    counts = {k: sum(1 for r in e.rules if r.verdict == k) for k in VERDICTS}
    lines = [f"{'项目' if zh else 'Proposal'} {e.proposal_id} {e.name}",
             f"{'结论' if zh else 'Outcome'}: {_both(OUTCOME_LABELS[e.outcome], lang)}    "
             f"{'筛查日期' if zh else 'As of'}: {e.as_of}    "
             f"{'规则库' if zh else 'Rulebook'}: {e.rulebook[:19]}",
             (f"在用规则 {len(e.rules)} 条：触发 {counts['fired']}，无法判定 "
              f"{counts['undetermined']}，未触发 {counts[NOT_FIRED]}" if zh else
              f"Rules in force: {len(e.rules)}; fired {counts['fired']}, undetermined "
              f"{counts['undetermined']}, not fired {counts[NOT_FIRED]}")]
    if e.disagreements:
        lines.append("! " + ("解释与 durable_rules 引擎不一致 / explanation and engine disagree: "
                             if zh else "explanation and engine disagree: ")
                     + "; ".join(e.disagreements))
    else:
        lines.append("引擎核对：durable_rules 引擎的判定与逐项解释一致 (engine agrees)" if zh
                      else f"Engine check: the {e.engine} engine agrees with this explanation")
    order = {"fired": 0, "undetermined": 1, NOT_FIRED: 2}
    for item in sorted(e.rules, key=lambda r: order[r.verdict]):
        rule = item.rule
        effect = EFFECT_LABELS[str(rule.effect)]
        lines.append("")
        lines.append(f"[{_both(VERDICTS[item.verdict], lang)}] {rule.id}  "
                     f"{_both(effect, lang)}  {rule.clause.section}  {rule.file}:{rule.line}")
        lines.append(f"  {getattr(rule.title, lang)} — {getattr(rule.title, _OTHER[lang])}")
        lines.append(f"  when: {rule.when}")
        root = item.tree
        if root.kind in ("and", "or") and not root.predicate:
            joined = ("全部须成立" if zh else "all must hold") if root.kind == "and" else (
                "任一成立即可" if zh else "any one suffices")
            mark, labels = RESULTS[root.result]
            lines.append(f"  {mark} {_both(labels, lang)} ({joined}):")
            for child in root.children if full else _relevant(root):
                _tree(child, lang, 2, full, lines)
        else:
            _tree(root, lang, 1, full, lines)
        if item.missing:
            lines.append("  " + ("缺少的事实: " if zh else "missing facts: ")
                         + ", ".join(item.missing))
    if e.not_in_force:
        lines.append("")
        lines.append(("该日期未生效的规则: " if zh else "Rules not in force on that date: ")
                     + ", ".join(f"{r.id} ({r.in_force_from}–{r.in_force_to or '…'})"
                                 for r in e.not_in_force))
    return "\n".join(inert(line) for line in lines)  # proposal text cannot forge a line
