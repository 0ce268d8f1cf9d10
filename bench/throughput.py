"""Screenings per second: durable_rules engine vs the pure-Python evaluator, and where time goes.

Generates proposals by varying the bundled cases (amounts, zones, dates), then
screens each validated proposal to a decision object in-process on one core,
several runs, and prints medians of throughput, p50 and p99 latency, the ratio,
and the cost per screening of each stage: facts (derivation and parameters in
force), the engine, and the decision (findings, messages). Run:

    python bench/throughput.py [--count 3000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from screening.facts.files import expand_paths, load_proposal
from screening.facts.proposal import Proposal
from screening.load import load_rulebook
from screening.screen import Screener

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    """nproc, CPU model and Python version, for the figures' record."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(line.split(":", 1)[1].strip() for line in info
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"machine: nproc {cores}, {model}, Python {platform.python_version()}"


def _vary(data: Any, rng: random.Random) -> Any:
    if isinstance(data, dict):
        return {k: _vary(v, rng) for k, v in data.items()}
    if isinstance(data, list):
        return [_vary(v, rng) for v in data]
    if isinstance(data, float):  # amounts; counts and other integers stay as stated
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
        base = rng.choice(bases)
        for attempt in range(5):  # a varied amount may break a bound (a share over 100 %)
            data = _vary(base, rng) if attempt < 4 else dict(base)
            data["id"] = f"GEN-{index:06d}"
            try:
                out.append(Proposal.model_validate(data))
                break
            except ValidationError:
                continue
    return out


def measure(screener: Screener, proposals: list[Proposal]) -> dict[str, float]:
    """Screenings/s over one untimed pass, then p50 and p99 µs over a pass timing each call;
    by wall clock and by CPU time.

    On a machine shared with other work the wall clock also counts time the
    process waited for a core; the CPU time counts only what screening cost.
    """
    clock, cpu_clock = time.perf_counter, time.process_time
    start, start_cpu = clock(), cpu_clock()
    for proposal in proposals:
        screener.screen(proposal)
    total, total_cpu = clock() - start, cpu_clock() - start_cpu
    wall, cpu = [], []
    for proposal in proposals:
        t0, c0 = clock(), cpu_clock()
        screener.screen(proposal)
        c1, t1 = cpu_clock(), clock()
        wall.append(t1 - t0)
        cpu.append(c1 - c0)
    wall.sort()
    cpu.sort()
    middle, tail = len(wall) // 2, int(len(wall) * 0.99)
    return {"rate": len(proposals) / total, "p50": wall[middle] * 1e6, "p99": wall[tail] * 1e6,
            "cpu_rate": len(proposals) / total_cpu, "cpu_p50": cpu[middle] * 1e6,
            "cpu_p99": cpu[tail] * 1e6}


def stages(screener: Screener, proposals: list[Proposal]) -> dict[str, float]:
    """µs per screening spent in each stage of Screener.screen, timed in place.

    The stages run interleaved as in Screener.screen (facts, engine, warnings and
    decision), each call timed by the wall clock.
    """
    from screening.derive.ledger import ledger_warnings

    clock = time.perf_counter
    spent = {"facts": 0.0, "engine": 0.0, "decision": 0.0}
    for proposal in proposals:
        day = proposal.application_date
        t0 = clock()
        facts, params = screener.facts(proposal, day, None)
        t1 = clock()
        hits = screener.engine.run(facts, day)
        t2 = clock()
        warnings = screener.warnings(day) + ledger_warnings(proposal, None)
        screener._builder.build(proposal.id, proposal.name, day.isoformat(), hits, facts,
                                params, warnings, screener.engine_name)
        t3 = clock()
        spent["facts"] += t1 - t0
        spent["engine"] += t2 - t1
        spent["decision"] += t3 - t2
    return {name: total / len(proposals) * 1e6 for name, total in spent.items()}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args()
    rulebook = load_rulebook(args.rules)
    proposals = generate(args.count)
    print(machine())
    print(f"{len(rulebook.rules)} rules; {args.count} generated proposals x {args.runs} runs; "
          "medians")
    results: dict[str, dict[str, float]] = {}
    split: dict[str, dict[str, float]] = {}
    print("              wall clock: screenings/s   p50 µs   p99 µs | CPU time: "
          "screenings/s   p50 µs   p99 µs")
    for name in ("durable", "python"):
        screener = Screener(rulebook, engine=name)  # type: ignore[arg-type]
        for proposal in proposals:  # warm-up: a ruleset per parameter epoch met, memos
            screener.screen(proposal)
        results[name] = found = median_of([measure(screener, proposals)
                                           for _ in range(args.runs)])
        split[name] = median_of([stages(screener, proposals) for _ in range(args.runs)])
        print(f"  {name:8s} {found['rate']:22,.0f} {found['p50']:8.1f} {found['p99']:8.1f} | "
              f"{found['cpu_rate']:22,.0f} {found['cpu_p50']:8.1f} {found['cpu_p99']:8.1f}")
    ratio = results["python"]["rate"] / results["durable"]["rate"]
    cpu_ratio = results["python"]["cpu_rate"] / results["durable"]["cpu_rate"]
    print(f"ratio python/durable throughput: {ratio:.2f}x (CPU time: {cpu_ratio:.2f}x)")
    print("µs per screening       facts  engine  decision  outside engine  outside/engine")
    for name, spent in split.items():
        outside = spent["facts"] + spent["decision"]
        print(f"  {name:20s} {spent['facts']:7.1f} {spent['engine']:7.1f} "
              f"{spent['decision']:9.1f} {outside:15.1f} {outside / spent['engine']:15.2f}")


if __name__ == "__main__":
    main()
