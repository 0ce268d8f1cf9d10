"""Recording: `screening screen FOLDER --record` and `screening history --verify` on SQLite.

Writes COUNT generated proposal files (as bench/batch.py does), then:
- one process records them all into a fresh database: decisions/s, CPU, peak RSS;
- the same for a SMALL run (default 100 files), for the peak-RSS comparison
  (recording is committed in bounded batches, so memory must not grow with COUNT);
- two processes record COUNT files each into one fresh database at the same time:
  decisions/s together and the speed-up over one process (writers take turns on
  the log head; everything else runs side by side), and per writer the time it
  waited for SQLite's write lock and held it (on cores busy with other work the
  wall-clock speed-up shows the machine, the lock times show the writers);
- `history --verify` over the database of the first run: records/s.

``--instructions`` counts with callgrind instead (a figure a busy machine cannot
blur): `screen FOLDER --db NEW` (the ledger attached, nothing recorded) and
`screen FOLDER --record --db NEW` over 2N and N generated files, per file as
(2N − N) / N, the recording part as the difference of the two; and `history
--verify` of the 2N- and N-record logs, per record the same way, beside the
whole command over 2N records. ``--compare DIR`` counts another checkout too (e.g.
`git worktree add /tmp/main main`). ``--verify-count M`` times `history --verify`
of a log of M records built by copying the N recorded ones with a fresh chain.
Run:

    python bench/record.py [--count 10000] [--small 100] [--no-pair]
    python bench/record.py --instructions [--count 100] [--compare DIR]
    python bench/record.py --verify-count 50000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from batch import write_files
from instructions import program_total
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


#: runs `screening ARGS` in this process with the time spent taking SQLite's write lock
#: (``DirectStore.writing`` up to its Writer: BEGIN IMMEDIATE and the head read; an SQLite
#: file at this schema is written through store/direct.py, without SQLAlchemy) and holding
#: it (numbering, hashing, inserting, committing a batch) added up; prints them, the CPU
#: seconds and the peak RSS as JSON on stderr's last line
_LOCKS = ("import contextlib, json, resource, sys, time\n"
          "import screening.store.direct as d\n"
          "took = {'wait': 0.0, 'held': 0.0, 'batches': 0}\n"
          "plain = d.DirectStore.writing\n"
          "@contextlib.contextmanager\n"
          "def writing(self):\n"
          "    began = time.perf_counter()\n"
          "    with plain(self) as writer:\n"
          "        locked = time.perf_counter()\n"
          "        yield writer\n"
          "    took['wait'] += locked - began\n"
          "    took['held'] += time.perf_counter() - locked\n"
          "    took['batches'] += 1\n"
          "d.DirectStore.writing = writing\n"
          "from screening.cli import main\n"
          "sys.stdout = open('/dev/null', 'w')\n"
          "began = time.perf_counter()\n"
          "try:\n"
          "    sys.argv[0] = 'screening'\n"
          "    main()\n"
          "except SystemExit as done:\n"
          "    code = done.code or 0\n"
          "u = resource.getrusage(resource.RUSAGE_SELF)\n"
          "took.update(code=code, rss_kb=u.ru_maxrss, cpu=u.ru_utime + u.ru_stime,\n"
          "            wall=time.perf_counter() - began)\n"
          "sys.stderr.write('\\n' + json.dumps(took) + '\\n')\n")


def _run_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), SCREENING_RULES=str(ROOT / "rules"),
                SCREENING_OFFICER="bench")


def start_writer(args: list[str]) -> tuple[subprocess.Popen[bytes], IO[bytes]]:
    """`screening ARGS` under the lock-timing driver, its stderr into a file, not a pipe:
    its "recorded decision N" lines fill a pipe (64 KiB) long before the end, and a second
    writer would then wait for the first one's output to be read, not for the database."""
    err = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish_locks)
    return subprocess.Popen([sys.executable, "-c", _LOCKS, *args], stdout=subprocess.DEVNULL,
                            stderr=err, env=_run_env()), err


