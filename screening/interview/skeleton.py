"""A proposal skeleton for one industry and construction type, and finding the industry code.

``skeleton`` writes the YAML an officer fills in: the fields every project has,
and only the blocks some rule in force could ask of a project of this industry
and construction type, each with a Chinese comment naming the clauses behind it.
The product is not yet known, so every rule it could bring in (the 两高 scope
depends on it) counts.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from screening.derive.labels import BLOCK_LABELS
from screening.facts.proposal import Proposal
from screening.interview.analysis import Analyser, answered_paths
from screening.interview.fields import askable, block_order, companions, label_of
from screening.interview.questions import START_FIELDS
from screening.rulebook.book import CompiledRule, Rulebook
from screening.screen import Screener

_INDUSTRIES = Path("catalogues") / "industries.yaml"
#: the rulebook a wheel carries, else the repository's (an editable install)
PACKAGED_INDUSTRIES = next(
    (root / _INDUSTRIES for root in (Path(__file__).resolve().parents[1] / "bundled" / "rules",
                                     Path(__file__).resolve().parents[2] / "rules")
     if (root / _INDUSTRIES).is_file()),
    Path(__file__).resolve().parents[2] / "rules" / _INDUSTRIES)
_SOURCE_SHAPE = ("每项：{description: 来源说明, amount: 数量, kind: 关停淘汰|压减产能|煤改气电|"
                 "兰炭替代|节能改造|治理减排|其他, arose_on: YYYY-MM-DD, in_shandong: true}")
_BOILER_SHAPE = "每台：{fuel: 燃料, capacity_t_h: 额定蒸发量（吨/小时）, count: 台数}"
_GEOMETRY_SHAPE = ("{type: Point|Polygon|MultiPolygon, crs: CGCS2000|WGS84|GCJ-02|BD-09, "
                   "coordinates: [经度, 纬度]}")


def fields_for(screener: Screener, industry: str, construction_type: str,
               as_of: date | None = None) -> dict[str, list[CompiledRule]]:
    """Every field some rule in force could ask of this industry and construction type."""
    day = as_of or date.today()
    answers = {"id": "-", "name": "-", "application_date": day,
               "industry": {"code": industry}, "construction_type": construction_type}
    proposal = Proposal.model_validate({**answers, "industry": {"code": industry,
                                                                "product": "-"}})
    facts, params = screener.facts(proposal, day)
    lookup = dict(facts)
    lookup.update({k: v.value for k, v in params.items()})
    analyser = Analyser(screener.rulebook)
    states = analyser.reachable(lookup, answered_paths(answers), day)
    asked: dict[str, list[CompiledRule]] = {}
    for state in states:
        for path in state.open_fields:
            asked.setdefault(path, []).append(state.rule)
            for extra in companions(path):
                asked.setdefault(extra, [])
    return asked


def _comment(path: str) -> str:
    zh, _en, unit = label_of(path)
    meta = askable()[path]
    note = zh + (f"（{unit}）" if unit and "（" not in zh else "")
    if meta.choices and meta.kind == "enum":
        note += "：" + "/".join(meta.choices)
    elif meta.kind == "bool":
        note += "：true/false"
    elif meta.kind == "sources":
        note += "；" + _SOURCE_SHAPE
    elif meta.kind == "boilers":
        note += "；" + _BOILER_SHAPE
    elif meta.kind == "geometry":
        note += "；" + _GEOMETRY_SHAPE
    elif meta.kind == "list" and meta.choices:
        note += "：[" + "、".join(meta.choices) + "] 中的若干项"
    if meta.required:
        note += "（必填）"
    return note


def _clauses(rules: list[CompiledRule]) -> str:
    """The documents and sections of these rules: 临东环委发〔2022〕1号 二(一)3、三(二)1."""
    seen: dict[str, set[str]] = {}
    for rule in rules:
        cite = rule.citation()
        seen.setdefault(cite["document"], set()).add(cite["section"])
    return "；".join(f"{doc} {'、'.join(sorted(sections, key=_plan_order))}"
                    for doc, sections in seen.items())


_NUMERALS = "一二三四五六七八九十"


def _plan_order(section: str) -> list[int]:
    """二(一)3 before 二(二)1 before 三(一)2: the plan's own order."""
    return [_NUMERALS.index(c) if c in _NUMERALS else int(c) if c.isdigit() else -1
            for c in section if c not in "()"]


