"""Recording: `screening screen FOLDER --record` and `screening history --verify` on SQLite.

Writes COUNT generated proposal files (as bench/batch.py does), then:
- one process records them all into a fresh database: decisions/s, CPU, peak RSS;
- the same for a SMALL run (default 100 files), for the peak-RSS comparison
  (recording is committed in bounded batches, so memory must not grow with COUNT);
- two processes record COUNT files each into one fresh database at the same time:
  decisions/s together and the speed-up over one process (writers take turns on
  the log head; everything else runs side by side);
- `history --verify` over the database of the first run: records/s.
Run:

    python bench/record.py [--count 10000] [--small 100] [--no-pair]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch import write_files
from throughput import ROOT, machine

#: runs a command and prints its children's peak RSS (kB) and CPU seconds as JSON
_MEASURE = ("import json, resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
            " stderr=subprocess.PIPE)\n"
            "code = done.returncode\n"
            "sys.stderr.write(done.stderr.decode()[-800:] if code else '')\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(json.dumps({'code': code, 'rss_kb': u.ru_maxrss,"
            " 'cpu': u.ru_utime + u.ru_stime}))\n")


def start(args: list[str]) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCREENING_RULES=str(ROOT / "rules"),
               SCREENING_OFFICER="bench")
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "screening.cli", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen[str]) -> dict[str, float]:
    out, _ = process.communicate()
    result = json.loads(out)
    if result["code"] not in (0,):
        raise SystemExit(f"screening failed with exit status {result['code']}")
    return result


def record(folder: Path, db: Path) -> tuple[float, dict[str, float]]:
    began = time.perf_counter()
    result = finish(start(["screen", str(folder), "--record", "--db", str(db)]))
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--no-pair", action="store_true", help="skip the two-process run")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="screening-record-") as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        big.mkdir()
        small.mkdir()
        write_files(big, args.count)
        for path in sorted(big.iterdir())[:args.small]:
            (small / path.name).write_bytes(path.read_bytes())
        wall_small, small_run = record(small, Path(tmp) / "small.sqlite3")
        wall, run = record(big, Path(tmp) / "one.sqlite3")
        rate = args.count / wall
        print(f"record {args.count:,} files, one process: {wall:7.2f} s  {rate:8,.0f} decisions/s"
              f"  CPU {run['cpu']:.1f} s ({args.count / run['cpu']:,.0f}/CPU-s)"
              f"  peak RSS {run['rss_kb'] / 1024:.0f} MB")
        print(f"record {args.small:,} files, one process: {wall_small:7.2f} s"
              f"  peak RSS {small_run['rss_kb'] / 1024:.0f} MB"
              f"  (difference {(run['rss_kb'] - small_run['rss_kb']) / 1024:+.0f} MB)")
        if not args.no_pair:
            pair_db = Path(tmp) / "pair.sqlite3"
            began = time.perf_counter()
            running = [start(["screen", str(big), "--record", "--db", str(pair_db)])
                       for _ in range(2)]
            results = [finish(p) for p in running]
            both = time.perf_counter() - began
            cpu = sum(r["cpu"] for r in results)
            print(f"record {args.count:,} files in each of two processes, one database: "
                  f"{both:7.2f} s  {2 * args.count / both:8,.0f} decisions/s  "
                  f"x{2 * args.count / both / rate:.2f} one process  CPU {cpu:.1f} s")
        began = time.perf_counter()
        verified = finish(start(["history", "--verify", "--db", str(Path(tmp) / "one.sqlite3")]))
        took = time.perf_counter() - began
        print(f"history --verify of {args.count:,} records: {took:6.2f} s  "
              f"{args.count / took:8,.0f} records/s (process start included)  "
              f"CPU {verified['cpu']:.2f} s")


if __name__ == "__main__":
    main()
