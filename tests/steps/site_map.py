"""Steps about the site map: warnings about the layers, and the SVG drawn for a decision."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pytest_bdd import then

from tests.steps.vocabulary import Screening, phrase

SVG = "{http://www.w3.org/2000/svg}"


@then(phrase('警告包含 "{text:Q}"'))
def warning_contains(screening_state: Screening, text: str) -> None:
    warnings = screening_state.result().warnings
    assert any(text in w["zh"] or text in w["en"] for w in warnings), f"警告：{warnings}"


@then("没有选址图")
def no_site_map(screening_state: Screening) -> None:
    assert screening_state.result().site_map is None


@then(phrase('选址图画出选址和 "{kind:Q}" 区域 "{name:Q}"'))
def map_shows(screening_state: Screening, kind: str, name: str) -> None:
    site_map = screening_state.result().site_map
    assert site_map is not None, "决定没有选址图（项目未给出 site.location？）"
    root = ET.fromstring(site_map["svg"])
    groups = list(root.iter(f"{SVG}g"))
    site = [g for g in groups if g.get("id") == "site"]
    assert site and site[0].find(f"{SVG}text") is not None, "选址图中没有选址"
    zones = [g for g in groups if g.get("data-kind") == kind and name in (g.get("data-name") or "")]
    assert zones, "选址图中的区域：" + ", ".join(
        f"{g.get('data-kind')}:{g.get('data-name')}" for g in groups if g.get("data-kind"))
    label = zones[0].find(f"{SVG}text")
    assert label is not None and name in (label.text or "")
