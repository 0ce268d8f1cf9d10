"""Instructions per screening, counted by valgrind's callgrind: a figure a busy machine cannot blur.

Wall-clock throughput on a shared machine moves by 10-20 % from one run to the
next, which hides the effect of a change. Instructions do not: callgrind counts
the same total for the same code, inputs and environment. This script runs a
driver under callgrind twice, once screening COUNT generated proposals (as
bench/throughput.py generates them) and once screening none, and prints the
difference per screening, with the part spent inside durable_rules' C engine
(its ``handleMessage``, inclusive) and, on request, the same for another checkout
of the project. Needs valgrind (Debian package).

``--cli`` counts the real command line instead: `screening screen FOLDER --jobs 1`
over 2 × COUNT generated files minus the same over the first COUNT of them, divided
by COUNT (instructions per file: reading, screening and printing; the one-off costs
of the first files, such as imports on the first file with a site or a further
specialised ruleset when the dates change, fall in both runs and cancel), for text
and JSON output, and the start-up of
`screening screen one.yaml` (the whole process), with the rulebook taken from its
cache (screening/rulebook/cache.py, filled by a run before) and read from the files. Run:

    python bench/instructions.py [--count 600] [--engine durable|python] [--compare DIR]
    python bench/instructions.py --cli [--count 100] [--compare DIR] [--no-startup]
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


def program_total(report: str, project: Path) -> int:
    """The PROGRAM TOTALS line of a ``callgrind_annotate`` report, as a number."""
    total = re.search(r"^\s*([\d,]+) \(100\.0+%\)\s+PROGRAM TOTALS", report, re.M)
    if total is None:
        raise SystemExit(f"no program total in callgrind's report for {project}")
    return int(total.group(1).replace(",", ""))


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
    inside = re.search(rf"^\s*([\d,]+) \([\d. ]+%\)\s+\S*:{ENGINE_ENTRY} ", report, re.M)
    return (program_total(report, project),
            int(inside.group(1).replace(",", "")) if inside else 0)


def per_screening(project: Path, count: int, engine: str) -> tuple[float, float]:
    loaded, loaded_engine = counted(project, count, False, engine)
    screened, screened_engine = counted(project, count, True, engine)
    return (screened - loaded) / count, (screened_engine - loaded_engine) / count


def cli_counted(project: Path, args: list[str], cache: str = "off") -> int:
    """All instructions of one `screening ...` process of ``project`` (callgrind), with the
    bytecode cached (a first run without callgrind writes it), as after `pip install`;
    ``cache``: the rulebook cache folder (the first run fills it), or off."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(project), PYTHONHASHSEED="0",
               SCREENING_RULES=str(project / "rules"), SCREENING_CACHE_DIR=cache)
    command = [sys.executable, "-m", "screening.cli", *args]
    subprocess.run(command, cwd=project, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            cwd=project, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env=env)
        report = subprocess.run(["callgrind_annotate", str(out)], check=True,
                                capture_output=True, text=True).stdout
    return program_total(report, project)


def cli_main(count: int, projects: list[Path], startup: bool = True) -> None:
    """Instructions per file through the CLI (text, JSON) and of start-up, per checkout."""
    sys.path.insert(0, str(ROOT / "bench"))
    from batch import write_files

    with tempfile.TemporaryDirectory(prefix="screening-instr-") as tmp:
        many, half = Path(tmp) / "many", Path(tmp) / "half"
        many.mkdir()
        half.mkdir()
        write_files(many, 2 * count)
        for path in sorted(many.iterdir())[:count]:
            (half / path.name).write_bytes(path.read_bytes())
        case = ROOT / "cases" / "01-cement-clinker-line.yaml"
        print(f"callgrind, `screening screen --jobs 1` over {2 * count} generated files minus "
              f"the first {count} of them, per file; Python {sys.version.split()[0]}")
        print("start-up: `screening screen one.yaml`, the rulebook from its cache (a run before "
              "fills it) and read from the files (cache off)")
        print(f"{'checkout':40s} {'per file, text':>16s} {'per file, json':>16s} "
              f"{'start-up':>16s} {'no cache':>16s}")
        cache = str(Path(tmp) / "cache")
        for project in projects:
            figures = []
            for fmt in ("text", "json"):
                base = ["screen", "--jobs", "1", "--format", fmt]
                figures.append((cli_counted(project, [*base, str(many)], cache)
                                - cli_counted(project, [*base, str(half)], cache)) / count)
            if not startup:
                print(f"{project!s:40s} {figures[0]:16,.0f} {figures[1]:16,.0f}")
                continue
            start = cli_counted(project, ["screen", str(case)], cache)
            cold = cli_counted(project, ["screen", str(case)])
            print(f"{project!s:40s} {figures[0]:16,.0f} {figures[1]:16,.0f} {start:16,} "
                  f"{cold:16,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--engine", choices=("durable", "python"), default="durable")
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="another checkout of the project (e.g. a git worktree of main)")
    parser.add_argument("--cli", action="store_true",
                        help="count the command line per file and its start-up instead")
    parser.add_argument("--no-startup", action="store_true",
                        help="with --cli: count per file only, not the start-up")
    args = parser.parse_args()
    if args.cli:
        cli_main(args.count if args.count != 600 else 100,
                 [p.resolve() for p in (ROOT, *args.compare)], not args.no_startup)
        return
    print(f"callgrind, {args.count} generated proposals, engine {args.engine}, "
          f"Python {sys.version.split()[0]}")
    print(f"{'checkout':40s} {'instructions/screening':>24s} {'in durable_rules':>18s}")
    for project in (ROOT, *args.compare):
        total, inside = per_screening(project.resolve(), args.count, args.engine)
        share = f"{inside:,.0f} ({inside / total:.0%})" if inside else "-"
        print(f"{project!s:40s} {total:24,.0f} {share:>18s}")


if __name__ == "__main__":
    main()
