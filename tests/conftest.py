"""Shared fixtures: the rulebook and its screeners, built once per test session.

durable_rules registers a rulebook's rulesets once per process, so every test
(sample cases and feature scenarios alike) screens through the same Screener;
``reference_screener`` is the pure-Python oracle beside it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.steps.vocabulary", "tests.steps.time_steps", "tests.steps.ledger",
                  "tests.steps.site_map", "tests.steps.interview_steps"]


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook(ROOT / "rules")


@pytest.fixture(scope="session")
def screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="durable")


@pytest.fixture(scope="session")
def reference_screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="python")


@pytest.fixture(scope="session", autouse=True)
def _no_personal_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read or write the user's own decision database, nor its rulebook cache
    (off unless a test turns it on: a test that changes the loader must see it run)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        patch.setenv("SCREENING_CACHE_DIR", "off")
        for name in ("SCREENING_DB", "SCREENING_OFFICER"):
            patch.delenv(name, raising=False)
        yield


PG_ENV = "SCREENING_TEST_PG"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: an SQLite file, or a fresh schema in $SCREENING_TEST_PG."""
    if request.param == "sqlite":
        yield str(tmp_path / "screening.sqlite3")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests run only when {PG_ENV} is set to a database URL, e.g. "
                    "postgresql+psycopg://postgres@127.0.0.1:54329/screening_test "
                    "(.ci/run starts one)")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
