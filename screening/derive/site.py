"""Zone facts computed from the site's coordinates, and where they disagree with the proposal.

Where a layer covers the site, the fact the layer computes is the one the rules read
(``zones.ecological_red_line``, ``zones.no_burn_zone``, ``site.three_lines_unit``, the
park): the officer's declaration is kept beside it, and where the two disagree
``map.<fact>.disagrees`` holds and ``map.<fact>.detail_zh/_en`` says both, for the rules
in ``rules/land/site_map.yaml``. Where no layer covers the site the declaration stands
and the decision warns that it was not checked against a map. Every computed fact has a
*basis* (layer, zone, unit code, official or illustrative) that the findings using it cite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from screening.derive.industry import OUTSIDE_PARKS
from screening.facts.proposal import Proposal
from screening.rulebook.conditions import BOOL, NUMBER, TEXT, FieldSpec
from screening.spatial.kinds import KIND_LABELS, UnitClass

if TYPE_CHECKING:  # the geometry is loaded only for a proposal with coordinates
    from screening.spatial.locate import Membership, SiteReport, Touch

#: fact key → (layer kind, the fact the rules read)
KEYS: dict[str, tuple[str, str]] = {
    "ecological_red_line": ("ecological_red_line", "zones.ecological_red_line"),
    "permanent_basic_farmland": ("permanent_basic_farmland", "zones.permanent_basic_farmland"),
    "no_burn_zone": ("no_burn_zone", "zones.no_burn_zone"),
    "urban_built_up_area": ("urban_built_up_area", "zones.urban_built_up_area"),
    "three_lines_unit": ("three_lines_unit", "site.three_lines_unit"),
    "industrial_park": ("industrial_park", "site.park"),
}
CONTRADICTED = "map.contradicted"
_STRICTEST_BURN = ("III", "II", "I")
#: a polygon site is in a park when the park holds at least this share of it ("in" = most of it)
PARK_MAJORITY = 0.5
_STRICTEST_UNIT = tuple(str(u) for u in UnitClass)
Basis = dict[str, dict[str, Any]]

#: zh/en names of the site's coordinates and of the facts computed from them
SITE_LABELS: dict[str, tuple[str, str]] = {
    "site.location": ("选址坐标（GeoJSON 点或多边形）", "site location (GeoJSON point or polygon)"),
    "site.location.type": ("选址坐标的几何类型（Point/Polygon/MultiPolygon）",
                           "geometry type of the site (Point, Polygon, MultiPolygon)"),
    "site.location.crs": ("选址坐标的坐标系（CGCS2000/WGS84/GCJ-02/BD-09）",
                          "coordinate system of the site (CGCS2000, WGS84, GCJ-02, BD-09)"),
    "site.location.coordinates": ("选址坐标（先经度、后纬度）",
                                  "site coordinates (longitude first)"),
    "site.three_lines_unit_code": ("“三线一单”环境管控单元编码", "三线一单 unit code"),
}
LOCATION_FIELDS = ("site.location.type", "site.location.crs", "site.location.coordinates")
#: facts a layer decides when it covers the site: they hang on the coordinates too
MAP_DECIDED = frozenset({"zones.ecological_red_line", "zones.permanent_basic_farmland",
                         "zones.no_burn_zone", "zones.urban_built_up_area",
                         "site.three_lines_unit", "site.three_lines_unit_code", "site.park",
                         "site.in_industrial_park", "location.industrial_park"})
#: the proposal fields behind the facts a layer computes: the coordinates, or the declaration
SITE_INPUTS: dict[str, tuple[str, ...]] = {
    "site.three_lines_unit_code": LOCATION_FIELDS,
}
_DECLARED = {"ecological_red_line": ("zones.ecological_red_line",),
             "permanent_basic_farmland": ("zones.permanent_basic_farmland",),
             "no_burn_zone": ("zones.no_burn_zone",),
             "urban_built_up_area": ("zones.urban_built_up_area",),
             "three_lines_unit": ("site.three_lines_unit",),
             "industrial_park": ("location.industrial_park", "site.in_industrial_park")}
SITE_INPUTS["map.contradicted"] = (*LOCATION_FIELDS, *(f for d in _DECLARED.values() for f in d))
for _key, _declared in _DECLARED.items():
    for _suffix in ("covered", "distance_m", "overlap_ha"):
        SITE_INPUTS[f"map.{_key}.{_suffix}"] = LOCATION_FIELDS
    for _suffix in ("disagrees", "detail_zh", "detail_en"):
        SITE_INPUTS[f"map.{_key}.{_suffix}"] = (*LOCATION_FIELDS, *_declared)


def site_specs() -> dict[str, FieldSpec]:
    """Facts this module adds; every screening has the ``covered``/``disagrees`` flags."""
    specs = {"site.three_lines_unit_code": FieldSpec(
        TEXT, label_zh="“三线一单”环境管控单元编码", label_en="三线一单 unit code"),
        # one test every disagreement rule starts with, so durable_rules shares its node
        CONTRADICTED: FieldSpec(BOOL, label_zh="申报的区位事实与图层有不一致",
                                label_en="some declared zone fact contradicts the map",
                                always=True)}
    for key, (kind, _) in KEYS.items():
        zh, en = KIND_LABELS[kind]
        specs[f"map.{key}.covered"] = FieldSpec(
            BOOL, label_zh=f"选址在{zh}图层范围内", label_en=f"a {en} layer covers the site",
            always=True)
        specs[f"map.{key}.disagrees"] = FieldSpec(
            BOOL, label_zh=f"申报的{zh}与图层不一致", label_en=f"declared {en} contradicts the map",
            always=True)
        specs[f"map.{key}.distance_m"] = FieldSpec(
            NUMBER, unit="m", label_zh=f"选址距最近{zh}边界（米）",
            label_en=f"distance from the site to the nearest {en}, m")
        specs[f"map.{key}.overlap_ha"] = FieldSpec(
            NUMBER, unit="ha", label_zh=f"选址与{zh}重叠面积（公顷）",
            label_en=f"overlap of the site with the {en}, ha")
        for lang in ("zh", "en"):
            specs[f"map.{key}.detail_{lang}"] = FieldSpec(
                TEXT, label_zh=f"{zh}图层核对说明", label_en=f"{en}: map check ({lang})")
    return specs


@dataclass(frozen=True)
class _Answer:
    """What one layer makes of one fact: the value, the zones behind it, the texts."""

    value: Any
    touches: tuple[Touch, ...]
    where_zh: str  # the site's relation to the zone, as the detail text says it
    where_en: str


def _pct(share: float | None) -> str:
    return f"{share * 100:.1f}%" if share is not None else ""


def _inside_text(member: Membership, zh: str, en: str) -> tuple[str, str]:
    parts_zh, parts_en = [], []
    for touch in member.touches:
        if touch.overlap_m2 is not None:
            ha = touch.overlap_m2 / 1e4
            parts_zh.append(f"与{zh}“{touch.feature.name}”重叠 {ha:.2f} 公顷（占选址 "
                            f"{_pct(touch.share)}）")
            parts_en.append(f"overlaps the {en} '{touch.feature.name}' by {ha:.2f} ha "
                            f"({_pct(touch.share)} of the site)")
        else:
            parts_zh.append(f"位于{zh}“{touch.feature.name}”内（距边界 {touch.depth_m:.0f} 米）")
            parts_en.append(f"lies inside the {en} '{touch.feature.name}' "
                            f"({touch.depth_m:.0f} m from its edge)")
    return "，".join(parts_zh), "; ".join(parts_en)


def _outside_text(member: Membership, zh: str, en: str) -> tuple[str, str]:
    if member.nearest is None:
        return f"不在{zh}内", f"lies outside every {en}"
    d = member.distance_m or 0.0
    return (f"不在{zh}内（距最近的“{member.nearest.name}” {d:.0f} 米）",
            f"lies outside every {en} ({d:.0f} m from the nearest, '{member.nearest.name}')")


def _answer(key: str, member: Membership) -> _Answer:
    zh, en = KIND_LABELS[member.kind]
    touches = tuple(member.touches)
    if key == "no_burn_zone":
        classes = [str(getattr(t.feature.props, "zone_class", "")) for t in touches]
        value = next((c for c in _STRICTEST_BURN if c in classes), "none")
        touches = tuple(t for t in touches if getattr(t.feature.props, "zone_class", "") == value)
        if value == "none":
            return _Answer(value, (), *_outside_text(member, zh, en))
        from screening.spatial.locate import Membership

        picked = Membership(member.layer, True, list(touches))
        roman = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ"}[value]
        texts = _inside_text(picked, f"第{roman}类禁燃区", f"class {value} no-burn zone")
        return _Answer(value, touches, *texts)
    if key in ("three_lines_unit", "industrial_park"):
        if not touches:
            value = OUTSIDE_PARKS if key == "industrial_park" else None
            return _Answer(value, (), *_outside_text(member, zh, en))
        if key == "three_lines_unit":  # the unit holding most of the site; the stricter on a tie
            best = max(touches, key=lambda t: (
                round(t.share or 1.0, 6),
                -_STRICTEST_UNIT.index(str(getattr(t.feature.props, "unit_class", "")))))
            unit = best.feature
            return _Answer(str(getattr(unit.props, "unit_class", "")), (best,),
                           f"位于{getattr(unit.props, 'unit_class', '')}“{unit.name}”"
                           f"（{unit.code}）{_share_zh(best)}",
                           f"lies in the {getattr(unit.props, 'unit_class', '')} "
                           f"'{unit.name}' ({unit.code}){_share_en(best)}")
        best = max(touches, key=lambda t: t.share or 1.0)
        if best.share is not None and best.share < PARK_MAJORITY:
            texts = _inside_text(Membership(member.layer, True, [best]), zh, en)
            return _Answer(OUTSIDE_PARKS, (best,), f"大部分在园区外（{texts[0]}）",
                           f"lies mostly outside the parks ({texts[1]})")
        return _Answer(best.feature.name, (best,),
                       f"位于“{best.feature.name}”内{_share_zh(best)}",
                       f"lies in '{best.feature.name}'{_share_en(best)}")
    if touches:
        return _Answer(True, touches, *_inside_text(member, zh, en))
    return _Answer(False, (), *_outside_text(member, zh, en))


def _share_zh(touch: Touch) -> str:
    return f"（占选址 {_pct(touch.share)}）" if touch.share is not None else ""


def _share_en(touch: Touch) -> str:
    return f" ({_pct(touch.share)} of the site)" if touch.share is not None else ""


def _declared(key: str, proposal: Proposal) -> tuple[Any, str, str] | None:
    """The officer's declaration of a fact: (value, zh, en); None when not declared."""
    zones, site = proposal.zones, proposal.site
    if key == "industrial_park":
        park = proposal.location.industrial_park
        if park:
            return park, f"位于“{park}”", f"in '{park}'"
        if site is not None and site.in_industrial_park is not None:
            inside = site.in_industrial_park
            if inside:
                return None, "位于工业园区内", "inside an industrial park"
            return OUTSIDE_PARKS, "不在工业园区内", "outside every industrial park"
        return None
    if key == "three_lines_unit":
        unit = site.three_lines_unit if site is not None else None
        return None if unit is None else (str(unit), f"位于{unit}", f"in a {unit}")
    value = getattr(zones, key)
    if value is None:
        return None
    value = str(value) if key == "no_burn_zone" else value
    zh, en = KIND_LABELS[KEYS[key][0]]
    if key == "no_burn_zone":
        return (value, "不在禁燃区内" if value == "none" else f"位于第{value}类禁燃区",
                "outside any no-burn zone" if value == "none" else f"in a class {value} zone")
    return (value, f"位于{zh}内" if value else f"不在{zh}内",
            f"inside the {en}" if value else f"outside the {en}")


