"""Measure durable_rules' limits on one ruleset, the figures `rules check` guards.

Each probe registers a ruleset of size N in a fresh process (some failures hang for
good or kill the process) and asserts a fact every rule matches; a binary search
finds the largest N that works. Run: ``.venv/bin/python bench/durable_limits.py``
(about a minute); the figures go in bench/README.md and in
screening/engine/limits.py.

- alternatives: one rule ``x in [v1 … vN]`` (an ``$or`` of equalities: N children
  of one node in durable_rules' hash set of next nodes)
- absent-tests: N rules ``a > 0 and not-exists b_i`` (N ``$nex`` children of one node)
- absent-registered: the same, with a fact that never reaches those tests
- matches: N rules ``a > 0 and b_i > 0``, a fact with every b_i (N children of one
  node that match at once: durable_rules' traversal stack)
- same-path: N rules with one identical condition (N rules ending on one node)
- sequence: one rule ``$or`` of N ``$and`` pairs (its expression sequence: every
  ``$and``/``$or`` takes two entries, the guard's ``$and`` two more)
- properties: one fact with N properties
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

GUARD = {"$nex": {"$s": 1}}
TIMEOUT_S = 8.0


def _rules(matches: list[Any]) -> dict[str, Any]:
    return {f"r{i}": {"all": [{"m": {"$and": [GUARD, m]}}]} for i, m in enumerate(matches)}


def alternatives(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return _rules([{"$or": [{"x": i} for i in range(n)]}]), {"x": n - 1}


def absent_tests(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return _rules([{"$and": [{"$gt": {"a": 0}}, {"$nex": {f"b{i}": 1}}]}
                   for i in range(n)]), {"a": 1}


def absent_registered(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    rules, _ = absent_tests(n)
    return rules | {"other": {"all": [{"m": {"$and": [GUARD, {"c": 1}]}}]}}, {"a": 0, "c": 1}


def matches(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    fact: dict[str, Any] = {"a": 1, **{f"b{i}": 1 for i in range(n)}}
    return _rules([{"$and": [{"$gt": {"a": 0}}, {"$gt": {f"b{i}": 0}}]}
                   for i in range(n)]), fact


def same_path(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return _rules([{"$gt": {"a": 0}} for _ in range(n)]), {"a": 1}


def sequence(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    fact = {f"a{i}": 1 for i in range(n)} | {f"c{i}": 1 for i in range(n)}
    return _rules([{"$or": [{"$and": [{"$gt": {f"a{i}": 0}}, {"$gt": {f"c{i}": 0}}]}
                            for i in range(n)]}]), fact


def properties(n: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return _rules([{"$gt": {"p0": 0}}]), {f"p{i}": 1 for i in range(n)}


PROBES: dict[str, tuple[Callable[[int], tuple[dict[str, Any], dict[str, Any]]], int, int]] = {
    # name: (builder, a size known to work, a size known to fail)
    "alternatives": (alternatives, 8, 2048),
    "absent-tests": (absent_tests, 8, 1024),
    "absent-registered": (absent_registered, 8, 1024),
    "matches": (matches, 4, 240),
    "same-path": (same_path, 8, 2048),
    "sequence": (sequence, 2, 100),
    "properties": (properties, 8, 1024),
}


def run_probe(name: str, n: int) -> str:
    """In this process: register, assert, and say 'ok' or how it failed."""
    import durable_rules_engine as engine

    build = PROBES[name][0]
    ruleset, fact = build(n)
    try:
        handle = engine.create_ruleset(f"probe_{name}_{n}", json.dumps(ruleset))
    except engine.error as exc:
        return f"refused at registration: {exc}"
    body = json.dumps({"sid": "s1", "id": "f1", **fact})
    try:
        code, state = engine.assert_fact(handle, body)
    except engine.error as exc:
        return f"refused the fact: {exc}"
    fired = 0
    started = engine.start_action_for_state(handle, state)
    message = started[1] if started else None
    while message:
        fired += 1
        message = engine.complete_and_start_action(handle, state)
    return "ok" if fired else f"no rule matched (code {code})"


def probe(name: str, n: int) -> str:
    """In a fresh process, with a timeout: a hang or a crash is an answer too."""
    try:
        done = subprocess.run([sys.executable, __file__, "--probe", name, str(n)],
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return f"hung (no answer in {TIMEOUT_S:.0f} s)"
    if done.returncode != 0:
        return f"process died (exit {done.returncode})"
    return done.stdout.strip().splitlines()[-1]


def largest(name: str) -> tuple[int, str]:
    """The largest N that works, and how N + 1 fails."""
    good, bad = PROBES[name][1], PROBES[name][2]
    assert probe(name, good) == "ok", name
    failure = probe(name, bad)
    assert failure != "ok", f"{name}: {bad} still works"
    while bad - good > 1:
        middle = (good + bad) // 2
        answer = probe(name, middle)
        if answer == "ok":
            good = middle
        else:
            bad, failure = middle, answer
    return good, failure


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--probe":
        print(run_probe(sys.argv[2], int(sys.argv[3])))
        return
    import durable_rules_engine  # noqa: F401  (fails early if the engine is not built)

    print(f"durable_rules limits (python {sys.version.split()[0]}):")
    for name in PROBES:
        started = time.perf_counter()
        n, failure = largest(name)
        print(f"  {name:17} largest {n:5}   at {n + 1}: {failure}   "
              f"({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
