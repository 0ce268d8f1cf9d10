"""Message templates: parsed once, filled by joining their pieces, as ``str.format`` would."""

from __future__ import annotations

import string
from typing import Any

import pytest

from screening.decision.model import _fmt, fill, parse_template

LOOKUP: dict[str, Any] = {"a": 1234.5, "b": True, "c": "x{y}", "d": None, "n": 7,
                          "": 3, "f": 0.125}


def _by_format(template: str, lookup: dict[str, Any], lang: str) -> str:
    """The template through ``str.format``, each field shown as ``_fmt`` writes it."""
    pattern, values = [], []
    for literal, name, spec, _ in string.Formatter().parse(template):
        pattern.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            pattern.append("{}")
            values.append(_fmt(lookup.get(name), spec or "", lang))
    return "".join(pattern).format(*values)


@pytest.mark.parametrize("template", [
    "", "plain text", "{a}", "{a}{b}", "x {a:.1f} y {b} z", "{{lit}} {c} }}", "{a}{{",
    "前{a}中{d}后", "{}", "{n:,}{c}{n:,}", "{f} 与 {missing} 与 {b}", "{{{a}}}",
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fill_reads_as_str_format(template: str, lang: str) -> None:
    assert fill(parse_template(template), LOOKUP, lang) == _by_format(template, LOOKUP, lang)


def test_a_value_is_formatted_once_per_decision_but_yes_no_per_language() -> None:
    template, shown = parse_template("{n} {b} {d}"), {}
    assert fill(template, LOOKUP, "zh", shown) == "7 是 未知"
    assert fill(template, LOOKUP, "en", shown) == "7 yes unknown"
    assert shown == {("n", ""): "7"}
