"""The condition language: what it accepts, what it refuses, and three-valued results."""

from __future__ import annotations

import pytest

from screening.rulebook.conditions import (
    BOOL,
    ENUM,
    NUMBER,
    ConditionError,
    FieldSpec,
    Parser,
    evaluate,
    fields_of,
)

FIELDS = {
    "a": FieldSpec(NUMBER), "b": FieldSpec(NUMBER), "flag": FieldSpec(BOOL),
    "kind": FieldSpec(ENUM, ("新建", "改扩建")), "param.x.ratio": FieldSpec(NUMBER),
}


def parse(text: str):
    return Parser(FIELDS).parse(text)


@pytest.mark.parametrize(("text", "facts", "expected"), [
    ("a < b", {"a": 1, "b": 2}, True),
    ("a < b", {"a": 3, "b": 2}, False),
    ("a < b", {"a": 3}, None),
    ("a < b * param.x.ratio", {"a": 3, "b": 2, "param.x.ratio": 1.2}, False),
    ("a < b * param.x.ratio", {"a": 2.3, "b": 2, "param.x.ratio": 1.2}, True),
    ("flag and a > 0", {"flag": False}, False),          # decided without a
    ("flag and a > 0", {"flag": True}, None),            # needs a
    ("flag or a > 0", {"flag": True}, True),             # decided without a
    ("flag or a > 0", {"flag": False}, None),
    ("not flag", {"flag": False}, True),
    ("not flag", {}, None),
    ("kind in ['新建', '改扩建']", {"kind": "改扩建"}, True),
    ("kind not in ['新建']", {"kind": "改扩建"}, True),
    ("kind == '新建'", {"kind": "改扩建"}, False),
    ("a == 0", {"a": 0}, True),
    ("b + a >= a", {"a": 1, "b": 1}, True),
])
def test_three_valued_evaluation(text: str, facts: dict, expected: bool | None) -> None:
    assert evaluate(parse(text), facts) is expected


@pytest.mark.parametrize(("text", "message", "suggestion"), [
    ("aa < b", "unknown fact or parameter 'aa'", "a"),
    ("a < 5", "the number 5 is written into the condition", None),
    ("kind == '新'", "'新' is not a value of 'kind'", "新建"),
    ("flag < a", "'flag' is a bool; it cannot be ordered", None),
    ("a", "'a' is a number, not true/false", None),
    ("a < b < 1", "chained comparisons are not allowed", None),
    ("a / b < 0", "is not allowed", None),
    ("__import__('os')", "is not a condition", None),
    ("a.__class__ == 0", "unknown fact or parameter", None),
    ("kind in other", "`in` needs a literal list or catalogue.<name>", None),
    ("a <", "cannot parse condition", None),
    ("pred.nothing", "unknown predicate 'pred.nothing'", None),
    ("a - b >= 0", "one side of a comparison must be a single fact field", None),
])
def test_refused_conditions(text: str, message: str, suggestion: str | None) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(text)
    assert message in str(caught.value)
    assert caught.value.suggestion == suggestion


def test_predicates_are_inlined_and_fields_listed() -> None:
    predicate = Parser(FIELDS).parse("flag and kind == '新建'")
    cond = Parser(FIELDS, {"new_flagged": predicate}).parse("pred.new_flagged and a > b")
    assert fields_of(cond) == ["flag", "kind", "a", "b"]
    assert evaluate(cond, {"flag": True, "kind": "新建", "a": 2, "b": 1}) is True


def test_field_on_the_right_is_flipped() -> None:
    cond = parse("0 < a")
    assert evaluate(cond, {"a": 1}) is True
    assert evaluate(cond, {"a": 0}) is False


def test_membership_in_a_catalogue_list() -> None:
    parser = Parser(FIELDS, lists={"kinds": ("新建",)})
    cond = parser.parse("kind in catalogue.kinds")
    assert evaluate(cond, {"kind": "新建"}) is True
    assert evaluate(cond, {"kind": "改扩建"}) is False
    with pytest.raises(ConditionError) as caught:
        parser.parse("kind in catalogue.kind")
    assert caught.value.suggestion == "kinds"
    with pytest.raises(ConditionError, match="is not a value of 'kind'"):
        Parser(FIELDS, lists={"bad": ("新造",)}).parse("kind in catalogue.bad")
