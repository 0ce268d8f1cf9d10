"""GCJ-02 and BD-09 against published coordinate pairs, and the exact inverse."""

from __future__ import annotations

import pytest

from screening.spatial.transforms import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

#: the test pairs published with the widely used coordtransform library (input 116.404, 39.915)
PUBLISHED = [
    (wgs84_to_gcj02, (116.41024449916938, 39.91640428150164)),
    (gcj02_to_bd09, (116.41036949371029, 39.92133699351021)),
    (bd09_to_gcj02, (116.39762729119315, 39.90865673957631)),
]


@pytest.mark.parametrize(("transform", "expected"), PUBLISHED,
                         ids=[t.__name__ for t, _ in PUBLISHED])
def test_published_pairs(transform, expected) -> None:
    lon, lat = transform(116.404, 39.915)
    assert lon == pytest.approx(expected[0], abs=1e-12)
    assert lat == pytest.approx(expected[1], abs=1e-12)


def test_beijing_railway_station_gcj02_to_bd09() -> None:
    """Beijing railway station: GCJ-02 (116.42703, 39.90245), BD-09 (116.43351, 39.90851)."""
    lon, lat = gcj02_to_bd09(116.42703, 39.90245)
    assert lon == pytest.approx(116.43351, abs=1e-5)  # published to 5 decimals (about 1 m)
    assert lat == pytest.approx(39.90851, abs=1e-5)


def test_gcj02_inverse_is_exact_where_the_one_step_inverse_is_not() -> None:
    # the one-step inverse published beside the pairs gives (116.39775550083061, 39.91359571849836)
    lon, lat = gcj02_to_wgs84(116.404, 39.915)
    back = wgs84_to_gcj02(lon, lat)
    assert back[0] == pytest.approx(116.404, abs=1e-10)
    assert back[1] == pytest.approx(39.915, abs=1e-10)
    assert abs(lon - 116.39775550083061) < 1e-5 and abs(lon - 116.39775550083061) > 1e-8


@pytest.mark.parametrize("point", [(118.40, 35.15), (118.55, 35.05), (87.6, 43.8), (121.5, 31.2)])
def test_round_trips(point) -> None:
    lon, lat = gcj02_to_wgs84(*wgs84_to_gcj02(*point))  # iterated: exact
    assert lon == pytest.approx(point[0], abs=1e-9)
    assert lat == pytest.approx(point[1], abs=1e-9)
    # the published BD-09 -> GCJ-02 formula is itself an approximation, within about 5 cm
    lon, lat = bd09_to_wgs84(*wgs84_to_bd09(*point))
    assert lon == pytest.approx(point[0], abs=1e-6)
    assert lat == pytest.approx(point[1], abs=1e-6)


def test_offset_at_hedong_is_hundreds_of_metres() -> None:
    lon, lat = wgs84_to_gcj02(118.40, 35.15)
    assert 0.005 < lon - 118.40 < 0.007  # about 530 m east
    assert -0.001 < lat - 35.15 < 0


def test_no_offset_outside_china() -> None:
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)
