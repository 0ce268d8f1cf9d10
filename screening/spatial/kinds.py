"""The kinds of zone layer and the classes of 三线一单 unit, without the geometry behind them.

Deriving facts and labelling findings need these names on every screening; the
shapes (shapely, pyproj, numpy) are only loaded when a proposal has coordinates.
"""

from __future__ import annotations

from enum import StrEnum


class LayerKind(StrEnum):
    ECOLOGICAL_RED_LINE = "ecological_red_line"
    BASIC_FARMLAND = "permanent_basic_farmland"
    NO_BURN_ZONE = "no_burn_zone"
    URBAN_BUILT_UP_AREA = "urban_built_up_area"
    MACHINERY_NO_USE_ZONE = "machinery_no_use_zone"
    THREE_LINES_UNIT = "three_lines_unit"
    INDUSTRIAL_PARK = "industrial_park"
    KEY_REGION = "key_region"


KIND_LABELS: dict[str, tuple[str, str]] = {
    "ecological_red_line": ("生态保护红线", "ecological red line"),
    "permanent_basic_farmland": ("永久基本农田", "permanent basic farmland"),
    "no_burn_zone": ("高污染燃料禁燃区", "no-burn zone"),
    "urban_built_up_area": ("城市建成区", "urban built-up area"),
    "machinery_no_use_zone": ("禁止使用高排放非道路移动机械区域",
                              "high-emission non-road machinery no-use zone"),
    "three_lines_unit": ("“三线一单”环境管控单元", "三线一单 environmental control unit"),
    "industrial_park": ("工业园区", "industrial park"),
    "key_region": ("重点区域", "key region"),
}


class UnitClass(StrEnum):
    PRIORITY = "优先保护单元"
    KEY = "重点管控单元"
    GENERAL = "一般管控单元"


__all__ = ["KIND_LABELS", "LayerKind", "UnitClass"]
