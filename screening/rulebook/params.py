"""Which number is in force: parameter values by effective date and by layer.

A parameter holds values by the date they took effect; the value in force on the
as-of date is the latest one not after it. An overlay (e.g. targets set by the
city, "由市下达目标任务的以市下达的为准") is a layer above the district's own
files: where it has a value in force, it wins, and the decision says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from screening.rulebook.models import Parameter

BASE_LAYER = "base"


@dataclass(frozen=True)
class LayeredParameter:
    """A parameter and the layers that give it values, lowest first."""

    name: str
    base: Parameter
    file: str
    layers: tuple[tuple[str, Parameter, str], ...] = ()

    @property
    def unit(self) -> str:
        return self.base.unit

    def in_force(self, as_of: date, key: str | None = None
                 ) -> tuple[str, Parameter, date, Any] | None:
        """(layer, definition, effective date, value) in force on ``as_of``.

        The highest layer with a value in force wins. For a keyed parameter the
        choice is made per key: an overlay that sets one key leaves the others to
        the layers below it.
        """
        for layer, param, _ in reversed(((BASE_LAYER, self.base, self.file), *self.layers)):
            dates = [d for d in param.values if d <= as_of]
            if not dates:
                continue
            effective = max(dates)
            value = param.values[effective]
            if key is None:
                return layer, param, effective, value
            if isinstance(value, dict) and key in value:
                return layer, param, effective, value[key]
        return None


@dataclass(frozen=True)
class ParamValue:
    """A number as used in a decision, with where it came from."""

    name: str
    value: Any
    unit: str
    effective: date
    layer: str
    document: str
    confidence: str
    key: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {"value": self.value, "unit": self.unit, "from": self.document,
               "confidence": self.confidence, "effective": self.effective.isoformat(),
               "layer": self.layer}
        if self.key is not None:
            out["key"] = self.key
        return out


def resolve(params: Mapping[str, LayeredParameter], as_of: date,
            facts: Mapping[str, Any], *, keyed: bool) -> dict[str, ParamValue]:
    """Values in force on ``as_of``; ``keyed`` selects the keyed or the plain ones.

    A keyed parameter whose key fact is unknown, or has no entry for that key,
    is left out: a rule that needs it will be undetermined and refer.
    """
    out: dict[str, ParamValue] = {}
    for name, layered in params.items():
        if (layered.base.keyed_by is not None) != keyed:
            continue
        key = None
        if keyed:
            key = facts.get(layered.base.keyed_by or "")
            if key is None:
                continue
        found = layered.in_force(as_of, key)
        if found is None:
            continue
        layer, param, effective, raw = found
        out[name] = ParamValue(name, raw, param.unit, effective, layer,
                               param.reference.document, str(param.reference.confidence), key)
    return out
