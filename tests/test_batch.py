"""Batch screening: worker processes give the very output one process gives, in input order."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.batch import Output, Progress, Settings, render, workers_for
from screening.cli import cli
from screening.decision.render import to_json, to_text
from screening.screen import Screener
from tests.clirun import _rules_env  # noqa: F401  (autouse fixture)

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = Path(__file__).parent / "fixtures" / "proposals"
GOOD = PROPOSALS / "good-food.yaml"
CASE = ROOT / "cases" / "01-cement-clinker-line.yaml"



def _folder(tmp_path: Path) -> Path:
    """40 proposals, with a broken file in the middle."""
    for index in range(40):
        source = CASE if index % 3 else GOOD
        text = source.read_text(encoding="utf-8")
        text = text.replace("HD-2022-017", f"B-{index:02d}").replace("T-FOOD-1", f"B-{index:02d}")
        (tmp_path / f"p{index:02d}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(PROPOSALS / "wrong-type.yaml", tmp_path / "p20x.yaml")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_workers_print_what_one_process_prints(tmp_path: Path, fmt: str) -> None:
    folder = _folder(tmp_path)
    runner = CliRunner()
    one = runner.invoke(cli, ["screen", str(folder), "--format", fmt, "--jobs", "1"])
    two = runner.invoke(cli, ["screen", str(folder), "--format", fmt, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1  # the broken file
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert "p20x.yaml:4: coal.new_tce: Input should be a valid number" in two.stderr
    assert "1 of 41 file(s) could not be screened" in two.stderr
    assert "screening" not in two.stderr.replace("screened", "")  # no bar: not a terminal
    if fmt == "json":
        ids = [d.get("proposal_id") or d["file"] for d in json.loads(two.stdout)]
        expected = [f"B-{index:02d}" for index in range(40)]  # input order, with the error
        assert ids == [*expected[:21], str(folder / "p20x.yaml"), *expected[21:]]


def test_output_joins_like_one_string(rulebook: object) -> None:
    screener = Screener(rulebook)  # type: ignore[arg-type]
    from screening.facts.files import load_proposal

    decisions = [screener.screen(load_proposal(path).proposal) for path in (GOOD, CASE, GOOD)]
    for count in (0, 1, 3):
        for fmt in ("json", "text"):
            written: list[str] = []
            output = Output(fmt, lambda text, nl=True, into=written: into.append(text))
            for decision in decisions[:count]:
                output.write(render(decision, fmt, "zh"))
            output.close()
            expected = to_json(decisions[:count]) if fmt == "json" else "\n\n".join(
                to_text(d, "zh") for d in decisions[:count])
            assert "".join(written) == expected + "\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with Progress(60, stream=stream) as progress:
            for _ in range(60):
                progress.advance()
    assert "60/60" in terminal.getvalue()
    assert pipe.getvalue() == ""
    assert Progress(3, stream=_Terminal()).bar is None  # a handful of files: no bar


def test_a_handful_of_files_is_screened_in_process() -> None:
    assert workers_for(1, Settings()) == 1
    assert workers_for(10, Settings()) == 1
    assert workers_for(10, Settings(jobs=4)) == 4
    assert workers_for(3, Settings(jobs=4)) == 3
