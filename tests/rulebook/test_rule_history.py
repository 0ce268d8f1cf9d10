"""`rules check` refuses a value rewritten under a date already in force, unless it is a
correction with a reason; dates still to come and new dates may change freely."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.clirun import run
from tests.rulebooks import patched_rulebook

CORRECTION = """    corrections:
      - date: 2021-06-19
        was: 1.2
        reason: "the 2021 file says 1.3; 1.2 was mistyped (checked 2026-12-01)"
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A git repository holding the minimal rulebook under rules/, committed once."""
    patched_rulebook(tmp_path / "rules")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    return tmp_path


def _edit(repo: Path, old: str, new: str) -> Path:
    path = repo / "rules" / "parameters" / "ratios.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _check(repo: Path, *extra: str) -> tuple[int, str]:
    code, out, err = run("rules", "check", "--rules", str(repo / "rules"), *extra)
    return code, out + err


def test_a_value_in_force_rewritten_is_refused(repo: Path) -> None:
    _edit(repo, "2021-06-19: 1.2", "2021-06-19: 1.3")
    code, out = _check(repo)
    assert code == 2
    assert "ratios.yaml:14" in out
    assert "the value of 'coal' in force since 2021-06-19 was changed from 1.2 to 1.3" in out
    assert "git revision HEAD" in out


def test_the_rewrite_is_caught_after_it_was_committed(repo: Path) -> None:
    _edit(repo, "2021-06-19: 1.2", "2021-06-19: 1.3")
    _git(repo, "commit", "-q", "-am", "rewrite")
    code, out = _check(repo)
    assert code == 2 and "git revision HEAD~1" in out


def test_a_removed_value_in_force_is_refused(repo: Path) -> None:
    _edit(repo, "      2023-01-01: 1.5\n", "")
    code, out = _check(repo)
    assert code == 2 and "in force since 2023-01-01 was removed" in out


def test_a_correction_with_its_reason_is_accepted(repo: Path) -> None:
    path = _edit(repo, "2021-06-19: 1.2", "2021-06-19: 1.3")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      2023-01-01: 1.5\n", "      2023-01-01: 1.5\n"
                                 + CORRECTION, 1), encoding="utf-8")
    code, out = _check(repo)
    assert code == 0, out
    # a correction must name the value it replaced: another old value does not excuse it
    path.write_text(path.read_text(encoding="utf-8").replace("was: 1.2", "was: 1.1"),
                    encoding="utf-8")
    assert _check(repo)[0] == 2


def test_a_new_date_and_a_date_to_come_may_change(repo: Path) -> None:
    _edit(repo, "      2023-01-01: 1.5\n", "      2023-01-01: 1.5\n      2099-01-01: 1.6\n")
    _git(repo, "commit", "-q", "-am", "future value")
    assert _check(repo)[0] == 0
    _edit(repo, "2099-01-01: 1.6", "2099-01-01: 1.7")
    assert _check(repo)[0] == 0


def test_against_a_snapshot_folder_and_opt_out(repo: Path, tmp_path: Path) -> None:
    snapshot = patched_rulebook(tmp_path / "snapshot")
    _edit(repo, "2021-06-19: 1.2", "2021-06-19: 1.3")
    code, out = _check(repo, "--against", str(snapshot))
    assert code == 2 and f"snapshot {snapshot}" in out
    assert _check(repo, "--no-history")[0] == 0


def test_outside_git_there_is_nothing_to_compare(tmp_path: Path) -> None:
    root = patched_rulebook(tmp_path / "rules")
    code, _, err = run("rules", "check", "--rules", str(root))
    assert code == 0, err
