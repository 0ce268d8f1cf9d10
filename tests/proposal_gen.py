"""Generated proposals: the sample cases, varied leaf by leaf, for property and differential runs.

A proposal starts as one of cases/*.yaml and each of its facts is, now and then,
left out, flipped, or replaced by a number from a list of awkward ones (0, a
hundred-thousandth, ratios either side of each threshold, 1e16, near the largest
float); the industry code, construction type, dates and zones vary too. Every
choice goes through ``pick``, so the same generator serves Hypothesis (which then
shrinks a failing proposal) and a seeded ``random.Random`` (bench/differential.py).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import yaml
from pydantic import ValidationError

from screening.facts.proposal import Proposal
from tests.paths import CASES

Pick = Callable[[Sequence[Any]], Any]

#: numbers that have tripped engines, writers or thresholds before
AWKWARD = (0, 0.0, 0.00001, 0.5, 1, 1.2, 1.49, 1.5, 2, 9.99, 10, 100, 420, 1_000, 5_000,
           52_000, 100_000, 1e16, 1.7e308, 3.0)
DATES = tuple(date(y, m, d) for y in (2021, 2022, 2023, 2024, 2025) for m, d in ((1, 1),
              (6, 19), (9, 1), (12, 31)))
#: how often a leaf changes (out of the list's length): most facts stay as the case has them
KEEP = 6


@functools.cache
def templates() -> tuple[dict[str, Any], ...]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("expected", None)
        out.append(data)
    return tuple(out)


@functools.cache
def industry_codes() -> tuple[str, ...]:
    return tuple(sorted({str(t["industry"]["code"]) for t in templates()}))


def _vary(value: Any, key: str, pick: Pick) -> Any:
    if pick(range(KEEP)) != 0:
        return value
    if isinstance(value, bool):
        return pick([True, False, None])
    if isinstance(value, int | float):
        return pick([None, *AWKWARD, value * 2, value / 2])
    if isinstance(value, date):
        return pick(DATES)
    if isinstance(value, list):
        return pick([None, [], value])
    if value is None:
        return pick([None, True, False, 0, 1.5])  # may not fit: such a proposal is dropped
    return value  # text and enums keep their (valid) values


def _walk(data: Any, key: str, pick: Pick) -> Any:
    if isinstance(data, dict):
        return {k: _walk(v, k, pick) for k, v in data.items()}
    if isinstance(data, list):
        varied = _vary(data, key, pick)
        if varied is not data:
            return varied
        return [_walk(item, key, pick) for item in data]
    return _vary(data, key, pick)


def proposal_data(pick: Pick) -> dict[str, Any]:
    """One proposal's data (it may not validate: see ``proposal``)."""
    data = copy.deepcopy(pick(templates()))
    data = _walk(data, "", pick)
    data["application_date"] = pick([data.get("application_date") or DATES[0], *DATES])
    data["industry"] = {**data["industry"], "code": pick(industry_codes())}
    data["construction_type"] = pick([data["construction_type"], "新建", "改扩建", "技术改造",
                                      "搬迁"])
    zones = dict(data.get("zones") or {})
    for flag in ("ecological_red_line", "permanent_basic_farmland", "urban_built_up_area"):
        zones[flag] = pick([zones.get(flag), False, True, None])
    zones["no_burn_zone"] = pick([zones.get("no_burn_zone"), "none", "I", "II", "III", None])
    data["zones"] = zones
    return data


def proposal(pick: Pick) -> Proposal | None:
    """A generated proposal, or None when the variation made it invalid."""
    try:
        return Proposal.model_validate(proposal_data(pick))
    except ValidationError:
        return None


def balances(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every balance of a proposal's data that has replacement sources."""
    found = [data.get(k) for k in ("capacity", "energy", "coal", "carbon")]
    found += list((data.get("pollutants") or {}).values())
    return [b for b in found if isinstance(b, dict) and b.get("sources")]
