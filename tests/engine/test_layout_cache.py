"""The ruleset layout (which durable rules go into which ruleset, and what cannot fit) is
kept in the user's cache: a later process registers the same rulesets without checking
the network again, and an entry that does not check is never used."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.engine import limits
from screening.rulebook import cache
from screening.rulebook.book import Rulebook

Layout = tuple[list[list[limits.Definition]], list[tuple[str | None, str]]]


@pytest.fixture
def definitions(rulebook: Rulebook) -> list[limits.Definition]:
    return [(rule.id, status, match) for rule in rulebook.rules
            for status, match in rule.matches]


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(limits, "_LAYOUTS", {})
    return tmp_path / "cache"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    check = limits.network_problems

    def counted(definitions: list[limits.Definition]) -> list[tuple[str, str]]:
        calls.append(len(definitions))
        return check(definitions)

    monkeypatch.setattr(limits, "network_problems", counted)
    return calls


def test_a_later_process_takes_the_layout_from_the_cache(
        definitions: list[limits.Definition], cached: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    first: Layout = limits._layout(definitions)
    assert calls and list(cached.glob("*.layout"))
    monkeypatch.setattr(limits, "_LAYOUTS", {})  # as in a new process
    calls.clear()
    again: Layout = limits._layout(definitions)
    assert calls == [], "the network was checked again"
    assert again == first
    assert [d for chunk in again[0] for d in chunk] == definitions


def test_other_definitions_are_laid_out_afresh(
        definitions: list[limits.Definition], cached: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    limits._layout(definitions)
    monkeypatch.setattr(limits, "_LAYOUTS", {})
    calls = _counting(monkeypatch)
    fewer = definitions[:-1]
    chunks, _ = limits._layout(fewer)
    assert calls
    assert [d for chunk in chunks for d in chunk] == fewer


@pytest.mark.parametrize("body", [b"not json", b"[[1, 2], []]", b"[[0], []]",
                                  b"[\"x\", []]", b"[[100000], [[1]]]"])
def test_an_entry_that_does_not_fit_the_definitions_is_ignored(
        definitions: list[limits.Definition], cached: Path,
        monkeypatch: pytest.MonkeyPatch, body: bytes) -> None:
    first = limits._layout(definitions)
    key = limits._stored_key(definitions)
    assert key is not None
    assert cache.write_bytes(key, body, ".layout")
    monkeypatch.setattr(limits, "_LAYOUTS", {})
    calls = _counting(monkeypatch)
    assert limits._layout(definitions) == first
    assert calls, "a damaged layout entry was used"


def test_nothing_is_kept_when_the_cache_is_off(
        definitions: list[limits.Definition], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    monkeypatch.setattr(limits, "_LAYOUTS", {})
    assert limits._stored_key(definitions) is None
    limits._layout(definitions)
    assert not list(tmp_path.rglob("*.layout"))
