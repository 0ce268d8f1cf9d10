"""Distances and areas in metres, checked against geodesic figures computed independently."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest

from screening.facts.location import SiteLocation
from screening.rulebook.book import Rulebook
from screening.spatial.crs import _transformer, central_meridian, gk_epsg, gk_pipeline
from screening.spatial.locate import locate

GEOD = pyproj.Geod(ellps="GRS80")  # CGCS2000's ellipsoid, to well below a millimetre here


def _member(rulebook: Rulebook, kind: str, **location):
    report = locate(SiteLocation(**location), rulebook.zones)
    return report, next(m for m in report.memberships if m.kind == kind)


def test_point_inside_red_line_depth_is_the_geodesic_distance_to_its_edge(
        rulebook: Rulebook) -> None:
    _, member = _member(rulebook, "ecological_red_line", type="Point", crs="WGS84",
                        coordinates=[118.4015, 35.12])
    assert member.inside
    _, _, metres = GEOD.inv(118.4015, 35.12, 118.402, 35.12)  # the east edge, due east
    assert member.touches[0].depth_m == pytest.approx(metres, rel=1e-3)


def test_point_outside_distance(rulebook: Rulebook) -> None:
    _, member = _member(rulebook, "ecological_red_line", type="Point", crs="CGCS2000",
                        coordinates=[118.4028, 35.12])
    assert not member.inside and member.nearest is not None
    _, _, metres = GEOD.inv(118.402, 35.12, 118.4028, 35.12)
    assert member.distance_m == pytest.approx(metres, rel=1e-3)


def test_polygon_overlap_area_and_share(rulebook: Rulebook) -> None:
    ring = [[118.495, 35.175], [118.5005, 35.175], [118.5005, 35.178], [118.495, 35.178],
            [118.495, 35.175]]
    report, member = _member(rulebook, "permanent_basic_farmland", type="Polygon",
                             crs="CGCS2000", coordinates=[ring])
    site_area, _ = GEOD.polygon_area_perimeter([p[0] for p in ring], [p[1] for p in ring])
    overlap = [[118.5, 35.175], [118.5005, 35.175], [118.5005, 35.178], [118.5, 35.178]]
    overlap_area, _ = GEOD.polygon_area_perimeter([p[0] for p in overlap],
                                                  [p[1] for p in overlap])
    assert report.area_m2 == pytest.approx(abs(site_area), rel=1e-3)
    assert member.overlap_m2 == pytest.approx(abs(overlap_area), rel=1e-3)
    assert member.touches[0].share == pytest.approx(abs(overlap_area / site_area), rel=1e-3)


def test_gcj02_site_lands_inside_only_after_conversion(rulebook: Rulebook) -> None:
    coordinates = [118.405794, 35.149698]
    _, as_gcj = _member(rulebook, "ecological_red_line", type="Point", crs="GCJ-02",
                        coordinates=coordinates)
    _, as_wgs = _member(rulebook, "ecological_red_line", type="Point", crs="WGS84",
                        coordinates=coordinates)
    assert as_gcj.inside and not as_wgs.inside
    assert as_wgs.distance_m == pytest.approx(GEOD.inv(118.402, 35.149698, *coordinates)[2],
                                              rel=1e-2)


def test_outside_every_layer(rulebook: Rulebook) -> None:
    report = locate(SiteLocation(type="Point", crs="WGS84", coordinates=[117.02, 36.67]),
                    rulebook.zones)
    assert report.memberships and not any(m.covered for m in report.memberships)


def test_gauss_kruger_zone_of_the_site() -> None:
    assert central_meridian(118.45) == 117 and gk_epsg(117) == "EPSG:4548"
    assert central_meridian(118.6) == 120 and gk_epsg(120) == "EPSG:4549"
    assert pyproj.CRS(gk_epsg(117)).name == "CGCS2000 / 3-degree Gauss-Kruger CM 117E"


@pytest.mark.parametrize("meridian", range(75, 136, 3))
def test_each_zone_is_projected_as_its_epsg_code_projects(meridian: int) -> None:
    found = pyproj.Transformer.from_crs("EPSG:4490", gk_epsg(meridian), always_xy=True)
    assert found.definition == gk_pipeline(meridian)
    lon = np.array([meridian - 1.5, meridian, meridian + 1.49])
    lat = np.array([18.0, 35.1, 53.5])
    assert np.array_equal(np.array(found.transform(lon, lat)),
                          np.array(_transformer(meridian).transform(lon, lat)))
