"""Numbers durable_rules would refuse are written so it reads them, and both engines decide
the proposals carrying them the same way: tiny and huge amounts, ratios written with an
exponent (0.00001 is ``1e-05`` in Python, error 204 in durable_rules), a ratio that
overflows to infinity."""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import pytest
import yaml

from screening.engine.fact_json import checked_member, dumps, float_text, int_text
from screening.facts.proposal import Proposal
from screening.screen import Screener
from tests.paths import CASES

CASE = CASES / "01-cement-clinker-line.yaml"


def _case() -> dict[str, Any]:
    data = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    data.pop("expected")
    return data


def _outcome(screener: Screener, data: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    decision = screener.screen(Proposal.model_validate(data))
    return decision.outcome, sorted((f.rule, f.status) for f in decision.findings)


def _with_coal(new: float, retired: float) -> dict[str, Any]:
    data = copy.deepcopy(_case())
    data["coal"]["new_tce"] = new
    data["coal"]["sources"][0]["amount"] = retired
    return data


@pytest.mark.parametrize(("new", "retired"), [
    (100_000, 1),            # ratio 1e-05: Python writes "1e-05"
    (100_000_000, 1),        # ratio below the rounding: 0.0
    (1e16, 1e16),            # amounts written "1e+16"
    (0.00001, 0.00003),      # amounts written "1e-05", ratio 3
    (1e-300, 1e300),         # the ratio overflows to infinity
    (52000, 1.7e308),        # a retired amount near the largest float
])
def test_both_engines_decide_awkward_numbers(screener: Screener, reference_screener: Screener,
                                             new: float, retired: float) -> None:
    data = _with_coal(new, retired)
    durable = _outcome(screener, data)
    assert durable == _outcome(reference_screener, data)
    coal = [status for rule, status in durable[1] if rule == "two-high.coal-reduction"]
    assert coal == (["fired"] if retired / new < 1.2 else []), durable


def test_an_overflowing_ratio_is_the_largest_float(screener: Screener) -> None:
    facts, _ = screener.facts(Proposal.model_validate(_with_coal(1e-300, 1e300)),
                              _case()["application_date"])
    assert facts["coal.replacement_ratio"] == sys.float_info.max


@pytest.mark.parametrize("value", [1e-05, 1e16, 1e-300, 5e-324, 1.7976931348623157e308,
                                   -2.5e-07, 0.1, 120.0, 1e22])
def test_float_text_is_the_same_double_with_a_decimal_point(value: float) -> None:
    text = float_text(value)
    assert float(text) == value
    mantissa = text.split("e")[0]
    assert "." in mantissa or "e" not in text


def test_huge_integers_are_written_as_floats() -> None:
    assert int_text(52000) == "52000"
    assert float(int_text(10 ** 30)) == 1e30 and "." in int_text(10 ** 30)


def test_ruleset_json_is_json_with_readable_numbers() -> None:
    ruleset = {"r": {"all": [{"m": {"$lt": {"f1": 1e-05}}}]}, "名": [True, None, 3, "x\"y"]}
    text = dumps(ruleset)
    assert json.loads(text) == ruleset
    assert "1.0e-05" in text and "1e-05" not in text


def test_checked_member_writes_numbers_as_durable_reads_them() -> None:
    assert checked_member("coal.replacement_ratio", "f1", "number", 1e-05) == '"f1":1.0e-05'
