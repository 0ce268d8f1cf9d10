"""Screenings per second: durable_rules engine vs the pure-Python evaluator.

Generates proposals by varying the bundled cases (amounts, zones, dates), then
screens each validated proposal to a decision object in-process, several runs,
and prints medians, p99 latency and the ratio. Run:

    python bench/throughput.py [--count 3000] [--runs 5]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from pathlib import Path
from typing import Any

from screening.facts import Proposal
from screening.proposals import expand_paths, load_proposal
from screening.rulebook.loader import load_rulebook
from screening.screen import Screener

ROOT = Path(__file__).resolve().parent.parent


def _vary(data: Any, rng: random.Random) -> Any:
    if isinstance(data, dict):
        return {k: _vary(v, rng) for k, v in data.items()}
    if isinstance(data, list):
        return [_vary(v, rng) for v in data]
    if isinstance(data, float | int) and not isinstance(data, bool):
        return round(data * rng.uniform(0.6, 1.6), 3)
    if isinstance(data, bool):
        return data if rng.random() < 0.9 else not data
    return data


def generate(count: int, seed: int = 7) -> list[Proposal]:
    rng = random.Random(seed)
    bases = [load_proposal(p).proposal.model_dump(mode="python")
             for p in expand_paths([ROOT / "cases"])]
    out = []
    for index in range(count):
        data = _vary(rng.choice(bases), rng)
        data["id"] = f"GEN-{index:06d}"
        out.append(Proposal.model_validate(data))
    return out


def measure(screener: Screener, proposals: list[Proposal]) -> tuple[float, float, float]:
    """(screenings/s, p50 µs, p99 µs) over one pass."""
    latencies = []
    start = time.perf_counter()
    for proposal in proposals:
        t0 = time.perf_counter()
        screener.screen(proposal)
        latencies.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    latencies.sort()
    return (len(proposals) / total, latencies[len(latencies) // 2] * 1e6,
            latencies[int(len(latencies) * 0.99)] * 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rulebook = load_rulebook(ROOT / "rules")
    proposals = generate(args.count)
    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"python {platform.python_version()}; {len(rulebook.rules)} rules; "
          f"{args.count} generated proposals x {args.runs} runs")
    results: dict[str, tuple[float, float, float]] = {}
    for name in ("durable", "python"):
        screener = Screener(rulebook, engine=name)  # type: ignore[arg-type]
        screener.screen(proposals[0])  # warm-up (ruleset registration)
        runs = [measure(screener, proposals) for _ in range(args.runs)]
        results[name] = (statistics.median(r[0] for r in runs),
                         statistics.median(r[1] for r in runs),
                         statistics.median(r[2] for r in runs))
        rate, p50, p99 = results[name]
        print(f"{name:8s} {rate:10,.0f} screenings/s   p50 {p50:8.1f} µs   p99 {p99:8.1f} µs")
    ratio = results["python"][0] / results["durable"][0]
    print(f"ratio python/durable: {ratio:.1f}x")


if __name__ == "__main__":
    main()
