"""Derived facts for the industry-structure rules (plan section 二).

Two things the officer states in other words than the rules ask them:

- ``site.park``: the industrial park the site lies in, or ``园区外`` when the
  proposal says the site is outside any park; unknown otherwise. The hardware
  (入园发展) and equipment-manufacturing (向园区聚集) rules compare it with the
  park lists in ``rules/catalogues/``.
- ``enterprise.cement_elimination_listed``: whether the applicant is one of the
  cement enterprises the plan lists for elimination by end-2022 (兴华、金泰、金顺、
  鑫山水泥); a short name in the catalogue matches when it occurs in the
  applicant's registered name. Unknown when the applicant is not given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from screening.facts.proposal import Proposal
from screening.rulebook.conditions import BOOL, TEXT, FieldSpec

OUTSIDE_PARKS = "园区外"
CEMENT_ELIMINATION_LIST = "cement_elimination_enterprises"

INDUSTRY_SPECS: dict[str, FieldSpec] = {
    "site.park": FieldSpec(TEXT, label_zh="所在园区（园区外写“园区外”）",
                           label_en="industrial park of the site (园区外 when outside any)"),
    "enterprise.cement_elimination_listed": FieldSpec(
        BOOL, label_zh="属于 2022 年底前按规定淘汰的水泥企业",
        label_en="applicant is a cement enterprise listed for elimination by end-2022",
        catalogue=CEMENT_ELIMINATION_LIST),
}


def listed_in(names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``names`` in a text (None: no names, nothing is listed)."""
    return re.compile("|".join(map(re.escape, names))) if names else None


def add_industry_facts(proposal: Proposal, facts: dict[str, Any],
                       cement_names: re.Pattern[str] | None) -> None:
    """Add the derived industry-structure facts that can be known; unknown ones stay out.

    ``cement_names`` (``listed_in``) finds the cement enterprises listed for elimination.
    """
    park = proposal.location.industrial_park
    if park:
        facts["site.park"] = park
    elif proposal.site is not None and proposal.site.in_industrial_park is False:
        facts["site.park"] = OUTSIDE_PARKS
    applicant = proposal.applicant
    if applicant:
        facts["enterprise.cement_elimination_listed"] = (
            cement_names is not None and cement_names.search(applicant) is not None)


#: zh/en names of the industry-structure facts, as an officer is asked for them
INDUSTRY_LABELS: dict[str, tuple[str, str]] = {
    "site.three_lines_unit": ("“三线一单”环境管控单元", "三线一单 environmental control unit"),
    "site.access_list_check": ("对照单元生态环境准入清单的核对结论（符合/不符合/未核对）",
                               "check against the unit's access list"),
    "site.in_industrial_park": ("是否位于工业园区", "inside an industrial park"),
    "guidance_catalogue.class_2019": ("《产业结构调整指导目录（2019年本）》类别",
                                      "class under the 2019 guidance catalogue"),
    "guidance_catalogue.class_2024": ("《产业结构调整指导目录（2024年本）》类别",
                                      "class under the 2024 guidance catalogue"),
    "enterprise.banned_as_scattered_polluting": ("申请单位是否曾作为“散乱污”企业被取缔",
                                                 "once banned as 散乱污"),
    "enterprise.designated_to_leave_urban_area": ("企业是否已明确退出城市建成区（退城）",
                                                  "designated to leave the built-up area"),
    "chemicals.produces_formaldehyde": ("是否生产甲醛（含作中间产品）", "makes formaldehyde"),
    "fertiliser.ammonia_upgrade": ("是否实施以氨排放为重点的升级改造",
                                   "carries the ammonia-emission upgrade"),
    "foundry.capacity_recognized": ("铸造产能是否经认定", "foundry capacity recognised"),
    "foundry.vocs_controls": ("制芯、浇铸、喷涂工序是否配套 VOCs 治理",
                              "VOCs controls on core making, pouring, spraying"),
    "vocs_materials.solvent_based_coatings": ("是否使用溶剂型涂料", "uses solvent-based coatings"),
    "vocs_materials.substitute_available": ("是否有水性、粉末、光固化等替代涂料",
                                            "a low-VOCs substitute coating is available"),
    "vocs_materials.high_vocs_products": ("生产、使用的涂料、油墨、胶粘剂等是否超低 VOCs 限值",
                                          "coatings, inks, adhesives … above low-VOCs limits"),
    "vocs_materials.treatment": ("喷涂废气处理工艺", "treatment of spraying exhaust"),
    "environmental_quality.deteriorates": ("环评预测区域环境质量是否变差",
                                           "EIA predicts ambient quality gets worse"),
}

#: the proposal fields behind each derived industry fact
INDUSTRY_INPUTS: dict[str, tuple[str, ...]] = {
    "site.park": ("location.industrial_park", "site.in_industrial_park"),
    "enterprise.cement_elimination_listed": ("applicant",),
}
INDUSTRY_LABELS["applicant"] = ("申请单位", "applicant")
