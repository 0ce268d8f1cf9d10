"""The site map: written for a case with --map, carried in the JSON, parsed back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import ROOT

SVG = "{http://www.w3.org/2000/svg}"
CASE = ROOT / "cases" / "92-warehouse-point-inside-red-line.yaml"


def _groups(svg_text: str) -> list[ET.Element]:
    return list(ET.fromstring(svg_text).iter(f"{SVG}g"))


def test_map_written_for_a_case_shows_the_site_and_the_deciding_zone(tmp_path: Path) -> None:
    code, out, err = run("screen", str(CASE), "--map", str(tmp_path / "maps"))
    assert code == 0, err
    path = tmp_path / "maps" / "HD-2022-251.svg"
    assert f"选址图: {path}" in out
    groups = _groups(path.read_text(encoding="utf-8"))
    site = [g for g in groups if g.get("id") == "site"]
    assert len(site) == 1 and site[0].find(f"{SVG}circle") is not None
    assert "选址" in (site[0].find(f"{SVG}text").text or "")
    red = [g for g in groups if g.get("data-kind") == "ecological_red_line"]
    assert [g.get("data-name") for g in red] == ["沂河河东段生态保护红线（示意）"]
    assert red[0].get("data-touches") == "yes"
    assert red[0].get("data-layer") == "rules/zones/ecological-red-line.geojson"
    assert red[0].get("data-status") == "illustrative"
    assert "沂河河东段生态保护红线" in (red[0].find(f"{SVG}text").text or "")
    # the site's dot lies inside the red line's outline as drawn (x left of its east edge)
    circle = site[0].find(f"{SVG}circle")
    xs = [float(p.split(",")[0]) for p in
          red[0].find(f"{SVG}path").get("d").replace("M", "").replace("Z", "").split(" L")
          if "," in p]
    assert min(xs) < float(circle.get("cx")) < max(xs)


def test_json_carries_the_map_and_the_layer_answers(tmp_path: Path) -> None:
    code, out, _ = run("screen", str(ROOT / "cases" / "94-warehouse-polygon-basic-farmland.yaml"),
                       "--format", "json", "--map", str(tmp_path))
    assert code == 0
    decision = json.loads(out)[0]
    site_map = decision["site_map"]
    assert site_map["file"].endswith("HD-2022-253.svg")
    assert site_map["deciding"] == ["rules/zones/permanent-basic-farmland.geojson"]
    farmland = next(x for x in site_map["layers"] if x["kind"] == "permanent_basic_farmland")
    assert farmland["inside"] and farmland["zones"][0]["share"] == 0.0909
    kinds = {g.get("data-kind") for g in _groups(site_map["svg"])}
    assert "permanent_basic_farmland" in kinds
    site = next(g for g in _groups(site_map["svg"]) if g.get("id") == "site")
    assert site.find(f"{SVG}path") is not None  # a polygon site is drawn as its outline
    finding = next(f for f in decision["findings"] if f["rule"] == "zones.permanent-basic-farmland")
    assert finding["site_map"][0]["status"] == "illustrative"
    assert "示意图层" in finding["message"]["zh"]


def test_markdown_links_the_map(tmp_path: Path) -> None:
    code, out, _ = run("screen", str(CASE), "--format", "markdown", "--map", str(tmp_path))
    assert code == 0
    assert f"![选址图]({tmp_path / 'HD-2022-251.svg'})" in out
    assert "### 选址核对" in out


def test_no_map_without_coordinates(tmp_path: Path) -> None:
    case = ROOT / "cases" / "91-cold-chain-warehouse-electric.yaml"
    code, out, _ = run("screen", str(case), "--format", "json", "--map", str(tmp_path))
    assert code == 0
    assert "site_map" not in json.loads(out)[0]
    assert not list(tmp_path.iterdir())
