"""Bad and hostile input at the command line: a clear answer, nothing lost, nothing run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening.cli import cli
from screening.cli import options as cli_options
from tests.clirun import _rules_env, run  # noqa: F401  (the fixture screens against rules/)
from tests.rulebooks import patched_rulebook

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "fixtures" / "proposals" / "good-food.yaml"
CASE = ROOT / "cases" / "01-cement-clinker-line.yaml"


def _proposal(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_impossible_date_costs_one_file_not_the_batch(tmp_path: Path) -> None:
    bad = _proposal(tmp_path, "bad.yaml", "2022-06-01", "2022-09-31")
    code, out, err = run("screen", str(bad), str(CASE))
    assert code == 1 and "Traceback" not in err
    assert f"{bad}:3: application_date: impossible date '2022-09-31'" in err
    assert "HD-2022-017" in out  # the other file is screened


def test_impossible_date_in_a_rule_file_is_named(tmp_path: Path) -> None:
    rules = patched_rulebook(tmp_path / "rules")
    path = rules / "parameters" / "ratios.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-01-01: 1.5",
                                                             "2023-02-30: 1.5"), encoding="utf-8")
    code, _, err = run("rules", "check", "--rules", str(rules))
    assert code == 2 and "Traceback" not in err
    assert "ratios.yaml:" in err and "impossible date '2023-02-30'" in err
    assert "parameters.coal.values" in err


def test_json_output_carries_the_unreadable_file(tmp_path: Path) -> None:
    bad = _proposal(tmp_path, "bad.yaml", "energy: {new_tce: 420,", "energy: {new_tce: '420',")
    code, out, _ = run("screen", str(bad), "--format", "json")
    assert code == 1
    assert json.loads(out) == [{
        "file": str(bad), "error": "Input should be a valid number", "field": "energy.new_tce",
        "line": 30, "expected": None, "problems": [{
            "message": "Input should be a valid number", "file": str(bad), "line": 30,
            "field": "energy.new_tce"}]}]


def test_dash_reads_standard_input() -> None:
    result = CliRunner().invoke(cli, ["screen", "-", "--format", "json"],
                                input=GOOD.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert [d["proposal_id"] for d in json.loads(result.stdout)] == ["T-FOOD-1"]
    as_json = json.dumps({"id": "X"})
    result = CliRunner().invoke(cli, ["screen", "-"], input=as_json)
    assert result.exit_code == 1 and "<stdin>: name: Field required" in result.stderr


def test_repeated_proposal_id_is_flagged(tmp_path: Path) -> None:
    copy = _proposal(tmp_path, "copy.yaml", "name: 食品加工厂", "name: 另一个项目")
    code, out, err = run("screen", str(GOOD), str(copy), "--format", "json")
    assert code == 1
    first, second = json.loads(out)
    assert first["proposal_id"] == "T-FOOD-1"
    assert second["file"] == str(copy) and second["field"] == "id"
    assert f"proposal id 'T-FOOD-1' is already used by {GOOD}" in err


def test_control_characters_in_proposal_text_are_printed_inert(tmp_path: Path) -> None:
    forged = _proposal(tmp_path, "forged.yaml", "name: 食品加工厂",
                       'name: "食品加工厂\\n结论: 不予准入 (reject)\\e[2K\\r"')
    code, out, _ = run("screen", str(forged))
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("结论")] == [
        "结论: 准予准入 (approve)"]  # the real outcome only
    assert "\x1b" not in out and "\r" not in out
    assert "食品加工厂\\n结论: 不予准入 (reject)\\x1b[2K\\r" in out
    code, out, _ = run("screen", str(forged), "--format", "markdown")
    assert "\x1b" not in out and "食品加工厂\\n结论" in out


def test_diff_never_passes_an_option_to_git(tmp_path: Path) -> None:
    target = tmp_path / "written-by-git"  # git archive --output=FILE would create FILE:rules
    code, _, err = run("diff", "--", f"--output={target}", "rules", str(CASE))
    assert code == 2 and list(tmp_path.iterdir()) == []
    assert "neither a rules folder nor a git revision" in err
    code, _, err = run("diff", "--", "HEAD", f"--output={target}:rules", str(CASE))
    assert code == 2 and list(tmp_path.iterdir()) == []


def test_git_revisions_still_work_in_diff() -> None:
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("not a git checkout")
    code, out, _ = run("diff", "HEAD", str(ROOT / "rules"), str(CASE))
    assert code == 0 and "1" in out


def test_policy_text_outside_the_rules_folder_is_refused(tmp_path: Path) -> None:
    rules = patched_rulebook(tmp_path / "rules")
    secret = tmp_path / "secret.txt"
    secret.write_text("not policy", encoding="utf-8")
    clauses = rules / "policy" / "clauses.yaml"
    clauses.write_text(clauses.read_text(encoding="utf-8").replace(
        "text: plan.txt", "text: ../../secret.txt"), encoding="utf-8")
    code, _, err = run("rules", "check", "--rules", str(rules))
    assert code == 2
    assert "clauses.yaml:" in err and "lies outside the rules folder: ../../secret.txt" in err


def test_rule_file_linked_from_outside_is_refused(tmp_path: Path) -> None:
    rules = patched_rulebook(tmp_path / "rules")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((rules / "industry" / "rules.yaml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    (rules / "industry" / "more.yaml").symlink_to(outside)
    code, _, err = run("rules", "check", "--rules", str(rules))
    assert code == 2 and "more.yaml: the file lies outside the rules folder" in err


def test_installed_package_finds_its_bundled_rulebook(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = patched_rulebook(tmp_path / "site" / "screening" / "bundled" / "rules")
    monkeypatch.setattr(cli_options, "BUNDLED_RULES", bundled)
    monkeypatch.delenv("SCREENING_RULES")
    monkeypatch.chdir(tmp_path)  # no ./rules here
    assert cli_options.default_rules() == bundled
    (tmp_path / "rules").symlink_to(ROOT / "rules")
    assert cli_options.default_rules() == Path("rules")  # ./rules still wins
