"""How strong a text's wording is: the strongest effect a rule citing it may carry.

禁止/严禁/不得/一律/坚决/必须 → reject; 严格控制/按需/须报 → refer; 推进/推动/应/要 →
condition; 鼓励/引导/建议/逐步/宜 (or none of these words) → note. The strongest word
in the text decides. Words of carrying out an obligation (落实, 执行, 实行, 实施,
达到, 确保) count as condition too: "严格执行…准入要求" obliges the project to meet
the requirement, it does not forbid it; a sentence with no such word (a target,
a description) is a note. 不予审批/不予核准/不予批准 (a refusal) count as reject, 严控
(short for 严格控制) and 须提报 (must be submitted) as refer. Single characters
(应, 要, 宜) count only outside the words where they mean something else (应用,
供应, 主要, 适宜 …).

A registered text may state its strength explicitly. A weaker strength than the
wording needs no reason (a sentence may forbid something the rule does not
enforce); a stronger one must give ``strength_reason``, e.g. "确保实施替代" which
these word lists do not know.
"""

from __future__ import annotations

from screening.rulebook.models import Effect

RANK: dict[str, int] = {"note": 0, "condition": 1, "refer": 2, "reject": 3}

WORDS: tuple[tuple[Effect, tuple[str, ...]], ...] = (
    (Effect.REJECT, ("禁止", "严禁", "不得", "一律", "坚决", "必须", "不予审批", "不予核准",
                     "不予批准")),
    (Effect.REFER, ("严格控制", "严控", "按需", "须报", "须提报")),
    (Effect.CONDITION, ("推进", "推动", "应", "要", "落实", "执行", "实行", "实施", "达到",
                        "确保")),
    (Effect.NOTE, ("鼓励", "引导", "建议", "逐步", "宜")),
)

#: words in which a single-character cue does not carry its modal sense
NOT_MODAL: dict[str, tuple[str, ...]] = {
    "应": ("应用", "供应", "相应", "对应", "适应", "响应", "效应", "应对", "应急", "反应",
          "理应"),
    "要": ("主要", "重要", "需要", "要素", "纲要", "摘要", "只要", "要点"),
    "宜": ("适宜", "便宜"),
}


def _has(text: str, word: str) -> bool:
    masked = text
    for other in NOT_MODAL.get(word, ()):
        masked = masked.replace(other, "")
    return word in masked


def cue(text: str) -> tuple[Effect, str | None]:
    """The strength of ``text``'s wording and the word that decided it (None: no cue)."""
    for effect, words in WORDS:
        for word in words:
            if _has(text, word):
                return effect, word
    return Effect.NOTE, None


def strength_of(text: str) -> Effect:
    return cue(text)[0]


def stronger(a: str, b: str) -> bool:
    """Whether effect ``a`` is stronger than ``b``."""
    return RANK[str(a)] > RANK[str(b)]


def resolved(text: str, explicit: Effect | None, reason: str | None) -> tuple[Effect, str | None]:
    """The strength a registered text carries, and a problem if the override is not allowed."""
    computed = strength_of(text)
    if explicit is None:
        return computed, None
    if stronger(explicit, computed) and not (reason and reason.strip()):
        return computed, (f"strength '{explicit}' is stronger than the wording "
                          f"('{computed}') and gives no strength_reason")
    return explicit, None

