"""Strict YAML/JSON reading: duplicate keys are errors and every value keeps its line.

Policy staff edit YAML by hand; a key written twice silently overriding the first
is the kind of mistake that changes a decision without anyone noticing, so it is
refused here with both line numbers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import yaml

from screening.errors import Problem

Path_ = tuple[str, ...]
_STR = "tag:yaml.org,2002:str"


class LineMap:
    """Line numbers (1-based) of every key and item in a loaded document.

    Built on first use when given a ``source``: most proposals never need a line.
    """

    def __init__(self, lines: dict[Path_, int] | None = None,
                 source: Callable[[], dict[Path_, int]] | None = None) -> None:
        self._lines = lines if lines is not None or source is not None else {}
        self._source = source

    @property
    def lines(self) -> dict[Path_, int]:
        if self._lines is None:
            assert self._source is not None
            self._lines, self._source = self._source(), None
        return self._lines

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(str(p) for p in path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (libyaml's parser when present), remembering implicit tags.

    The tag of a plain scalar depends on its text alone (the safe loader has no
    path resolvers), and the same keys and values recur in every file.
    """

    _tags: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return str(super().resolve(kind, value, implicit))
        tag = self._tags.get(value)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(self._tags) < 20_000:
                self._tags[value] = tag
        return tag


def _scalar(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A plain value, built by its tag's constructor without the general bookkeeping."""
    if node.tag == _STR:  # what the str constructor returns, without three calls
        return node.value
    constructor = loader.yaml_constructors.get(node.tag)
    if constructor is None:  # an unknown tag: let PyYAML report it
        return loader.construct_object(node, deep=True)
    return constructor(loader, node)


def _construct(loader: _Loader, node: yaml.Node, path: Path_, lines: dict[Path_, int] | None,
               problems: list[Problem], file: str) -> Any:
    """The value of ``node``; records lines into ``lines`` unless it is None."""
    if lines is not None:
        lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) \
                else loader.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                problems.append(Problem("a mapping key must be a plain value", file=file,
                                        line=key_node.start_mark.line + 1,
                                        code="yaml_key_not_plain"))
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(
                    f"duplicate key '{key}' (first on line {seen[key]})", file=file, line=line,
                    expected="each key once per mapping", code="yaml_duplicate_key",
                    params={"key": key, "first": seen[key]}))
                continue
            seen[key] = line
            child = path
            if lines is not None:
                child = (*path, str(key))
                lines[child] = line
            result[key] = _construct(loader, value_node, child, lines, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        if lines is None:
            return [_construct(loader, item, path, None, problems, file) for item in node.value]
        return [_construct(loader, item, (*path, str(i)), lines, problems, file)
                for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, file: str, *, lazy_lines: bool = False
               ) -> tuple[Any, LineMap, list[Problem]]:
    """Parse YAML text; return data, line map and problems (syntax, duplicate keys).

    With ``lazy_lines`` the line map is only worked out (by parsing again) when asked.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, LineMap(), [Problem(f"YAML syntax error: {reason}", file=file, line=line,
                                             code="yaml_syntax", params={"reason": reason})]
    finally:
        loader.dispose()
    if node is None:
        return None, LineMap(), []
    lines: dict[Path_, int] | None = None if lazy_lines else {}
    problems: list[Problem] = []
    try:
        data = _construct(loader, node, (), lines, problems, file)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, LineMap(), [Problem(f"YAML error: {exc}", file=file, line=line,
                                             code="yaml_error", params={"reason": str(exc)})]
    if lines is None:
        return data, LineMap(source=lambda: parse_yaml(text, file)[1].lines), problems
    return data, LineMap(lines), problems


def _json_lines(text: str) -> dict[Path_, int]:
    """Best-effort line numbers for top-level keys of a JSON object."""
    lines: dict[Path_, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith('"') and '":' in stripped:
            key = stripped[1:stripped.index('":')]
            lines.setdefault((key,), number)
    return lines


def read_document(path: Path, *, lazy_lines: bool = False) -> tuple[Any, LineMap, list[Problem]]:
    """Read a YAML or JSON file (by suffix) strictly; problems name the file and line."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, LineMap(), [Problem(f"not UTF-8 text: {exc.reason}", file=file,
                                             code="not_utf8", params={"reason": exc.reason})]
    except OSError as exc:
        return None, LineMap(), [Problem(f"cannot read: {exc.strerror}", file=file,
                                             code="cannot_read",
                                             params={"reason": exc.strerror})]
    if path.suffix.lower() == ".json":
        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for key, value in pairs:
                if key in out:
                    raise ValueError(f"duplicate key '{key}'")
                out[key] = value
            return out
        try:
            data = json.loads(text, object_pairs_hook=no_duplicates)
        except json.JSONDecodeError as exc:
            return None, LineMap(), [Problem(f"JSON syntax error: {exc.msg}", file=file,
                                             line=exc.lineno, code="json_syntax",
                                             params={"reason": exc.msg})]
        except ValueError as exc:
            return None, LineMap(), [Problem(str(exc), file=file, code="json_duplicate_key",
                                             params={"reason": str(exc)})]
        return data, LineMap(_json_lines(text)), []
    return parse_yaml(text, file, lazy_lines=lazy_lines)
