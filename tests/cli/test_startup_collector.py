"""`screen` pauses Python's cycle collector over its start-up and resumes it: in a process
of its own what start-up built is frozen out of the collector's sight; inside a caller's
process (a test's) nothing is frozen, and the collector runs again either way."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from tests.clirun import run
from tests.paths import CASES, ROOT, RULES

CASE = str(CASES / "01-cement-clinker-line.yaml")
CASE_ID = "HD-2022-017"


def test_in_a_callers_process_the_collector_resumes_and_nothing_is_frozen() -> None:
    frozen = gc.get_freeze_count()
    code, out, _ = run("screen", CASE)
    assert code == 0 and CASE_ID in out
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_in_a_process_of_its_own_start_up_is_frozen_and_the_collector_runs() -> None:
    script = ("import atexit, gc, sys\n"
              "atexit.register(lambda: print(gc.get_freeze_count(), gc.isenabled(),"
              " file=sys.stderr))\n"
              f"sys.argv = ['screening', 'screen', {CASE!r}]\n"
              "from screening.cli import main\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT),
                               "SCREENING_RULES": str(RULES), "SCREENING_CACHE_DIR": "off"})
    assert done.returncode == 0, done.stderr[-2000:]
    count, enabled = done.stderr.strip().splitlines()[-1].split()
    assert int(count) > 10_000 and enabled == "True"
    assert CASE_ID in done.stdout  # the decision was printed
