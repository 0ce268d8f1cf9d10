"""Shared fixtures: the real rulebook and screeners are built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.rulebook.book import Rulebook
from screening.rulebook.loader import load_rulebook
from screening.screen import Screener

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(ROOT / "rules")


@pytest.fixture(scope="session")
def screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="durable")


@pytest.fixture(scope="session")
def reference_screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="python")
