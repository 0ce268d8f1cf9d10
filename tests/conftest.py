"""Shared fixtures: the rulebook and its screeners, built once per test session.

durable_rules registers a rulebook's rulesets once per process, so every test
(sample cases and feature scenarios alike) screens through the same Screener;
``reference_screener`` is the pure-Python oracle beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.rulebook.book import Rulebook
from screening.rulebook.loader import load_rulebook
from screening.screen import Screener

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.steps.vocabulary"]


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(ROOT / "rules")


@pytest.fixture(scope="session")
def screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="durable")


@pytest.fixture(scope="session")
def reference_screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="python")
