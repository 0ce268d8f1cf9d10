"""The command line: the JSON contract, clean errors for bad files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.cli import cli
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import FIXTURES, ROOT

PROPOSALS = FIXTURES / "proposals"
GOOD = PROPOSALS / "good-food.yaml"




def test_json_contract() -> None:
    code, out, _ = run("screen", str(GOOD), str(ROOT / "cases" / "01-cement-clinker-line.yaml"),
                       "--format", "json")
    assert code == 0
    decisions = json.loads(out)
    assert [d["proposal_id"] for d in decisions] == ["T-FOOD-1", "HD-2022-017"]  # input order
    for decision in decisions:
        assert {"proposal_id", "outcome", "findings", "missing", "as_of", "rulebook"} <= set(
            decision)
        assert decision["outcome"] in {"approve", "approve_with_conditions", "refer", "reject"}
        assert decision["rulebook"].startswith("sha256:")
        for finding in decision["findings"]:
            assert {"rule", "effect", "clause", "message"} <= set(finding)
            assert set(finding["clause"]) == {"document", "section", "quote"}
            assert set(finding["message"]) == {"zh", "en"}
    food, cement = decisions
    assert food["outcome"] == "approve" and food["findings"] == [] and food["missing"] == []
    assert food["as_of"] == "2022-06-01"
    assert cement["outcome"] == "reject"
    coal = next(f for f in cement["findings"] if f["rule"] == "two-high.coal-reduction")
    assert coal["clause"]["document"] == "临东环委发〔2022〕1号"
    assert coal["clause"]["section"] == "二(一)3"
    policy = (ROOT / "rules" / "policy" / "hedong-4j4z-2021-2023.txt").read_text(encoding="utf-8")
    assert coal["clause"]["quote"] in policy
    assert "52,000" in coal["message"]["en"] and "0.92" in coal["message"]["en"]
    assert coal["values"]["param.two_high.coal_ratio"]["value"] == 1.2
    assert coal["values"]["param.two_high.coal_ratio"]["from"] == "鲁政办字〔2021〕57号"


def test_as_of_after_the_plan_lists_what_no_longer_applies() -> None:
    """Screened in 2025, plan-only rules are not applied and are listed, with no warning."""
    case = str(ROOT / "cases" / "89-land-consolidation-no-survey.yaml")
    code, out, _ = run("screen", case, "--format", "json", "--as-of", "2025-03-01")
    assert code == 0
    decision = json.loads(out)[0]
    assert decision["as_of"] == "2025-03-01"
    assert decision["warnings"] == []
    expired = {item["rule"]: item for item in decision["expired"]}
    assert expired, "a 2025 screening lists the plan-only rules that no longer apply"
    assert all(item["in_force_to"] == "2023-12-31" for item in expired.values())
    assert not set(expired) & {f["rule"] for f in decision["findings"]}
    code, out, _ = run("screen", case, "--as-of", "2025-03-01")
    assert "本方案期满，以下条款不再适用" in out
    code, out, _ = run("screen", case, "--as-of", "2025-03-01", "--lang", "en")
    assert "The plan's period has ended; these clauses no longer apply" in out


@pytest.mark.parametrize(("name", "needle"), [
    ("yaml-syntax.yaml", "yaml-syntax.yaml:3: YAML syntax error"),
    ("unknown-field.yaml", "unknown-field.yaml:6: height_m: unknown field 'height_m'"),
    ("wrong-type.yaml", "wrong-type.yaml:4: coal.new_tce: Input should be a valid number"),
    ("negative-amount.yaml", "pollutants.particulates.sources.0.amount: Input should be greater "
                             "than or equal to 0"),
    ("unknown-industry.yaml", "industry.code: industry code 9913: division 99 does not exist"),
    ("short-industry-code.yaml", "industry.code: String should match pattern"),
    ("bad-enum.yaml", "construction_type: Input should be '新建', '改扩建', '技术改造' or '搬迁'"),
    ("zone-typo.yaml", "did you mean 'ecological_red_line'?"),
    ("duplicate-key.json", "duplicate key 'id'"),
])
def test_bad_file_is_named_and_others_still_screened(name: str, needle: str) -> None:
    code, out, err = run("screen", str(PROPOSALS / name), str(GOOD), "--format", "json")
    assert code == 1
    assert needle in err, err
    assert name in err
    assert "Traceback" not in err
    entries = json.loads(out)  # the unreadable file has its entry, in input order
    assert entries[0]["file"].endswith(name) and entries[0]["error"]
    assert [d["proposal_id"] for d in entries[1:]] == ["T-FOOD-1"]


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    code, _, err = run("screen", str(tmp_path / "nope.yaml"))
    assert code == 1 and "nope.yaml: file not found" in err
    code, _, err = run("screen", str(tmp_path))
    assert code == 1 and "no proposal files found" in err


def test_folder_is_screened_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml"):
        text = GOOD.read_text(encoding="utf-8").replace("T-FOOD-1", f"T-{name[0]}")
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, _ = run("screen", str(tmp_path), "--format", "json")
    assert code == 0
    assert [d["proposal_id"] for d in json.loads(out)] == ["T-a", "T-b"]


def test_text_and_markdown_are_bilingual() -> None:
    case = str(ROOT / "cases" / "01-cement-clinker-line.yaml")
    code, out, _ = run("screen", case)
    assert code == 0
    assert "不予准入 (reject)" in out and "二(一)3" in out and "ratio 0.92" in out
    code, out, _ = run("screen", case, "--lang", "en")
    assert "reject (不予准入)" in out
    code, out, _ = run("screen", case, "--format", "markdown")
    assert out.startswith("## HD-2022-017") and "| `two-high.coal-reduction` |" in out


def test_python_engine_gives_the_same_decision() -> None:
    case = str(ROOT / "cases" / "01-cement-clinker-line.yaml")
    _, durable, _ = run("screen", case, "--format", "json")
    _, python, _ = run("screen", case, "--format", "json", "--engine", "python")
    one, two = json.loads(durable)[0], json.loads(python)[0]
    assert one.pop("engine") == "durable" and two.pop("engine") == "python"
    assert one == two


def test_schema_is_the_proposal_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "Proposal"
    assert {"id", "name", "application_date", "industry", "construction_type"} <= set(
        schema["required"])
    assert schema["additionalProperties"] is False


def test_rules_check_and_list() -> None:
    code, out, _ = run("rules", "check")
    assert code == 0 and out.startswith("ok: ")
    code, out, _ = run("rules", "list", "--format", "json")
    rows = json.loads(out)
    assert rows and all({"id", "effect", "clause", "in_force"} <= set(r) for r in rows)
    assert all(set(r["clause"]) == {"document", "section", "quote"} for r in rows)
    by_id = {r["id"]: r for r in rows}
    coal = by_id["two-high.coal-reduction"]
    assert coal["texts"][0] == {"text": "2.1.3/five-reductions", "kind": "clause",
                                "strength": "reject"}
    assert coal["texts"][1]["kind"] == "basis" and coal["texts"][1]["confidence"] == "read"
    assert not coal["plan_only"] and by_id["land.farmland-soil-survey"]["plan_only"]
    code, out, _ = run("rules", "list")
    assert "two-high.coal-reduction  [reject | 2.1.3/five-reductions reject, " in out
    code, out, _ = run("rules", "list", "--unverified", "--format", "json")
    assert any(r["name"] == "param.pollutants.water_ratio" for r in json.loads(out))


def test_broken_rulebook_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = run("rules", "check", "--rules", str(tmp_path / "none"))
    assert code == 2 and "rules folder not found" in err and "Traceback" not in err
    code, _, err = run("screen", str(GOOD), "--rules", str(tmp_path))
    assert code == 2


def test_every_command_has_an_example() -> None:
    from click import Context, Group

    def walk(command, prefix=()):  # as --help lists them (commands are imported when asked for)
        yield prefix, command
        if isinstance(command, Group):
            context = Context(command)
            for name in command.list_commands(context):
                yield from walk(command.get_command(context, name), (*prefix, name))

    paths = [path for path, command in walk(cli)]
    assert ("history",) in paths and ("rules", "verify") in paths and ("users", "add") in paths
    for path, command in walk(cli):
        assert "Example:" in (command.help or ""), path
