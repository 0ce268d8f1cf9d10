"""Static checks of what the rules use: parameters, entries, predicates, catalogues, clauses.

A parameter no rule reads, a keyed entry for a key its fact can never take, a
predicate no condition names, a list catalogue neither a condition nor the
derivation (screening/*.py, by its quoted name) reads, a fuel group no rule asks
about, a 两高 type no code and product can reach (an earlier entry catches them
all), a heavy-polluting division that does not exist, a clause no rule cites,
and a clause quote that is not inside the section it is cited as.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from screening.facts.proposal import SourceKind
from screening.rulebook.book import Rulebook
from screening.rulebook.condition_view import named_predicates
from screening.rulebook.sections import load_inventory, section_of
from screening.screen import CARBON_EARLIEST, TWO_HIGH_ORIGIN
from screening.tools.verify.checks import ERROR, WARNING, Finding
from screening.tools.verify.schema import IndustryRow

#: parameters the derivation itself reads
DERIVATION_PARAMETERS = {CARBON_EARLIEST, TWO_HIGH_ORIGIN}


def _message_fields(rulebook: Rulebook) -> set[str]:
    out = set()
    for rule in rulebook.rules:
        for template in (rule.message.zh, rule.message.en):
            out.update(name for _, name, _, _ in string.Formatter().parse(template) if name)
    return out


def _derivation_source() -> str:
    """The derivation's code: a list catalogue it reads by name is in use."""
    package = Path(__file__).resolve().parents[2]  # screening/, not screening/tools/
    return "".join(p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py"))
                   if "verify" not in p.relative_to(package).parts)


def usage(rulebook: Rulebook, table: list[IndustryRow]) -> list[Finding]:
    out: list[Finding] = []
    read = {f for rule in rulebook.rules for f in rule.fields}
    shown = _message_fields(rulebook)
    for name, layered in rulebook.parameters.items():
        if name not in read and name not in DERIVATION_PARAMETERS:
            if name in shown:
                out.append(Finding("parameter-only-in-message", WARNING, [], {
                    "zh": f"参数 {name} 只出现在说明中，没有规则的条件使用它",
                    "en": f"Parameter {name} appears only in messages; no condition reads it"},
                    [layered.file]))
            else:
                out.append(Finding("unused-parameter", ERROR, [], {
                    "zh": f"参数 {name} 没有任何规则使用", "en": f"No rule uses parameter {name}"},
                    [layered.file]))
            continue
        key = layered.base.keyed_by
        if key is None:
            continue
        possible = {row.facts.get(key) for row in table} - {None}
        spec = rulebook.fields.get(key)
        if spec is not None and spec.values:
            possible |= set(spec.values)
        for layer, param, file in (("base", layered.base, layered.file), *layered.layers):
            for day, values in param.values.items():
                for entry in sorted(set(values) - possible) if isinstance(values, dict) else []:
                    out.append(Finding("unused-parameter-entry", ERROR, [], {
                        "zh": f"参数 {name} 的档位“{entry}”（{layer} {day}）不是 {key} 的可能取值，"
                              "永远不会被使用",
                        "en": f"Entry '{entry}' of {name} ({layer} {day}) is not a value "
                              f"{key} can take, so it is never used"}, [file]))
    texts = [rule.when for rule in rulebook.rules]
    predicates = named_predicates(rulebook)
    texts += [p.when for p in predicates.values()]
    for key, pred in predicates.items():
        if not any(re.search(rf"\bpred\.{re.escape(key)}\b", t) for t in texts):
            out.append(Finding("unused-predicate", WARNING, [], {
                "zh": f"命名条件 {pred.name} 没有规则使用", "en": f"No rule uses {pred.name}"}))
    derivation = _derivation_source()
    for name in rulebook.catalogues.lists:
        if not any(re.search(rf"\bcatalogue\.{re.escape(name)}\b", t) for t in texts) and (
                f'"{name}"' not in derivation):
            out.append(Finding("unused-catalogue", WARNING, [], {
                "zh": f"目录 catalogues/{name}.yaml 没有规则使用",
                "en": f"No rule uses catalogues/{name}.yaml"}))
    boilers_read = any(f.startswith("boilers.") for f in read)
    for group in rulebook.catalogues.fuels.groups:
        if f"fuels.{group}" not in read and not (group == "coal_products" and boilers_read):
            out.append(Finding("unused-catalogue-entry", WARNING, [], {
                "zh": f"燃料分组 {group} 没有规则使用", "en": f"No rule uses fuel group {group}"},
                ["catalogues/fuels.yaml"]))
    reached = {row.facts.get("two_high.type") for row in table}
    for entry in rulebook.catalogues.two_high.types:
        if entry.name not in reached:
            out.append(Finding("unused-catalogue-entry", WARNING, [], {
                "zh": f"“两高”类型 {entry.name} 永远不会被匹配"
                      "（代码不在所列大类内，或被前面的条目截获）",
                "en": f"两高 type {entry.name} is never matched (its codes are outside the "
                      "listed divisions or an earlier entry catches them)"},
                ["catalogues/two_high.yaml"]))
    divisions = rulebook.catalogues.industries.divisions
    heavy = rulebook.catalogues.heavy_polluting
    for code in [*heavy.divisions, *heavy.classes]:
        if code[:2] not in divisions:
            out.append(Finding("unused-catalogue-entry", WARNING, [], {
                "zh": f"重污染行业目录中的 {code} 不属于任何国民经济行业大类",
                "en": f"Heavy-polluting entry {code} is in no GB/T 4754 division"},
                ["catalogues/heavy_polluting.yaml"]))
    known_kinds = {k.value for k in SourceKind}
    for kind in rulebook.catalogues.source_kinds.kinds:
        if kind not in known_kinds:
            out.append(Finding("unused-catalogue-entry", WARNING, [], {
                "zh": f"来源类型 {kind} 不是项目可填报的类型", "en": f"Source kind {kind} is not "
                "one a proposal can state"}, ["catalogues/source_kinds.yaml"]))
    out += _clauses(rulebook)
    return out


def _clauses(rulebook: Rulebook) -> list[Finding]:
    out = []
    cited = {rule.clause_id for rule in rulebook.rules}
    for key in rulebook.clauses.keys() - cited:
        out.append(Finding("unused-clause", WARNING, [], {
            "zh": f"条款 {key} 已登记但没有规则引用", "en": f"Clause {key} is registered but "
            "no rule cites it"}))
    inventory = load_inventory(rulebook)
    for key, clause in sorted(rulebook.clauses.items()):
        if rulebook.documents.get(clause.document) is None or rulebook.documents[
                clause.document].number != inventory.document:
            continue
        found = section_of(inventory.sections, inventory.text, clause.quote)
        if found is not None and found != clause.section:
            out.append(Finding("misplaced-quote", ERROR, [], {
                "zh": f"条款 {key} 注为 {clause.section}，但引文位于 {found}",
                "en": f"Clause {key} is cited as {clause.section} but its quote is in {found}"},
                ["policy/clauses.yaml"]))
    return out
