"""The decision's site map: what each layer says about the site, and the SVG drawn from them.

In the JSON the map is ``site_map``: the site (as given and in CGCS2000), every layer's
answer (inside, overlap in hectares and share, distance to the nearest edge), the layers
the findings relied on (``deciding``), and ``svg``, the map itself as text.
"""

from __future__ import annotations

from typing import Any

from screening.decision.model import Finding
from screening.spatial.locate import SiteReport
from screening.spatial.svg import draw


def site_map(report: SiteReport, findings: list[Finding], title: str) -> dict[str, Any]:
    deciding = sorted({entry["layer"] for finding in findings for entry in finding.site_map})
    return {**report.as_dict(), "deciding": deciding, "svg": draw(report, title)}
