"""`screening diff`: the what-if of a policy change on the same proposals."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.load import load_rulebook
from screening.tools.whatif import compare
from tests.paths import FIXTURES, ROOT
from tests.rulebooks import patched_rulebook

CEMENT = ROOT / "cases" / "01-cement-clinker-line.yaml"
FOOD = FIXTURES / "proposals" / "good-food.yaml"


def flipped(tmp_path: Path) -> Path:
    """The minimal fixture rulebook with the coal ratio lowered from 1.2 to 0.9."""
    return patched_rulebook(tmp_path / "new", "whatif/flipped")


def test_a_flipped_decision_is_reported_with_the_rule_and_parameter(tmp_path: Path) -> None:
    old = load_rulebook(FIXTURES / "rulebook")
    new = load_rulebook(flipped(tmp_path))
    report = compare(old, new, [CEMENT, FOOD], "old", "new")
    assert report.screened == 2
    assert dict(report.transitions) == {("reject", "approve"): 1, ("approve", "approve"): 1}
    [change] = report.changes
    assert change.proposal_id == "HD-2022-017"
    assert (change.old_outcome, change.new_outcome) == ("reject", "approve")
    assert [c["section"] for c in change.clauses_removed] == ["二3"]
    [rule] = change.rules
    assert (rule.rule, rule.old, rule.new) == ("coal.reduction", "fired", "not_fired")
    assert rule.why == ["param.ratios.coal: 1.2 (base, from 2021-06-19) → 0.9 (base, from "
                        "2021-06-19)"]
    assert report.rulebook_changes == [
        "files changed: parameters/ratios.yaml",
        "parameter changed: param.ratios.coal: base 2021-06-19: 1.2 → 0.9"]


def test_same_rulebook_changes_nothing() -> None:
    book = load_rulebook(FIXTURES / "rulebook")
    report = compare(book, book, [CEMENT, FOOD], "a", "b")
    assert not report.changes and not report.rulebook_changes
    assert all(old == new for old, new in report.transitions)


def test_cli_git_revisions_json_and_exit_code(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "rulebook", tmp_path / "rules")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "rules"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tmp_path, check=True)
    shutil.copytree(FIXTURES / "whatif" / "flipped", tmp_path / "rules", dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", "HEAD", "rules", str(CEMENT), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["changed"] == 1 and data["old"]["rules"] == "HEAD"
    assert {"old": "reject", "new": "approve", "count": 1} in data["transitions"]
    assert data["proposals"][0]["rules"][0]["rule"] == "coal.reduction"
    result = runner.invoke(cli, ["diff", "HEAD:rules", "rules", str(CEMENT), "--exit-code"])
    assert result.exit_code == 1
    assert "不予准入 → 准予准入: 1" in result.stdout
    assert "coal.reduction: fired 触发 → not fired 未触发" in result.stdout
    result = runner.invoke(cli, ["diff", "HEAD", "HEAD", str(CEMENT), "--exit-code"])
    assert result.exit_code == 0
    result = runner.invoke(cli, ["diff", "no-such-rev", "rules", str(CEMENT)])
    assert result.exit_code == 2 and "neither a rules folder nor a git revision" in result.stderr
