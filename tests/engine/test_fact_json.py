"""The fact durable_rules is given: the compiled writer against the checked loop."""

from __future__ import annotations

import json
from enum import IntEnum

import pytest

from screening.engine.fact_json import checked_member, member_writer
from screening.errors import EngineError
from screening.facts.files import load_proposal
from screening.rulebook.conditions import BOOL, NUMBER, TEXT
from screening.screen import Screener
from tests.paths import ROOT

CASES = sorted((ROOT / "cases").glob("*.yaml"))


class Stage(IntEnum):
    FOUR = 4


def test_the_compiled_writer_writes_what_the_checked_loop_writes(screener: Screener) -> None:
    engine = screener.engine
    write = member_writer(engine.asserted)
    for path in CASES:
        proposal = load_proposal(path).proposal
        facts, _ = screener.facts(proposal, proposal.application_date)
        expected = [checked_member(name, key, kind, facts[name])
                    for name, (key, kind) in engine.asserted.items()
                    if facts.get(name) is not None]
        written = write(facts)
        assert written == expected, path.name
        members = json.loads("{" + ",".join(written) + "}")
        assert len(members) == len(written)  # one member per field, valid JSON


def test_values_of_another_type_are_checked_not_trusted() -> None:
    asserted = {"coal.new_tce": ("f0", NUMBER), "zones.ecological_red_line": ("f1", BOOL),
                "construction_type": ("f2", TEXT), "machinery.lowest_stage": ("f3", NUMBER)}
    write = member_writer(asserted)
    assert write({"coal.new_tce": 1.5, "zones.ecological_red_line": False,
                  "construction_type": "新建", "machinery.lowest_stage": Stage.FOUR,
                  "not.read": "x"}) == ['"f0":1.5', '"f1":false', '"f2":"\\u65b0\\u5efa"', '"f3":4']
    for facts, field in [({"coal.new_tce": "52000"}, "coal.new_tce"),
                         ({"coal.new_tce": True}, "coal.new_tce"),
                         ({"coal.new_tce": float("inf")}, "coal.new_tce"),
                         ({"zones.ecological_red_line": 1}, "zones.ecological_red_line"),
                         ({"construction_type": 3}, "construction_type")]:
        with pytest.raises(EngineError, match=field.replace(".", r"\.")):
            write(facts)


@pytest.mark.parametrize("value", [0.0, -0.0, 1.5, 1e-05, 1.5e-07, 1e16, 1.7976931348623157e308,
                                   5e-324, 0, -7, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, 10 ** 30])
def test_numbers_the_writer_writes_inline_are_those_checked_member_writes(value: float) -> None:
    """The writer formats the usual float and int itself; an exponent without a decimal
    point and an integer past 2**53 still come out as ``checked_member`` writes them."""
    write = member_writer({"coal.new_tce": ("f0", NUMBER)})
    assert write({"coal.new_tce": value}) == [checked_member("coal.new_tce", "f0", NUMBER, value)]
