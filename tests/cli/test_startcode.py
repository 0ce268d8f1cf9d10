"""The code dataclasses and typing generate at start-up, kept compiled (screening/startcode.py):
the same code objects as Python compiles, taken from the cache only for the very text they
were compiled from, and an entry that does not check is not used."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import screening.cli  # noqa: F401  (installs startcode, as the command line does)
from screening import cachefiles, startcode
from tests.paths import CASES, ROOT, RULES

CASE = str(CASES / "01-cement-clinker-line.yaml")


def test_the_code_is_the_code_python_compiles() -> None:
    text = "def __create_fn__(x):\n def f(self, a):\n  return (a, x)\n return f"
    ours = startcode.compile_text(text, "<string>", "exec")
    theirs = compile(text, "<string>", "exec", dont_inherit=True)
    assert ours == theirs and ours.co_flags == theirs.co_flags
    # this module's `from __future__ import annotations` is not inherited
    assert not ours.co_flags & 0x1000000
    assert startcode.compile_text(text, "<string>", "exec") is ours


def test_dataclasses_and_forward_references_work_the_same_while_installed() -> None:
    assert vars(dataclasses).get("exec") is startcode._exec  # installed by screening.cli
    assert vars(typing).get("compile") is startcode._compile

    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: int = 2

    point = Point(1)
    assert (point.x, point.y, repr(point)) == (1, 2, f"{Point.__qualname__}(x=1, y=2)")
    assert Point(1) == point and Point(0) < point and hash(Point(1)) == hash(point)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3  # type: ignore[misc]
    assert typing.get_type_hints(Point.__init__) == {"x": int, "y": int, "return": type(None)}
    assert typing.ForwardRef("list[int]")._evaluate(globals(), None, frozenset()) == list[int]
    with pytest.raises(SyntaxError):
        typing.ForwardRef("not an expression(")


def _screen(cache: Path, *code: str) -> subprocess.CompletedProcess[str]:
    script = "\n".join(("import sys", f"sys.argv = ['screening', 'screen', {CASE!r}]",
                        "from screening import startcode", "from screening.cli import main",
                        "try:", "    main()", "except SystemExit:", "    pass", *code))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), SCREENING_RULES=str(RULES),
               SCREENING_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True, timeout=120, env=env)


def test_a_second_process_compiles_none_of_it_and_prints_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    report = ("print('fresh', startcode._fresh, len(startcode._known), len(startcode._used),"
              " file=sys.stderr)")
    first = _screen(cache, report)
    entries = list(cache.glob("*" + startcode.SUFFIX))
    assert len(entries) == 1
    written = entries[0].stat().st_mtime_ns
    second = _screen(cache, report)
    assert second.stdout == first.stdout and "HD-2022-017" in second.stdout
    _, fresh, known, used = second.stderr.strip().splitlines()[-1].split()
    # the first run also read the rule files: the second uses part of what it kept
    assert fresh == "False" and int(known) >= int(used) > 400
    assert entries[0].stat().st_mtime_ns == written  # nothing new: not written again
    # a damaged entry is not used: everything is compiled again, the output is the same
    data = bytearray(entries[0].read_bytes())
    data[-10] ^= 0x01
    entries[0].write_bytes(bytes(data))
    damaged = _screen(cache, report)
    assert damaged.stdout == first.stdout
    _, fresh, known, _ = damaged.stderr.strip().splitlines()[-1].split()
    assert known == "0"  # (and the entry was written again)
    assert cachefiles.read_bytes(entries[0].name.removesuffix(startcode.SUFFIX),
                                 startcode.SUFFIX) is None  # cache off in this process
    assert _screen(cache, report).stdout == first.stdout


def test_nothing_is_kept_with_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    assert startcode._key_of() is None and not startcode.keep()
    assert cachefiles.folder() is None


def test_past_the_limit_texts_are_compiled_and_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startcode, "LIMIT", len(startcode._used))
    text = "lambda _cls, a, b: (a, b, 'past the limit')"
    code = startcode.compile_text(text, "<string>", "eval")
    assert code == compile(text, "<string>", "eval", dont_inherit=True)
    assert f"eval\0<string>\0{text}" not in startcode._used
