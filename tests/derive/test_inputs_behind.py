"""The fields behind a missing fact, remembered per name, are those worked out each time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screening.derive.core import DIMENSIONS
from screening.derive.industry import INDUSTRY_INPUTS
from screening.derive.labels import LABELS, inputs_behind
from screening.derive.sectors import SECTOR_INPUTS
from screening.derive.site import SITE_INPUTS
from screening.rulebook.book import Rulebook


def worked_out_each_time(name: str, facts: Mapping[str, Any]) -> list[str]:
    """inputs_behind as it was before it remembered names."""
    for dim, (new, _suffix) in DIMENSIONS.items():
        if name.startswith(f"{dim}.") and name != f"{dim}.{new}" and name[len(dim) + 1:] in (
                "retired", "retired_tce", "retired_t_co2", "replaced_t", "excluded",
                "excluded_tce", "excluded_t_co2", "excluded_t", "replacement_ratio"):
            needed = [f"{dim}.sources"]
            if name.endswith("replacement_ratio") and facts.get(f"{dim}.{new}") is None:
                needed.insert(0, f"{dim}.{new}")
            return needed
    if name in INDUSTRY_INPUTS:
        return list(INDUSTRY_INPUTS[name])
    if name in SITE_INPUTS:
        return list(SITE_INPUTS[name])
    if name in SECTOR_INPUTS:
        return list(SECTOR_INPUTS[name])
    if name.startswith("fuels."):
        return ["fuels"]
    if name.startswith("boilers."):
        return ["boilers"]
    return [name]


def test_inputs_behind_every_field_as_worked_out_each_time(rulebook: Rulebook) -> None:
    names = {*rulebook.fields, *LABELS, *INDUSTRY_INPUTS, *SITE_INPUTS, *SECTOR_INPUTS,
             "fuels.x", "boilers.y", "unknown.name", ""}
    every_new = {f"{dim}.{new}": 1.0 for dim, (new, _) in DIMENSIONS.items()}
    for facts in ({}, every_new):
        for name in sorted(names):
            first = inputs_behind(name, facts)
            assert first == worked_out_each_time(name, facts), name
            first.append("changed by a caller")  # a fresh list each time
            assert inputs_behind(name, facts) == worked_out_each_time(name, facts), name
