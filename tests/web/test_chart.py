"""The five-reductions chart: amounts and the ratio column never overlap."""

from __future__ import annotations

import re

import pytest

from screening.web.chart import Bar, _text_width, svg


def _bar(dimension: str, new: float, retired: float | None, ratio: float | None,
         unit: str) -> Bar:
    return Bar(dimension, {"zh": "新增产能", "en": "new capacity"}, new, retired, ratio,
               new * ratio if ratio is not None else None, None, unit)


def _texts(drawing: str) -> list[tuple[float, str]]:
    return [(float(x), text) for x, text in re.findall(r'<text x="([\d.]+)"[^>]*>([^<]*)<',
                                                       drawing)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_amount_beside_a_full_bar_ends_before_the_ratio_column(lang: str) -> None:
    """A bar drawn the whole width with "200 万平方米/a" beside it, in a chart where no
    ratio applies (the case that overlapped "无比例要求"), and one with a ratio."""
    for bars in ([_bar("capacity", 200, None, None, "万平方米/a")],
                 [_bar("capacity", 200, None, None, "万平方米/a"),
                  _bar("energy", 1_400_000, 2_100_000, 1.5, "tce/a")]):
        drawing = svg(bars, lang)
        texts = _texts(drawing)
        column = min(x for x, text in texts if text.startswith("×")
                     or text in ("无比例要求", "no ratio applies"))
        amounts = [(x, text) for x, text in texts if re.match(r"[\d,.]+( |$)", text)]
        assert amounts
        for x, text in amounts:
            assert x + _text_width(text) < column, (text, x, column)
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', drawing).group(1))
        assert all(x + _text_width(text) <= width for x, text in texts)


def test_no_bars_draw_nothing() -> None:
    assert svg([]) == ""
