"""The malformed corpus: every broken file gets its message (file, line, field), within bounds.

tests/fixtures/malformed/ holds proposals broken one way each (see make_corpus.py);
tests/fixtures/malformed-index.yaml says what each must be told. Bounds are
checked on memory (tracemalloc, deterministic); bench/malformed.py prints the
time and peak memory of screening each in its own process.
"""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from screening.batch import Settings, screen_file
from screening.cli import cli
from screening.facts import yamlio
from screening.facts.files import load_proposal
from screening.screen import Screener

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = FIXTURES / "malformed"
INDEX: dict[str, dict[str, object]] = yaml.safe_load(
    (FIXTURES / "malformed-index.yaml").read_text(encoding="utf-8"))
GOOD = FIXTURES / "proposals" / "good-food.yaml"
#: the issue's bound per file: 200 MB (Python allocations while reading and screening)
MEMORY_BOUND = 200 << 20


@pytest.fixture(scope="module")
def screener(rulebook: object) -> Screener:
    return Screener(rulebook, engine="python")  # type: ignore[arg-type]


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix != ".py"}
    assert on_disk == set(INDEX) and len(INDEX) >= 30


@pytest.mark.parametrize("name", sorted(INDEX))
def test_each_file_gets_its_message(screener: Screener, name: str) -> None:
    expected = INDEX[name]
    result = screen_file(screener, CORPUS / name, Settings(engine="python"))
    assert result.output is None and result.problems, f"{name} was screened"
    matching = [p for p in result.problems if str(expected["message"]) in p.message]
    assert matching, [p.render() for p in result.problems]
    problem = matching[0]
    assert problem.file is not None and problem.file.endswith(name)
    if "line" in expected:
        assert problem.line == expected["line"], problem.render()
    if "field" in expected:
        assert problem.field == expected["field"], problem.render()
    assert len(result.problems) <= int(expected.get("max_problems", yamlio.MAX_PROBLEMS + 1))
    assert "Traceback" not in problem.render()


@pytest.mark.parametrize("name", sorted(INDEX))
def test_each_file_is_read_in_bounded_memory(name: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do; bounds are the point
            load_proposal(CORPUS / name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND


def test_batch_goes_on_and_json_names_every_unreadable_file() -> None:
    result = CliRunner().invoke(cli, ["screen", str(CORPUS), str(GOOD), "--format", "json",
                                      "--engine", "python"])
    assert result.exit_code == 1
    entries = json.loads(result.stdout)
    errors = [e for e in entries if "error" in e]
    assert sorted(Path(e["file"]).name for e in errors) == sorted(INDEX)
    assert all({"file", "error", "field"} <= set(e) for e in errors)
    assert [e["proposal_id"] for e in entries if "proposal_id" in e] == ["T-FOOD-1"]
    assert f"{len(INDEX)} of {len(INDEX) + 1} file(s) could not be screened" in result.stderr


def test_huge_files_are_refused_before_reading(tmp_path: Path) -> None:
    # 800,000 unknown keys: once 8 minutes and 800,001 lines of output
    path = tmp_path / "keys.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8")
                    + "".join(f"k{i}: 1\n" for i in range(800_000)), encoding="utf-8")
    result = screen_file(None, path, Settings())
    assert len(result.problems) == 1
    assert "too large" in result.problems[0].message
    assert f"{yamlio.MAX_FILE_BYTES:,} bytes" in str(result.problems[0].expected)


def test_many_values_within_the_size_bound_stop_at_the_value_bound(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("fuels: [" + ",".join(["1"] * (yamlio.MAX_VALUES + 10)) + "]\n")
    assert path.stat().st_size < yamlio.MAX_FILE_BYTES
    result = screen_file(None, path, Settings())
    assert [p.message for p in result.problems] == [
        f"more than {yamlio.MAX_VALUES:,} values in one file"]


def test_fifo_is_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = screen_file(None, fifo, Settings())
    assert result.problems[0].message == "cannot read: not a regular file"


def test_unreadable_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(yamlio, "_read_at_most", denied)  # root reads anything
    result = screen_file(None, path, Settings())
    assert result.problems[0].render() == f"{path}: cannot read: Permission denied"


def test_symlink_loop_in_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop
    result = CliRunner().invoke(cli, ["screen", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    names = sorted(Path(e["file"]).name for e in json.loads(result.stdout))
    assert names[:2] == ["a.yaml", "b.yaml"]
    assert "Too many levels of symbolic links" in result.stderr
