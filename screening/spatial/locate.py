"""Laying the site on the zone layers: inside or not, overlap in hectares and share, and
the distance to the nearest zone edge in metres.

For each layer the site is first tested against the layer's coverage: outside it the
layer says nothing (the officer's declaration stands). Inside it, the STRtree gives the
zones the site touches and the nearest one; only those few are projected to metres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import shapely

from screening.facts.location import SiteLocation
from screening.spatial.crs import central_meridian, gk_epsg, to_metres
from screening.spatial.layers import Feature, Layer, ZoneLayers
from screening.spatial.transforms import TO_WGS84


@dataclass(frozen=True)
class Touch:
    """A zone the site lies in or overlaps."""

    feature: Feature
    overlap_m2: float | None  # None for a point site
    share: float | None  # overlap / site area; None for a point
    depth_m: float  # point: distance inside to the zone's edge; polygon: 0


@dataclass
class Membership:
    """What one layer says about the site."""

    layer: Layer
    covered: bool
    touches: list[Touch] = field(default_factory=list)
    #: nearest zone and the distance to its edge (from outside), when not inside any
    nearest: Feature | None = None
    distance_m: float | None = None

    @property
    def kind(self) -> str:
        return self.layer.kind

    @property
    def inside(self) -> bool:
        return bool(self.touches)

    @property
    def overlap_m2(self) -> float | None:
        areas = [t.overlap_m2 for t in self.touches if t.overlap_m2 is not None]
        return sum(areas) if areas else None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"layer": self.layer.file, "kind": self.kind,
                                  "status": self.layer.meta.status, "covered": self.covered}
        if self.covered:
            out["inside"] = self.inside
            out["zones"] = [{"name": t.feature.name, "code": t.feature.code,
                             **({"overlap_ha": round(t.overlap_m2 / 1e4, 4),
                                 "share": round(t.share or 0, 4)}
                                if t.overlap_m2 is not None else {}),
                             "depth_m": round(t.depth_m, 1)} for t in self.touches]
            if self.nearest is not None:
                out["nearest"] = {"name": self.nearest.name, "code": self.nearest.code,
                                  "distance_m": round(self.distance_m or 0, 1)}
        return out


@dataclass
class SiteReport:
    """The site (as given and in CGCS2000) and each layer's answer."""

    location: SiteLocation
    site: shapely.Geometry  # CGCS2000 lon-lat
    meridian: int
    site_m: shapely.Geometry
    memberships: list[Membership]

    @property
    def area_m2(self) -> float:
        return float(self.site_m.area)

    def of_kind(self, kind: str) -> list[Membership]:
        return [m for m in self.memberships if m.kind == kind and m.covered]

    def as_dict(self) -> dict[str, object]:
        centre = self.site.centroid
        return {"crs": str(self.location.crs), "type": self.location.type,
                "cgcs2000": [round(centre.x, 7), round(centre.y, 7)],
                "projection": gk_epsg(self.meridian),
                **({"area_ha": round(self.area_m2 / 1e4, 4)} if self.area_m2 else {}),
                "layers": [m.as_dict() for m in self.memberships]}


def site_geometry(location: SiteLocation) -> shapely.Geometry:
    """The site in CGCS2000 longitude-latitude (GCJ-02 and BD-09 converted)."""
    shape = location.shape(checked=True)
    convert = TO_WGS84[str(location.crs)]
    if str(location.crs) in ("CGCS2000", "WGS84"):
        return shape
    return shapely.transform(shape, lambda xy: _convert(convert, xy))


def _convert(convert: object, xy: object) -> object:
    return np.array([convert(float(x), float(y)) for x, y in xy])  # type: ignore[operator]


def metres_of(feature: Feature, meridian: int) -> shapely.Geometry:
    return feature.metres(meridian)


def _measure(layer: Layer, site: shapely.Geometry, site_m: shapely.Geometry,
             meridian: int) -> Membership:
    if layer.tree is None or not layer.coverage.covers(site):
        return Membership(layer, covered=False)
    member = Membership(layer, covered=True)
    hits = layer.tree.query(site, predicate="intersects")
    area = site_m.area
    for index in sorted(int(i) for i in hits):
        feature = layer.features[index]
        zone_m = metres_of(feature, meridian)
        if area > 0:
            overlap = area if shapely.covers(zone_m, site_m) else float(shapely.area(
                shapely.intersection(shapely.clip_by_rect(zone_m, *site_m.bounds), site_m)))
            if overlap <= 0:
                continue  # touches along an edge only
            member.touches.append(Touch(feature, overlap, overlap / area, 0.0))
        else:
            member.touches.append(Touch(feature, None, None,
                                        float(site_m.distance(zone_m.boundary))))
    if member.touches:
        return member
    nearest = layer.tree.query_nearest(site, return_distance=True, all_matches=False)
    if len(nearest[0]):
        degrees = float(nearest[1][0])
        # a zone nearer in metres is nearer than this many degrees (longitude is shorter)
        reach = degrees / max(math.cos(math.radians(site.centroid.y)), 0.1) * 1.000001
        best: tuple[float, Feature] | None = None
        for index in layer.tree.query(site, predicate="dwithin", distance=reach):
            feature = layer.features[int(index)]
            metres = float(site_m.distance(metres_of(feature, meridian)))
            if best is None or metres < best[0]:
                best = (metres, feature)
        if best is not None:
            member.distance_m, member.nearest = best
    return member


def locate(location: SiteLocation, layers: ZoneLayers, as_of: date | None = None) -> SiteReport:
    """What every layer in use (and in force on ``as_of``) says about the site."""
    site = site_geometry(location)
    meridian = central_meridian(site.centroid.x)
    site_m = to_metres(site, meridian)
    memberships = [_measure(layer, site, site_m, meridian) for layer in layers.layers
                   if as_of is None or layer.meta.in_force <= as_of]
    return SiteReport(location, site, meridian, site_m, memberships)
