"""The zone layers of a rulebook taken from the cache: read on first use, not before.

A rulebook from the cache was checked, layers included, when it was stored; its
layer files travel with it as bytes. Reading them needs shapely, pyproj and numpy
(a third of a short run's start-up), which only a proposal with coordinates needs.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class DeferredLayers:
    """Stands for ``ZoneLayers`` of ``files``; the layers are read when first asked for."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self._files = files
        self._layers: Any = None

    def loaded(self) -> Any:
        """The ``ZoneLayers`` (read now if not yet)."""
        if self._layers is None:
            from screening.errors import RulebookError
            from screening.spatial.layers import layers_of

            layers, problems = layers_of(self._files)
            if problems:  # not stored so: the cache holds only rulebooks that loaded
                raise RulebookError(problems)
            self._layers = layers
        return self._layers

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.loaded(), name)


def portable(rulebook: Any) -> Any:
    """The rulebook as the cache stores it: its zone layers as the files they come from.

    Screening a proposal without coordinates then never loads shapely.
    """
    zones = {name: data for name, data in rulebook.files.items() if name.startswith("zones/")}
    return dataclasses.replace(rulebook, zones=DeferredLayers(zones))
