"""Differential run: generated proposals through durable_rules and the Python evaluator.

Each proposal (tests/proposal_gen.py: the sample cases varied fact by fact, with
awkward numbers) is screened by both engines; the run prints how many were
screened, how many decisions disagree (outcome, findings with their status, or the
missing facts) and how many one engine decides while the other refuses (raises),
with the first few of each written out for a look. Seeded: the same run gives the
same proposals. Run from the repository root:

    PYTHONPATH=. python bench/differential.py --count 100000
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screening.load import load_rulebook  # noqa: E402
from screening.screen import Screener  # noqa: E402
from tests.proposal_gen import proposal  # noqa: E402

CHUNK = 500
_engines: dict[str, Screener] = {}


def _start(rules: str) -> None:
    rulebook = load_rulebook(rules)
    _engines["durable"] = Screener(rulebook, engine="durable")
    _engines["python"] = Screener(rulebook, engine="python")


def _key(decision: Any) -> tuple[Any, ...]:
    return (decision.outcome, tuple(sorted((f.rule, f.status) for f in decision.findings)),
            tuple(sorted(m["field"] for m in decision.missing)))


def _screen(engine: str, p: Any) -> tuple[Any, str | None]:
    try:
        return _key(_engines[engine].screen(p)), None
    except Exception as exc:  # counted: a refusal of a valid proposal
        return None, f"{type(exc).__name__}: {str(exc)[:200]}"


def _run_chunk(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    examples: list[str] = []
    for _ in range(CHUNK):
        p = proposal(rng.choice)
        counts["generated"] += 1
        if p is None:
            continue
        counts["screened"] += 1
        durable, d_err = _screen("durable", p)
        python, p_err = _screen("python", p)
        if d_err and p_err:
            counts["both_refuse"] += 1
            kind = "both refuse"
        elif d_err or p_err:
            counts["durable_refuses" if d_err else "python_refuses"] += 1
            kind = f"{'durable' if d_err else 'python'} refuses: {d_err or p_err}"
        elif durable != python:
            counts["disagree"] += 1
            kind = f"disagree: durable {durable} python {python}"
        else:
            counts[f"outcome_{durable[0]}"] += 1
            continue
        if len(examples) < 3:
            examples.append(f"{kind}\n  {p.model_dump_json()[:2000]}")
    return {"counts": counts, "examples": examples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="proposals to generate")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--rules", default=str(ROOT / "rules"))
    args = parser.parse_args()
    chunks = [args.seed * 1_000_003 + i for i in range(max(1, args.count // CHUNK))]
    print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
          f"Python {platform.python_version()}; {len(chunks) * CHUNK:,} proposals, "
          f"seed {args.seed}, {args.jobs} processes")
    start, cpu = time.perf_counter(), time.process_time()
    total: Counter[str] = Counter()
    examples: list[str] = []
    context = multiprocessing.get_context("fork")
    with context.Pool(args.jobs, initializer=_start, initargs=(args.rules,)) as pool:
        for done, result in enumerate(pool.imap_unordered(_run_chunk, chunks), 1):
            total.update(result["counts"])
            examples.extend(result["examples"])
            if done % 10 == 0:  # a running count, for a long run on a busy machine
                print(f"  {done * CHUNK:,} generated: {total['screened']:,} screened, "
                      f"{total['disagree']:,} disagree, "
                      f"{total['durable_refuses'] + total['python_refuses']:,} one-sided "
                      f"refusals, {time.perf_counter() - start:.0f} s", flush=True)
    wall = time.perf_counter() - start
    print(f"generated {total['generated']:,}, valid and screened by both {total['screened']:,}")
    print(f"disagreements: {total['disagree']:,}")
    one_sided = total["durable_refuses"] + total["python_refuses"]
    print(f"one engine decides, the other refuses: {one_sided:,}"
          f" (durable refuses {total['durable_refuses']:,}, python refuses "
          f"{total['python_refuses']:,}); both refuse: {total['both_refuse']:,}")
    outcomes = {k.removeprefix("outcome_"): v for k, v in sorted(total.items())
                if k.startswith("outcome_")}
    print("agreed outcomes: " + ", ".join(f"{k} {v:,}" for k, v in outcomes.items()))
    print(f"wall {wall:.1f} s ({total['screened'] / wall:,.0f} proposals/s through both engines)"
          f"; this process's CPU {time.process_time() - cpu:.1f} s")
    for example in examples[:6]:
        print("---\n" + example)
    sys.exit(1 if total["disagree"] or total["durable_refuses"] or total["python_refuses"]
             else 0)


if __name__ == "__main__":
    main()
