"""Start-up: wall time of `screening screen one.yaml` as an officer runs it.

Runs the command line in a fresh process several times and prints the median
wall time, beside a bare `python -c pass` for the interpreter's own share. Run:

    python bench/startup.py [--runs 11] [FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from throughput import ROOT, machine


def wall(command: list[str], runs: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCREENING_RULES=str(ROOT / "rules"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[:500]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path,
                        default=ROOT / "cases" / "01-cement-clinker-line.yaml")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    print(machine())
    bare = wall([sys.executable, "-c", "pass"], args.runs)
    screen = wall([sys.executable, "-m", "screening.cli", "screen", str(args.file)], args.runs)
    print(f"python -c pass                 {bare * 1e3:7.0f} ms (median of {args.runs})")
    print(f"screening screen {args.file.name:14s}{screen * 1e3:7.0f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
