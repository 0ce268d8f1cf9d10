"""What a missing fact is called, and which proposal field an officer must fill in.

Rules read derived facts (a replacement ratio, a countable amount); when one is
unknown the officer needs to be told which field of the proposal to complete
(e.g. ``pollutants.vocs.sources``), in Chinese first.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from screening.derive.core import DIMENSIONS
from screening.derive.industry import INDUSTRY_INPUTS, INDUSTRY_LABELS
from screening.derive.sectors import SECTOR_INPUTS, SECTOR_LABELS
from screening.derive.site import SITE_INPUTS, SITE_LABELS

_DIMENSION_ZH = {"capacity": "产能", "energy": "能耗", "coal": "煤炭消费", "carbon": "碳排放",
                 "pollutants.so2": "二氧化硫", "pollutants.nox": "氮氧化物",
                 "pollutants.particulates": "颗粒物", "pollutants.vocs": "挥发性有机物",
                 "pollutants.cod": "化学需氧量", "pollutants.nh3n": "氨氮"}

_DIMENSION_EN = {"capacity": "capacity", "energy": "energy use", "coal": "coal use",
                 "carbon": "CO2 emission", "pollutants.so2": "SO2", "pollutants.nox": "NOx",
                 "pollutants.particulates": "particulates", "pollutants.vocs": "VOCs",
                 "pollutants.cod": "COD", "pollutants.nh3n": "NH3-N"}


def dimension_label(dim: str) -> dict[str, str]:
    """The name of a replacement dimension (capacity, coal, pollutants.so2, ...)."""
    return {"zh": _DIMENSION_ZH.get(dim, dim), "en": _DIMENSION_EN.get(dim, dim)}


LABELS: dict[str, tuple[str, str]] = {
    "industry.code": ("国民经济行业代码", "GB/T 4754 industry code"),
    "industry.product": ("主要产品", "main product"),
    "construction_type": ("建设性质", "construction type"),
    "location.industrial_park": ("所在园区", "industrial park"),
    "zones.ecological_red_line": ("是否位于生态保护红线内", "inside the ecological red line"),
    "zones.red_line_permitted_activity": ("是否属红线内允许的有限人为活动",
                                          "a limited activity allowed in the red line"),
    "zones.permanent_basic_farmland": ("是否占用永久基本农田", "occupies permanent basic farmland"),
    "zones.no_burn_zone": ("高污染燃料禁燃区类别", "no-burn zone class"),
    "zones.urban_built_up_area": ("是否位于城市建成区", "inside the urban built-up area"),
    "zones.national_key_project": ("是否属国家能源、交通、水利、军事设施等重点建设项目",
                                   "a national key energy, transport, water or military project"),
    "zones.farmland_concentrated_area": ("是否位于永久基本农田或优先保护类耕地集中区域",
                                         "sited where basic or priority farmland is concentrated"),
    "energy.electricity_wan_kwh": ("年电力消费量（万千瓦时）", "annual electricity use, 万kWh"),
    "fuels": ("使用的燃料", "fuels burned"),
    "boilers": ("新建锅炉", "boilers installed"),
    "capacity.unit": ("产能单位", "capacity unit"),
}
for _dim, (_new, _suffix) in DIMENSIONS.items():
    _zh = _DIMENSION_ZH.get(_dim, _dim)
    _en = _dim.replace("pollutants.", "")
    LABELS[f"{_dim}.{_new}"] = (f"新增{_zh}量", f"new {_en}")
    LABELS[f"{_dim}.sources"] = (f"{_zh}减量替代来源", f"{_en} replacement sources")
    _retired = "replaced" if _dim.startswith("pollutants.") else "retired"
    LABELS[f"{_dim}.{_retired}{_suffix}"] = (f"{_zh}可计入的替代量",
                                             f"{_en}: countable {_retired} amount")
    LABELS[f"{_dim}.excluded{_suffix}"] = (f"{_zh}不可计入的替代量", f"{_en}: sources not counted")
    LABELS[f"{_dim}.replacement_ratio"] = (f"{_zh}替代比例（替代量 : 新增量）",
                                           f"{_en}: replacement ratio (retired : new)")
LABELS.update({k: v for k, v in INDUSTRY_LABELS.items() if k not in LABELS})
LABELS.update({k: v for k, v in SITE_LABELS.items() if k not in LABELS})
LABELS.update({k: v for k, v in SECTOR_LABELS.items() if k not in LABELS})


def inputs_behind(name: str, facts: Mapping[str, Any]) -> list[str]:
    """The proposal fields an officer must complete for fact ``name`` to be known."""
    needed, new = _behind(name)
    if new is not None and facts.get(new) is None:  # a ratio without its new amount
        return [new, *needed]
    return list(needed)


@functools.cache
def _behind(name: str) -> tuple[tuple[str, ...], str | None]:
    """(the fields behind ``name``, the new amount also needed when it is unknown)."""
    for dim, (new, _suffix) in DIMENSIONS.items():
        if name.startswith(f"{dim}.") and name != f"{dim}.{new}" and name[len(dim) + 1:] in (
                "retired", "retired_tce", "retired_t_co2", "replaced_t", "excluded",
                "excluded_tce", "excluded_t_co2", "excluded_t", "replacement_ratio"):
            return ((f"{dim}.sources",),
                    f"{dim}.{new}" if name.endswith("replacement_ratio") else None)
    for table in (INDUSTRY_INPUTS, SITE_INPUTS, SECTOR_INPUTS):
        if name in table:
            return tuple(table[name]), None
    if name.startswith("fuels."):
        return ("fuels",), None
    if name.startswith("boilers."):
        return ("boilers",), None
    return (name,), None


#: what each block of a proposal is called (the interview's and the skeleton's headings)
BLOCK_LABELS: dict[str, str] = {
    "project": "项目基本信息", "industry": "行业", "location": "项目位置",
    "zones": "所在管控区域", "capacity": "产能", "energy": "能源消费", "coal": "煤炭消费",
    "carbon": "碳排放", "pollutants": "主要污染物", "fuels": "燃料", "boilers": "锅炉",
    "site": "选址与“三线一单”", "guidance_catalogue": "产业结构调整指导目录",
    "enterprise": "申请单位", "chemicals": "化工", "fertiliser": "化肥", "foundry": "铸造",
    "vocs_materials": "含 VOCs 原辅材料", "environmental_quality": "环境质量",
    "coal_use": "燃煤使用", "heating": "供热", "energy_review": "节能审查",
    "buildings": "新建建筑", "transport": "大宗货物运输", "machinery": "非道路移动机械",
    "pesticides": "农药", "livestock": "畜禽养殖", "land_reclamation": "土地开垦",
    "construction_site": "施工扬尘", "power_units": "发电机组"}
#: the fuel groups of rules/catalogues/fuels.yaml (a group not named here shows its key)
FUEL_GROUP_LABELS: dict[str, tuple[str, str]] = {
    "class_i_banned": ("使用第Ⅰ类禁燃区即禁止的燃料（石油焦、油页岩、原油、重油、渣油、煤焦油）",
                       "burns a fuel banned from class I no-burn zones"),
    "coal_products": ("使用煤炭及其制品", "burns coal or a coal product"),
}


def label(name: str, fallback: Mapping[str, str] | None = None) -> dict[str, str]:
    found = LABELS.get(name) or FIELD_LABELS.get(name)
    if found is None and name.startswith("fuels."):
        found = FUEL_GROUP_LABELS.get(name.removeprefix("fuels."))
    if found is None and name.endswith(".stated"):
        block = name.removesuffix(".stated")
        if block in BLOCK_LABELS:
            found = (f"项目填报了“{BLOCK_LABELS[block]}”信息",
                     (fallback or {}).get("en") or f"the proposal states its {block} block")
    if found is not None:
        zh, en = found
        return {"zh": zh, "en": en}
    if fallback:
        return dict(fallback)
    return {"zh": name, "en": name}


#: proposal fields the missing-fact labels above do not name: identity, and the
#: fields of one replacement source or one boiler (asked as a list, named in errors)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("申请编号", "application number"),
    "name": ("项目名称", "project name"),
    "application_date": ("申请日期", "application date"),
    "location.town": ("所在镇（街道）", "town or subdistrict"),
    "industry": ("行业", "industry"),
    "location": ("项目位置", "location"),
    "zones": ("所在管控区域", "zones"),
    "description": ("来源说明", "description"),
    "amount": ("替代量", "amount"),
    "kind": ("来源类型", "kind"),
    "arose_on": ("减排量形成日期", "date the reduction arose"),
    "in_shandong": ("是否位于山东省内", "in Shandong"),
    "evidence": ("证明材料", "evidence"),
    "ledger_id": ("台账编号", "ledger id"),
    "fuel": ("燃料", "fuel"),
    "capacity_t_h": ("额定蒸发量", "rated evaporation"),
    "count": ("台数", "number of boilers"),
}
_NEW_EN = {"capacity": "new capacity", "energy": "new energy use (tce/a)",
           "coal": "new coal use (tce/a)", "carbon": "new CO2 emission (t/a)"}
for _dim, (_new, _suffix) in DIMENSIONS.items():
    _new_en = _NEW_EN.get(_dim) or f"new {_dim.removeprefix('pollutants.')} load (t/a)"
    FIELD_LABELS[f"{_dim}.{_new}"] = (f"新增{_DIMENSION_ZH[_dim]}", _new_en)
    _en = _dim.replace("pollutants.", "")
    FIELD_LABELS[_dim] = (f"{_DIMENSION_ZH[_dim]}平衡", f"{_en} balance")

#: units (zh) of the proposal's amounts; a label that already says its unit has none here
UNITS: dict[str, str] = {
    "energy.new_tce": "吨标准煤/年", "coal.new_tce": "吨标准煤/年",
    "carbon.new_t_co2": "吨二氧化碳/年", "capacity_t_h": "吨/小时",
    **{f"pollutants.{p}.new_t": "吨/年" for p in ("so2", "nox", "particulates", "vocs",
                                                  "cod", "nh3n")},
}
_SOURCE_UNITS = {"energy": "吨标准煤/年", "coal": "吨标准煤/年", "carbon": "吨二氧化碳/年",
                 "pollutants": "吨/年"}

#: the fields of a ledger source file (store/sources.LedgerSource), as the 台账 names them
SOURCE_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("台账编号", "ledger id"),
    "description": ("来源说明", "description"),
    "kind": ("来源类型", "kind"),
    "retired": ("关停或削减的对象", "what was retired"),
    "evidence": ("证明材料", "evidence"),
    "arose_on": ("减排量形成日期", "date the reduction arose"),
    "location": ("来源所在地", "location"),
    "location.place": ("来源所在地（镇、街道）", "place"),
    "location.in_shandong": ("是否位于山东省内", "in Shandong"),
    "amounts": ("可替代量", "amounts"),
    "amounts.capacity": ("腾退产能", "capacity retired"),
    "amounts.capacity.amount": ("腾退产能数量", "capacity retired: amount"),
    "amounts.capacity.unit": ("腾退产能单位", "capacity retired: unit"),
    "amounts.energy_tce": ("腾退能耗（吨标准煤/年）", "energy use retired (tce/a)"),
    "amounts.coal_tce": ("腾退煤炭消费（吨标准煤/年）", "coal use retired (tce/a)"),
    "amounts.carbon_t_co2": ("腾退碳排放（吨二氧化碳/年）", "CO2 emission retired (t/a)"),
    "amounts.pollutants": ("削减的污染物", "pollutants cut"),
    **{f"amounts.pollutants.{key}_t": (f"{zh}削减量（吨/年）", f"{key} cut (t/a)")
       for key, zh in (("so2", "二氧化硫"), ("nox", "氮氧化物"), ("particulates", "颗粒物"),
                       ("vocs", "挥发性有机物"), ("cod", "化学需氧量"), ("nh3n", "氨氮"))},
}


def field_label(path: str, document: str | None = None) -> dict[str, str]:
    """The Chinese and English name of a proposal field, list items included; of a
    ledger source file's field with ``document="source"``.

    ``coal.sources.0.amount`` is 煤炭消费减量替代来源第 1 项的替代量.
    """
    if document == "source":
        zh, en = SOURCE_FIELD_LABELS.get(path, (path, path))
        return {"zh": zh, "en": en}
    if path in FIELD_LABELS:
        zh, en = FIELD_LABELS[path]
        return {"zh": zh, "en": en}
    if path in LABELS:
        zh, en = LABELS[path]
        return {"zh": zh, "en": en}
    parts = path.split(".")
    for i, part in enumerate(parts):
        if part.isdigit() and i:
            head = field_label(".".join(parts[:i]))
            number = int(part) + 1
            item = {"zh": f"{head['zh']}第 {number} 项", "en": f"{head['en']} #{number}"}
            if i + 1 == len(parts):
                return item
            tail = field_label(".".join(parts[i + 1:]))
            return {"zh": f"{item['zh']}的{tail['zh']}", "en": f"{item['en']}: {tail['en']}"}
    return {"zh": path, "en": path}


def unit_of(path: str, document: str | None = None) -> str | None:
    """The unit (zh) a field is stated in, when its label does not already say it."""
    if document == "source":
        return None  # a source file's labels say their units
    if path in UNITS:
        return UNITS[path]
    parts = path.split(".")
    if parts[-1] == "amount" and len(parts) >= 3:
        return _SOURCE_UNITS.get(parts[0])
    if parts[-1] == "capacity_t_h":
        return UNITS["capacity_t_h"]
    return None
