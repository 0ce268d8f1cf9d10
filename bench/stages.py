"""Instructions per file for each stage of a screening, counted by callgrind.

bench/instructions.py --cli counts the whole command line per file; this script
splits that cost by stage so that a change to one stage can be judged on its own
(and in a minute rather than three). A driver screens generated proposal files in
this process, running the stages up to STAGE for each file:

    read    load_proposal: the file read, parsed and validated (facts/files.py)
    facts   Screener.facts: derived values and parameters in force
    engine  the durable_rules engine's hits (engine/durable.py)
    build   DecisionBuilder.build: findings, messages, missing facts
    text    the decision rendered as the CLI's text (batch.render)
    json    the decision rendered as one item of the CLI's JSON array

Each stage's figure is (instructions through it for 2 x COUNT files minus through
it for COUNT files) / COUNT, less the same for the stage before, so one-off costs
(imports, first-use memos, rulesets registered on first use) cancel. The files
are those bench/instructions.py --cli screens. Needs valgrind. Run:

    python bench/stages.py [--count 200] [--stage read --stage engine ...]

All six stages take about ten minutes at --count 100 (24 runs); name the stages you
changed.
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
STAGES = ("read", "facts", "engine", "build", "text", "json")
DRIVER = f"""
import sys
from pathlib import Path
from screening.batch import render
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.screen import Screener

folder, upto = Path(sys.argv[1]), sys.argv[2]
stages = {STAGES!r}
last = stages.index(upto)
screener = Screener(load_rulebook(Path("rules")))
for path in sorted(folder.iterdir()):
    proposal = load_proposal(path).proposal
    if last < 1:
        continue
    day = proposal.application_date
    site = screener.site(proposal, day)
    basis = {{}}
    facts, params = screener.facts(proposal, day, None, site, basis)
    if last < 2:
        continue
    hits = screener.engine.run(facts, day)
    if last < 3:
        continue
    decision = screener._builder.build(
        proposal.id, proposal.name, day.isoformat(), hits, facts, params,
        screener.warnings(day), screener.engine_name, basis)
    if last == 4:
        render(decision, "text", "zh")
    elif last == 5:
        render(decision, "json", "zh", binary=True)
"""


def counted(project: Path, folder: Path, stage: str) -> int:
    """All instructions of one driver process of ``project`` (callgrind)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(project), PYTHONHASHSEED="0")
    with tempfile.TemporaryDirectory() as tmp:
        driver = Path(tmp) / "driver.py"
        driver.write_text(DRIVER, encoding="utf-8")
        command = [sys.executable, str(driver), str(folder), stage]
        subprocess.run(command, cwd=project, check=True, env=env)  # bytecode written
        out = Path(tmp) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        *command], cwd=project, check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        report = subprocess.run(["callgrind_annotate", str(out)], check=True,
                                capture_output=True, text=True).stdout
    total = re.search(r"^\s*([\d,]+) \(100\.0+%\)\s+PROGRAM TOTALS", report, re.M)
    if total is None:
        raise SystemExit(f"no program total in callgrind's report for {project}")
    return int(total.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--stage", action="append", choices=STAGES,
                        help="only these stages (and the one before each); default: all")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="the checkout to count (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from batch import write_files

    wanted = args.stage or list(STAGES)
    needed = sorted({STAGES.index(s) for s in wanted}
                    | {STAGES.index(s) - 1 for s in wanted if s not in ("read", "json")}
                    | ({STAGES.index("build")} if "json" in wanted else set()))
    project = args.project.resolve()
    with tempfile.TemporaryDirectory(prefix="screening-stages-") as tmp:
        many, half = Path(tmp) / "many", Path(tmp) / "half"
        many.mkdir()
        half.mkdir()
        write_files(many, 2 * args.count)
        for path in sorted(many.iterdir())[:args.count]:
            (half / path.name).write_bytes(path.read_bytes())
        through = {STAGES[i]: (counted(project, many, STAGES[i])
                               - counted(project, half, STAGES[i])) / args.count
                   for i in needed}
    print(f"callgrind, instructions per file by stage, {2 * args.count} generated files "
          f"minus the first {args.count}; {project}")
    print(f"{'stage':8s} {'this stage':>12s} {'through it':>12s}")
    for stage in wanted:
        before = "build" if stage == "json" else STAGES[STAGES.index(stage) - 1] \
            if stage != "read" else None
        own = through[stage] - (through[before] if before else 0)
        print(f"{stage:8s} {own:12,.0f} {through[stage]:12,.0f}")


if __name__ == "__main__":
    main()
