"""`rules verify` findings as text for policy staff (JSON is ``Verification.as_dict``)."""

from __future__ import annotations

import yaml

from screening.tools.verify import ERROR, UNKNOWN, WARNING, Verification

LABELS = {ERROR: {"zh": "错误", "en": "error"}, WARNING: {"zh": "提示", "en": "warning"},
          UNKNOWN: {"zh": "未能判定", "en": "unknown"}}


def to_text(report: Verification, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [(f"规则库 {report.rulebook[:19]}：{report.rules} 条规则，参数分期 "
              f"{', '.join(report.periods)}；错误 {report.count(ERROR)}，提示 "
              f"{report.count(WARNING)}，未能判定 {report.count(UNKNOWN)}"
              f"（{report.seconds:.1f} 秒）")
             if zh else
             (f"Rulebook {report.rulebook[:19]}: {report.rules} rules, parameter periods from "
              f"{', '.join(report.periods)}; {report.count(ERROR)} errors, "
              f"{report.count(WARNING)} warnings, {report.count(UNKNOWN)} undecided "
              f"({report.seconds:.1f} s)")]
    for finding in report.findings:
        label = LABELS[finding.severity]
        rules = " ".join(finding.rules)
        lines.append("")
        lines.append(f"[{label[lang]} {finding.check}] {rules}".rstrip())
        lines.append(f"  {finding.message[lang]}")
        if zh:
            lines.append(f"  ({finding.message['en']})")
        lines += [f"  · {d}" for d in finding.detail]
        witness = finding.witness
        if witness:
            confirmed = ("已由 durable_rules 引擎复现" if zh else "reproduced by the engine") \
                if witness.get("confirmed") else ("引擎未能复现" if zh else "NOT reproduced")
            lines.append(f"  {'反例' if zh else 'witness'} ({confirmed}, "
                         f"{witness.get('confirmed_by')}"
                         + (f", {witness['as_of']}" if "as_of" in witness else "") + "):")
            shown = witness.get("proposal") or witness["facts"]
            dumped = yaml.safe_dump(shown, allow_unicode=True, sort_keys=False,
                                    default_flow_style=None, width=96)
            lines += [f"    {line}" for line in dumped.splitlines()]
    if report.unmodelled:
        lines.append("")
        lines.append(("未建模的事实（按任意取值处理）: " if zh else
                      "Facts without a model (treated as free): ") + ", ".join(report.unmodelled))
    if not report.findings:
        lines.append("没有发现问题。" if zh else "No problems found.")
    return "\n".join(lines)
