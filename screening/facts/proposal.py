"""The facts of a proposed project, as an approval officer states them.

Only what the officer can know goes here: industry, location, amounts, sources.
Anything the policy decides (is it 两高? what ratio does it reach?) is derived
later from these facts and the rulebook's catalogues, never typed in.
A value left out (``null``) means "not known", which makes any rule that needs
it refer the proposal instead of approving it.
"""


from enum import StrEnum
from typing import Annotated

from pydantic import Field, Strict, StringConstraints

from screening.facts.base import Day, Flag, Model, NonNegative, Whole
from screening.facts.industry import (
    Chemicals,
    Enterprise,
    EnvironmentalQuality,
    Fertiliser,
    Foundry,
    GuidanceCatalogue,
    Site,
    VocsMaterials,
)
from screening.facts.sectors import (
    Buildings,
    CoalUse,
    ConstructionSite,
    EnergyReview,
    Heating,
    LandReclamation,
    Livestock,
    Machinery,
    Pesticides,
    PowerUnits,
    Transport,
)


class ConstructionType(StrEnum):
    NEW = "新建"
    EXPANSION = "改扩建"
    TECHNICAL_UPGRADE = "技术改造"
    RELOCATION = "搬迁"


class NoBurnZoneClass(StrEnum):
    """高污染燃料禁燃区 class (国环规大气〔2017〕2号); ``none`` when outside any zone."""

    NONE = "none"
    I = "I"  # noqa: E741
    II = "II"
    III = "III"


class Fuel(StrEnum):
    COAL = "煤炭"
    BRIQUETTE = "型煤"
    COAL_GANGUE = "煤矸石"
    COAL_SLIME = "煤泥"
    PULVERISED_COAL = "煤粉"
    COAL_WATER_SLURRY = "水煤浆"
    SEMI_COKE = "兰炭"
    COKE = "焦炭"
    PETROLEUM_COKE = "石油焦"
    OIL_SHALE = "油页岩"
    CRUDE_OIL = "原油"
    HEAVY_OIL = "重油"
    RESIDUAL_OIL = "渣油"
    COAL_TAR = "煤焦油"
    NATURAL_GAS = "天然气"
    LPG = "液化石油气"
    DIESEL = "柴油"
    ELECTRICITY = "电"
    BIOMASS = "生物质成型燃料"
    WASTE_HEAT = "余热"


class SourceKind(StrEnum):
    """What was retired or cut to make room for the new project."""

    SHUTDOWN = "关停淘汰"
    CAPACITY_CUT = "压减产能"
    FUEL_SWITCH = "煤改气电"
    SEMI_COKE_SWITCH = "兰炭替代"
    PETROLEUM_COKE_SWITCH = "石油焦替代"
    COKE_SWITCH = "焦炭替代"
    EFFICIENCY = "节能改造"
    TREATMENT = "治理减排"
    OTHER = "其他"


class CapacityUnit(StrEnum):
    WAN_T = "万吨/a"
    T = "t/a"
    MW = "MW"
    PIECES = "万件/a"
    WAN_M2 = "万平方米/a"
    WAN_BOXES = "万重量箱/a"


IndustryCode = Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
LedgerId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]


class Industry(Model):
    code: IndustryCode = Field(description="GB/T 4754-2017 industry class, 4 digits, e.g. 3011")
    product: str = Field(min_length=1, description="main product, e.g. 水泥熟料")


class Location(Model):
    town: str | None = Field(None, description="镇/街道")
    industrial_park: str | None = Field(None, description="industrial park name, null if none")


class Zones(Model):
    """Which protected or controlled zones the site lies in; null = not yet checked."""

    ecological_red_line: Flag | None = Field(None, description="inside 生态保护红线")
    red_line_permitted_activity: Flag = Field(
        False, description="one of the limited activities allowed inside the red line")
    permanent_basic_farmland: Flag | None = Field(None, description="occupies 永久基本农田")
    no_burn_zone: NoBurnZoneClass | None = Field(None, description="高污染燃料禁燃区 class")
    urban_built_up_area: Flag | None = Field(None, description="inside 城市建成区")
    national_key_project: Flag | None = Field(
        None, description="a national key energy, transport, water or military project "
                          "(国家能源、交通、水利、军事设施等重点建设项目), 土地管理法 第三十五条")
    farmland_concentrated_area: Flag | None = Field(
        None, description="sited where permanent basic farmland or priority-protected farmland "
                          "is concentrated (永久基本农田集中区域、优先保护类耕地集中区域)")


