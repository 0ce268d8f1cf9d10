"""The five reductions (五个减量) of 二(一)3 drawn as a server-side SVG.

For each balance dimension the proposal states (capacity, energy, coal, carbon,
each conventional pollutant): the new amount, the countable retired amount and,
where a rule in force asks for one, the retired amount the required ratio calls
for (new × ratio). Which ratio applies is read from the rulebook, not written
here: the ratio parameters read by the rules that compare this dimension's
replacement ratio, keeping those whose rule would fire for this project if
nothing were retired (so a 两高 ratio is not drawn for an ordinary coal user).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from screening.derive.core import DIMENSIONS
from screening.derive.labels import label
from screening.rulebook.book import Rulebook
from screening.rulebook.conditions import evaluate


@dataclass(frozen=True)
class Bar:
    dimension: str
    label: dict[str, str]
    new: float
    retired: float | None
    ratio: float | None
    required: float | None  # new × ratio
    parameter: str | None
    unit: str

    @property
    def short(self) -> bool | None:
        if self.required is None or self.retired is None:
            return None
        return self.retired < self.required


def _names(dim: str, suffix: str) -> tuple[str, str]:
    retired = "replaced" if dim.startswith("pollutants.") else "retired"
    return f"{dim}.{retired}{suffix}", f"{dim}.replacement_ratio"


def _required(rulebook: Rulebook, dim: str, ratio_field: str, facts: dict[str, Any],
              as_of: Any) -> tuple[str | None, float | None]:
    """The ratio parameter a rule in force would apply to this dimension, and its value."""
    probe = dict(facts)
    probe[ratio_field] = 0.0
    for rule in rulebook.rules:
        if ratio_field not in rule.fields or not rule.in_force_on(as_of):
            continue
        params = [f for f in rule.fields if f.startswith("param.")
                  and getattr(rulebook.parameters.get(f), "base", None) is not None
                  and rulebook.parameters[f].base.unit == "ratio"]
        for name in params:
            value = facts.get(name)
            if isinstance(value, (int, float)) and evaluate(rule.condition, probe) is not False:
                return name, float(value)
    return None, None


def bars(rulebook: Rulebook, facts: dict[str, Any], as_of: Any) -> list[Bar]:
    """One bar group per dimension the proposal states a new amount for."""
    out = []
    for dim, (new_field, suffix) in DIMENSIONS.items():
        new = facts.get(f"{dim}.{new_field}")
        if not isinstance(new, (int, float)) or new <= 0:
            continue
        retired_field, ratio_field = _names(dim, suffix)
        retired = facts.get(retired_field)
        param, ratio = _required(rulebook, dim, ratio_field, facts, as_of)
        unit = str(facts.get("capacity.unit") or "") if dim == "capacity" else {
            "_tce": "tce/a", "_t_co2": "t CO2/a", "_t": "t/a"}.get(suffix, "")
        out.append(Bar(dim, label(f"{dim}.{new_field}"), float(new),
                       float(retired) if isinstance(retired, (int, float)) else None,
                       ratio, float(new) * ratio if ratio is not None else None, param, unit))
    return out


_TEXT = {
    "new": {"zh": "新增", "en": "new"},
    "retired": {"zh": "可计入替代", "en": "countable retired"},
    "required": {"zh": "要求替代量", "en": "required"},
    "unknown": {"zh": "替代量未知", "en": "retired unknown"},
    "none": {"zh": "无比例要求", "en": "no ratio applies"},
    "title": {"zh": "五个减量：新增量与可计入的替代量（按要求比例）",
              "en": "Five reductions: new vs countable retired (against the required ratio)"},
}


def _num(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value.is_integer() else f"{value:,.2f}"


def _text_width(text: str) -> int:
    """About how wide ``text`` is at 12 px: a CJK character 12 px, anything else 7."""
    return sum(12 if ord(char) >= 0x2E80 else 7 for char in text)


def svg(items: list[Bar], lang: str = "zh") -> str:
    """A horizontal bar chart, one row per dimension, scaled per row; plain SVG, no script.
    The ratio column starts after the widest amount written beside a full-length bar."""
    if not items:
        return ""
    row_h, left, width = 58, 150, 420
    height = 40 + row_h * len(items) + 24
    amounts = [f"{_num(bar.new)} {bar.unit}" for bar in items] + [
        _num(bar.retired) for bar in items if bar.retired is not None]
    column = left + width + 4 + max(_text_width(text) for text in amounts) + 16
    right = max([_text_width(_TEXT["none"][lang]),
                 *(_text_width(f"× {bar.ratio:g} = {_num(bar.required)}") for bar in items
                  if bar.required is not None and bar.ratio is not None)])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="reductions" role="img" '
             f'viewBox="0 0 {column + right + 8} {height}" width="100%" '
             f'aria-label="{escape(_TEXT["title"][lang])}">',
             f'<title>{escape(_TEXT["title"][lang])}</title>',
             '<style>text{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;'
             'font-size:12px;fill:#222}.n{fill:#6b7a90}.r{fill:#2e8b57}.s{fill:#c0392b}'
             '.q{stroke:#111;stroke-width:2;stroke-dasharray:4 2}</style>']
    y = 30
    legend = [("n", _TEXT["new"][lang]), ("r", _TEXT["retired"][lang])]
    for index, (cls, text) in enumerate(legend):
        x = left + index * 130
        parts.append(f'<rect class="{cls}" x="{x}" y="8" width="12" height="12"/>'
                     f'<text x="{x + 16}" y="18">{escape(text)}</text>')
    x = left + 2 * 130
    parts.append(f'<line class="q" x1="{x}" y1="8" x2="{x}" y2="20"/>'
                 f'<text x="{x + 6}" y="18">{escape(_TEXT["required"][lang])}</text>')
    for bar in items:
        top = max(bar.new, bar.retired or 0.0, bar.required or 0.0) or 1.0
        scale = width / top
        name = bar.label[lang].replace("新增", "").replace("量", "") if lang == "zh" else (
            bar.dimension.replace("pollutants.", ""))
        parts.append(f'<text x="4" y="{y + 16}">{escape(name)}</text>')
        parts.append(f'<rect class="n" x="{left}" y="{y}" width="{bar.new * scale:.1f}" '
                     f'height="16"><title>{escape(_TEXT["new"][lang])} {_num(bar.new)}'
                     f'</title></rect>')
        parts.append(f'<text x="{left + bar.new * scale + 4:.1f}" y="{y + 13}">'
                     f'{_num(bar.new)} {escape(bar.unit)}</text>')
        if bar.retired is None:
            parts.append(f'<text x="{left}" y="{y + 34}">{escape(_TEXT["unknown"][lang])}'
                         '</text>')
        else:
            cls = "s" if bar.short else "r"
            parts.append(f'<rect class="{cls}" x="{left}" y="{y + 20}" '
                         f'width="{bar.retired * scale:.1f}" height="16"><title>'
                         f'{escape(_TEXT["retired"][lang])} {_num(bar.retired)}</title></rect>')
            parts.append(f'<text x="{left + bar.retired * scale + 4:.1f}" y="{y + 33}">'
                         f'{_num(bar.retired)}</text>')
        if bar.required is not None and bar.ratio is not None:
            qx = left + bar.required * scale
            parts.append(f'<line class="q" x1="{qx:.1f}" y1="{y - 3}" x2="{qx:.1f}" '
                         f'y2="{y + 39}"/>')
            parts.append(f'<text x="{column}" y="{y + 24}">× {bar.ratio:g} = '
                         f'{_num(bar.required)}</text>')
        else:
            parts.append(f'<text x="{column}" y="{y + 24}" class="muted">'
                         f'{escape(_TEXT["none"][lang])}</text>')
        y += row_h
    parts.append("</svg>")
    return "".join(parts)
