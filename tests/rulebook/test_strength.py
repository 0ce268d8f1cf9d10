"""Strength of wording: the strongest effect a text supports, and when an override is allowed."""

from __future__ import annotations

import pytest

from screening.rulebook.models import Effect
from screening.rulebook.strength import cue, resolved, strength_of

QUOTES = [
    ("严禁生产甲胺磷等国家禁止生产农药", Effect.REJECT, "禁止"),
    ("不符合要求的高耗能、高排放项目要坚决拿下来。", Effect.REJECT, "坚决"),
    ("替代方案不完善的不予审批", Effect.REJECT, "不予审批"),
    ("严格控制燃煤机组新增装机", Effect.REFER, "严格控制"),
    ("按需修建铁路专用线", Effect.REFER, "按需"),
    ("须提报国家发展改革委、生态环境部等有关部委窗口指导", Effect.REFER, "须提报"),
    ("全面推进水性、粉末、光固化等低挥发性有机涂料替代工作", Effect.CONDITION, "推进"),
    ("新建标准化厂房应建尽建", Effect.CONDITION, "应"),
    ("装备制造业，逐步向园区聚集", Effect.NOTE, "逐步"),
    ("有机溶剂喷涂聚集区建议建设…喷涂中心", Effect.NOTE, "建议"),
    ("到 2023 年，城市建成区重污染企业全部完成搬迁改造或关闭退出", Effect.NOTE, None),
]


@pytest.mark.parametrize(("quote", "effect", "word"), QUOTES)
def test_strength_from_wording(quote: str, effect: Effect, word: str | None) -> None:
    assert cue(quote) == (effect, word)


@pytest.mark.parametrize("quote", ["加强在政策制定、环境准入等方面的应用", "保障天然气供应",
                                   "主要依靠非化石能源发电"])
def test_single_characters_inside_other_words_are_no_cue(quote: str) -> None:
    assert strength_of(quote) == Effect.NOTE


def test_the_strongest_word_decides() -> None:
    assert strength_of("鼓励企业推进改造，严禁新增产能") == Effect.REJECT


def test_override_down_needs_no_reason_up_needs_one() -> None:
    text = "严格控制新上耗煤项目审批、核准、备案"
    assert resolved(text, Effect.CONDITION, None) == (Effect.CONDITION, None)
    strength, problem = resolved(text, Effect.REJECT, None)
    assert strength == Effect.REFER and problem and "strength_reason" in problem
    assert resolved(text, Effect.REJECT, "确保实施替代") == (Effect.REJECT, None)
    assert resolved(text, Effect.REJECT, "   ")[1] is not None
