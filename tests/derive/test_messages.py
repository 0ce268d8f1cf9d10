"""Validation errors in Chinese and English from the one message catalogue."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from screening.derive.labels import field_label
from screening.derive.messages import (
    ALIASES,
    catalogue,
    field_errors,
    kinds,
    preferred_language,
)
from screening.facts.proposal import Proposal
from screening.interview.fields import askable
from tests.clirun import run

BASE: dict[str, Any] = {"id": "T-1", "name": "测试项目", "application_date": "2022-09-01",
                        "industry": {"code": "3011", "product": "水泥熟料"},
                        "construction_type": "改扩建"}
WRONG = {"number": ["abc", -1], "integer": ["abc", -1, 1.5], "bool": ["maybe"],
         "enum": ["不存在的值"], "date": ["2022-13-45"], "text": [123],
         "list": ["x"], "sources": ["x", [{"amount": 1}]], "boilers": ["x", [{"fuel": "煤"}]],
         "geometry": ["x", {"type": "Circle", "crs": "WGS84", "coordinates": [118.4, 35.1]},
                      {"type": "Point", "crs": "火星坐标", "coordinates": [118.4, 35.1]}]}


def _with(path: str, value: Any) -> dict[str, Any]:
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in BASE.items()}
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    if path.startswith("capacity.") and path != "capacity.unit":
        node.setdefault("unit", "万吨/a")
    return data


def _cases() -> list[tuple[str, Any]]:
    return [(path, value) for path, meta in askable().items()
            for value in WRONG[meta.kind]]


@pytest.mark.parametrize(("path", "value"), _cases())
def test_every_wrong_value_has_a_chinese_message_naming_the_field(path: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        Proposal.model_validate(_with(path, value))
    for error in field_errors(caught.value):
        assert error.code in kinds() or ALIASES.get(error.code) in kinds(), error
        label = field_label(error.field)["zh"]
        assert label in error.zh and label != error.field, error
        assert re.search(r"[\u4e00-\u9fff]", error.zh)
        assert error.en and error.en != error.zh


def test_the_example_of_the_issue() -> None:
    with pytest.raises(ValidationError) as caught:
        Proposal.model_validate(_with("coal.new_tce", -3))
    (error,) = field_errors(caught.value)
    assert error.field == "coal.new_tce"
    assert error.zh == "新增煤炭消费（吨标准煤/年）须为不小于 0 的数"


def test_missing_and_unknown_fields() -> None:
    data = dict(BASE)
    del data["name"]
    data["zone"] = {}
    with pytest.raises(ValidationError) as caught:
        Proposal.model_validate(data)
    errors = {e.field: e for e in field_errors(caught.value)}
    assert errors["name"].zh == "项目名称为必填项，不能缺少"
    assert "没有字段“zone”" in errors["zone"].zh and "是否应为“zones”" in errors["zone"].zh


def test_catalogue_entries_translate_every_placeholder() -> None:
    names = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    for message in catalogue():
        if not message.id:
            continue
        assert message.context, message.id
        assert message.string, f"no Chinese for {message.context}"
        assert names(str(message.string)) == names(str(message.id)), message.context


def test_locale_decides_the_default_language() -> None:
    assert preferred_language({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert preferred_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert preferred_language({}) == "en"


def test_cli_prints_errors_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: T-1\nname: x\napplication_date: 2022-09-01\n"
                   "industry: {code: '3011', product: 水泥熟料}\nconstruction_type: 改扩建\n"
                   "coal: {new_tce: -3}\n", encoding="utf-8")
    code, _out, err = run("screen", str(bad), "--lang", "zh")
    assert code == 1
    assert f"{bad}:6: 新增煤炭消费（吨标准煤/年）须为不小于 0 的数 [coal.new_tce]" in err
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert "须为不小于 0 的数" in run("screen", str(bad))[2]
    monkeypatch.setenv("LC_ALL", "C")
    assert "greater than or equal to 0" in run("screen", str(bad))[2]


def test_a_web_frameworks_error_dicts_per_field() -> None:
    """What a web layer gets: its own errors (location starting ``body``) per field."""
    from screening.derive.messages import by_field

    with pytest.raises(ValidationError) as caught:
        Proposal.model_validate(_with("coal.new_tce", "很多"))
    dicts = [{**e, "loc": ("body", *e["loc"])} for e in caught.value.errors()]
    messages = by_field(dicts, skip=1)
    assert messages == {"coal.new_tce": [{"zh": "新增煤炭消费（吨标准煤/年）须为数字",
                                          "en": "new coal use (tce/a) must be a number"}]}
