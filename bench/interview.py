"""How much the interview asks: fields asked / fields the case file states, per case.

Drives `screening.interview` with each bundled case's facts (answering only what
it asks, from the file; a field the file does not state is answered "not known")
and prints, per case, the fields asked until the outcome was settled, the pages,
the further fields that only complete the findings, the fields the file states
(a list such as the sources counts as one), the ratio, and the means. Also the
server-side time of one interview step (median and p99). Run:

    PYTHONPATH=. python bench/interview.py [--engine durable|python] [--cases DIR]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from throughput import ROOT, machine

from screening.facts.yamlio import read_document
from screening.interview import drive, leaves, step
from screening.load import load_rulebook
from screening.screen import Screener


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["durable", "python"], default="durable")
    parser.add_argument("--cases", type=Path, default=ROOT / "cases")
    args = parser.parse_args()
    screener = Screener(load_rulebook(ROOT / "rules"), engine=args.engine)
    print(machine())
    print(f"{'case':40s} {'outcome':24s} {'asked':>5s} {'pages':>5s} {'further':>7s} "
          f"{'stated':>6s} {'asked/stated':>12s} {'+further':>8s}")
    ratios, complete, pages = [], [], []
    for path in sorted(args.cases.glob("*.yaml")):
        data, _, problems = read_document(path)
        if problems:
            raise SystemExit(f"{path}: {problems[0].render()}")
        data.pop("expected", None)
        run = drive(screener, data)
        stated = len(leaves(data))
        assert run.done_step is not None and run.done_step.decision is not None
        ratio = len(run.asked) / stated
        whole = (len(run.asked) + len(run.further)) / stated
        ratios.append(ratio)
        complete.append(whole)
        pages.append(run.pages)
        print(f"{path.stem:40s} {run.done_step.decision.outcome:24s} {len(run.asked):5d} "
              f"{run.pages:5d} {len(run.further):7d} {stated:6d} {ratio:12.2f} {whole:8.2f}")
    print(f"mean asked/stated until the outcome is settled: {statistics.mean(ratios):.3f} "
          f"over {len(ratios)} cases (pages: mean {statistics.mean(pages):.1f}, "
          f"max {max(pages)})")
    print(f"mean with the further questions that complete the findings: "
          f"{statistics.mean(complete):.3f}")
    timings = []
    data, _, _ = read_document(args.cases / "01-cement-clinker-line.yaml")
    data.pop("expected", None)
    for _ in range(200):
        start = time.perf_counter()
        step(screener, data)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"one step on a whole case (01): median {statistics.median(timings):.2f} ms, "
          f"p99 {timings[int(len(timings) * 0.99) - 1]:.2f} ms ({args.engine})")


if __name__ == "__main__":
    main()
