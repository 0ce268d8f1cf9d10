"""The clause coverage matrix as text for policy staff (JSON is ``Coverage.as_dict``)."""

from __future__ import annotations

from screening.tools.coverage import Coverage, Evidence, SentenceCoverage

MARKS = {"covered": "✔", "uncovered": "✘", "not_admission": "–", "heading": " "}
LABELS = {"covered": {"zh": "有规则", "en": "covered"},
          "uncovered": {"zh": "无规则", "en": "uncovered"},
          "not_admission": {"zh": "非准入条款", "en": "not an admission clause"}}


def _counts(evidence: Evidence) -> str:
    return "/".join(f"{len(getattr(evidence, s))}" for s in (
        "fired", "not_fired", "undetermined"))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def to_text(coverage: Coverage, lang: str = "zh", verbose: bool = False) -> str:
    zh = lang == "zh"
    admission = coverage.admission
    covered = sum(1 for s in admission if s.status == "covered")
    binding = coverage.binding
    cited = sum(1 for s in binding if s.status == "covered")
    marked = sum(1 for s in coverage.sentences if s.status == "not_admission")
    headings = sum(1 for s in coverage.sentences if s.status == "heading")
    lines = [(f"句子覆盖（{coverage.document} 二至五）：约束性句子 {len(binding)} 句，"
              f"有规则 {cited} 句，覆盖率 {coverage.percent:.1f}%；非准入句子 {marked} 句"
              f"（各有理由），标题 {headings} 句；按项计：准入条款 {len(admission)} 项，"
              f"有规则 {covered} 项") if zh else
             (f"Sentence coverage of {coverage.document} 二-五: {cited} of {len(binding)} binding "
              f"sentences have rules ({coverage.percent:.1f}%); {marked} sentences are not "
              f"admission clauses (each with its reason), {headings} headings; by item: "
              f"{covered} of {len(admission)} admission clauses have rules")]
    run = coverage.scenarios
    lines.append((f"案例 {coverage.cases} 个已筛查" if zh else f"{coverage.cases} cases screened")
                 + ("；" if zh else "; ") + (
                     ("未运行场景" if zh else "scenarios not run") if run is None else
                     (f"场景 {len(run.passed)}/{len(run.scenarios)} 个通过并计入（{run.summary}）"
                      if zh else f"{len(run.passed)} of {len(run.scenarios)} scenarios passed "
                      f"and counted ({run.summary})")))
    lines.append("规则后的数字：使其触发/未触发/无法判定的案例数、场景数" if zh else
                 "Numbers after a rule: cases and scenarios in which it fired/stayed quiet/"
                 "was undetermined")
    lines.append("")
    by_id = {r.rule: r for r in coverage.rules}
    by_section: dict[str, list[SentenceCoverage]] = {}
    for sentence in binding:
        by_section.setdefault(sentence.section, []).append(sentence)
    for section in coverage.admission:
        label = LABELS[section.status][lang]
        lines.append(f"{MARKS[section.status]} {section.section}  {section.heading}  [{label}]")
        if section.reason:
            lines.append("    ! " + ("标为非准入条款，但有规则引用，按准入条款计：" if zh else
                                   "marked not an admission clause, yet rules cite it; counted "
                                   "as one: ") + section.reason[lang])
        for sentence in by_section.pop(section.section, []):
            mark = MARKS[sentence.status]
            lines.append(f"  {mark} {sentence.key}  {_short(sentence.text)}")
            for rule_id in sentence.rules:
                rule = by_id[rule_id]
                line = (f"      {rule.rule} [{rule.effect}]  {'案例' if zh else 'cases'} "
                        + _counts(rule.cases))
                if run is not None:
                    line += f" · {'场景' if zh else 'scenarios'} " + _counts(rule.scenarios)
                lines.append(line)
                if verbose:
                    for status in ("fired", "not_fired", "undetermined"):
                        for name in getattr(rule.scenarios, status):
                            lines.append(f"            {status}: {name}")
    for rest in by_section.values():  # binding sentences outside leaf items (section intros)
        for sentence in rest:
            lines.append(f"  {MARKS[sentence.status]} {sentence.key}  {_short(sentence.text)}  "
                         + ", ".join(sentence.rules))
    uncovered = [s for s in binding if s.status == "uncovered"]
    if uncovered:
        lines.append("")
        lines.append("无规则的约束性句子 (binding sentences no rule cites):" if zh else
                     "Binding sentences no rule cites:")
        lines += [f"{MARKS['uncovered']} {s.key}  {s.text}" for s in uncovered]
    lines.append("")
    lines.append("非准入条款 (not admission clauses):" if zh else "Not admission clauses:")
    for section in coverage.sections:
        if section.status == "not_admission" and section.reason:
            lines.append(f"{MARKS['not_admission']} {section.section}  {section.heading}: "
                         f"{section.reason[lang]}")
    for sentence in coverage.sentences:
        if sentence.status == "not_admission" and sentence.reason and \
                not any(s.section == sentence.section and s.status == "not_admission"
                        for s in coverage.sections):
            lines.append(f"{MARKS['not_admission']} {sentence.key}  {_short(sentence.text, 40)}: "
                         f"{sentence.reason[lang]}")
    leaves = {s.section for s in coverage.sections}
    elsewhere = [r for r in coverage.rules if r.section not in leaves]
    if elsewhere:
        lines.append("")
        lines.append("引用方案以外条款的规则 (rules citing no numbered item of the plan):")
        lines += [f"    {r.rule} → {r.clause_id} ({r.section})" for r in elsewhere]
    for problem in coverage.misplaced:
        lines.append(f"! {'引文不在所注章节' if zh else 'quote outside its section'}: {problem}")
    if run is not None:
        missing = coverage.unexercised()
        if missing:
            lines.append("")
            lines.append("缺少触发或未触发场景的规则 (rules lacking a firing or non-firing "
                         "scenario):" if zh else "Rules lacking a firing or non-firing scenario:")
            lines += [f"    {m}" for m in missing]
        if run.failed:
            lines.append("")
            lines.append("未通过的场景 (failing scenarios):" if zh else "Failing scenarios:")
            lines += [f"    {name}" for name in run.failed]
    return "\n".join(lines)
