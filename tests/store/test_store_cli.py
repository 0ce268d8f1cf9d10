"""The record and ledger commands: the officer's path end to end, and clean refusals."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import FIXTURES, ROOT

LEDGER = FIXTURES / "ledger"
SOURCE = LEDGER / "LS-2022-001.yaml"
CEMENT = LEDGER / "cement-ledger.yaml"
FOOD = FIXTURES / "proposals" / "good-food.yaml"




@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "records.sqlite3")


def source_file(tmp_path: Path, name: str, replace: dict[str, str]) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_screen_without_a_database_creates_none() -> None:
    default = Path(os.environ["XDG_DATA_HOME"]) / "screening" / "screening.sqlite3"
    code, out, _ = run("screen", str(ROOT / "cases"), "--format", "json")
    assert code == 0 and not default.exists()
    assert all("ledger" not in d for d in json.loads(out))


def test_record_uses_the_default_file_on_first_use() -> None:
    default = Path(os.environ["XDG_DATA_HOME"]) / "screening" / "screening.sqlite3"
    default.unlink(missing_ok=True)
    code, _, err = run("screen", str(FOOD), "--record", "--officer", "张三")
    assert code == 0 and default.is_file()
    assert "recorded decision 1: T-FOOD-1 approve (by 张三)" in err
    code, out, _ = run("history", "--format", "json")
    assert code == 0 and json.loads(out)[0]["screened_by"] == "张三"
    default.unlink()


def test_the_officers_path_register_screen_approve_show_replay(db: str) -> None:
    code, out, err = run("sources", "add", str(SOURCE), "--db", db, "--officer", "王五")
    assert code == 0, err
    assert "registered source LS-2022-001 (record 1): capacity 180 万吨/a" in out
    code, out, err = run("screen", str(CEMENT), "--record", "--db", db, "--officer", "张三",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["outcome"] == "approve"
    assert "recorded decision 2: HD-2022-017L approve" in err
    code, out, _ = run("approve", "2", "--db", db, "--officer", "李四")
    assert code == 0 and "approved decision 2 (record 3)" in out and "coal 66,000" in out
    code, out, _ = run("sources", "show", "LS-2022-001", "--db", db, "--format", "json")
    shown = json.loads(out)
    assert shown["amounts"]["coal"] == {"unit": "tce/a", "registered": 70000.0,
                                        "available": 4000.0, "claimed": 66000.0}
    assert {(c["decision"], c["by"]) for c in shown["claims"]} == {(2, "李四")}
    code, out, _ = run("sources", "list", "--db", db)
    assert code == 0 and "coal 4,000/70,000 tce/a" in out
    # the same proposal again: the ledger is used up, and says so with the clause
    code, out, _ = run("screen", str(CEMENT), "--db", db)
    assert code == 0 and "不予准入 (reject)" in out and "ledger.coal.unbacked" in out
    assert "LS-2022-001: 4,000 left, 66,000 declared" in out
    code, out, _ = run("replay", "#2", "--db", db)
    assert code == 0 and "identical — 准予准入 (approve)" in out
    code, out, _ = run("approve", "2", "--db", db, "--officer", "李四")
    assert code == 1
    code, out, _ = run("release", "2", "--reason", "项目撤回", "--officer", "李四", "--db", db)
    assert code == 0 and "released decision 2" in out
    code, out, _ = run("history", "--proposal", "HD-2022-017L", "--db", db)
    assert "#3 approval by 李四" in out and "#4 release by 李四" in out and "项目撤回" in out
    code, out, _ = run("history", "--verify", "--db", db)
    assert code == 0 and out.startswith("ok: 4 records, chain intact")


def test_override_shows_both_verdicts(db: str) -> None:
    run("screen", str(ROOT / "cases" / "01-cement-clinker-line.yaml"), "--record", "--db", db)
    code, _, err = run("override", "1", "--outcome", "refer", "--reason", " ", "--officer",
                       "赵六", "--db", db)
    assert code == 1 and "--reason: an override needs a reason" in err
    code, _, err = run("override", "1", "--outcome", "refer", "--reason", "技改项目，待论证",
                       "--db", db)
    assert code == 2 and "Missing option '--officer'" in err
    code, out, _ = run("override", "1", "--outcome", "refer", "--reason", "技改项目，待论证",
                       "--officer", "赵六", "--db", db)
    assert code == 0 and "engine reject, final refer (by 赵六)" in out
    code, out, _ = run("history", "--db", db)
    assert "engine: 不予准入 (reject)" in out and "final:  提交审议 (refer)" in out
    assert "#2 override by 赵六" in out and "技改项目，待论证" in out
    code, _, err = run("approve", "1", "--officer", "李四", "--db", db)
    assert code == 1 and "decision 1 is 'refer', not an approval" in err


def test_history_verify_names_the_tampered_record(db: str) -> None:
    for _ in range(3):
        run("screen", str(FOOD), "--record", "--db", db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE records SET actor = 'someone else' WHERE seq = 2")
    code, out, _ = run("history", "--verify", "--db", db)
    assert code == 1
    assert out.strip() == ("broken: record 2: content does not match its hash "
                           "(changed after it was written)")


@pytest.mark.parametrize(("name", "replace", "needle"), [
    ("unknown-key.yaml", {"evidence:": "evidense:"},
     "unknown-key.yaml:6: evidense: unknown field 'evidense'"),
    ("semi-coke.yaml", {"kind: 关停淘汰": "kind: 兰炭替代"},
     "semi-coke.yaml:12: amounts.coal_tce: a source of kind '兰炭替代' cannot offset coal: "
     "兰炭属煤炭制品"),
    ("old-carbon.yaml", {"arose_on: 2022-03-01": "arose_on: 2020-12-01"},
     "old-carbon.yaml:13: amounts.carbon_t_co2: arose on 2020-12-01, before 2021-01-01: "
     "cannot offset carbon (param.sources.carbon_earliest_date"),
    ("outside.yaml", {"in_shandong: true": "in_shandong: false"},
     "outside.yaml:13: amounts.carbon_t_co2: lies outside Shandong: cannot offset carbon"),
    ("negative.yaml", {"coal_tce: 70000": "coal_tce: -5"},
     "negative.yaml:12: amounts.coal_tce: Input should be greater than 0"),
    ("precise.yaml", {"coal_tce: 70000": "coal_tce: 1.2345"},
     "precise.yaml:12: amounts.coal_tce: 1.2345 has more than 3 decimals"),
])
def test_a_bad_source_file_is_refused_with_its_line(tmp_path: Path, db: str, name: str,
                                                    replace: dict[str, str], needle: str) -> None:
    path = source_file(tmp_path, name, replace)
    code, out, err = run("sources", "add", str(path), str(SOURCE), "--db", db)
    assert code == 1, out
    assert needle in err and "Traceback" not in err
    assert "1 of 2 file(s) not registered" in err
    assert "registered source LS-2022-001" in out  # the good file is still registered
    code, out, _ = run("sources", "list", "--db", db, "--format", "json")
    assert [s["id"] for s in json.loads(out)] == ["LS-2022-001"]


@pytest.mark.parametrize(("name", "replace", "needle"), [
    ("bad-id.yaml", {"id: LS-2022-001": "id: 一号"}, "bad-id.yaml:2: 台账编号格式不符"),
    ("semi-coke.yaml", {"kind: 关停淘汰": "kind: 兰炭替代"},
     "semi-coke.yaml:12: 腾退煤炭消费（吨标准煤/年）："
     "“兰炭替代”类来源不能用于煤炭消费替代（兰炭属煤炭制品"),
    ("old-carbon.yaml", {"arose_on: 2022-03-01": "arose_on: 2020-12-01"},
     "old-carbon.yaml:13: 腾退碳排放（吨二氧化碳/年）：减排量形成于 2020-12-01，早于 2021-01-01"),
    ("outside.yaml", {"in_shandong: true": "in_shandong: false"},
     "outside.yaml:13: 腾退碳排放（吨二氧化碳/年）：来源不在山东省内"),
    ("precise.yaml", {"coal_tce: 70000": "coal_tce: 1.2345"},
     "precise.yaml:12: 腾退煤炭消费（吨标准煤/年）“1.2345”的小数超过 3 位"),
])
def test_a_bad_source_file_is_explained_in_chinese(tmp_path: Path, db: str, name: str,
                                                  replace: dict[str, str], needle: str) -> None:
    """`--lang zh`: each refusal names the source file's field as the ledger names it."""
    path = source_file(tmp_path, name, replace)
    code, _, err = run("sources", "add", str(path), "--db", db, "--lang", "zh")
    assert code == 1
    assert needle in err, err
    assert "申请编号" not in err and "cannot offset" not in err
    assert "1 个文件未登记（共 1 个）" in err


