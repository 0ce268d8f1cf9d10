"""Files per second: `screening screen FOLDER` over generated proposal files.

Writes COUNT varied proposals (YAML, as officers write them) into a temporary
folder, then runs the real command line on it several times with stdout to
/dev/null (so no progress bar), on every core and with --jobs 1, and prints the
median wall time, files per second and the speed-up. Run:

    python bench/batch.py [--count 20000] [--runs 3] [--format text]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from throughput import ROOT, generate, machine

_DATE = re.compile(r"'(\d{4}-\d{2}-\d{2})'")


def write_files(folder: Path, count: int) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for index, proposal in enumerate(generate(count, seed=5)):
        data = proposal.model_dump(mode="json", exclude_none=True)
        text = yaml.dump(data, allow_unicode=True, sort_keys=False, Dumper=dumper)
        (folder / f"p{index:06d}.yaml").write_text(_DATE.sub(r"\1", text), encoding="utf-8")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(folder: Path, fmt: str, jobs: int | None) -> tuple[float, float]:
    """(wall s, CPU s of the command and its workers) for one run."""
    command = [sys.executable, "-m", "screening.cli", "screen", str(folder), "--format", fmt]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCREENING_RULES=str(ROOT / "rules"))
    start, start_cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                          check=False)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - start_cpu
    if done.returncode != 0:
        raise SystemExit(f"screening failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="text", choices=["text", "json", "markdown"])
    parser.add_argument("--no-serial", action="store_true", help="skip the --jobs 1 runs")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="screening-batch-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        write_files(folder, args.count)
        print(f"{args.count} files written in {time.perf_counter() - start:.1f} s; "
              f"format {args.format}, {args.runs} runs each, medians")
        rates: dict[str, float] = {}
        for label, jobs in (("all cores", None), ("--jobs 1", 1)):
            if jobs == 1 and args.no_serial:
                continue
            runs = [run_cli(folder, args.format, jobs) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rates[label] = args.count / wall
            print(f"{label:10s} {wall:7.2f} s   {rates[label]:8,.0f} files/s   CPU {cpu:6.1f} s "
                  f"({cpu / args.count * 1e3:.2f} ms a file, {cpu / wall:.2f} cores busy)")
        if len(rates) == 2:
            print(f"speed-up all cores / one: {rates['all cores'] / rates['--jobs 1']:.2f}x")


if __name__ == "__main__":
    main()
