"""What a zone layer of 10,000 polygons costs: per screening, and to load once per process.

Copies rules/ to a temporary folder and drops in a generated official layer of
permanent basic farmland (COUNT small non-overlapping polygons over Hedong; it replaces
the bundled illustrative one), then screens the same generated site proposals (points
and polygons spread over the district) against the rules with and without it, several
runs, and prints medians: µs per screening each way and the difference, the time
``locate`` spends on the big layer alone, and the one-off load + check + STRtree time.

    python bench/spatial.py [--count 10000] [--sites 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.throughput import machine
from screening.facts.files import load_proposal
from screening.facts.location import SiteLocation
from screening.facts.proposal import Proposal
from screening.load import load_rulebook
from screening.screen import Screener
from screening.spatial import layers as layer_module
from screening.spatial.locate import locate

ROOT = Path(__file__).resolve().parent.parent
BOX = (118.40, 35.05, 118.56, 35.25)  # inside the bundled layers' coverage
BASE = ROOT / "cases" / "93-warehouse-point-outside-red-line.yaml"


def farmland_layer(count: int, seed: int = 3) -> dict[str, Any]:
    """An official layer of ``count`` jittered cells on a grid, none touching another."""
    rng = random.Random(seed)
    side = int(count ** 0.5)
    rows = -(-count // side)
    west, south, east, north = BOX
    dx, dy = (east - west) / side, (north - south) / rows
    features = []
    for index in range(count):
        i, j = index % side, index // side
        x0, y0 = west + i * dx, south + j * dy
        ring = [[x0 + dx * rng.uniform(0.1, 0.25), y0 + dy * rng.uniform(0.1, 0.25)],
                [x0 + dx * rng.uniform(0.75, 0.9), y0 + dy * rng.uniform(0.1, 0.25)],
                [x0 + dx * rng.uniform(0.75, 0.9), y0 + dy * rng.uniform(0.75, 0.9)],
                [x0 + dx * rng.uniform(0.1, 0.25), y0 + dy * rng.uniform(0.75, 0.9)]]
        ring.append(ring[0])
        features.append({"type": "Feature", "properties": {"name": f"基本农田图斑 {index + 1}"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    bundled = json.loads((ROOT / "rules" / "zones" / "permanent-basic-farmland.geojson")
                         .read_text(encoding="utf-8"))
    meta = dict(bundled["layer"], status="official",
                title={"zh": "生成的基本农田图层（基准测试）", "en": "generated farmland (bench)"})
    return {"type": "FeatureCollection", "crs": bundled["crs"], "layer": meta,
            "features": features}


def sites(count: int, seed: int = 11) -> list[Proposal]:
    """Proposals differing only in where the site is: points and ~10 ha polygons."""
    rng = random.Random(seed)
    base = load_proposal(BASE).proposal.model_dump(mode="python")
    out = []
    west, south, east, north = BOX
    for index in range(count):
        x, y = rng.uniform(west, east), rng.uniform(south, north)
        if index % 2:
            w, h = rng.uniform(0.001, 0.004), rng.uniform(0.001, 0.003)
            geometry = {"type": "Polygon", "crs": "CGCS2000", "coordinates": [[
                [x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]}
        else:
            geometry = {"type": "Point", "crs": "WGS84", "coordinates": [x, y]}
        data = dict(base, id=f"BENCH-{index}", site=dict(base["site"], location=geometry))
        out.append(Proposal.model_validate(data))
    return out


def per_screening(screener: Screener, proposals: list[Proposal]) -> float:
    """µs per screening (CPU time), after one untimed pass."""
    for proposal in proposals[:50]:
        screener.screen(proposal)
    start = time.process_time()
    for proposal in proposals:
        screener.screen(proposal)
    return (time.process_time() - start) / len(proposals) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000, help="polygons in the layer")
    parser.add_argument("--sites", type=int, default=1000, help="proposals screened per run")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(ROOT / "rules", rules)
        path = rules / "zones" / "generated-farmland.geojson"
        path.write_text(json.dumps(farmland_layer(args.count), ensure_ascii=False),
                        encoding="utf-8")
        print(f"layer: {args.count:,} polygons, {path.stat().st_size / 1e6:.1f} MB of GeoJSON")
        layer_module._CACHE.clear()
        start = time.perf_counter()
        big = load_rulebook(rules)
        first = time.perf_counter() - start
        start = time.perf_counter()
        load_rulebook(rules)
        again = time.perf_counter() - start
        plain = load_rulebook(ROOT / "rules")
        proposals = sites(args.sites)
        with_big, without = Screener(big), Screener(plain)
        farmland = [x for x in big.zones.layers if x.kind == "permanent_basic_farmland"]
        assert len(farmland) == 1 and len(farmland[0].features) == args.count
        inside = sum(any(m.inside for m in with_big.site(p, p.application_date).memberships
                         if m.kind == "permanent_basic_farmland") for p in proposals)
        rows: dict[str, list[float]] = {"with": [], "without": [], "locate": []}
        locations: list[SiteLocation] = [p.site.location for p in proposals]  # type: ignore
        only_big = layer_module.ZoneLayers(farmland)
        for _ in range(args.runs):
            rows["without"].append(per_screening(without, proposals))
            rows["with"].append(per_screening(with_big, proposals))
            start = time.process_time()
            for location in locations:
                locate(location, only_big)
            rows["locate"].append((time.process_time() - start) / len(locations) * 1e6)
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"sites: {args.sites:,} ({inside} touch a farmland polygon), {args.runs} runs, medians")
    print(f"load + check + index the rules with the layer: {first * 1e3:,.0f} ms first time, "
          f"{again * 1e3:,.0f} ms again in the same process (cached by content)")
    print(f"screening, bundled layers only : {med['without']:8.1f} µs")
    print(f"screening, with the {args.count:,}-polygon layer: {med['with']:8.1f} µs "
          f"(+{med['with'] - med['without']:.1f} µs; runs "
          + ", ".join(f"{w - o:+.0f}" for w, o in zip(rows['with'], rows['without'], strict=True))
          + ")")
    print(f"locate() on that layer alone   : {med['locate']:8.1f} µs per site")


if __name__ == "__main__":
    main()
