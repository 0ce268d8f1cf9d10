"""Where the site is: a GeoJSON point or polygon in a named coordinate system.

The officer gives the coordinates as a map shows them: CGCS2000 or WGS84 (GPS, the
land-survey drawing), or the offset coordinates of Chinese web maps, GCJ-02 (AMap/高德,
Tencent) and BD-09 (Baidu). Longitude comes first, as GeoJSON says. What cannot be a
site in China is refused here, naming the field: latitude and longitude swapped, a
point outside China, a polygon whose outline crosses itself, an unknown coordinate
system.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from screening.errors import did_you_mean
from screening.facts.base import Model

if TYPE_CHECKING:  # shapely is loaded only when a site has coordinates
    import shapely

#: longitude and latitude extent of China (mainland, Hainan and the South China Sea)
CHINA_LON = (73.4, 135.1)
CHINA_LAT = (3.8, 53.6)


class SiteCrs(StrEnum):
    CGCS2000 = "CGCS2000"
    WGS84 = "WGS84"
    GCJ02 = "GCJ-02"
    BD09 = "BD-09"


#: other spellings an officer or a GIS export uses for the same systems
CRS_ALIASES = {
    "cgcs2000": "CGCS2000", "epsg:4490": "CGCS2000", "wgs84": "WGS84", "wgs-84": "WGS84",
    "epsg:4326": "WGS84", "crs84": "WGS84", "gcj-02": "GCJ-02", "gcj02": "GCJ-02",
    "bd-09": "BD-09", "bd09": "BD-09",
}


def crs_name(value: str) -> str:
    """The canonical name of a site coordinate system; ValueError naming the choices."""
    found = CRS_ALIASES.get(str(value).strip().lower())
    if found is None:
        hint = did_you_mean(str(value), [m.value for m in SiteCrs])
        raise PydanticCustomError(
            "site_crs_unknown", "unknown coordinate system '{value}': expected one of "
            "{choices}{hint}", {"value": str(value), "choices": ", ".join(m.value for m in SiteCrs),
                                "hint": f"; did you mean '{hint}'?" if hint else ""})
    return found


def _position(pos: Any, where: str) -> tuple[float, float]:
    if not isinstance(pos, list | tuple) or len(pos) not in (2, 3) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in pos):
        raise ValueError(f"{where}: a position is [longitude, latitude], got {pos!r}")
    lon, lat = float(pos[0]), float(pos[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"{where}: coordinates must be finite numbers")
    return lon, lat


def _in_china(lon: float, lat: float) -> bool:
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def check_positions(points: list[tuple[float, float]], where: str = "coordinates") -> None:
    """Longitude first and inside China, or ValueError saying which."""
    if all(_in_china(lat, lon) for lon, lat in points) and not all(
            _in_china(lon, lat) for lon, lat in points):
        first = points[0]
        raise PydanticCustomError(
            "site_axis_swapped", "{where}: [{a}, {b}] reads as [latitude, longitude]; GeoJSON "
            "gives [longitude, latitude], e.g. [{b}, {a}]",
            {"where": where, "a": first[0], "b": first[1]})
    for lon, lat in points:
        if not _in_china(lon, lat):
            raise PydanticCustomError(
                "site_outside_china", "{where}: [{lon}, {lat}] lies outside China (longitude "
                "{west}-{east}, latitude {south}-{north})",
                {"where": where, "lon": lon, "lat": lat, "west": CHINA_LON[0],
                 "east": CHINA_LON[1], "south": CHINA_LAT[0], "north": CHINA_LAT[1]})


def _rings(coordinates: Any, where: str) -> list[list[tuple[float, float]]]:
    if not isinstance(coordinates, list) or not coordinates:
        raise ValueError(f"{where}: a polygon is a list of rings, the outline first")
    rings = []
    for index, ring in enumerate(coordinates):
        at = f"{where} ring {index + 1}"
        if not isinstance(ring, list):
            raise ValueError(f"{at}: a ring is a list of positions")
        points = [_position(p, f"{at} point {i + 1}") for i, p in enumerate(ring)]
        if len(points) < 4:
            raise ValueError(f"{at}: a ring needs at least 4 positions, the last equal to "
                             "the first")
        if points[0] != points[-1]:
            raise PydanticCustomError(
                "site_ring_open", "{where}: the ring is not closed (the last position must "
                "repeat the first, {first})", {"where": at, "first": str(list(points[0]))})
        rings.append(points)
    return rings


def geometry_of(kind: str, coordinates: Any, where: str = "coordinates") -> shapely.Geometry:
    """A valid shapely geometry from GeoJSON parts, or ValueError saying what is wrong."""
    import shapely

    if kind == "Point":
        point = _position(coordinates, where)
        check_positions([point], where)
        return shapely.Point(point)
    if kind == "Polygon":
        polygons = [_rings(coordinates, where)]
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise ValueError(f"{where}: a multipolygon is a list of polygons")
        polygons = [_rings(p, f"{where} polygon {i + 1}") for i, p in enumerate(coordinates)]
    else:
        raise ValueError(f"geometry type '{kind}': expected Point, Polygon or MultiPolygon")
    check_positions([p for rings in polygons for ring in rings for p in ring], where)
    shapes = [shapely.Polygon(rings[0], rings[1:]) for rings in polygons]
    geometry = shapes[0] if kind == "Polygon" else shapely.MultiPolygon(shapes)
    if not geometry.is_valid:
        raise PydanticCustomError(
            "site_invalid_polygon", "{where}: the outline is not a valid polygon ({reason}); "
            "a self-intersecting outline must be redrawn",
            {"where": where, "reason": shapely.is_valid_reason(geometry)})
    if geometry.area == 0:
        raise ValueError(f"{where}: the polygon has no area")
    return geometry


class SiteLocation(Model):
    """The site as a GeoJSON geometry (Point, Polygon, MultiPolygon) with its system."""

    type: Literal["Point", "Polygon", "MultiPolygon"] = Field(
        description="GeoJSON geometry type: Point, Polygon or MultiPolygon")
    crs: SiteCrs = Field(description="coordinate system: CGCS2000, WGS84, GCJ-02 or BD-09")
    coordinates: list[Any] = Field(
        description="GeoJSON coordinates, [longitude, latitude] in the stated system")

    @field_validator("crs", mode="before")
    @classmethod
    def _crs(cls, value: Any) -> str:
        return crs_name(value)

    @field_validator("coordinates")
    @classmethod
    def _coordinates(cls, value: list[Any], info: ValidationInfo) -> list[Any]:
        kind = info.data.get("type")
        if kind is not None:
            geometry_of(kind, value)
        return value

    def shape(self, checked: bool = False) -> shapely.Geometry:
        """The geometry in the stated system's longitude-latitude (``checked``: already
        validated, as every instance is, so built without checking again)."""
        import shapely

        if not checked:
            return geometry_of(self.type, self.coordinates)
        if self.type == "Point":
            return shapely.Point(self.coordinates[:2])
        polygons = [shapely.Polygon(p[0], p[1:]) for p in (
            [self.coordinates] if self.type == "Polygon" else self.coordinates)]
        return polygons[0] if self.type == "Polygon" else shapely.MultiPolygon(polygons)