def start(args: list[str]) -> subprocess.Popen[str]:
    env = _run_env()
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "screening.cli", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def finish_locks(process: subprocess.Popen[bytes], err: IO[bytes]) -> dict[str, float]:
    process.wait()
    err.seek(0)
    result = json.loads(err.read().decode().rstrip().rsplit("\n", 1)[-1])
    err.close()
    if result["code"] != 0:
        raise SystemExit(f"screening failed with exit status {result['code']}")
    return result


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


def _env(project: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(project), PYTHONHASHSEED="0", SCREENING_OFFICER="bench",
               SCREENING_RULES=str(project / "rules"), SCREENING_CACHE_DIR=str(cache))
    return env


def instructions(project: Path, args: list[str], cache: Path, db: Path | None) -> int:
    """All instructions of one `screening ...` process of ``project`` under callgrind;
    ``db`` (named in ``args``) is removed before, so each run starts from an empty log."""
    command = [sys.executable, "-m", "screening.cli", *args]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        if db is not None:
            db.unlink(missing_ok=True)
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        *command], cwd=project, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=_env(project, cache))
        report = subprocess.run(["callgrind_annotate", str(out)], check=True,
                                capture_output=True, text=True).stdout
    return program_total(report, project)


def instructions_main(count: int, projects: list[Path]) -> None:
    print(f"callgrind, `screening screen FOLDER [--record] --db NEW` over {2 * count} and "
          f"{count} generated files, (2N - N) / N; `history --verify` of those logs; "
          f"Python {sys.version.split()[0]} (SHA-256 runs without SHA-NI under valgrind: "
          "hashing counts high)")
    print(f"{'checkout':34s} {'screen/file':>12s} {'+record/file':>13s} {'recording':>11s} "
          f"{'verify/record':>14s} {'verify, 2N':>14s}")
    with tempfile.TemporaryDirectory(prefix="screening-record-instr-") as tmp:
        root = Path(tmp)
        folders = {}
        for n in (count, 2 * count):
            folders[n] = root / f"f{n}"
            folders[n].mkdir()
        write_files(folders[2 * count], 2 * count)
        for path in sorted(folders[2 * count].iterdir())[:count]:
            (folders[count] / path.name).write_bytes(path.read_bytes())
        for project in projects:
            cache = root / f"cache-{project.name}"
            db = root / "run.sqlite3"
            figures: dict[tuple[str, int], int] = {}
            for n, folder in folders.items():
                for mode in ("screen", "record"):
                    extra = ["--record"] if mode == "record" else []
                    args = ["screen", str(folder), *extra, "--db", str(db)]
                    db.unlink(missing_ok=True)  # a first run fills the caches and bytecode
                    subprocess.run([sys.executable, "-m", "screening.cli", *args], cwd=project,
                                   check=True, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=_env(project, cache))
                    figures[(mode, n)] = instructions(project, args, cache, db)
                shutil.copy(db, root / f"log{n}.sqlite3")  # the recorded log of n files
                verify = ["history", "--verify", "--db", str(root / f"log{n}.sqlite3")]
                figures[("verify", n)] = instructions(project, verify, cache, None)
            per = {mode: (figures[(mode, 2 * count)] - figures[(mode, count)]) / count
                   for mode in ("screen", "record", "verify")}
            print(f"{str(project)[-34:]:34s} {per['screen']:12,.0f} {per['record']:13,.0f} "
                  f"{per['record'] - per['screen']:11,.0f} {per['verify']:14,.0f} "
                  f"{figures[('verify', 2 * count)]:14,}")


