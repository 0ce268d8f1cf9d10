"""Derived facts for the energy, transport and land rules (plan sections 三、四、五).

Computed here, never typed in by the officer:

- ``<block>.stated``: whether the proposal gives the block at all, so a rule can
  tell "this project did not describe its buildings" (the rule does not concern
  it, unless its industry says otherwise) from "a value in the block is unknown"
  (refer);
- ``pesticides.banned_count`` / ``pesticides.banned``: which active ingredients
  the plant makes are on the national banned list (catalogue
  ``banned_pesticides``); unknown if the list or the ingredients are not given;
- ``construction_site.missing_measures``: which of hoarding, covering, washing
  and hardening are not committed, for the finding's message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from screening.conditions import BOOL, NUMBER, TEXT, FieldSpec
from screening.facts import Proposal
from screening.facts_sectors import BLOCKS

BANNED_PESTICIDES = "banned_pesticides"
#: blocks of the original proposal model that the sector rules also ask about
OTHER_BLOCKS = ("energy",)

SITE_MEASURES = (
    ("hoarding", "工地周边围挡", "hoarding"),
    ("materials_covered", "物料堆放覆盖", "stockpiles covered"),
    ("vehicle_washing", "出入车辆冲洗", "vehicle washing"),
    ("ground_hardened", "施工现场地面硬化", "hardened ground"),
)


def sector_specs() -> dict[str, FieldSpec]:
    specs = {f"{block}.stated": FieldSpec(BOOL, label_zh=f"项目给出了 {block} 信息",
                                          label_en=f"the proposal gives the {block} block",
                                          always=True)
             for block in (*OTHER_BLOCKS, *BLOCKS)}
    specs.update({
        "buildings.prefabricated_stated": FieldSpec(
            BOOL, label_zh="给出了装配式建筑占比", label_en="prefabricated share given"),
        "pesticides.banned_count": FieldSpec(
            NUMBER, label_zh="生产的国家禁止生产农药种数",
            label_en="banned pesticides among the active ingredients produced"),
        "pesticides.banned": FieldSpec(
            TEXT, label_zh="生产的国家禁止生产农药", label_en="banned pesticides produced"),
        "construction_site.missing_measures": FieldSpec(
            TEXT, label_zh="未落实的扬尘防治措施", label_en="dust measures not committed"),
    })
    return specs


def derive_sectors(proposal: Proposal, facts: dict[str, Any],
                   lists: Mapping[str, Sequence[str]]) -> None:
    """Add the sector facts to ``facts`` (in place); unknown stays absent."""
    for block in (*OTHER_BLOCKS, *BLOCKS):
        facts[f"{block}.stated"] = getattr(proposal, block) is not None

    if proposal.buildings is not None:
        facts["buildings.prefabricated_stated"] = proposal.buildings.prefabricated_pct is not None

    pesticides = proposal.pesticides
    banned_list = lists.get(BANNED_PESTICIDES)
    if pesticides is not None and pesticides.active_ingredients is not None \
            and banned_list is not None:
        listed = set(banned_list)
        banned = [name for name in pesticides.active_ingredients if name.strip() in listed]
        facts["pesticides.banned_count"] = len(banned)
        facts["pesticides.banned"] = "、".join(banned) if banned else "无"

    site = proposal.construction_site
    if site is not None:
        missing = [zh for field, zh, _ in SITE_MEASURES if getattr(site, field) is False]
        facts["construction_site.missing_measures"] = "、".join(missing) if missing else "无"
