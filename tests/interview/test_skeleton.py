"""`screening new`: a skeleton holding only the blocks a project must state."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from screening.facts.yamlio import read_document
from screening.interview import drive, leaves, skeleton
from screening.screen import Screener
from tests.clirun import run
from tests.paths import CASES

SAMPLE = ["01-cement-clinker-line", "10-rail-logistics-park", "11-residential-block",
          "49-ductile-iron-foundry", "87-pig-farm-no-manure", "91-cold-chain-warehouse-electric"]


@pytest.mark.parametrize("name", SAMPLE)
def test_skeleton_holds_every_field_the_interview_asks(name: str, screener: Screener) -> None:
    data, _, _ = read_document(CASES / f"{name}.yaml")
    data.pop("expected")
    day = data["application_date"]
    text = skeleton(screener, data["industry"]["code"], data["construction_type"], day)
    fields = set(leaves(yaml.safe_load(text)))
    run_ = drive(screener, data)
    assert set(run_.asked + run_.further) <= fields
    assert "# " in text and "临东环委发〔2022〕1号" in text


def test_skeleton_leaves_out_blocks_the_project_is_not_asked(screener: Screener) -> None:
    """A residential block is not asked about livestock, pesticides or a foundry."""
    text = skeleton(screener, "7010", "新建", as_of=date(2023, 6, 1))
    blocks = set(yaml.safe_load(text))
    assert {"buildings", "construction_site"} <= blocks
    assert not blocks & {"livestock", "pesticides", "foundry", "fertiliser", "chemicals"}
    # the building and dust rules exist only because of the plan (no higher-level basis):
    # after its period (2023-12-31) they no longer apply, so nothing asks for these blocks
    later = set(yaml.safe_load(skeleton(screener, "7010", "新建", as_of=date(2024, 6, 1))))
    assert not later & {"buildings", "construction_site"}


def test_new_writes_a_skeleton_that_screens_once_filled(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    code, _stdout, _stderr = run("new", "--industry", "1391", "--type", "新建",
                                 "--as-of", "2022-09-01", "-o", str(out))
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "# 所在管控区域 —— 依据 临东环委发〔2022〕1号" in text
    data = yaml.safe_load(text)
    data.update(id="T-9", name="淀粉厂", industry={"code": "1391", "product": "淀粉"})
    data["capacity"]["unit"] = "万吨/a"  # the one required field of a block (必填)
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, stdout, stderr = run("screen", str(out))
    assert code == 0, stderr
    assert "提交审议" in stdout  # everything else left null: referred, never approved


def test_new_refuses_a_code_of_no_division_in_chinese() -> None:
    code, _stdout, stderr = run("new", "--industry", "9911", "--type", "新建", "--lang", "zh")
    assert code == 2
    assert "国民经济行业代码 9911 的前两位 99 不是 GB/T 4754-2017 中的行业大类" in stderr
