"""Derived facts for the energy, transport and land rules (plan sections 三、四、五).

Computed here, never typed in by the officer:

- ``<block>.stated``: whether the proposal gives the block at all, so a rule can
  tell "this project did not describe its buildings" (the rule does not concern
  it, unless its industry says otherwise) from "a value in the block is unknown"
  (refer);
- ``pesticides.<list>_count`` / ``pesticides.<list>``: which active ingredients
  the plant makes are on each dated pesticide list (``banned`` = catalogue
  ``banned_pesticides``, ``banned_536`` and ``banned_736`` = the bans of
  农业农村部公告第536号 and 第736号, ``export_retained`` = ingredients whose
  production is kept only for use abroad); unknown if the list or the
  ingredients are not given; the rules that read them carry the dates;
- ``buildings.new_floor_m2``: new residential, public and standard-factory floor
  area together; unknown unless all three are given;
- ``construction_site.missing_measures``: which of hoarding, covering, washing
  and hardening are not committed, for the finding's message.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import is_not
from typing import Any

from screening.facts.proposal import Proposal
from screening.facts.sectors import BLOCKS
from screening.rulebook.conditions import BOOL, NUMBER, TEXT, FieldSpec

#: pesticide lists (catalogue file → derived fact name under ``pesticides.``)
PESTICIDE_LISTS = {"banned_pesticides": "banned", "banned_pesticides_later": "banned_later",
                   "banned_pesticides_536": "banned_536",
                   "banned_pesticides_736": "banned_736",
                   "pesticides_export_retained": "export_retained"}
_PESTICIDE_LIST_ZH = {"banned": "国家禁止生产农药", "banned_later": "后续列入禁用名录的农药",
                      "banned_536": "农业农村部公告第536号禁止生产的农药",
                      "banned_736": "农业农村部公告第736号禁止生产制剂的农药",
                      "export_retained": "仅保留境外使用登记的农药"}
#: blocks of the original proposal model that the sector rules also ask about
OTHER_BLOCKS = ("energy",)

#: the floor areas every new, expanded or relocated project states (0 where none)
FLOOR_AREAS = ("buildings.residential_m2", "buildings.public_m2",
               "buildings.standard_factory_m2")

SITE_MEASURES = (
    ("hoarding", "工地周边围挡", "hoarding"),
    ("materials_covered", "物料堆放覆盖", "stockpiles covered"),
    ("vehicle_washing", "出入车辆冲洗", "vehicle washing"),
    ("ground_hardened", "施工现场地面硬化", "hardened ground"),
)


#: what the officer is asked for when a fact is missing (zh, en)
SECTOR_LABELS: dict[str, tuple[str, str]] = {
    "coal_use.gas_or_power_substitutable": ("能否以天然气、电力等其它能源替代燃煤",
                                            "whether gas or electricity could replace the coal"),
    "coal_use.meets_quality_standard": ("燃用煤炭是否符合商品煤质量标准",
                                        "whether the coal meets the quality standards"),
    "heating.own_coal_heat_source": ("是否自建燃煤供热设施", "own coal-fired heating"),
    "heating.central_heating_reaches_site": ("集中供热管网是否覆盖项目所在地",
                                             "central heating reaches the site"),
    "energy_review.opinion_obtained": ("是否已取得节能审查意见",
                                       "energy-conservation review opinion obtained"),
    "energy.new_tce": ("年综合能源消费量（吨标准煤）", "energy use, tce/a"),
    "buildings.residential_m2": ("新建居住建筑面积（平方米）", "new residential floor area, m²"),
    "buildings.residential_energy_saving_pct": ("居住建筑节能指标（%）",
                                                "residential energy-saving rate, %"),
    "buildings.public_m2": ("新建公共建筑面积（平方米）", "new public floor area, m²"),
    "buildings.public_energy_saving_pct": ("公共建筑节能指标（%）", "public energy-saving rate, %"),
    "buildings.prefabricated_pct": ("装配式建筑占比（%）", "prefabricated share, %"),
    "buildings.public_institution": ("是否为公共机构建筑", "built for a public institution"),
    "buildings.green_building_standard": ("是否按绿色建筑标准设计",
                                          "designed to the green-building standard"),
    "buildings.standard_factory_m2": ("新建标准化厂房面积（平方米）",
                                      "new standard factory floor area, m²"),
    "buildings.rooftop_pv": ("新建标准化厂房是否建设屋顶光伏", "rooftop PV on new factories"),
    "transport.bulk_freight_wan_t": ("大宗货物年运输量（万吨）", "bulk freight, 万吨/a"),
    "transport.railway_siding": ("铁路专用线情况（无/已制定建设计划/已建成）", "railway siding"),
    "transport.green_share_pct": ("大宗货物绿色运输方式比例（%）", "green transport share, %"),
    "transport.diesel_trucks_china_iii_or_below": ("国三及以下柴油货车数量",
                                                   "China III or older diesel trucks"),
    "machinery.all_new_energy": ("非道路移动机械是否全部为新能源", "all machinery new-energy"),
    "machinery.lowest_stage": ("非道路移动机械最低排放阶段（国一=1 … 国四=4）",
                               "lowest machinery emission stage"),
    "machinery.real_time_positioning": ("工程机械是否安装实时定位监控并联网",
                                        "real-time positioning on engineering machinery"),
    "pesticides.active_ingredients": ("生产的农药有效成分", "pesticide active ingredients"),
    "pesticides.export_only": ("原药是否仅供境外使用（无境内制剂）",
                               "technical product made for export only"),
    "transport.open_stockyards": ("是否有在用的露天堆场", "open-air stockyards in operation"),
    "transport.stockyard_dust_controls": ("露天堆场是否封闭、覆盖或喷淋抑尘",
                                          "stockyards enclosed, covered or sprayed"),
    "power_units.back_pressure_chp": ("燃煤热电联产机组是否为背压型", "back-pressure CHP units"),
    "power_units.captive_coal_units": ("是否新建自备燃煤发电机组", "captive coal-fired units"),
    "livestock.species": ("畜禽种类", "livestock species"),
    "livestock.head": ("养殖规模（头/只）", "head"),
    "livestock.manure_facilities": ("是否配建粪污处理设施", "manure treatment facilities"),
    "land_reclamation.to_farmland": ("是否将未利用地、复垦土地开垦为耕地",
                                     "unused or reclaimed land to become farmland"),
    "land_reclamation.soil_pollution_survey": ("是否已开展土壤污染状况调查",
                                               "soil-pollution survey done"),
    "construction_site.hoarding": ("工地周边围挡", "site hoarding"),
    "construction_site.materials_covered": ("物料堆放覆盖", "stockpiles covered"),
    "construction_site.vehicle_washing": ("出入车辆冲洗", "vehicle washing"),
    "construction_site.ground_hardened": ("施工现场地面硬化", "hardened ground"),
    "construction_site.demolition": ("是否含拆迁作业", "demolition included"),
    "construction_site.wet_demolition": ("拆迁工地湿法作业", "wet demolition"),
    "construction_site.muck_vehicles_sealed": ("渣土车辆密闭运输", "sealed muck vehicles"),
}
#: derived facts → the proposal fields behind them
SECTOR_INPUTS: dict[str, tuple[str, ...]] = {
    "buildings.prefabricated_stated": ("buildings.prefabricated_pct",),
    "buildings.new_floor_m2": FLOOR_AREAS,
    **{f"pesticides.{fact}{suffix}": ("pesticides.active_ingredients",)
       for fact in PESTICIDE_LISTS.values() for suffix in ("_count", "")},
}


def sector_specs() -> dict[str, FieldSpec]:
    specs = {f"{block}.stated": FieldSpec(BOOL, label_zh=f"项目给出了 {block} 信息",
                                          label_en=f"the proposal gives the {block} block",
                                          always=True)
             for block in (*OTHER_BLOCKS, *BLOCKS)}
    specs.update({
        "buildings.prefabricated_stated": FieldSpec(
            BOOL, label_zh="给出了装配式建筑占比", label_en="prefabricated share given"),
        "buildings.new_floor_m2": FieldSpec(
            NUMBER, label_zh="新建居住、公共建筑和标准化厂房面积合计（平方米）",
            label_en="new residential, public and standard-factory floor area, m²"),
        **{f"pesticides.{fact}_count": FieldSpec(
            NUMBER, label_zh=f"生产的{_PESTICIDE_LIST_ZH[fact]}种数",
            label_en=f"active ingredients produced on the list {name}", catalogue=name)
           for name, fact in PESTICIDE_LISTS.items()},
        **{f"pesticides.{fact}": FieldSpec(
            TEXT, label_zh=f"生产的{_PESTICIDE_LIST_ZH[fact]}",
            label_en=f"active ingredients produced on the list {name}", catalogue=name)
           for name, fact in PESTICIDE_LISTS.items()},
        "construction_site.missing_measures": FieldSpec(
            TEXT, label_zh="未落实的扬尘防治措施", label_en="dust measures not committed"),
    })
    return specs


#: the blocks whose presence is a fact, and the facts saying the proposal states them
_STATED_BLOCKS = (*OTHER_BLOCKS, *BLOCKS)
_STATED = tuple(f"{block}.stated" for block in _STATED_BLOCKS)
#: (catalogue entries, count fact, names fact) of each pesticide list the rulebook has
PesticideLists = tuple[tuple[frozenset[str], str, str], ...]


def pesticide_lists(lists: Mapping[str, Sequence[str]]) -> PesticideLists:
    """The pesticide lists of PESTICIDE_LISTS that the catalogues give, in that order."""
    return tuple((frozenset(lists[name]), f"pesticides.{fact}_count", f"pesticides.{fact}")
                 for name, fact in PESTICIDE_LISTS.items() if name in lists)


def derive_sectors(proposal: Proposal, facts: dict[str, Any], pesticide_lists: PesticideLists,
                   ) -> None:
    """Add the sector facts to ``facts`` (in place); unknown stays absent."""
    blocks = map(proposal.__dict__.__getitem__, _STATED_BLOCKS)
    facts.update(zip(_STATED, map(is_not, blocks, repeat(None)), strict=True))  # not None

    if proposal.buildings is not None:
        facts["buildings.prefabricated_stated"] = proposal.buildings.prefabricated_pct is not None
        areas = list(map(facts.get, FLOOR_AREAS))
        if None not in areas:
            # past the largest float the sum is held there (see derive.bounded)
            facts["buildings.new_floor_m2"] = min(sum(areas), sys.float_info.max)

    pesticides = proposal.pesticides
    if pesticides is not None and pesticides.active_ingredients is not None:
        for listed, count_fact, names_fact in pesticide_lists:
            found = [name for name in pesticides.active_ingredients if name.strip() in listed]
            facts[count_fact] = len(found)
            facts[names_fact] = "、".join(found) if found else "无"

    site = proposal.construction_site
    if site is not None:
        missing = [zh for field, zh, _ in SITE_MEASURES if getattr(site, field) is False]
        facts["construction_site.missing_measures"] = "、".join(missing) if missing else "无"
