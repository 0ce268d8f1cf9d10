"""Facts the energy, transport and land rules read (plan sections 三、四、五).

A proposal states these blocks only where they concern the project: a coal user
says how it uses coal, a building project describes its buildings, a logistics
park its freight and machinery, a farm its livestock. Each block is optional and
every value in it may be left out (``null`` = not known). The rules apply a block
only to projects it concerns, decided from the industry, construction type and
fuels, or from the block being given at all (the derived fact ``<block>.stated``);
for those projects a missing value makes the rule refer.
"""


from enum import StrEnum
from typing import Annotated

from pydantic import Field, Strict, StringConstraints

from screening.facts.base import Flag, Model, NonNegative, Whole

Percent = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
Count = Annotated[Whole, Field(ge=0)]
EmissionStage = Annotated[Whole, Field(ge=0, le=6)]

#: the blocks of this module as Proposal fields; derive adds ``<block>.stated`` for each
BLOCKS = ("coal_use", "heating", "energy_review", "buildings", "transport", "machinery",
          "pesticides", "livestock", "land_reclamation", "construction_site", "power_units")


class CoalUse(Model):
    """How a coal-burning project uses coal (三(一)2)."""

    gas_or_power_substitutable: Flag | None = Field(
        None, description="natural gas, electricity or another energy could replace the coal "
                          "(能用天然气、电力等其它能源替代)")
    meets_quality_standard: Flag | None = Field(
        None, description="the coal burned meets the commercial-coal quality standards "
                          "(not 劣质煤)")


class Heating(Model):
    """Space heating of the project's buildings (三(一)3)."""

    own_coal_heat_source: Flag | None = Field(
        None, description="heats its buildings with its own coal-fired boiler or stove")
    central_heating_reaches_site: Flag | None = Field(
        None, description="the central heating network covers the site (集中供热管网覆盖)")


class EnergyReview(Model):
    """Energy-conservation review of a fixed-asset investment (三(二)1)."""

    opinion_obtained: Flag | None = Field(
        None, description="the energy-conservation review opinion (节能审查意见) is obtained")


class Buildings(Model):
    """New buildings the project puts up (三(二)2, 三(二)3, 三(三)1); floor areas in m²."""

    residential_m2: NonNegative | None = Field(None, description="new residential floor area, m²")
    residential_energy_saving_pct: Percent | None = Field(
        None, description="design energy-saving rate of the residential buildings, %")
    public_m2: NonNegative | None = Field(None, description="new public-building floor area, m²")
    public_energy_saving_pct: Percent | None = Field(
        None, description="design energy-saving rate of the public buildings, %")
    prefabricated_pct: Percent | None = Field(
        None, description="prefabricated (装配式) share of the new floor area, %")
    public_institution: Flag | None = Field(
        None, description="built for a public institution (公共机构: organs, schools, hospitals)")
    green_building_standard: Flag | None = Field(
        None, description="designed to the green-building standard (绿色建筑标准)")
    standard_factory_m2: NonNegative | None = Field(
        None, description="new standard factory (标准化厂房) floor area, m²")
    rooftop_pv: Flag | None = Field(
        None, description="rooftop photovoltaics planned on the new standard factories")


class SidingStatus(StrEnum):
    NONE = "无"
    PLANNED = "已制定建设计划"
    BUILT = "已建成"


class Transport(Model):
    """Freight of an industrial, mining or logistics project (四(一)1, 四(二)1)."""

    bulk_freight_wan_t: NonNegative | None = Field(
        None, description="bulk goods moved per year, 万吨/a")
    railway_siding: SidingStatus | None = Field(
        None, description="railway siding (铁路专用线): none, construction plan made, built")
    green_share_pct: Percent | None = Field(
        None, description="share of bulk goods moved by rail, water, pipeline, belt or "
                          "new-energy vehicles (绿色运输方式), %")
    diesel_trucks_china_iii_or_below: Count | None = Field(
        None, description="diesel freight trucks of China III or lower in the fleet the "
                          "project uses")
    open_stockyards: Flag | None = Field(
        None, description="keeps open-air stockyards (露天堆场) of bulk materials in operation")
    stockyard_dust_controls: Flag | None = Field(
        None, description="the open stockyards are enclosed, covered or sprayed (堆场扬尘管控)")


class Machinery(Model):
    """Non-road mobile machinery the project uses (四(二)3)."""

    all_new_energy: Flag | None = Field(
        None, description="every machine is electric or otherwise new-energy")
    lowest_stage: EmissionStage | None = Field(
        None, description="lowest China emission stage among the fuel-burning machines "
                          "(国一=1, 国二=2, 国三=3, 国四=4; 0 = below 国一)")
    real_time_positioning: Flag | None = Field(
        None, description="engineering machinery fitted with real-time positioning monitors "
                          "networked with the eco-environment department")


class Pesticides(Model):
    """Pesticides a plant makes (五(一)2)."""

    active_ingredients: list[Annotated[str, StringConstraints(min_length=1)]] | None = Field(
        None, description="active ingredients produced, by common Chinese name, e.g. 吡虫啉")
    export_only: Flag | None = Field(
        None, description="the technical product is made only for use abroad (原药仅境外使用登记), "
                          "no formulation for use in China")


class LivestockSpecies(StrEnum):
    PIG = "生猪"
    DAIRY_COW = "奶牛"
    BEEF_CATTLE = "肉牛"
    SHEEP = "肉羊"
    LAYER = "蛋鸡"
    BROILER = "肉鸡"
    OTHER = "其他"


class Livestock(Model):
    """A livestock farm (五(二)2)."""

    species: LivestockSpecies | None = None
    head: NonNegative | None = Field(
        None, description="head, counted as the scale standard counts the species (annual "
                          "output for pigs, beef cattle, sheep, broilers; stock for cows, layers)")
    manure_facilities: Flag | None = Field(
        None, description="manure storage and treatment facilities (粪污处理设施) built with "
                          "the farm")


class LandReclamation(Model):
    """Unused or reclaimed land to be opened up as farmland (五(一)3)."""

    to_farmland: Flag | None = Field(
        None, description="unused land (未利用地) or reclaimed land (复垦土地) is to become "
                          "farmland")
    soil_pollution_survey: Flag | None = Field(
        None, description="a soil-pollution survey (土壤污染状况调查) of the plots is done")


class ConstructionSite(Model):
    """Dust control on the construction site: the six 100% (六个百分百), 五(三)3."""

    hoarding: Flag | None = Field(None, description="site fully enclosed by hoarding (围挡)")
    materials_covered: Flag | None = Field(None, description="stockpiles covered (物料堆放覆盖)")
    vehicle_washing: Flag | None = Field(
        None, description="vehicles washed at the gates (出入车辆冲洗)")
    ground_hardened: Flag | None = Field(
        None, description="site roads and yards hardened (施工现场地面硬化)")
    demolition: Flag | None = Field(None, description="the works include demolition (拆迁)")
    wet_demolition: Flag | None = Field(
        None, description="demolition done wet (拆迁工地湿法作业)")
    muck_vehicles_sealed: Flag | None = Field(
        None, description="muck (渣土) hauled in sealed vehicles (渣土车辆密闭运输)")


class PowerUnits(Model):
    """Coal-fired generating units of the project (三(一)2; 二(一)3 via 鲁政办字〔2021〕57号)."""

    back_pressure_chp: Flag | None = Field(
        None, description="the coal CHP units are back-pressure units (背压型热电联产)")
    captive_coal_units: Flag | None = Field(
        None, description="builds captive coal-fired generating units (自备燃煤机组) outside the "
                          "power industry")
