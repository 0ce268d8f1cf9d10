"""Each malformed file screened in its own process: wall time and peak memory, against bounds.

Runs ``screening screen FILE --format json`` in a fresh process for every file of
tests/fixtures/malformed/, plus generated files near and past the size bound
(800,000 unknown keys; a 4 MiB flow list), and reads the child's peak resident
set size from ``wait4``. The start-up of a process (~0.3 s, ~100 MB with
durable_rules and z3 loaded) is inside both figures, as an officer would meet it.
Exit 1 if a file takes longer or grows larger than the bounds. Run from the
repository root:

    PYTHONPATH=. python bench/malformed.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "malformed"


def _generated(folder: Path) -> list[Path]:
    keys = folder / "800k-unknown-keys.yaml"
    keys.write_text("".join(f"k{i}: 1\n" for i in range(800_000)), encoding="utf-8")
    flow = folder / "flow-list-near-4MiB.yaml"
    flow.write_text("fuels: [" + ",".join(["1"] * 1_900_000) + "]\n", encoding="utf-8")
    return [keys, flow]


def _run(path: Path, rules: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS in MB, exit status) of screening ``path`` in a new process."""
    command = [sys.executable, "-m", "screening.cli", "screen", str(path), "--format", "json",
               "--rules", str(rules)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, child.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit-s", type=float, default=2.0)
    parser.add_argument("--limit-mb", type=float, default=200.0)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args()
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(p for p in CORPUS.iterdir() if p.suffix != ".py") + _generated(Path(tmp))
        baseline = _run(ROOT / "cases" / "01-cement-clinker-line.yaml", args.rules)
        print(f"{len(files)} files; a valid case for scale: {baseline[0]:.2f} s wall, "
              f"{baseline[1]:.2f} s CPU, {baseline[2]:.0f} MB")
        print(f"{'file':<34} {'wall s':>7} {'CPU s':>6} {'MB':>6}  exit")
        for path in files:
            wall, seconds, mb, code = _run(path, args.rules)
            flag = ""
            # CPU time is judged: on a shared machine the wall clock counts waiting for a core
            if seconds > args.limit_s or mb > args.limit_mb or code != 1:
                over.append(path.name)
                flag = "  <-- over a bound (or not refused)"
            print(f"{path.name:<34} {wall:7.2f} {seconds:6.2f} {mb:6.0f}  {code}{flag}")
    print(f"over the bounds ({args.limit_s} s, {args.limit_mb:.0f} MB): {len(over)}"
          + (f": {', '.join(over)}" if over else ""))
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
