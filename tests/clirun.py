"""Running the command line in-process, against the repository's rules/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli

RULES = Path(__file__).resolve().parent.parent / "rules"


def run(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``screening ARGS...``; no arguments: ``--help``."""
    result = CliRunner().invoke(cli, list(args) or ["--help"])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CLI test screens against the repository's rules/, wherever pytest runs."""
    monkeypatch.setenv("SCREENING_RULES", str(RULES))
