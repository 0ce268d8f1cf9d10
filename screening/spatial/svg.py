"""An SVG map of the site against the zones that decided it, drawn offline from the layers.

No tiles, no network: the site and the zone outlines (clipped to a frame around the
site) in the site's Gauss-Kruger metres, north up, each outline labelled, with a scale
bar and the layers' status in the legend. Every zone is a ``<g class="zone">`` carrying
``data-kind``, ``data-name`` and ``data-layer``; the site is ``<g id="site">``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import shapely

from screening.spatial.kinds import KIND_LABELS
from screening.spatial.layers import Feature
from screening.spatial.locate import SiteReport, metres_of

WIDTH, HEIGHT, PAD = 640, 480, 24
#: the frame reaches this far beyond the site (metres), and at most this far to a zone
MARGIN_M, REACH_M = 300.0, 1500.0
COLOURS = {
    "ecological_red_line": "#2e7d32", "permanent_basic_farmland": "#c0a000",
    "no_burn_zone": "#8e24aa", "urban_built_up_area": "#757575",
    "machinery_no_use_zone": "#546e7a", "three_lines_unit": "#1565c0",
    "industrial_park": "#ef6c00", "key_region": "#6d4c41",
}
#: big zones first, so the small ones stay visible on top
ORDER = ("three_lines_unit", "urban_built_up_area", "machinery_no_use_zone", "key_region",
         "no_burn_zone", "industrial_park", "permanent_basic_farmland", "ecological_red_line")


def _shown(report: SiteReport) -> list[tuple[Feature, bool]]:
    """(zone, the site touches it) for the zones on the map: touched, or nearest in reach."""
    out: list[tuple[Feature, bool]] = []
    for member in sorted(report.memberships, key=lambda m: ORDER.index(m.kind)
                         if m.kind in ORDER else 0):
        if not member.covered:
            continue
        out.extend((touch.feature, True) for touch in member.touches)
        if not member.touches and member.nearest is not None \
                and (member.distance_m or 0) <= REACH_M:
            out.append((member.nearest, False))
    return out


def _path(geometry: shapely.Geometry, to_px: object) -> str:
    parts = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if not isinstance(polygon, shapely.Polygon) or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = [to_px(x, y) for x, y in ring.coords]  # type: ignore[operator]
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z")
    return " ".join(parts)


def draw(report: SiteReport, title: str) -> str:
    """The SVG text of the map."""
    shown = _shown(report)
    site_m = report.site_m
    minx, miny, maxx, maxy = site_m.bounds
    reach = max([MARGIN_M] + [(m.distance_m or 0) * 1.2 for m in report.memberships
                              if m.covered and not m.touches and (m.distance_m or 0) <= REACH_M])
    minx, miny, maxx, maxy = minx - reach, miny - reach, maxx + reach, maxy + reach
    scale = min((WIDTH - 2 * PAD) / (maxx - minx), (HEIGHT - 2 * PAD - 40) / (maxy - miny))
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2

    def to_px(x: float, y: float) -> tuple[float, float]:
        return WIDTH / 2 + (x - cx) * scale, (HEIGHT - 40) / 2 - (y - cy) * scale

    frame = shapely.box(minx, miny, maxx, maxy)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
           f"<title>{escape(title)}</title>",
           f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    if report.site_m.area > 0:
        site_shape = f'<path d="{_path(site_m, to_px)}" fill="#d32f2f" fill-opacity="0.35" ' \
                     'stroke="#d32f2f" stroke-width="2"/>'
        sx, sy = to_px(*shapely.point_on_surface(site_m).coords[0])
    else:
        sx, sy = to_px(site_m.x, site_m.y)
        site_shape = f'<circle cx="{sx:.1f}" cy="{sy:.1f}" r="5" fill="#d32f2f" stroke="#fff"/>'
        sx += 8
    placed: list[tuple[float, float]] = [(sx, sy)]  # zone labels go below the site label
    for feature, touched in shown:
        zone = shapely.clip_by_rect(metres_of(feature, report.meridian), *frame.bounds)
        if zone.is_empty:
            continue
        colour = COLOURS.get(feature.layer.kind, "#000000")
        label = _short(feature.name) + (f" {feature.code}" if feature.code else "")
        lx, ly = _free(to_px(*shapely.point_on_surface(zone).coords[0]), placed)
        out.append(
            f'<g class="zone" data-kind={quoteattr(feature.layer.kind)} '
            f'data-name={quoteattr(feature.name)} data-layer={quoteattr(feature.layer.file)} '
            f'data-status={quoteattr(feature.layer.meta.status)} '
            f'data-touches="{"yes" if touched else "no"}">'
            f'<path d="{_path(zone, to_px)}" fill="{colour}" fill-opacity="0.18" '
            f'stroke="{colour}" stroke-width="1.5" fill-rule="evenodd"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" fill="{colour}">{escape(label)}</text></g>')
    out.append(f'<g id="site" class="site">{site_shape}<text x="{sx:.1f}" y="{sy:.1f}" '
               f'fill="#d32f2f" font-weight="bold">选址 site</text></g>')
    out.extend(_legend(report, scale, {feature.layer.kind for feature, _ in shown}))
    out.append("</svg>")
    return "\n".join(out)


def _short(name: str, limit: int = 22) -> str:
    """A zone's name as labelled: the part before a bracketed description, at most ``limit``."""
    head = name.split("（示意：")[0]
    return head if len(head) <= limit else head[:limit - 1] + "…"


def _free(at: tuple[float, float], placed: list[tuple[float, float]]) -> tuple[float, float]:
    """A label position clear of the labels already placed (moved down a line at a time)."""
    x, y = at
    while any(abs(y - py) < 13 and abs(x - px) < 200 for px, py in placed):
        y += 13
    placed.append((x, y))
    return x, y


def _legend(report: SiteReport, scale: float, shown: set[str]) -> list[str]:
    bar_m = next(m for m in (50, 100, 200, 500, 1000, 2000, 5000) if m * scale >= 60)
    y = HEIGHT - 36
    lines = [f'<g id="scale"><path d="M{PAD},{y} h{bar_m * scale:.1f}" stroke="#000" '
             f'stroke-width="2"/><text x="{PAD}" y="{y - 4}">{bar_m} m</text></g>',
             f'<text x="{WIDTH - PAD}" y="{PAD}" text-anchor="end">N ↑</text>']
    layers = sorted({(m.layer.file, m.layer.official, m.kind) for m in report.memberships
                     if m.covered})
    illustrative = any(not official for _, official, _ in layers)
    note = ("示意图层，非正式划定成果 / illustrative layers, not the official boundaries"
            if illustrative else "正式图层 / official layers")
    lines.append(f'<text x="{PAD}" y="{HEIGHT - 14}" fill="#555">{escape(note)}</text>')
    lines.append(f'<text x="{PAD}" y="{HEIGHT - 2}" fill="#555">'
                 f'{escape(report.location.type)} {escape(str(report.location.crs))} → '
                 f'CGCS2000, 3° Gauss-Kruger CM {report.meridian}°E</text>')
    kinds = sorted(shown)
    lines.extend(
        f'<text x="{WIDTH - PAD}" y="{PAD + 14 * (i + 1)}" text-anchor="end" '
        f'fill="{COLOURS.get(kind, "#000")}">{escape(KIND_LABELS[kind][0])}</text>'
        for i, kind in enumerate(kinds))
    return lines
