"""A broken ledger source file is explained with the source file's own field names."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.derive.messages import message
from screening.errors import InputError
from screening.store.sources import load_source_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ledger" / "LS-2022-001.yaml"


def _messages(text: str, lang: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_source_text(text.encode(), "bad.yaml")
    return [message(problem, lang) for problem in caught.value.problems]


@pytest.mark.parametrize(("old", "new", "zh", "en"), [
    ("id: LS-2022-001", "id: 一号", "台账编号", "ledger id"),
    ("kind: 关停淘汰", "kind: 关掉", "来源类型", "kind"),
    ("energy_tce: 200000", "energy_tce: -5", "腾退能耗（吨标准煤/年）", "energy use retired"),
    ("so2_t: 120, nox", "so2: 120, nox", "削减的污染物", "pollutants cut"),
    ("in_shandong: true", "in_shandong: 也许", "是否位于山东省内", "in Shandong"),
])
def test_the_field_is_named_as_the_ledger_names_it(old: str, new: str, zh: str,
                                                   en: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new)
    chinese = _messages(broken, "zh")
    assert any(zh in line for line in chinese), chinese
    assert not any("申请编号" in line or "申报文件" in line for line in chinese), chinese
    assert any(en in line for line in _messages(broken, "en"))


def test_an_unknown_top_level_key_names_the_source_file() -> None:
    text = FIXTURE.read_text(encoding="utf-8") + "owner: 某公司\n"
    chinese = _messages(text, "zh")
    assert any("替代来源文件" in line for line in chinese), chinese
