"""How much the interview asks: fields asked / fields the case file states, per case.

Drives `screening.interview` with each bundled case's facts (answering only what
it asks, from the file; a field the file does not state is answered "not known")
and prints, per case, the fields asked until the outcome was settled, the pages,
the further fields that only complete the findings, the fields the file states
(a list such as the sources counts as one), the ratio, and the means. Also the
server-side time of one interview step (median and p99). With ``--floor`` also
what an interviewer who knew the answers beforehand would need: the fewest of
the fields asked (greedily removed one by one) that still settle the outcome,
and the fewest that still give the same findings as ``screen`` on the file (the
same rules with the same status and the same missing facts).
Run:

    PYTHONPATH=. python bench/interview.py [--engine durable|python] [--cases DIR] [--floor]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from throughput import ROOT, machine

from screening.decision.model import Decision
from screening.facts.files import load_proposal
from screening.facts.yamlio import read_document
from screening.interview import drive, leaves, step
from screening.interview.questions import START_FIELDS
from screening.interview.run import _ABSENT, _get, _put
from screening.load import load_rulebook
from screening.screen import Screener


def findings_key(decision: Decision) -> tuple:
    """What "the same findings" compares: outcome, each rule and status, what is missing."""
    return (decision.outcome, [(f.rule, f.status) for f in decision.findings],
            decision.missing)


def floor(screener: Screener, data: dict, asked: list[str], outcome: str,
          whole: Decision | None = None) -> int:
    """Fields (the basics included) an interviewer knowing the answers would need to
    settle ``outcome``, or, given ``whole`` (the decision on the file), to reach its
    findings."""
    def answers(fields: list[str]) -> dict:
        out: dict = {}
        for path in fields:
            value = _get(data, path)
            _put(out, path, None if value is _ABSENT else value)
        return out

    keep = list(dict.fromkeys(asked))
    for path in reversed(list(keep)):
        if path in START_FIELDS:
            continue
        trial = [k for k in keep if k != path]
        result = step(screener, answers(trial))
        if result.decision is None:
            continue
        if (findings_key(result.decision) == findings_key(whole) if whole is not None
                else result.done and result.decision.outcome == outcome):
            keep = trial
    return len(keep)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["durable", "python"], default="durable")
    parser.add_argument("--cases", type=Path, default=ROOT / "cases")
    parser.add_argument("--floor", action="store_true",
                        help="also the fields an interviewer knowing the answers would need")
    args = parser.parse_args()
    screener = Screener(load_rulebook(ROOT / "rules"), engine=args.engine)
    print(machine())
    print(f"{'case':40s} {'outcome':24s} {'asked':>5s} {'pages':>5s} {'further':>7s} "
          f"{'stated':>6s} {'asked/stated':>12s} {'+further':>8s}"
          + (f" {'floor':>6s} {'findings':>8s}" if args.floor else ""))
    ratios, complete, pages, floors, finding_floors = [], [], [], [], []
    for path in sorted(args.cases.glob("*.yaml")):
        data, _, problems = read_document(path)
        if problems:
            raise SystemExit(f"{path}: {problems[0].render()}")
        data.pop("expected", None)
        run = drive(screener, data)
        stated = len(leaves(data))
        assert run.done_step is not None and run.done_step.decision is not None
        ratio = len(run.asked) / stated
        whole = (len(run.asked) + len(run.further)) / stated
        ratios.append(ratio)
        complete.append(whole)
        pages.append(run.pages)
        low = ""
        if args.floor:
            fewest = floor(screener, data, run.asked, run.done_step.decision.outcome)
            floors.append(fewest / stated)
            whole_decision = screener.screen(load_proposal(path).proposal)
            for_findings = floor(screener, data, run.asked + run.further,
                                 run.done_step.decision.outcome, whole_decision)
            finding_floors.append(for_findings / stated)
            low = f" {fewest / stated:6.2f} {for_findings / stated:8.2f}"
        print(f"{path.stem:40s} {run.done_step.decision.outcome:24s} {len(run.asked):5d} "
              f"{run.pages:5d} {len(run.further):7d} {stated:6d} {ratio:12.2f} {whole:8.2f}"
              + low)
    print(f"mean asked/stated until the outcome is settled: {statistics.mean(ratios):.3f} "
          f"over {len(ratios)} cases (pages: mean {statistics.mean(pages):.1f}, "
          f"max {max(pages)})")
    print(f"mean with the further questions that complete the findings: "
          f"{statistics.mean(complete):.3f}")
    if floors:
        print(f"mean fewest fields that settle the outcome, answers known beforehand: "
              f"{statistics.mean(floors):.3f}")
        print(f"mean fewest fields that give the same findings as `screen`, answers known "
              f"beforehand: {statistics.mean(finding_floors):.3f}")
    timings = []
    data, _, _ = read_document(args.cases / "01-cement-clinker-line.yaml")
    data.pop("expected", None)
    for _ in range(200):
        start = time.perf_counter()
        step(screener, data)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"one step on a whole case (01): median {statistics.median(timings):.2f} ms, "
          f"p99 {timings[int(len(timings) * 0.99) - 1]:.2f} ms ({args.engine})")


if __name__ == "__main__":
    main()
