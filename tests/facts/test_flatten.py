"""The compiled flattener gives exactly what the plain walk over the model gives."""

from __future__ import annotations

import sys
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from screening.facts.files import expand_paths, load_proposal
from screening.facts.flatten import flatten, walk
from screening.facts.proposal import Proposal
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from throughput import generate


def _both(model: BaseModel, prefix: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    compiled: dict[str, Any] = {}
    walked: dict[str, Any] = {}
    flatten(model, prefix, compiled)
    walk(model, prefix, walked)
    return compiled, walked


def test_proposals_flatten_as_walked() -> None:
    proposals = [load_proposal(p).proposal for p in expand_paths([ROOT / "cases"])]
    proposals += generate(200, seed=9)
    bare = Proposal.model_validate({"id": "X", "name": "n", "application_date": "2022-01-01",
                                    "industry": {"code": "3011", "product": "水泥熟料"},
                                    "construction_type": "新建"})
    for proposal in [*proposals, bare]:
        compiled, walked = _both(proposal)
        assert compiled == walked
        assert list(compiled) == list(walked)  # same order of keys
    compiled, _ = _both(bare)
    assert "capacity.new" not in compiled and compiled["zones.red_line_permitted_activity"] is False


class Colour(StrEnum):
    RED = "red"


class Inner(BaseModel):
    level: int = 1


class Wider(Inner):
    extra: str = "x"


class Odd(BaseModel):
    when: datetime | None = None
    day: date = date(2022, 1, 1)
    either: int | str = 3
    mapping: dict[str, float] = {"a": 1.0}
    colour: Colour = Colour.RED
    inner: Inner | None = None
    items: list[int] = [1]


def test_unusual_fields_flatten_as_walked() -> None:
    cases = [Odd(), Odd(when=datetime(2022, 1, 1, 8), either="s", inner=Inner()),
             Odd(inner=Wider(level=2)), Odd.model_construct(colour="red", inner=None)]
    for model in cases:
        compiled, walked = _both(model, "odd.")
        assert compiled == walked and list(compiled) == list(walked)
    compiled, _ = _both(cases[2], "odd.")
    assert compiled["odd.inner.extra"] == "x"  # a subclass is walked, not cut to the declared
    assert compiled["odd.colour"] == "red" and "odd.when" not in compiled
