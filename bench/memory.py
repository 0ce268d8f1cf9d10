"""Resident memory over many screenings in one process (durable_rules sessions, memos).

Screens generated proposals in a loop, each on one of ~1,500 as-of dates so the
per-date memos fill up, and samples the resident set size (RSS) as it goes. The
growth is measured from the end of a warm-up (the first 2% of the screenings) to
the end. Run:

    python bench/memory.py [--count 1000000] [--engine durable]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

from throughput import ROOT, generate, machine

from screening.load import load_rulebook
from screening.screen import Screener

PAGE = 4096


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--engine", default="durable", choices=["durable", "python"])
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args()
    print(machine())
    screener = Screener(load_rulebook(ROOT / "rules"), engine=args.engine)  # type: ignore[arg-type]
    proposals = generate(2000)
    first = date(2021, 6, 1)
    days = [first + timedelta(days=n) for n in range(1500)]
    warm = max(1, args.count // 50)
    every = max(1, args.count // args.samples)
    start, base, peak = time.perf_counter(), 0.0, 0.0
    print(f"{args.count:,} screenings, engine {args.engine}; RSS at start {rss_mb():.1f} MB")
    for index in range(args.count):
        screener.screen(proposals[index % len(proposals)], days[index % len(days)])
        if index + 1 == warm:
            base = rss_mb()
            print(f"  after warm-up ({warm:,}): {base:.1f} MB")
        if (index + 1) % every == 0:
            now = rss_mb()
            peak = max(peak, now)
            print(f"  {index + 1:>10,}: {now:.1f} MB  ({time.perf_counter() - start:.0f} s)")
    end = rss_mb()
    print(f"growth after warm-up: {end - base:+.1f} MB (peak {max(peak, end):.1f} MB) over "
          f"{args.count - warm:,} screenings")


if __name__ == "__main__":
    main()
