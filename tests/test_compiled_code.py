"""Generated code (fact writers, flatteners) is compiled once and kept in the user's cache:
a later process generating the same source runs the stored code; other source, a damaged
entry or the cache turned off compile afresh."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest

from screening import cachefiles

SOURCE = "def f(x):\n    return x * 2 + 1\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def run(code: Any) -> Any:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace["f"](20)


def never(*args: object) -> None:
    raise AssertionError("compiled again")


def test_the_same_source_is_compiled_once(cache_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(cachefiles.compiled(SOURCE, "<test>")) == 41
    assert len(list(cache_dir.glob("*.code"))) == 1
    monkeypatch.setattr(cachefiles, "compile", never, raising=False)  # as a later process
    assert run(cachefiles.compiled(SOURCE, "<test>")) == 41


def test_other_source_or_name_is_compiled_afresh(cache_dir: Path) -> None:
    cachefiles.compiled(SOURCE, "<test>")
    assert run(cachefiles.compiled(SOURCE.replace("2", "3"), "<test>")) == 61
    assert cachefiles.compiled(SOURCE, "<other>").co_filename == "<other>"
    assert len(list(cache_dir.glob("*.code"))) == 3


@pytest.mark.parametrize("body", [b"garbage", marshal.dumps(["not", "code"]),
                                  marshal.dumps(compile("def f(x):\n    return 0\n",
                                                        "<elsewhere>", "exec"))])
def test_an_entry_that_is_not_this_code_is_not_used(cache_dir: Path, body: bytes) -> None:
    cachefiles.compiled(SOURCE, "<test>")
    entry = next(cache_dir.glob("*.code"))
    assert cachefiles.write_bytes(entry.name.removesuffix(".code"), body, ".code")
    assert run(cachefiles.compiled(SOURCE, "<test>")) == 41


def test_a_damaged_entry_is_not_used(cache_dir: Path) -> None:
    cachefiles.compiled(SOURCE, "<test>")
    entry = next(cache_dir.glob("*.code"))
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0x01
    entry.write_bytes(bytes(data))
    assert run(cachefiles.compiled(SOURCE, "<test>")) == 41


def test_nothing_is_kept_when_the_cache_is_off(cache_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    assert run(cachefiles.compiled(SOURCE, "<test>")) == 41
    assert not cache_dir.exists()


def test_compiled_conditions_are_kept_too(cache_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from screening.rulebook.compiled import compile_condition, compile_not_false
    from screening.rulebook.conditions import Compare, Const, Field

    node = Compare(">", Field("capacity"), Const(10))
    evaluate, unknown = compile_condition(node)
    not_false = compile_not_false([node, node])
    assert len(list(cache_dir.glob("*.code"))) == 2
    monkeypatch.setattr(cachefiles, "compile", never, raising=False)  # as a later process
    again, unknown_again = compile_condition(node)
    assert [again({"capacity": 11}), again({"capacity": 9}), again({})] == [True, False, None]
    assert evaluate({"capacity": 11}) is True
    assert unknown_again({}) == unknown({}) == ["capacity"]
    assert compile_not_false([node, node])({"capacity": 9}) == not_false({"capacity": 9}) == []