def grown_log(source: Path, target: Path, records: int) -> None:
    """A log of ``records`` decisions: the decisions of ``source`` repeated, each with its
    number, previous hash and hash recomputed (bench/record.py runs the project's own
    ``record_hash``), so it verifies as a log written that long would."""
    sys.path.insert(0, str(ROOT))
    from screening.store.chain import GENESIS, record_hash

    shutil.copy(source, target)
    with sqlite3.connect(target) as conn:
        rows = conn.execute("SELECT kind, proposal_id, ref, actor, created_at, body FROM records"
                            " WHERE kind = 'decision' ORDER BY seq").fetchall()
        conn.execute("DELETE FROM records")
        previous = GENESIS
        batch = []
        for seq in range(1, records + 1):
            kind, pid, ref, actor, created_at, body = rows[(seq - 1) % len(rows)]
            digest = record_hash(seq, kind, pid, ref, actor, created_at, body, previous)
            batch.append((seq, kind, pid, ref, actor, created_at, body, previous, digest))
            previous = digest
            if len(batch) == 5000 or seq == records:
                conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
                batch = []
        conn.execute("UPDATE log_head SET seq = ?, hash = ? WHERE id = 1", (records, previous))


def verify_main(count: int, records: int) -> None:
    print(machine())
    with tempfile.TemporaryDirectory(prefix="screening-verify-") as tmp:
        folder, db, big = Path(tmp) / "files", Path(tmp) / "one.sqlite3", Path(tmp) / "big.sqlite3"
        folder.mkdir()
        write_files(folder, count)
        record(folder, db)
        grown_log(db, big, records)
        for _ in range(2):
            began = time.perf_counter()
            verified = finish(start(["history", "--verify", "--db", str(big)]))
            took = time.perf_counter() - began
            print(f"history --verify of {records:,} records: {took:6.2f} s  "
                  f"{records / took:8,.0f} records/s (process start included)  "
                  f"CPU {verified['cpu']:.2f} s ({records / verified['cpu']:,.0f}/CPU-s)")
        began = time.perf_counter()
        finish(start(["history", "--help"]))
        print(f"start-up alone (`history --help`): {time.perf_counter() - began:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--no-pair", action="store_true", help="skip the two-process run")
    parser.add_argument("--instructions", action="store_true",
                        help="count with callgrind (screen, record, verify)")
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="another checkout to count too")
    parser.add_argument("--verify-count", type=int, default=None, metavar="M",
                        help="time `history --verify` of a log of M records")
    args = parser.parse_args()
    if args.instructions:
        instructions_main(args.count or 100, [p.resolve() for p in (ROOT, *args.compare)])
        return
    if args.verify_count:
        verify_main(args.count or 1000, args.verify_count)
        return
    args.count = args.count or 10000
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
            running = [start_writer(["screen", str(big), "--record", "--db", str(pair_db)])
                       for _ in range(2)]
            results = [finish_locks(*writer) for writer in running]
            both = time.perf_counter() - began
            cpu = sum(r["cpu"] for r in results)
            print(f"record {args.count:,} files in each of two processes, one database: "
                  f"{both:7.2f} s  {2 * args.count / both:8,.0f} decisions/s  "
                  f"x{2 * args.count / both / rate:.2f} one process  CPU {cpu:.1f} s "
                  f"({cpu / 2 / args.count * 1000:.2f} ms a decision; one process: "
                  f"{run['cpu'] / args.count * 1000:.2f} ms)")
            for n, r in enumerate(results, 1):
                print(f"  writer {n}: {r['wall']:6.2f} s, CPU {r['cpu']:5.1f} s; waited for "
                      f"the write lock {r['wait']:5.2f} s ({100 * r['wait'] / r['wall']:.1f} %), "
                      f"held it {r['held']:5.2f} s, {r['batches']} batches")
        began = time.perf_counter()
        verified = finish(start(["history", "--verify", "--db", str(Path(tmp) / "one.sqlite3")]))
        took = time.perf_counter() - began
        print(f"history --verify of {args.count:,} records: {took:6.2f} s  "
              f"{args.count / took:8,.0f} records/s (process start included)  "
              f"CPU {verified['cpu']:.2f} s")


if __name__ == "__main__":
    main()