def _sections(rules: list[CompiledRule]) -> str:
    return "、".join(sorted({r.citation()["section"] for r in rules}, key=_plan_order))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip() \
        .removesuffix("...").strip()


def skeleton(screener: Screener, industry: str, construction_type: str,
             as_of: date | None = None) -> str:
    """YAML holding only the blocks this project must state, with the clause behind each."""
    day = as_of or date.today()
    asked = fields_for(screener, industry, construction_type, day)
    given = {"industry.code": industry, "construction_type": construction_type,
             "application_date": day}
    fields = list(dict.fromkeys([*START_FIELDS, *asked]))
    order = {path: i for i, path in enumerate(askable())}
    blocks = block_order()
    fields.sort(key=lambda p: (blocks[askable()[p].block], order[p]))
    lines = [f"# 项目准入筛查申报表：行业 {industry}，{construction_type}，按 {day} 在用的规则生成",
             "# 只列出本项目须填报的字段；不知道的写 null（不知道的事实会使相关规则提交审议）。",
             "# 用 `screening screen 本文件` 筛查。"]
    open_path: list[str] = []
    for path in fields:
        parts = path.split(".")
        common = 0
        while common < min(len(open_path), len(parts) - 1) and open_path[common] == parts[common]:
            common += 1
        for depth in range(common, len(parts) - 1):
            if depth == 0:
                rules = [r for p, rs in asked.items() if p.split(".")[0] == parts[0] for r in rs]
                lines.append("")
                lines.append(f"# {BLOCK_LABELS.get(parts[0], parts[0])}" +
                             (f" —— 依据 {_clauses(rules)}" if rules else ""))
            lines.append("  " * depth + f"{parts[depth]}:")
        open_path = parts[:-1]
        if len(parts) == 1 and askable()[path].block != "project":
            rules = asked.get(path, [])
            lines.append("")
            lines.append(f"# {BLOCK_LABELS.get(path, path)}" +
                         (f" —— 依据 {_clauses(rules)}" if rules else ""))
        indent = "  " * (len(parts) - 1)
        value = given.get(path, askable()[path].default)
        why = _sections(asked.get(path, []))
        lines.append(f"{indent}{parts[-1]}: {_scalar(value)}  # {_comment(path)}"
                     + (f" —— {why}" if why and len(parts) > 1 else ""))
    return "\n".join(lines) + "\n"


@functools.cache
def _packaged_catalogue() -> tuple[tuple[str, str], ...]:
    data = yaml.safe_load(PACKAGED_INDUSTRIES.read_text(encoding="utf-8"))
    return _entries(data.get("classes") or {}, data.get("divisions") or {})


def _entries(classes: dict[str, str], divisions: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return (*sorted(classes.items()), *sorted(divisions.items()))


def search_industries(text: str, rulebook: Rulebook | None = None,
                      limit: int = 20) -> list[tuple[str, str]]:
    """GB/T 4754 classes and divisions whose code starts with ``text`` or whose name holds it.

    Four-digit classes come first; a division (two digits) names the first two
    digits of a code. The catalogue is the rulebook's (rules/catalogues/industries.yaml).
    """
    needle = text.strip()
    if not needle:
        return []
    if rulebook is not None:
        cat = rulebook.catalogues.industries
        entries = _entries(dict(cat.classes), dict(cat.divisions))
    else:
        entries = _packaged_catalogue()
    if needle.isdigit():
        found = [(c, n) for c, n in entries if c.startswith(needle) or needle.startswith(c)]
    else:
        found = [(c, n) for c, n in entries if needle in n]
    return found[:limit]
