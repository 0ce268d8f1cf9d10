"""Zone layers: checked by `rules check`, replaced by dropping in an official file."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pyproj
import pytest

from screening.errors import RulebookError
from screening.facts.location import SiteLocation
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.spatial.locate import locate
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import ROOT

RED = "ecological-red-line.geojson"
UNITS = "three-lines-units.geojson"
INSIDE = SiteLocation(type="Point", crs="WGS84", coordinates=[118.4015, 35.12])


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def _edit(rules: Path, name: str, change: Any) -> None:
    path = rules / "zones" / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _problems(rules: Path) -> list[str]:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(rules)
    return [p.render() for p in caught.value.problems]


def test_bundled_layers_are_complete_and_illustrative(rulebook: Rulebook) -> None:
    layers = rulebook.zones.layers
    assert {layer.kind for layer in layers} == {
        "ecological_red_line", "permanent_basic_farmland", "no_burn_zone",
        "urban_built_up_area", "machinery_no_use_zone", "three_lines_unit", "industrial_park"}
    assert all(layer.meta.status == "illustrative" for layer in layers)
    parks = {f.name for layer in layers if layer.kind == "industrial_park" for f in layer.features}
    hardware = set(rulebook.catalogues.lists["hardware_parks"].entries)
    equipment = set(rulebook.catalogues.lists["equipment_parks"].entries)
    assert hardware | equipment <= parks  # the parks the plan names can be found on the map
    assert any(name.startswith("zones/") for name in rulebook.files)  # hashed with the rules


def test_overlapping_units_are_refused(rules: Path) -> None:
    def overlap(doc: dict[str, Any]) -> None:
        extra = copy.deepcopy(doc["features"][2])
        extra["properties"]["unit_code"] = "ZH37131220009"
        extra["properties"]["name"] = "重叠单元"
        doc["features"].append(extra)

    _edit(rules, UNITS, overlap)
    found = _problems(rules)
    assert any("overlap" in p and "重叠单元" in p and UNITS in p for p in found), found


def test_crs_must_be_stated(rules: Path) -> None:
    _edit(rules, RED, lambda doc: doc.pop("crs"))
    found = _problems(rules)
    assert any(RED in p and "crs: the coordinate system is not stated" in p for p in found)


def test_unknown_crs(rules: Path) -> None:
    _edit(rules, RED, lambda doc: doc.update(crs={"type": "name",
                                                  "properties": {"name": "EPSG:999999"}}))
    assert any("crs: unknown coordinate system 'EPSG:999999'" in p for p in _problems(rules))


def test_self_intersecting_zone(rules: Path) -> None:
    def bowtie(doc: dict[str, Any]) -> None:
        doc["features"][1]["geometry"]["coordinates"] = [[
            [118.47, 35.21], [118.50, 35.235], [118.50, 35.21], [118.47, 35.235], [118.47, 35.21]]]

    _edit(rules, RED, bowtie)
    found = _problems(rules)
    assert any("features.1.geometry.coordinates" in p and "Self-intersection" in p
               for p in found), found


def test_swapped_axes_in_a_layer(rules: Path) -> None:
    def swap(doc: dict[str, Any]) -> None:
        ring = doc["features"][1]["geometry"]["coordinates"][0]
        doc["features"][1]["geometry"]["coordinates"] = [[[y, x] for x, y in ring]]

    _edit(rules, RED, swap)
    assert any("[latitude, longitude]" in p for p in _problems(rules))


@pytest.mark.parametrize("key", ["kind", "source", "in_force", "status", "coverage"])
def test_metadata_complete(rules: Path, key: str) -> None:
    _edit(rules, RED, lambda doc: doc["layer"].pop(key))
    found = _problems(rules)
    assert any(f"layer.{key}" in p for p in found), found


def test_unit_needs_code_class_and_access_list(rules: Path) -> None:
    _edit(rules, UNITS, lambda doc: doc["features"][0]["properties"].pop("access_list"))
    assert any("features.0.properties.access_list" in p for p in _problems(rules))


def test_rules_check_names_the_layer(rules: Path) -> None:
    _edit(rules, RED, lambda doc: doc.pop("crs"))
    code, _, err = run("rules", "check", "--rules", str(rules))
    assert code == 2
    assert RED in err and "crs" in err


def _official_red_line(doc: dict[str, Any]) -> None:
    """The GIS office's layer: the red line 200 m narrower, in CGCS2000 Gauss-Kruger metres."""
    doc["layer"]["status"] = "official"
    doc["layer"]["title"] = {"zh": "生态保护红线（正式）", "en": "Ecological red line (official)"}
    doc["crs"] = {"type": "name", "properties": {"name": "EPSG:4548"}}
    to_gk = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4548", always_xy=True)

    def project(ring: list[list[float]]) -> list[list[float]]:
        return [list(to_gk.transform(x - 0.0022 if x > 118.401 else x, y)) for x, y in ring]

    for feature in doc["features"]:
        feature["geometry"]["coordinates"] = [project(r) for r in
                                              feature["geometry"]["coordinates"]]
    doc["layer"]["coverage"]["coordinates"] = [
        [list(to_gk.transform(x, y)) for x, y in ring]
        for ring in doc["layer"]["coverage"]["coordinates"]]


def test_an_official_layer_replaces_the_illustrative_one(rules: Path) -> None:
    original = json.loads((rules / "zones" / RED).read_text(encoding="utf-8"))
    _official_red_line(original)
    (rules / "zones" / "red-line-official.geojson").write_text(
        json.dumps(original, ensure_ascii=False), encoding="utf-8")
    rulebook = load_rulebook(rules)
    assert rulebook.zones.superseded == [f"rules/zones/{RED}"]
    red = [m for m in locate(INSIDE, rulebook.zones).memberships
           if m.kind == "ecological_red_line"]
    assert len(red) == 1 and red[0].layer.official
    assert not red[0].inside  # the narrower official line leaves the point outside
    assert red[0].distance_m == pytest.approx(200 - 45.5, abs=3)
    decision = Screener(rulebook, engine="python").screen(
        load_case("92-warehouse-point-inside-red-line"))
    assert decision.outcome == "approve"
    assert not any("示意图层" in f.message["zh"] for f in decision.findings
                   if f.rule.startswith("zones.ecological"))


def load_case(name: str):
    from screening.facts.files import load_proposal

    return load_proposal(ROOT / "cases" / f"{name}.yaml").proposal
