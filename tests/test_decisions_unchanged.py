"""Nothing in the decision JSON changes when the code only gets faster.

``tests/fixtures/decisions/cases.json`` holds what ``screening screen cases/ --format
json`` printed before (written by ``tests/fixtures/decisions/make.py`` from a checkout
before the change, with rules/ and cases/ as ``inputs.sha256`` says). The command
line is run on every case with the rulebook read from its files, then again taken
from the rulebook cache, and must print those bytes both times.

When rules/ or cases/ change, decisions may rightly change with them: the stored
output then no longer applies and this test says so (skip) until it is written
again with make.py.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import FIXTURES, ROOT

STORED = FIXTURES / "decisions"


def _make() -> object:
    spec = importlib.util.spec_from_file_location("make_decisions", STORED / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _screen(cache: Path) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCREENING_CACHE_DIR=str(cache),
               SCREENING_RULES=str(ROOT / "rules"))
    done = subprocess.run([sys.executable, "-m", "screening.cli", "screen", "cases/",
                           "--format", "json"], cwd=ROOT, env=env, capture_output=True,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stdout


def test_every_case_decides_as_before(tmp_path: Path) -> None:
    make: object = _make()
    stored = (STORED / "inputs.sha256").read_text(encoding="utf-8").strip()
    if make.inputs_digest(ROOT) != stored:  # type: ignore[attr-defined]
        pytest.skip("rules/ or cases/ changed since tests/fixtures/decisions/cases.json was "
                    "written: run tests/fixtures/decisions/make.py from a checkout before "
                    "the change")
    expected = (STORED / "cases.json").read_bytes()
    cache = tmp_path / "cache"
    first = _screen(cache)  # read from the rule files, and stored
    assert list(cache.glob("*.rulebook")), "the rulebook was not stored in the cache"
    second = _screen(cache)  # taken from the cache
    for label, got in (("from the files", first), ("from the cache", second)):
        if got != expected:
            old, new = expected.decode().splitlines(), got.decode().splitlines()
            diff = [f"line {i + 1}:\n- {a[:300]}\n+ {b[:300]}"
                    for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
            pytest.fail(f"decisions {label} differ from before ({len(old)} vs {len(new)} "
                        "lines):\n" + "\n".join(diff[:3]))
