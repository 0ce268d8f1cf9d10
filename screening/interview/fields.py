"""The proposal fields an officer can be asked, read off the proposal model.

Each askable field has a dotted path (``coal.new_tce``), the block it belongs to
(``coal``; ``project`` for the top-level identity fields), what kind of answer it
takes (a number, yes/no, one of a list, a date, a list of sources …) and its
Chinese and English label with the unit. A list (fuels, boilers, replacement
sources) is asked as one field, and so is the site's location (a GeoJSON geometry
with its coordinate system: ``site.location``).
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from screening.derive.labels import field_label, unit_of
from screening.facts.location import SiteLocation
from screening.facts.proposal import Boiler, Proposal, Source

PROJECT = "project"


@dataclass(frozen=True, slots=True)
class FieldMeta:
    path: str
    block: str
    kind: str  # number | integer | bool | text | enum | date | list | sources | boilers | geometry
    choices: tuple[str, ...] | None
    required: bool  # the proposal is invalid without it (once its block is given)
    default: Any


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type inside Optional/Annotated, whether None is allowed)."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or isinstance(annotation, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, nullable


def _kind(target: Any) -> tuple[str, tuple[str, ...] | None]:
    if typing.get_origin(target) is list:
        item, _ = _unwrap(typing.get_args(target)[0])
        if item is Source:
            return "sources", None
        if item is Boiler:
            return "boilers", None
        if isinstance(item, type) and issubclass(item, Enum):
            return "list", tuple(str(m.value) for m in item)
        return "list", None
    if isinstance(target, type) and issubclass(target, Enum):
        return "enum", tuple(str(m.value) for m in target)
    if target is bool:
        return "bool", None
    if target is int:
        return "integer", None
    if target is float:
        return "number", None
    if target is date:
        return "date", None
    return "text", None


def column_kind(annotation: Any) -> str:
    """The kind of answer a field of this type takes (number, bool, enum, date, text …)."""
    return _kind(_unwrap(annotation)[0])[0]


def _walk(model: type[BaseModel], prefix: str, out: dict[str, FieldMeta]) -> None:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        target, _nullable = _unwrap(info.annotation)
        if target is SiteLocation:  # type, system and coordinates are one answer: the site
            out[path] = FieldMeta(path, path.split(".")[0], "geometry", None,
                                  info.is_required(), None)
            continue
        if isinstance(target, type) and issubclass(target, BaseModel):
            _walk(target, f"{path}.", out)
            continue
        kind, choices = _kind(target)
        block = path.split(".")[0] if "." in path else (
            path if kind in ("list", "sources", "boilers") else PROJECT)
        default = None if info.is_required() else info.default
        if isinstance(default, Enum):
            default = default.value
        out[path] = FieldMeta(path, block, kind, choices, info.is_required(), default)


@functools.cache
def askable() -> dict[str, FieldMeta]:
    """Every field of a proposal an officer can be asked, in the model's order."""
    out: dict[str, FieldMeta] = {}
    _walk(Proposal, "", out)
    return out


@functools.cache
def block_order() -> dict[str, int]:
    order: dict[str, int] = {PROJECT: 0}
    for meta in askable().values():
        order.setdefault(meta.block, len(order))
    return order


@functools.cache
def _companions(path: str) -> tuple[str, ...]:
    fields = askable()
    out = []
    parts = path.split(".")
    for depth in range(1, len(parts)):
        prefix = ".".join(parts[:depth]) + "."
        out.extend(p for p, meta in fields.items() if meta.required and p.startswith(prefix)
                   and p.count(".") == depth and p != path)
    return tuple(out)


def companions(path: str) -> list[str]:
    """Required fields of the blocks above ``path`` that must be given with it.

    ``capacity.new`` cannot be stated without ``capacity.unit``: a block with a
    required field is invalid until that field is given too.
    """
    return list(_companions(path))


def label_of(path: str) -> tuple[str, str, str | None]:
    """(zh, en, unit) of an askable field."""
    label = field_label(path)
    return label["zh"], label["en"], unit_of(path)