def _agrees(key: str, declared: Any, computed: Any) -> bool:
    if key == "industrial_park" and declared is None:  # declared "in a park", name not given
        return computed != OUTSIDE_PARKS
    return bool(declared == computed)


#: the map facts before any layer is consulted: nothing covered, nothing contradicted
_UNMAPPED = {**{f"map.{key}.{flag}": False for key in KEYS for flag in ("covered", "disagrees")},
             CONTRADICTED: False}


def add_site_facts(proposal: Proposal, report: SiteReport | None,
                   facts: dict[str, Any]) -> Basis:
    """Set the map facts (computed values replacing declared ones where a layer covers the
    site); return the basis of each computed fact for the findings that use it."""
    facts.update(_UNMAPPED)
    if report is None:
        return {}
    basis: Basis = {}
    for key, (kind, fact) in KEYS.items():
        members = report.of_kind(kind)
        if not members:
            continue
        member = members[0]
        answer = _answer(key, member)
        if answer.value is None:  # a unit map with a gap here says nothing about the site
            continue
        facts[f"map.{key}.covered"] = True
        if member.distance_m is not None:
            facts[f"map.{key}.distance_m"] = round(member.distance_m, 1)
        elif member.touches and member.touches[0].overlap_m2 is None:
            facts[f"map.{key}.distance_m"] = 0.0
        if member.overlap_m2 is not None:
            facts[f"map.{key}.overlap_ha"] = round(member.overlap_m2 / 1e4, 4)
        layer_zh, layer_en = member.layer.label("zh"), member.layer.label("en")
        declared = _declared(key, proposal)
        if declared is not None and not _agrees(key, declared[0], answer.value):
            facts[f"map.{key}.disagrees"] = True
            facts[f"map.{key}.detail_zh"] = (f"申报{declared[1]}，但选址{answer.where_zh}"
                                             f"（图层：{layer_zh}）")
            facts[f"map.{key}.detail_en"] = (f"declared {declared[2]}, but the site "
                                             f"{answer.where_en} (layer: {layer_en})")
        else:
            facts[f"map.{key}.detail_zh"] = f"选址{answer.where_zh}（图层：{layer_zh}）"
            facts[f"map.{key}.detail_en"] = f"the site {answer.where_en} (layer: {layer_en})"
        _set(key, fact, answer, facts)
        codes = [t.feature.code for t in answer.touches if t.feature.code]
        word_zh, word_en = ("单元", "unit") if key == "three_lines_unit" else ("编号", "code")
        basis[fact] = {
            "fact": fact, "value": facts.get(fact), "layer": member.layer.file,
            "status": member.layer.meta.status, "zones": [t.feature.name for t in answer.touches],
            **({"codes": codes} if codes else {}),
            "zh": f"依据图层：{layer_zh}；选址{answer.where_zh}"
                  + (f"；{word_zh} {'、'.join(codes)}" if codes else ""),
            "en": f"from the layer: {layer_en}; the site {answer.where_en}"
                  + (f"; {word_en} {', '.join(codes)}" if codes else ""),
        }
    facts[CONTRADICTED] = any(facts[f"map.{key}.disagrees"] for key in KEYS)
    return basis


