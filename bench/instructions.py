"""Instructions per screening, counted by valgrind's callgrind: a figure a busy machine cannot blur.

Wall-clock throughput on a shared machine moves by 10-20 % from one run to the
next, which hides the effect of a change. Instructions do not: callgrind counts
the same total for the same code, inputs and environment. This script runs a
driver under callgrind twice, once screening COUNT generated proposals (as
bench/throughput.py generates them) and once screening none, and prints the
difference per screening, with the part spent inside durable_rules' C engine
(its ``handleMessage``, inclusive) and, on request, the same for another checkout
of the project. Needs valgrind (Debian package). Run:

    python bench/instructions.py [--count 600] [--engine durable|python] [--compare DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRIVER = """
import sys
from pathlib import Path
sys.path.insert(0, ".")
from bench.throughput import generate
from screening.load import load_rulebook
from screening.screen import Screener
proposals = generate(int(sys.argv[1]))
screener = Screener(load_rulebook(Path("rules")), engine=sys.argv[3])
screener.screen(proposals[0])  # registration and first-use memos, in both runs
if sys.argv[2] == "screen":
    for proposal in proposals:
        screener.screen(proposal)
"""
ENGINE_ENTRY = "handleMessage"


def counted(project: Path, count: int, screen: bool, engine: str) -> tuple[int, int]:
    """(all instructions, instructions inside durable_rules' handleMessage) of one run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        driver = Path(tmp) / "driver.py"
        driver.write_text(DRIVER, encoding="utf-8")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
             str(driver), str(count), "screen" if screen else "load", engine],
            cwd=project, check=True, capture_output=True,
            env={**os.environ, "PYTHONPATH": str(project), "PYTHONHASHSEED": "0"})
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)],
                                check=True, capture_output=True, text=True).stdout
    total = re.search(r"^\s*([\d,]+) \(100\.0+%\)\s+PROGRAM TOTALS", report, re.M)
    inside = re.search(rf"^\s*([\d,]+) \([\d. ]+%\)\s+\S*:{ENGINE_ENTRY} ", report, re.M)
    if total is None:
        raise SystemExit(f"no program total in callgrind's report for {project}")
    return (int(total.group(1).replace(",", "")),
            int(inside.group(1).replace(",", "")) if inside else 0)


def per_screening(project: Path, count: int, engine: str) -> tuple[float, float]:
    loaded, loaded_engine = counted(project, count, False, engine)
    screened, screened_engine = counted(project, count, True, engine)
    return (screened - loaded) / count, (screened_engine - loaded_engine) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--engine", choices=("durable", "python"), default="durable")
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="another checkout of the project (e.g. a git worktree of main)")
    args = parser.parse_args()
    print(f"callgrind, {args.count} generated proposals, engine {args.engine}, "
          f"Python {sys.version.split()[0]}")
    print(f"{'checkout':40s} {'instructions/screening':>24s} {'in durable_rules':>18s}")
    for project in (ROOT, *args.compare):
        total, inside = per_screening(project.resolve(), args.count, args.engine)
        share = f"{inside:,.0f} ({inside / total:.0%})" if inside else "-"
        print(f"{project!s:40s} {total:24,.0f} {share:>18s}")


if __name__ == "__main__":
    main()
