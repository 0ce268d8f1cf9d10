"""Facts of a proposal that the industry-structure rules (plan section 二) read.

Where the site stands in 三线一单 and in the district's parks, the project's class
under the 产业结构调整指导目录 (by edition), 散乱污 history, and the facts of the
sectors the plan names: formaldehyde, fertiliser ammonia, foundry capacity and
VOCs, solvent coatings and their treatment, and the EIA's outlook on ambient
quality ("只能更好，不能变坏"). As everywhere, ``null`` means "not known".
"""


from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from screening.facts.base import Flag, Model
from screening.facts.location import SiteLocation


class ThreeLinesUnit(StrEnum):
    """Environmental control unit of Linyi's 三线一单 (临政字〔2021〕71号) the site lies in."""

    PRIORITY = "优先保护单元"
    KEY = "重点管控单元"
    GENERAL = "一般管控单元"


class AccessListCheck(StrEnum):
    """Result of checking the project against its unit's 生态环境准入清单."""

    CONFORMS = "符合"
    CONFLICTS = "不符合"
    NOT_CHECKED = "未核对"


class Site(Model):
    """Where the site stands in 三线一单 and in the district's industrial parks."""

    three_lines_unit: ThreeLinesUnit | None = Field(
        None, description="三线一单 environmental control unit of the site")
    access_list_check: AccessListCheck | None = Field(
        None, description="checked against the unit's 生态环境准入清单: 符合/不符合/未核对")
    in_industrial_park: Flag | None = Field(
        None, description="site inside an industrial park (name it in location.industrial_park)")
    location: SiteLocation | None = Field(
        None, description="the site as a GeoJSON Point or Polygon with its coordinate system; "
                          "laid on the zone layers in rules/zones/")

    @model_validator(mode="before")
    @classmethod
    def _location_not_known(cls, data: Any) -> Any:
        """A location whose every part is null ("not known", as a skeleton leaves it) is none."""
        location = data.get("location") if isinstance(data, dict) else None
        if isinstance(location, dict) and location and all(v is None for v in location.values()):
            return {k: v for k, v in data.items() if k != "location"}
        return data


class CatalogueClass(StrEnum):
    """Class under the 产业结构调整指导目录; anything not listed is 允许类."""

    ENCOURAGED = "鼓励类"
    PERMITTED = "允许类"
    RESTRICTED = "限制类"
    ELIMINATED = "淘汰类"


class GuidanceCatalogue(Model):
    """The project's class under each edition of the 产业结构调整指导目录.

    The most restrictive class any product, process or equipment of the project
    falls under: 淘汰类, else 限制类, else 鼓励类 (main content encouraged), else 允许类.
    """

    class_2019: CatalogueClass | None = Field(
        None, description="class under the 2019 edition (发改委令第29号, 2020-01-01 to 2024-01-31)")
    class_2024: CatalogueClass | None = Field(
        None, description="class under the 2024 edition (发改委令第7号, from 2024-02-01)")


class Enterprise(Model):
    banned_as_scattered_polluting: Flag | None = Field(
        None, description="applicant, its owners or its equipment were once banned as 散乱污")
    designated_to_leave_urban_area: Flag | None = Field(
        None, description="the enterprise is already designated to leave the urban built-up "
                          "area (已经明确退城的企业)")


class Chemicals(Model):
    produces_formaldehyde: Flag | None = Field(
        None, description="makes formaldehyde, also as an intermediate (e.g. for 脲醛胶)")


class Fertiliser(Model):
    ammonia_upgrade: Flag | None = Field(
        None, description="carries the ammonia-emission upgrade (氨排放升级改造), "
                          "or the process emits no ammonia")


class Foundry(Model):
    capacity_recognized: Flag | None = Field(
        None, description="casting capacity recognised in the 铸造产能认定 (or its source is)")
    vocs_controls: Flag | None = Field(
        None, description="core making, pouring and spraying all have VOCs capture and "
                          "treatment (or the project has none of these processes)")


class VocsTreatment(StrEnum):
    """End-of-pipe treatment of spraying or coating exhaust."""

    ADSORPTION_INCINERATION = "吸附脱附焚烧"
    RTO = "蓄热焚烧"
    RCO = "蓄热催化燃烧"
    CATALYTIC = "催化燃烧"
    THERMAL = "直接焚烧"
    ACTIVATED_CARBON = "活性炭吸附"
    PHOTO_OXIDATION = "光氧催化"
    PLASMA = "低温等离子"
    SCRUBBER = "水喷淋"
    NONE = "无"


class VocsMaterials(Model):
    """VOCs-containing raw and auxiliary materials (含VOCs原辅材料) and their treatment."""

    solvent_based_coatings: Flag | None = Field(
        None, description="sprays or applies organic-solvent-based coatings (溶剂型涂料)")
    substitute_available: Flag | None = Field(
        None, description="a water-based, powder or UV-curable coating suits this product")
    high_vocs_products: Flag | None = Field(
        None, description="makes or uses coatings, inks, adhesives, cleaners or solvents above "
                          "the national low-VOCs content limits")
    treatment: VocsTreatment | None = Field(
        None, description="treatment of the spraying or coating exhaust")


class EnvironmentalQuality(Model):
    deteriorates: Flag | None = Field(
        None, description="the EIA predicts ambient air or water quality in the affected "
                          "area gets worse (“只能更好，不能变坏”)")
