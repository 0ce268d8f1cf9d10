"""Rulebook load + validate + compile time, and a generated rulebook of 2,000 rules.

Prints medians over several runs of: loading the real rules folder (YAML reading,
validation, clause quotes checked against the policy text, conditions parsed and
compiled to durable_rules expressions) and registering it in durable_rules; then
the same for a generated rulebook (the real rules plus synthetic ones, see
rulebook_gen.py) and its screening throughput, durable_rules vs the pure-Python
evaluator. Run:

    python bench/rulebook.py [--rules-total 2000] [--runs 5] [--count 500]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from rulebook_gen import write_rulebook
from throughput import ROOT, generate, machine, measure, median_of

from screening.engine import compiler
from screening.engine.durable import DurableEngine
from screening.facts import yamlio
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener


def forget() -> None:
    """Empty the per-process memos the loader fills, so each load is as in a new process."""
    compiler._atom.cache_clear()
    compiler._kleene.cache_clear()
    yamlio._Loader._tags.clear()


def timed_load(root: Path, runs: int) -> tuple[float, Rulebook]:
    """Median ms of load_rulebook over ``runs`` (each from cold memos), and the last book."""
    times, book = [], None
    for _ in range(runs):
        forget()
        start = time.perf_counter()
        book = load_rulebook(root)
        times.append((time.perf_counter() - start) * 1e3)
    assert book is not None
    return statistics.median(times), book


def timed_register(book: Rulebook) -> tuple[float, int]:
    """ms to register the rulebook in durable_rules as a new process does (the ruleset for
    the parameter values in force on the first proposal's date, which it then screens),
    and the rulesets (shards) registered."""
    DurableEngine._variants.pop(book.digest, None)  # register afresh, as a new process would
    proposal = generate(1)[0]
    facts, _ = Screener(book, engine="python").facts(proposal, proposal.application_date)
    start = time.perf_counter()
    engine = DurableEngine(book)
    engine.run(facts, proposal.application_date)
    return (time.perf_counter() - start) * 1e3, len(engine.shards)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-total", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=500,
                        help="proposals screened per run on the generated rulebook")
    args = parser.parse_args()
    print(machine())
    load_ms, book = timed_load(ROOT / "rules", args.runs)
    register_ms, shards = timed_register(book)
    print(f"real rulebook: {len(book.rules)} rules; load+validate+compile {load_ms:.1f} ms "
          f"(median of {args.runs}); register in durable_rules {register_ms:.1f} ms, "
          f"{shards} ruleset(s)")
    with tempfile.TemporaryDirectory(prefix="screening-rules-") as tmp:
        root = Path(tmp) / "rules"
        write_rulebook(root, book, args.rules_total)
        load_ms, big = timed_load(root, args.runs)
        register_ms, shards = timed_register(big)
        durable_rules = sum(len(rule.matches) for rule in big.rules)
        print(f"generated rulebook: {len(big.rules)} rules ({durable_rules} durable rules); "
              f"load+validate+compile {load_ms:.0f} ms (median of {args.runs}); register "
              f"{register_ms:.0f} ms, {shards} rulesets")
        proposals = generate(args.count)
        rates = {}
        for name in ("durable", "python"):
            screener = Screener(big, engine=name)  # type: ignore[arg-type]
            for proposal in proposals:  # warm-up: a ruleset per parameter epoch met
                screener.screen(proposal)
            found = median_of([measure(screener, proposals)
                               for _ in range(max(1, args.runs // 2))])
            rates[name] = found["rate"]
            print(f"  {name:8s} {found['rate']:9,.0f} screenings/s   p50 {found['p50']:9.1f} µs"
                  f"   p99 {found['p99']:9.1f} µs   (CPU time: {found['cpu_rate']:,.0f}/s, "
                  f"p99 {found['cpu_p99']:.1f} µs)")
        print(f"  ratio python/durable: {rates['python'] / rates['durable']:.2f}x")


if __name__ == "__main__":
    main()