def test_a_source_is_registered_once(db: str) -> None:
    assert run("sources", "add", str(SOURCE), "--db", db)[0] == 0
    code, _, err = run("sources", "add", str(SOURCE), "--db", db)
    assert code == 1 and "LS-2022-001.yaml:2: id: source 'LS-2022-001' is already registered" in err


@pytest.mark.parametrize(("args", "code", "needle"), [
    (("replay", "7"), 1, "no decision record 7"),
    (("approve", "7", "--officer", "李四"), 1, "no decision record 7"),
    (("replay", "abc"), 2, "'abc' is not a decision number"),
    (("sources", "show", "LS-9"), 1, "no source 'LS-9' in the ledger"),
    (("history", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"), 1,
     "postgresql+psycopg://nobody:***@127.0.0.1:1/none"),
    (("history", "--db", "nonsense://x"), 1, "nonsense"),
])
def test_refusals_are_clean_messages(db: str, args: tuple[str, ...], code: int,
                                     needle: str) -> None:
    full = [*args] if "--db" in args else [*args, "--db", db]
    got, _, err = run(*full)
    assert got == code and needle in err, err
    assert "Traceback" not in err and "secret" not in err


def test_a_file_that_is_not_a_database_is_a_clean_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database\n" * 100, encoding="utf-8")
    code, _, err = run("screen", str(FOOD), "--db", str(bogus))
    assert code == 2 and "file is not a database" in err and "Traceback" not in err
    code, _, err = run("history", "--db", str(bogus))
    assert code == 1 and "file is not a database" in err
