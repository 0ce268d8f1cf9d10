"""What facts are called on the decision page and in the missing list: Chinese, not keys."""

from __future__ import annotations

import re

from screening.derive.labels import label
from screening.interview.fields import askable
from screening.rulebook.book import Rulebook

#: a fact or block key (``coal``, ``energy_review``) or a snake_case name inside a label
_KEY = re.compile(r"(?<![A-Za-z])([a-z]{3,}(?:_[a-z0-9]+)*)(?![A-Za-z])")


def test_every_fact_a_rule_reads_has_a_chinese_label(rulebook: Rulebook) -> None:
    """No English key leaks into a Chinese label (it read "coal 替代比例", "项目给出了
    energy 信息"); parameters are named by their own descriptions under rules/."""
    leaking = {}
    for rule in rulebook.rules:
        for name in rule.fields:
            if name.startswith("param."):
                continue
            zh = label(name, rulebook.label(name))["zh"]
            if _KEY.search(zh) or not re.search(r"[\u4e00-\u9fff]", zh):
                leaking[name] = zh
    assert leaking == {}


def test_derived_dimension_facts_are_named_in_chinese(rulebook: Rulebook) -> None:
    assert label("coal.replacement_ratio", rulebook.label("coal.replacement_ratio"))["zh"] \
        == "煤炭消费替代比例（替代量 : 新增量）"
    assert label("pollutants.so2.replaced_t")["zh"] == "二氧化硫可计入的替代量"
    stated = label("energy.stated", rulebook.label("energy.stated"))
    assert stated["zh"] == "项目填报了“能源消费”信息"


def test_every_askable_field_has_a_chinese_label() -> None:
    from screening.derive.labels import field_label

    missing = [p for p in askable() if not re.search(r"[\u4e00-\u9fff]", field_label(p)["zh"])]
    assert missing == []
