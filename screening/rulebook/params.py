"""Which number is in force: parameter values by effective date and by layer.

A parameter holds values by the date they took effect; the value in force on the
as-of date is the latest one not after it. An overlay (e.g. targets set by the
city, "由市下达目标任务的以市下达的为准") is a layer above the district's own
files: where it has a value in force, it wins, and the decision says so.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
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

    def layers_in_force(self, as_of: date) -> list[tuple[str, Parameter, date, Any]]:
        """(layer, definition, effective date, value) of each layer with a value in force
        on ``as_of``: its latest value not after that date; lowest layer first."""
        out = []
        for layer, param, _ in ((BASE_LAYER, self.base, self.file), *self.layers):
            dates = [d for d in param.values if d <= as_of]
            if dates:
                effective = max(dates)
                out.append((layer, param, effective, param.values[effective]))
        return out

    def in_force(self, as_of: date, key: str | None = None
                 ) -> tuple[str, Parameter, date, Any] | None:
        """(layer, definition, effective date, value) in force on ``as_of``.

        The highest layer with a value in force wins. For a keyed parameter the
        choice is made per key: an overlay that sets one key leaves the others to
        the layers below it.
        """
        for layer, param, effective, value in reversed(self.layers_in_force(as_of)):
            if key is None:
                return layer, param, effective, value
            if isinstance(value, dict) and key in value:
                return layer, param, effective, value[key]
        return None


@functools.lru_cache(maxsize=4096)
def day_text(day: date) -> str:
    """``day.isoformat()``, remembered: Python writes a date through ``sprintf`` (some
    4,500 instructions), and a batch meets the same few dates in decision after decision."""
    return day.isoformat()


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
               "confidence": self.confidence, "effective": day_text(self.effective),
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


@dataclass(frozen=True)
class Chosen:
    """The parameters one screening uses, and those of them its facts hold (shared: read only)."""

    params: dict[str, ParamValue]
    values: dict[str, Any]


#: keyed choices remembered per period before that memo starts afresh (keeps memory bounded)
CHOICES_LIMIT = 2_000


@dataclass(frozen=True)
class DayInForce:
    """The parameters in force on one as-of date, as every screening of that date uses them."""

    #: the unkeyed values in force (``resolve(..., keyed=False)``)
    plain: dict[str, ParamValue]
    #: (parameter, the fact naming its key, value in force by key) of each keyed one
    keyed: tuple[tuple[str, str, dict[Any, ParamValue]], ...]
    #: the facts the keyed values depend on, and the choice made for each of their values
    key_facts: tuple[str, ...] = field(init=False)
    _chosen: dict[tuple[Any, ...], Chosen] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key_facts", tuple(dict.fromkeys(k for _, k, _ in self.keyed)))

    def chosen(self, facts: Mapping[str, Any]) -> Chosen:
        """The unkeyed values in force and the keyed ones for these facts' keys.

        The same as ``resolve(..., keyed=False)`` updated with ``resolve(..., keyed=True)``;
        ``values`` leaves out dates (a fact cannot hold one).
        """
        keys = tuple(map(facts.get, self.key_facts))
        found = self._chosen.get(keys)
        if found is None:
            if len(self._chosen) >= CHOICES_LIMIT:
                self._chosen.clear()
            found = self._chosen[keys] = self._choose(facts)
        return found

    def keyed_for(self, facts: Mapping[str, Any]) -> dict[str, ParamValue]:
        """The keyed values in force for these facts (``resolve(..., keyed=True)``)."""
        out: dict[str, ParamValue] = {}
        for name, keyed_by, by_key in self.keyed:
            key = facts.get(keyed_by)
            if key is not None and key in by_key:
                out[name] = by_key[key]
        return out

    def _choose(self, facts: Mapping[str, Any]) -> Chosen:
        params = {**self.plain, **self.keyed_for(facts)}
        return Chosen(params, {name: param.value for name, param in params.items()
                               if not isinstance(param.value, date)})


class InForce:
    """``resolve`` for one rulebook, worked out once per period and reused.

    Screening many proposals asks for many as-of dates, but the values in force
    change only on the dates some value takes effect: every as-of date between two
    such dates (a period) has the same values, worked out once.
    """

    #: dates remembered before the memo starts afresh (keeps memory bounded)
    LIMIT = 20_000

    def __init__(self, params: Mapping[str, LayeredParameter]) -> None:
        self.params = params
        #: every date on which some value takes effect, in order
        self._changes = sorted({effective for layered in params.values()
                                for param in (layered.base, *(p for _, p, _ in layered.layers))
                                for effective in param.values})
        self._periods: dict[int, DayInForce] = {}
        self._days: dict[date, DayInForce] = {}

    def day(self, as_of: date) -> DayInForce:
        """Everything in force on ``as_of`` (shared: do not change it)."""
        found = self._days.get(as_of)
        if found is None:
            if len(self._days) >= self.LIMIT:
                self._days.clear()
            period = bisect.bisect_right(self._changes, as_of)  # changes on or before as_of
            found = self._periods.get(period)
            if found is None:
                found = self._periods[period] = DayInForce(
                    resolve(self.params, as_of, {}, keyed=False), self._keyed_table(as_of))
            self._days[as_of] = found
        return found

    def _keyed_table(self, as_of: date) -> tuple[tuple[str, str, dict[Any, ParamValue]], ...]:
        """Each keyed parameter's values in force by key, as ``resolve`` chooses them: per
        key, the highest layer whose value in force sets that key (an overlay that sets
        some keys leaves the others to the layers below it)."""
        table = []
        for name, layered in self.params.items():
            if layered.base.keyed_by is None:
                continue
            by_key: dict[Any, ParamValue] = {}
            for layer, param, effective, raw in layered.layers_in_force(as_of):
                if not isinstance(raw, dict):
                    continue
                by_key.update({key: ParamValue(name, value, param.unit, effective, layer,
                                               param.reference.document,
                                               str(param.reference.confidence), key)
                               for key, value in raw.items()})
            if by_key:
                table.append((name, layered.base.keyed_by, by_key))
        return tuple(table)
