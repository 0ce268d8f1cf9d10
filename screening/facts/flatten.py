"""The facts an officer stated, as the flat dotted names rules read (``zones.no_burn_zone``).

A value left out stays out (unknown), lists and dates are not facts a condition
compares (derive.py turns them into facts such as ``boilers.has_coal_boiler``), and
an enumeration is given by its value. ``walk`` says this in a loop over the model;
``flattener`` compiles the same walk, once per model class, into straight-line
code (one statement per field, no loop, no type dispatch where the field's type
already decides it), because on the screening path the loop cost more than
durable_rules' matching. Both give the same dict, key order included; a test
holds them to it.
"""

from __future__ import annotations

import functools
import itertools
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from screening.cachefiles import compiled

Flattener = Callable[[BaseModel, dict[str, Any]], None]


def walk(model: BaseModel | None, prefix: str, out: dict[str, Any]) -> None:
    """Flatten ``model`` into ``out`` under ``prefix``, deciding by each value's type."""
    if model is None:
        return
    for name, value in model.__dict__.items():  # the field values, in declaration order
        if value is None:
            continue
        path = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            walk(value, f"{path}.", out)
        elif not isinstance(value, (list, date)):
            out[path] = value.value if isinstance(value, Enum) else value


def _kind(annotation: Any) -> tuple[str, Any]:
    """What a field's annotation says it holds: model, skip, enum, plain or runtime."""
    union = isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
    choices = [a for a in typing.get_args(annotation) if a is not type(None)] if union \
        else [annotation]
    if len(choices) != 1:
        return "runtime", None
    target = choices[0]
    if typing.get_origin(target) is typing.Annotated:
        target = typing.get_args(target)[0]
    if typing.get_origin(target) is list or target is list:
        return "skip", None
    if not isinstance(target, type):
        return "runtime", None
    if issubclass(target, BaseModel):
        return "model", target
    if issubclass(target, list | date):
        return "skip", None
    if issubclass(target, Enum):
        return "enum", None
    if target in (str, int, float, bool):
        return "plain", None
    return "runtime", None


def _emit(model: type[BaseModel], var: str, prefix: str, lines: list[str], indent: str,
          names: itertools.count[int], classes: dict[str, Any]) -> None:
    lines.append(f"{indent}{var}_ = {var}.__dict__")
    for name, info in model.model_fields.items():
        kind, nested = _kind(info.annotation)
        if kind == "skip":
            continue
        value, path = f"v{next(names)}", f"{prefix}{name}"
        lines.append(f"{indent}{value} = {var}_[{name!r}]")
        lines.append(f"{indent}if {value} is not None:")
        if kind == "model":  # inline the declared class; anything else is walked
            cls = f"M{len(classes)}"
            classes[cls] = nested
            lines.append(f"{indent}    if {value}.__class__ is not {cls}:")
            lines.append(f"{indent}        walk_value({value}, {path!r}, out)")
            lines.append(f"{indent}    else:")
            _emit(nested, value, f"{path}.", lines, indent + "        ", names, classes)
        elif kind == "plain":
            lines.append(f"{indent}    out[{path!r}] = {value}")
        elif kind == "enum":  # ``_value_`` is what Enum's ``value`` property returns, uncalled
            lines.append(f"{indent}    out[{path!r}] = {value}._value_ "
                         f"if isinstance({value}, Enum) else {value}")
        else:
            lines.append(f"{indent}    walk_value({value}, {path!r}, out)")


def _walk_value(value: Any, path: str, out: dict[str, Any]) -> None:
    """One value whose field type does not settle how it is flattened."""
    if isinstance(value, BaseModel):
        walk(value, f"{path}.", out)
    elif not isinstance(value, (list, date)):
        out[path] = value.value if isinstance(value, Enum) else value


@functools.cache
def flattener(model: type[BaseModel], prefix: str = "") -> Flattener:
    """``walk`` for instances of ``model``, compiled to straight-line code."""
    lines = ["def flatten(model, out):"]
    classes: dict[str, Any] = {}
    _emit(model, "model", prefix, lines, "    ", itertools.count(), classes)
    namespace: dict[str, Any] = {"Enum": Enum, "walk_value": _walk_value, **classes}
    exec(compiled("\n".join(lines), f"<flatten {model.__name__}>"), namespace)
    return typing.cast(Flattener, namespace["flatten"])


def flatten(model: BaseModel | None, prefix: str, out: dict[str, Any]) -> None:
    """Flatten ``model`` into ``out`` under ``prefix`` (same result as ``walk``)."""
    if model is not None:
        flattener(type(model), prefix)(model, out)
