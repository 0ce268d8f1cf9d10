"""Start-up: wall time of `screening screen one.yaml` as an officer runs it.

Runs the command line in a fresh process several times and prints the median
wall time, beside a bare `python -c pass` for the interpreter's own share. The
package is copied to a temporary folder and timed twice: with its bytecode
cached (as after `pip install`, or any run that may write __pycache__), and
compiled from source on every run (PYTHONDONTWRITEBYTECODE=1, as in a sandbox
that forbids writing bytecode). Run:

    python bench/startup.py [--runs 11] [FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import ROOT, machine


def wall(command: list[str], runs: int, env: dict[str, str]) -> float:
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
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"python -c pass                        "
          f"{wall([sys.executable, '-c', 'pass'], args.runs, base) * 1e3:6.0f} ms")
    command = [sys.executable, "-m", "screening.cli", "screen", str(args.file.resolve())]
    with tempfile.TemporaryDirectory(prefix="screening-startup-") as tmp:
        shutil.copytree(ROOT / "screening", Path(tmp) / "screening",
                        ignore=shutil.ignore_patterns("__pycache__"))
        env = dict(base, PYTHONPATH=tmp, SCREENING_RULES=str(ROOT / "rules"))
        source = wall(command, args.runs, dict(env, PYTHONDONTWRITEBYTECODE="1"))
        wall(command, 1, env)  # writes the bytecode
        cached = wall(command, args.runs, env)
    print(f"screening screen {args.file.name}, median of {args.runs}:")
    print(f"  bytecode cached                     {cached * 1e3:6.0f} ms")
    print(f"  compiled from source every run      {source * 1e3:6.0f} ms")


if __name__ == "__main__":
    main()
