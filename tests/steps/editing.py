"""Changing a proposal (a plain dict, as in a case file) by dotted field paths.

``coal.new_tce``, ``coal.sources.0.amount`` and ``fuels.1`` address a value;
missing mappings on the way are created. Values are written as YAML scalars
(``60000`` → int, ``true`` → bool, ``2022-09-01`` → date, ``[煤炭, 天然气]`` → list),
except where the proposal model expects text (``industry.code: 3041`` stays the
text "3041"). ``null`` or ``未知`` leaves the fact unknown; ``删除`` or ``<删除>``
removes the key. Nothing is checked here: the proposal model checks it all when
the scenario screens, so a misspelt field fails loudly there.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from screening.facts.proposal import Proposal

DELETE_WORDS = frozenset({"删除", "<删除>"})
UNKNOWN_WORDS = frozenset({"null", "~", "未知"})


class FactPathError(LookupError):
    """A path that does not lead anywhere in the proposal."""


class _Delete:
    def __repr__(self) -> str:
        return "<删除>"


DELETE = _Delete()


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def field_type(path: str) -> Any:
    """The type the proposal model expects at ``path``, or None if it has no such field."""
    annotation: Any = Proposal
    for part in path.split("."):
        annotation = _unwrap(annotation)
        if part.isdigit():
            if typing.get_origin(annotation) is not list:
                return None
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part)
            if info is None:
                return None
            annotation = info.annotation
        else:
            return None
    return _unwrap(annotation)


def parse_value(path: str, raw: str) -> Any:
    """The value a step's text stands for at ``path`` (see the module docstring)."""
    text = raw.strip()
    if text in DELETE_WORDS:
        return DELETE
    if text in UNKNOWN_WORDS:
        return None
    expected = field_type(path)
    if isinstance(expected, type) and issubclass(expected, str):
        return text
    return yaml.safe_load(text)


def _child(node: Any, part: str, path: str) -> Any:
    if isinstance(node, list):
        if not part.isdigit() or int(part) >= len(node):
            raise FactPathError(f"{path}: 列表中没有第 {part} 项（共 {len(node)} 项，从 0 起数）")
        return node[int(part)]
    if isinstance(node, dict):
        return node.get(part)
    raise FactPathError(f"{path}: '{part}' 之前的值不是映射或列表")


def _parent(data: dict[str, Any], parts: list[str], path: str, create: bool) -> Any:
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        child = _child(node, part, path)
        if child is None:
            if not create:
                raise FactPathError(f"{path}: 项目中没有 '{'.'.join(parts[:i + 1])}'")
            child = [] if parts[i + 1].isdigit() else {}
            node[part] = child
        node = child
    return node


def set_fact(data: dict[str, Any], path: str, value: Any) -> None:
    """Set (or with ``DELETE`` remove) the value at ``path``."""
    if value is DELETE:
        delete_fact(data, path)
        return
    parts = path.split(".")
    node = _parent(data, parts, path, create=True)
    last = parts[-1]
    if isinstance(node, list):
        if not last.isdigit() or int(last) > len(node):
            raise FactPathError(f"{path}: 列表只能按 0 到 {len(node)} 的序号设置")
        if int(last) == len(node):
            node.append(value)
        else:
            node[int(last)] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise FactPathError(f"{path}: 上一级不是映射或列表")


def delete_fact(data: dict[str, Any], path: str) -> None:
    """Remove the value at ``path``; a path that is not there is an error (likely a typo)."""
    parts = path.split(".")
    node = _parent(data, parts, path, create=False)
    last = parts[-1]
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        del node[int(last)]
    elif isinstance(node, dict) and last in node:
        del node[last]
    else:
        raise FactPathError(f"{path}: 项目中没有这个字段，无法删除")
