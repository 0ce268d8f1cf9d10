"""Coordinate systems: what a layer states, and metres for areas and distances.

Areas, overlaps and distances are computed in the CGCS2000 3-degree Gauss-Kruger zone
of the site (central meridian the multiple of 3 degrees nearest the site, EPSG:4534 for
75°E up to EPSG:4554 for 135°E), never in degrees.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyproj
import shapely

from screening.facts.location import CRS_ALIASES
from screening.spatial.transforms import TO_WGS84

_GEOGRAPHIC = {"EPSG:4490": "CGCS2000", "EPSG:4326": "WGS84", "EPSG:4610": None}
_URN = ("urn:ogc:def:crs:epsg::", "urn:ogc:def:crs:epsg:6.3:")


@dataclass(frozen=True)
class LayerCrs:
    """A layer's stated coordinate system and how to bring it to CGCS2000 lon-lat."""

    name: str
    point: Callable[[float, float], tuple[float, float]]

    def to_lonlat(self, coordinates: Any) -> Any:
        """The same nested GeoJSON coordinates, in CGCS2000 longitude-latitude."""
        if coordinates and isinstance(coordinates[0], int | float) \
                and not isinstance(coordinates[0], bool):
            if len(coordinates) < 2 or not all(isinstance(v, int | float) for v in coordinates):
                return coordinates  # left for the geometry check to name
            return list(self.point(float(coordinates[0]), float(coordinates[1])))
        if isinstance(coordinates, list):
            return [self.to_lonlat(c) for c in coordinates]
        return coordinates


def _name_of(member: Any) -> str:
    if isinstance(member, str):
        return member
    if isinstance(member, dict) and isinstance(member.get("properties"), dict):
        name = member["properties"].get("name")
        if isinstance(name, str):
            return name
    raise ValueError(f"crs {member!r}: expected {{\"type\": \"name\", \"properties\": "
                     "{\"name\": \"EPSG:4490\"}}")


def layer_crs(member: Any) -> LayerCrs:
    """The coordinate system a layer's ``crs`` member names; ValueError if unknown."""
    name = _name_of(member).strip()
    low = name.lower()
    for prefix in _URN:
        if low.startswith(prefix):
            name = "EPSG:" + name[len(prefix):]
            low = name.lower()
    if low in ("urn:ogc:def:crs:ogc:1.3:crs84", "ogc:crs84"):
        name, low = "EPSG:4326", "epsg:4326"
    site = CRS_ALIASES.get(low)
    if site is not None:
        return LayerCrs(site, TO_WGS84[site])
    try:
        crs = pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError:
        raise ValueError(f"unknown coordinate system '{name}'") from None
    if crs.is_geographic and crs.datum is not None and crs.datum.name in (
            "China 2000", "World Geodetic System 1984", "World Geodetic System 1984 ensemble"):
        return LayerCrs(name, lambda lon, lat: (lon, lat))
    transformer = pyproj.Transformer.from_crs(crs, "EPSG:4490", always_xy=True)
    return LayerCrs(name, lambda x, y: transformer.transform(x, y))


def central_meridian(lon: float) -> int:
    """The central meridian of the CGCS2000 3-degree Gauss-Kruger zone of ``lon``."""
    return max(75, min(135, 3 * round(lon / 3)))


def gk_pipeline(meridian: int) -> str:
    """The PROJ pipeline ``Transformer.from_crs("EPSG:4490", gk_epsg(meridian),
    always_xy=True)`` finds (a test holds the two equal for every zone): a transverse
    Mercator on GRS80, no datum shift."""
    return ("proj=pipeline step proj=unitconvert xy_in=deg xy_out=rad step proj=tmerc "
            f"lat_0=0 lon_0={meridian} k=1 x_0=500000 y_0=0 ellps=GRS80")


@functools.cache
def _transformer(meridian: int) -> pyproj.Transformer:
    # CGCS2000 / 3-degree Gauss-Kruger CM <meridian>E, from its pipeline: from_crs would
    # search PROJ's database for it (about 14 times as long, at each zone's first site)
    return pyproj.Transformer.from_pipeline(gk_pipeline(meridian))


def gk_epsg(meridian: int) -> str:
    return f"EPSG:{4534 + (meridian - 75) // 3}"


#: edges are straight in longitude-latitude (as GeoJSON draws them); they are cut into pieces
#: this long (degrees, about 100 m) before projecting, so they stay where the layer drew them
SEGMENT_DEG = 0.001


def to_metres(geometry: shapely.Geometry, meridian: int) -> shapely.Geometry:
    """``geometry`` (CGCS2000 lon-lat) in metres of the Gauss-Kruger zone ``meridian``."""
    transformer = _transformer(meridian)
    if not isinstance(geometry, shapely.Point):
        geometry = shapely.segmentize(geometry, SEGMENT_DEG)
    return shapely.transform(geometry, lambda xy: _xy(transformer, xy))


def _xy(transformer: pyproj.Transformer, xy: Any) -> Any:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])