def _set(key: str, fact: str, answer: _Answer, facts: dict[str, Any]) -> None:
    if key == "industrial_park":
        facts["site.park"] = answer.value
        inside = answer.value != OUTSIDE_PARKS
        facts["site.in_industrial_park"] = inside
        if inside:
            facts["location.industrial_park"] = answer.value
        else:
            facts.pop("location.industrial_park", None)
        return
    if key == "three_lines_unit":
        facts["site.three_lines_unit_code"] = answer.touches[0].feature.code
    facts[fact] = answer.value


def site_warnings(proposal: Proposal, report: SiteReport | None) -> list[dict[str, str]]:
    """Zone facts given with coordinates that no layer covers; illustrative layers used."""
    if report is None:
        return []
    unchecked = [(key, kind) for key, (kind, _) in KEYS.items() if not report.of_kind(kind)]
    out = []
    if unchecked:
        zh = "、".join(f"{KIND_LABELS[kind][0]}（{KEYS[key][1]}）" for key, kind in unchecked)
        en = ", ".join(f"{KIND_LABELS[kind][1]} ({KEYS[key][1]})" for key, kind in unchecked)
        out.append({
            "zh": f"选址不在以下图层的范围内，相应区位事实按申报采用，未对照图层核对：{zh}",
            "en": f"No layer covers the site for: {en}; the declared facts stand, not checked "
                  "against a map"})
    illustrative = sorted({m.layer.file for m in report.memberships
                           if m.covered and not m.layer.official})
    if illustrative:
        out.append({
            "zh": "本次区位核对使用示意图层（非正式划定成果）：" + "、".join(illustrative)
                  + "；依据图层的结论须以正式图层复核",
            "en": "The site was checked against illustrative layers (not the official "
                  "boundaries): " + ", ".join(illustrative)
                  + "; conclusions drawn from them must be checked against the official maps"})
    return out
