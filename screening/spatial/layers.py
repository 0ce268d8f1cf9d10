"""Zone layers under ``rules/zones/``: GeoJSON files, each one kind of zone with its source.

A layer file is a GeoJSON FeatureCollection with two members beside ``features``:
``crs`` (the coordinate system, stated, never assumed) and ``layer`` (what the map is:
kind of zone, title, source document and date, date in force, ``official`` or
``illustrative``, and ``coverage``, the area the map is complete for). A site outside a
layer's coverage is not judged by it. An official layer of a kind replaces the
illustrative layers of that kind: a GIS office's map is dropped in beside them.

Layers are read, checked and indexed (one STRtree per layer) once per process and
content; the same files load again from the cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import numpy as np
import shapely
from pydantic import Field, ValidationError

from screening.errors import Problem, did_you_mean
from screening.facts.base import Model
from screening.facts.location import geometry_of
from screening.spatial.crs import LayerCrs, central_meridian, layer_crs, to_metres
from screening.spatial.kinds import LayerKind, UnitClass

SUFFIX = ".geojson"
#: two units of one kind may touch; sharing more than this (square degrees, ~1 m²) is overlap
OVERLAP_TOLERANCE = 1e-10


class LayerText(Model):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class LayerSource(Model):
    document: str = Field(min_length=1, description="document the boundaries come from")
    date: date
    note: str | None = None


class LayerMeta(Model):
    """What a layer is, where its lines come from and whether they are official."""

    kind: LayerKind
    title: LayerText
    status: Literal["official", "illustrative"]
    source: LayerSource
    in_force: date = Field(description="date from which the boundaries apply")
    coverage: dict[str, Any] = Field(description="GeoJSON Polygon: where the map is complete")
    note: str | None = None


class ZoneProps(Model):
    name: str = Field(min_length=1)
    code: str | None = None


class NoBurnProps(ZoneProps):
    zone_class: Literal["I", "II", "III"] = Field(alias="class")


class UnitProps(ZoneProps):
    unit_code: str = Field(min_length=1, pattern=r"^[A-Z]{2}\d{11}$")
    unit_class: UnitClass
    access_list: list[str] = Field(min_length=1, description="生态环境准入清单, item by item")


PROPS: dict[str, type[ZoneProps]] = {"no_burn_zone": NoBurnProps,
                                      "three_lines_unit": UnitProps}


@dataclass(eq=False)
class Feature:
    """One zone of a layer: its outline (CGCS2000 lon-lat) and properties."""

    layer: Layer
    index: int  # position in the file's features (for error messages)
    position: int  # position in ``layer.features`` and its STRtree
    name: str
    props: ZoneProps
    geometry: shapely.Geometry

    def metres(self, meridian: int) -> shapely.Geometry:
        return self.layer.metres(meridian)[self.position]

    @property
    def code(self) -> str | None:
        return getattr(self.props, "unit_code", None) or self.props.code


@dataclass(eq=False)
class Layer:
    file: str
    meta: LayerMeta
    crs: str
    coverage: shapely.Geometry
    features: list[Feature] = field(default_factory=list)
    tree: shapely.STRtree | None = None
    #: every outline projected to metres, by central meridian, all at once on first use
    projected: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    def metres(self, meridian: int) -> np.ndarray:
        found = self.projected.get(meridian)
        if found is None:
            found = self.projected[meridian] = to_metres(
                np.array([f.geometry for f in self.features], dtype=object), meridian)
            shapely.prepare(found)
        return found

    @property
    def kind(self) -> str:
        return str(self.meta.kind)

    @property
    def official(self) -> bool:
        return self.meta.status == "official"

    def label(self, lang: str) -> str:
        """Title, file and status, as a finding cites the layer."""
        status = {("zh", True): "正式图层", ("zh", False): "示意图层，非正式划定成果",
                  ("en", True): "official layer",
                  ("en", False): "illustrative layer, not the official boundaries"}
        title = getattr(self.meta.title, lang)
        return f"{title}，{self.file}，{status[lang, self.official]}" if lang == "zh" \
            else f"{title}, {self.file}, {status[lang, self.official]}"


@dataclass
class ZoneLayers:
    """The layers in use (official ones replacing illustrative ones of their kind)."""

    layers: list[Layer]
    superseded: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    def of_kind(self, kind: str) -> list[Layer]:
        return [layer for layer in self.layers if layer.kind == kind]


_CACHE: dict[str, tuple[ZoneLayers, list[Problem]]] = {}


def load_layers(folder: Path, rel: str = "zones") -> tuple[ZoneLayers, list[Problem]]:
    """The layers of ``folder`` and what is wrong with them (read once per content)."""
    paths = sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []
    return layers_of({f"{rel}/{p.name}": p.read_bytes() for p in paths})


def layers_of(files: dict[str, bytes]) -> tuple[ZoneLayers, list[Problem]]:
    """The layers of these files (``zones/<name>.geojson`` → bytes), read once per content."""
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + data + b"\0")
    key = digest.hexdigest()
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = _load(files)
    return found


def _load(files: dict[str, bytes]) -> tuple[ZoneLayers, list[Problem]]:
    problems: list[Problem] = []
    loaded = [layer for name, data in files.items()
              if (layer := _read_layer(name, data, problems)) is not None]
    active, superseded = [], []
    for layer in loaded:
        officials = [x for x in loaded if x.kind == layer.kind and x.official]
        if officials and not layer.official:
            superseded.append(layer.file)
        else:
            active.append(layer)
    for kind in dict.fromkeys(layer.kind for layer in active):
        problems.extend(_overlaps([f for layer in active if layer.kind == kind
                                   for f in layer.features]))
    return ZoneLayers(active, superseded, files), problems


def _read_layer(name: str, data: bytes, problems: list[Problem]) -> Layer | None:
    def problem(message: str, where: str | None = None, **extra: Any) -> None:
        problems.append(Problem(message, file=f"rules/{name}", field=where, **extra))

    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem(f"not GeoJSON: {exc}", file=f"rules/{name}",
                                line=getattr(exc, "lineno", None)))
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        problem("a layer is one GeoJSON FeatureCollection", "type",
                expected='"type": "FeatureCollection"')
        return None
    unknown = set(doc) - {"type", "name", "crs", "layer", "features", "bbox"}
    for key in sorted(unknown):
        problem(f"unknown member '{key}'", key, expected="type, name, crs, layer, features",
                suggestion=did_you_mean(key, ["crs", "layer", "features"]))
    if "crs" not in doc:
        problem("the coordinate system is not stated", "crs",
                expected='"crs": {"type": "name", "properties": {"name": "EPSG:4490"}}')
        return None
    try:
        crs = layer_crs(doc["crs"])
    except ValueError as exc:
        problem(str(exc), "crs", expected="EPSG:4490 (CGCS2000), EPSG:4326, a CGCS2000 "
                                           "Gauss-Kruger EPSG code, GCJ-02 or BD-09")
        return None
    try:
        meta = LayerMeta.model_validate(doc.get("layer"))
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(["layer", *(str(x) for x in err["loc"])])
            problem(f"layer metadata: {err['msg']}", where,
                    expected="kind, title {zh, en}, status, source {document, date}, "
                             "in_force, coverage")
        return None
    coverage = _shape(meta.coverage, crs, "layer.coverage", problem)
    if coverage is None:
        return None
    layer = Layer(f"rules/{name}", meta, crs.name, coverage)
    props_model = PROPS.get(layer.kind, ZoneProps)
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        problem("a layer needs at least one feature", "features")
        return None
    for index, feature in enumerate(features):
        where = f"features.{index}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problem("not a GeoJSON Feature", where)
            continue
        try:
            props = props_model.model_validate(feature.get("properties") or {})
        except ValidationError as exc:
            for err in exc.errors():
                problem(f"{err['msg']}", f"{where}.properties." + ".".join(
                    str(x) for x in err["loc"]), expected="properties of a " + layer.kind)
            continue
        geometry = _shape(feature.get("geometry"), crs, f"{where}.geometry", problem)
        if geometry is not None:
            if not coverage.covers(geometry):
                problem(f"zone '{props.name}' reaches outside the layer's coverage",
                        f"{where}.geometry", expected="coverage to contain every zone")
            layer.features.append(Feature(layer, index, len(layer.features), props.name, props,
                                          geometry))
    layer.tree = shapely.STRtree([f.geometry for f in layer.features])
    shapely.prepare(coverage)
    layer.metres(central_meridian(coverage.centroid.x))  # where the sites will be
    return layer


def _shape(geo: Any, crs: LayerCrs, where: str, problem: Any) -> shapely.Geometry | None:
    if not isinstance(geo, dict) or "type" not in geo or "coordinates" not in geo:
        problem("not a GeoJSON geometry", where, expected="{type, coordinates}")
        return None
    if geo["type"] not in ("Polygon", "MultiPolygon"):
        problem(f"geometry type '{geo['type']}'", f"{where}.type",
                expected="Polygon or MultiPolygon")
        return None
    try:
        return geometry_of(geo["type"], crs.to_lonlat(geo["coordinates"]),
                           f"{where}.coordinates")
    except ValueError as exc:
        problem(str(exc), f"{where}.coordinates")
        return None


def _overlaps(features: list[Feature]) -> list[Problem]:
    """Two zones of one kind sharing area: a map in which a site would be in both."""
    if len(features) < 2:
        return []
    tree = shapely.STRtree([f.geometry for f in features])
    pairs = tree.query([f.geometry for f in features], predicate="intersects")
    out = []
    for i, j in zip(*pairs, strict=True):
        if i >= j:
            continue
        a, b = features[i], features[j]
        if shapely.area(shapely.intersection(a.geometry, b.geometry)) > OVERLAP_TOLERANCE:
            out.append(Problem(
                f"zones '{a.name}' ({a.layer.file}) and '{b.name}' ({b.layer.file}) overlap: "
                f"units of one kind ({a.layer.kind}) must not share area",
                file=b.layer.file, field=f"features.{b.index}.geometry"))
    return out