class Source(Model):
    """One retired or reduced source offered as replacement (减量替代来源)."""

    description: str = Field(min_length=1)
    amount: NonNegative = Field(description="in the unit of the balance it belongs to")
    kind: SourceKind
    arose_on: Day | None = Field(None, description="date the reduction arose")
    in_shandong: Flag | None = Field(None, description="the source lies in Shandong")
    two_high_industry: Flag | None = Field(
        None, description="the source is a project of one of the 两高 industries (for the energy "
                          "and coal sources of a 两高 project, 鲁政办字〔2022〕9号)")
    evidence: str | None = Field(None, description="document proving the reduction")
    ledger_id: LedgerId | None = Field(
        None, description="id of the source in the replacement-source ledger (screening sources "
                          "add); checked against it when a database is in use")


class CapacityBalance(Model):
    unit: CapacityUnit
    new: NonNegative | None = Field(None, description="new capacity, in `unit`")
    sources: list[Source] | None = Field(None, description="retired capacity, in `unit`")


class EnergyBalance(Model):
    new_tce: NonNegative | None = Field(None, description="new energy use, tce/a")
    sources: list[Source] | None = Field(None, description="retired energy use, tce/a")


class EnergyUse(EnergyBalance):
    """The project's annual energy use; electricity decides the energy review too."""

    electricity_wan_kwh: NonNegative | None = Field(
        None, description="annual electricity use, 万kWh (10,000 kWh)")


class CarbonBalance(Model):
    new_t_co2: NonNegative | None = Field(None, description="new CO2 emission, t/a")
    sources: list[Source] | None = Field(None, description="retired CO2 emission, t/a")


class PollutantBalance(Model):
    new_t: NonNegative | None = Field(None, description="new load, t/a")
    sources: list[Source] | None = Field(None, description="replaced load, t/a")


class Pollutants(Model):
    so2: PollutantBalance | None = None
    nox: PollutantBalance | None = None
    particulates: PollutantBalance | None = None
    vocs: PollutantBalance | None = None
    cod: PollutantBalance | None = None
    nh3n: PollutantBalance | None = None


class Boiler(Model):
    fuel: Fuel
    capacity_t_h: Annotated[float, Strict(), Field(gt=0, allow_inf_nan=False)] = Field(
        description="rated evaporation, t/h")
    count: Annotated[Whole, Field(ge=1)] = 1


class Proposal(Model):
    """A proposed project as submitted for environmental admission screening."""

    id: str = Field(min_length=1, description="application number, e.g. HD-2022-017")
    name: str = Field(min_length=1, description="project name")
    applicant: str | None = None
    application_date: Day
    industry: Industry
    construction_type: ConstructionType
    # the defaults are constructed, not validated (the same values: every field at its
    # default), so that importing the models builds none of them (defer_build)
    location: Location = Location.model_construct()
    zones: Zones = Zones.model_construct()
    capacity: CapacityBalance | None = None
    energy: EnergyUse | None = None
    coal: EnergyBalance | None = None
    carbon: CarbonBalance | None = None
    pollutants: Pollutants | None = None
    fuels: list[Fuel] | None = Field(None, description="all fuels the project burns")
    boilers: list[Boiler] | None = Field(None, description="boilers the project installs")
    # 产业结构 (二)
    site: Site | None = None
    guidance_catalogue: GuidanceCatalogue | None = None
    enterprise: Enterprise | None = None
    chemicals: Chemicals | None = None
    fertiliser: Fertiliser | None = None
    foundry: Foundry | None = None
    vocs_materials: VocsMaterials | None = None
    environmental_quality: EnvironmentalQuality | None = None
    # 能源/交通/农业 (三、四、五): see screening/facts/sectors.py
    coal_use: CoalUse | None = None
    heating: Heating | None = None
    energy_review: EnergyReview | None = None
    buildings: Buildings | None = None
    transport: Transport | None = None
    machinery: Machinery | None = None
    pesticides: Pesticides | None = None
    livestock: Livestock | None = None
    land_reclamation: LandReclamation | None = None
    construction_site: ConstructionSite | None = None
    power_units: PowerUnits | None = None
