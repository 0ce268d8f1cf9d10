"""Strict, bounded YAML/JSON reading: every value keeps its line, nothing runs away.

Policy staff and officers edit these files by hand, and some arrive from outside,
so reading refuses, with file, line and field, what would otherwise change a
decision unnoticed or take the tool down:

- a key written twice (the second would silently win);
- YAML 1.1's surprises: plain scalars are resolved as YAML 1.2's core schema does
  (``yes``/``no``/``on``/``off``, ``0x10``, ``0o17``, ``1_000`` and ``1:20`` stay
  text), so a strict fact model then refuses them where a number or boolean belongs;
  ``2022-09-01`` is a date, and an impossible date (``2022-09-31``) is an error;
- files and structures beyond the named bounds below, checked while reading, so
  an alias bomb, a deep nest or a huge file costs bounded time and memory.

The bounds are this module's contract: a faster parser must keep them.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from screening.errors import Problem
from screening.facts.fastread import FastReader

Path_ = tuple[str, ...]

#: largest file read, in bytes (a rule file is ~7 KB, a proposal ~4 KB; a generated
#: rulebook of 2,000 rules in one file 1.4 MB)
MAX_FILE_BYTES = 4 << 20
#: deepest nesting of mappings and lists (proposals and rules need fewer than 10)
MAX_DEPTH = 32
#: values (scalars, mappings, lists) in one document, aliases counted expanded
MAX_VALUES = 200_000
#: values an alias may bring in, summed over every alias in the document
MAX_ALIAS_VALUES = 1_000
#: characters of one number (a 5,000-digit integer is an error, not a stall)
MAX_NUMBER_CHARS = 40
#: problems reported per file; the rest are counted in one last line
MAX_PROBLEMS = 20

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
            "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
            "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
            ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}")
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = {"!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


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


class _Stop(Exception):
    """A bound was passed: reading ends with the problem already recorded."""


def _yaml() -> Any:
    """PyYAML, imported on first use: the fast reader reads most files without it."""
    global yaml, _Parser, _SCALAR, _ALIAS, _MAP_START, _MAP_END, _SEQ_START, _SEQ_END
    if _Parser is None:
        import yaml

        _Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
        _SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
        _MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
        _SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    return yaml


yaml: Any = None
_Parser: Any = None
#: the parser's event classes (set by ``_yaml()``)
_SCALAR: Any = None
_ALIAS: Any = None
_MAP_START: Any = None
_MAP_END: Any = None
_SEQ_START: Any = None
_SEQ_END: Any = None


class _Builder:
    """Values from a YAML event stream, one document, checked as they are built.

    The path of a value (for a problem or the line map) is worked out from the
    stack of open mappings and lists only when it is needed.
    """

    def __init__(self, file: str, lines: dict[Path_, int] | None) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []
        self.values = 0
        self.alias_values = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        # open collections: [container, pending key (_KEY when a key is next), keys seen
        # with their lines, anchor, values counted before it, its path or None]
        self.stack: list[list[Any]] = []

    def path(self) -> Path_:
        """Where the next value goes."""
        parts: list[str] = []
        for frame in self.stack:
            if isinstance(frame[0], dict):
                if frame[1] is _KEY:
                    break
                parts.append(str(frame[1]))
            else:
                parts.append(str(len(frame[0])))
        return tuple(parts)

    def problem(self, message: str, line: int, expected: str | None = None,
                stop: bool = False, path: Path_ | None = None, code: str | None = None,
                **params: object) -> None:
        path = self.path() if path is None else path
        self.problems.append(Problem(message, file=self.file, line=line,
                                     field=".".join(path) or None, expected=expected,
                                     code=code, params=params or None))
        if stop or len(self.problems) > MAX_PROBLEMS:
            raise _Stop

    def too_many(self, line: int) -> None:
        self.problem(f"more than {MAX_VALUES:,} values in one file", line,
                     expected="a proposal or rule file of ordinary size", stop=True,
                     code="too_many_values", limit=MAX_VALUES)

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        if event.tag is not None and event.tag not in (_STR_TAG, "!"):
            self.problem(f"YAML tag '{event.tag}' is not allowed", event.start_mark.line + 1,
                         expected="a plain value (quote it to make it text)", code="yaml_tag",
                         tag=event.tag)
            return None
        if not event.implicit[0] or event.tag is not None:  # quoted, block or !!str
            return value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if value in _SPECIAL:
            return _SPECIAL[value]
        if value[:1] not in _NUMERIC_START:
            return value
        if _INT.match(value) or _FLOAT.match(value):
            if len(value) > MAX_NUMBER_CHARS:
                self.problem(f"number of {len(value):,} characters", event.start_mark.line + 1,
                             expected=f"a number of at most {MAX_NUMBER_CHARS} characters",
                             code="number_too_long", length=len(value), limit=MAX_NUMBER_CHARS)
                return None
            return int(value) if _INT.match(value) else float(value)
        match = _DATE.match(value)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError as exc:
                self.problem(f"impossible date '{value}': {exc}", event.start_mark.line + 1,
                             expected="a calendar date YYYY-MM-DD", code="impossible_date",
                             value=value, reason=str(exc))
                return None
        if _DATETIME.match(value):
            _yaml()
            node = yaml.ScalarNode("tag:yaml.org,2002:timestamp", value)
            try:
                return yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
            except (ValueError, yaml.YAMLError) as exc:
                self.problem(f"impossible date '{value}': {exc}",
                             event.start_mark.line + 1, expected="a date YYYY-MM-DD",
                             code="impossible_date", value=value, reason=str(exc))
                return None
        return value

    def build(self, parser: Any) -> Any:
        """The document's value; the parser stands at its first node's event."""
        stack, lines, get_event = self.stack, self.lines, parser.get_event
        while True:
            event = get_event()
            kind = event.__class__
            if kind is _SCALAR:
                self.values += 1
                if self.values > MAX_VALUES:
                    self.too_many(event.start_mark.line + 1)
                value = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is _MAP_END or kind is _SEQ_END:
                frame = stack.pop()
                value = frame[0]
                if frame[3] is not None:
                    self.anchors[frame[3]] = (value, self.values - frame[4] + 1)
            elif kind is _MAP_START or kind is _SEQ_START:
                line = event.start_mark.line + 1
                self.values += 1
                if self.values > MAX_VALUES:
                    self.too_many(line)
                if len(stack) >= MAX_DEPTH:
                    self.problem(f"nested more than {MAX_DEPTH} levels deep", line,
                                 expected=f"at most {MAX_DEPTH} levels of mappings and lists",
                                 stop=True, code="too_deep", limit=MAX_DEPTH)
                if stack and stack[-1][1] is _KEY and isinstance(stack[-1][0], dict):
                    self.problem("a mapping key must be a plain value", line, stop=True,
                                 code="yaml_key_not_plain")
                if event.tag is not None and event.tag not in _COLLECTION_TAGS:
                    self.problem(f"YAML tag '{event.tag}' is not allowed", line, stop=True,
                                 expected="a plain mapping or list", code="yaml_tag",
                                 tag=event.tag)
                path = None
                if lines is not None:
                    path = self.path()
                    lines.setdefault(path, line)
                stack.append([{} if kind is _MAP_START else [], _KEY, {}, event.anchor,
                              self.values, path])
                continue
            elif kind is _ALIAS:
                line = event.start_mark.line + 1
                if event.anchor not in self.anchors:
                    self.problem(f"unknown alias '*{event.anchor}'", line,
                                 expected="an anchor '&name' defined above",
                                 code="unknown_alias", alias=event.anchor)
                    value = None
                else:
                    value, size = self.anchors[event.anchor]
                    self.alias_values += size
                    if self.alias_values > MAX_ALIAS_VALUES:
                        self.problem(f"aliases expand to more than {MAX_ALIAS_VALUES:,} values",
                                     line, expected="few or no YAML aliases", stop=True,
                                     code="alias_expansion", limit=MAX_ALIAS_VALUES)
                    self.values += size
                    if self.values > MAX_VALUES:
                        self.too_many(line)
            else:  # pragma: no cover - the parser yields nothing else inside a document
                raise _Stop
            if not stack:
                if lines is not None:
                    lines.setdefault((), event.start_mark.line + 1)
                return value
            top = stack[-1]
            container = top[0]
            if container.__class__ is dict:
                key = top[1]
                if key is _KEY:
                    line = event.start_mark.line + 1
                    if isinstance(value, list | dict):  # an alias to a collection as a key
                        self.problem("a mapping key must be a plain value", line, stop=True,
                                 code="yaml_key_not_plain")
                    seen = top[2]
                    if value in seen:
                        parent = self.path()
                        self.problem(f"duplicate key '{value}' (first on line {seen[value]})",
                                     line, expected="each key once per mapping",
                                     path=(*parent, str(value)), code="yaml_duplicate_key",
                                     key=str(value), first=seen[value])
                        top[1] = _SKIP
                    else:
                        seen[value] = line
                        top[1] = value
                        if lines is not None:
                            lines[(*top[5], str(value))] = line
                else:
                    if key is not _SKIP:
                        container[key] = value
                    top[1] = _KEY
            else:
                if lines is not None and kind is not _MAP_END and kind is not _SEQ_END:
                    lines[(*top[5], str(len(container)))] = event.start_mark.line + 1
                container.append(value)


_NUMERIC_START = frozenset("0123456789+-.")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_KEY = _Marker("<key>")  # the next value of a mapping is a key
_SKIP = _Marker("<skip>")  # the key was a duplicate: its value is dropped


def _mark_line(exc: BaseException, text: str) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)  # a reader error: a character position
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


class _PlainEvent:
    """A plain scalar's event as the parser would give it, for ``plain_value``."""

    tag = None
    implicit = (True, False)
    anchor = None

    class start_mark:  # the parser's attribute name
        line = 0

    def __init__(self, value: str) -> None:
        self.value = value


def plain_value(text: str) -> Any:
    """What a plain (unquoted) scalar reads as here; ValueError where reading it would
    report a problem (an impossible date, a number too long).

    The fast reader (fastread.py) asks this of every plain value it cannot place itself.
    """
    builder = _Builder("", None)
    try:
        value = builder.scalar(_PlainEvent(text))
    except _Stop:
        raise ValueError(text) from None
    if builder.problems:
        raise ValueError(builder.problems[0].message)
    return value


#: the fast reader (rapidyaml + orjson) steps aside within these bounds
_FAST = FastReader(plain_value, max_depth=MAX_DEPTH, max_values=MAX_VALUES)


def parse_yaml(text: str, file: str, *, lazy_lines: bool = False, raw: bytes | None = None
               ) -> tuple[Any, LineMap, list[Problem]]:
    """Parse YAML text; return data, line map and problems (syntax, duplicate keys, bounds).

    With ``lazy_lines`` the line map is only worked out (by parsing again) when asked,
    and the fast reader reads the file if it can (exactly as this reader would);
    ``raw``, when given, is ``text`` in UTF-8 (saves encoding it again).
    """
    if lazy_lines:
        data = _FAST.read(text, raw)
        if data is not None:
            return data, LineMap(source=lambda: parse_yaml(text, file)[1].lines), []
    lines: dict[Path_, int] | None = None if lazy_lines else {}
    builder = _Builder(file, lines)
    _yaml()
    parser = _Parser(text)
    data: Any = None
    try:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None, LineMap(), []
        parser.get_event()  # document start
        data = builder.build(parser)
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            event = parser.get_event()
            builder.problem("more than one YAML document in the file",
                            event.start_mark.line + 1, path=(),
                            expected="one document (no second '---')", stop=True,
                            code="multiple_documents")
    except _Stop:
        data = None
    except yaml.YAMLError as exc:
        reason = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        builder.problems.append(Problem(f"YAML syntax error: {reason}", file=file,
                                        line=_mark_line(exc, text), code="yaml_syntax",
                                        params={"reason": reason}))
        data = None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    problems = _capped(builder.problems, file)
    if problems:
        return None, LineMap(lines or {}), problems
    if lines is None:
        return data, LineMap(source=lambda: parse_yaml(text, file)[1].lines), problems
    return data, LineMap(lines), problems


def _capped(problems: list[Problem], file: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS],
            Problem(f"more problems not listed (only the first {MAX_PROBLEMS} are)", file=file,
                    code="more_problems", params={"shown": MAX_PROBLEMS})]


class _Refused(ValueError):
    """A JSON value refused while parsing, with its kind for the message catalogue."""

    def __init__(self, message: str, expected: str | None, code: str, **params: object):
        super().__init__(message)
        self.expected, self.code, self.params = expected, code, params


def _json_number(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"number of {len(text):,} characters",
                       f"a number of at most {MAX_NUMBER_CHARS} characters", "number_too_long",
                       length=len(text), limit=MAX_NUMBER_CHARS)
    return text


def _json_int(text: str) -> int:
    return int(_json_number(text))


def _json_float(text: str) -> float:
    return float(_json_number(text))


def _json_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number here", "a finite number", "not_finite", name=name)


def _json_depth(data: Any) -> int:
    """Nesting depth of loaded JSON, without recursion."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            items = value.values() if isinstance(value, dict) else value
            todo.extend((item, depth + 1) for item in items if isinstance(item, dict | list))
    return deepest


def _json_lines(text: str) -> dict[Path_, int]:
    """Best-effort line numbers for top-level keys of a JSON object."""
    lines: dict[Path_, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith('"') and '":' in stripped:
            key = stripped[1:stripped.index('":')]
            lines.setdefault((key,), number)
    return lines


def parse_json(text: str, file: str) -> tuple[Any, LineMap, list[Problem]]:
    """Parse JSON text strictly: no duplicate keys, NaN or runaway numbers and nesting."""
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _Refused(f"duplicate key '{key}'", "each key once per object",
                               "json_duplicate_key", reason=f"duplicate key '{key}'", key=key)
            out[key] = value
        return out

    def fail(message: str, line: int | None = None, expected: str | None = None,
             code: str | None = None, **params: object) -> tuple[Any, LineMap, list[Problem]]:
        return None, LineMap(), [Problem(message, file=file, line=line, expected=expected,
                                         code=code, params=params or None)]

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_int=_json_int,
                          parse_float=_json_float, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        return fail(f"JSON syntax error: {exc.msg}", exc.lineno, code="json_syntax",
                    reason=exc.msg)
    except RecursionError:
        return fail(f"nested more than {MAX_DEPTH} levels deep",
                    expected=f"at most {MAX_DEPTH} levels of objects and arrays",
                    code="too_deep", limit=MAX_DEPTH)
    except _Refused as exc:
        line = None
        if exc.code == "json_duplicate_key":
            key = str(exc.params["key"])
            found = [n for n, raw in enumerate(text.splitlines(), 1) if f'"{key}"' in raw]
            line = found[1] if len(found) > 1 else None
        return fail(str(exc), line, exc.expected, exc.code, **exc.params)
    if _json_depth(data) > MAX_DEPTH:
        return fail(f"nested more than {MAX_DEPTH} levels deep",
                    expected=f"at most {MAX_DEPTH} levels of objects and arrays",
                    code="too_deep", limit=MAX_DEPTH)
    return data, LineMap(_json_lines(text)), []


_BOMS = [(b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")]


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes: UTF-8 (a BOM allowed), else a problem saying why not."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return None, [Problem(f"the file is {name} text", file=file,
                                  expected="UTF-8 text (save the file as UTF-8)",
                                  code="wrong_encoding", params={"encoding": name})]
    if 0 in raw:  # a byte value: ``b"\x00" in raw`` first fails as a number, costing an error
        return None, [Problem("binary data (NUL bytes), not YAML or JSON text", file=file,
                              expected="a UTF-8 YAML or JSON text file", code="binary_file")]
    try:  # "utf-8-sig" costs a codec lookup and a Python call: only with a BOM
        return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        reason = f"byte {exc.start + 1}, {exc.reason}"
        return None, [Problem(f"not UTF-8 text: {reason}", file=file, line=line,
                              expected="UTF-8 text", code="not_utf8", params={"reason": reason})]


#: how a proposal or rule file is opened: binary, not inherited by child processes
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_at_most(path: str | Path, size: int, limit: int) -> bytes:
    """The file's first ``limit`` bytes (or all of it), ``size`` being what stat said.

    A read allocates the bytes it asks for, so the first asks for the size stat gave
    (and one more), the next ones for at most 64 KiB, until the end or the limit (a
    file that grew since, or a special file whose size reads 0). A first read that
    returns less than it asked for has met the end of the file.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        asked = min(size + 1, limit)
        raw = os.read(fd, asked)
        if len(raw) < asked:
            return raw
        while len(raw) < limit:
            more = os.read(fd, min(1 << 16, limit - len(raw)))
            if not more:
                break
            raw += more
        return raw
    finally:
        os.close(fd)


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """A regular file's bytes, at most MAX_FILE_BYTES; anything else is a problem."""
    file = os.fspath(path)
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            return None, [Problem(f"cannot read: {kind}", file=file,
                                  expected="a YAML or JSON file", code="cannot_read",
                                  params={"reason": kind})]
        if info.st_size > MAX_FILE_BYTES:
            return None, [Problem(f"file of {info.st_size:,} bytes is too large", file=file,
                                  expected=f"at most {MAX_FILE_BYTES:,} bytes",
                                  code="file_too_large",
                                  params={"size": info.st_size, "limit": MAX_FILE_BYTES})]
        raw = _read_at_most(file, info.st_size, MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        if os.path.islink(file):
            reason = "the symbolic link points nowhere"
            return None, [Problem(f"cannot read: {reason}", file=file, code="cannot_read",
                                  params={"reason": reason})]
        return None, [Problem("file not found", file=file, code="file_not_found")]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [Problem(f"cannot read: {reason}", file=file, code="cannot_read",
                              params={"reason": reason})]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(f"file of more than {MAX_FILE_BYTES:,} bytes is too large",
                              file=file, expected=f"at most {MAX_FILE_BYTES:,} bytes",
                              code="file_too_large",
                              params={"size": len(raw), "limit": MAX_FILE_BYTES})]
    return raw, []


def parse_document(raw: bytes, file: str, *, json_text: bool, lazy_lines: bool = False
                   ) -> tuple[Any, LineMap, list[Problem]]:
    """Decode and parse a document's bytes as JSON or YAML, within the bounds."""
    text, problems = decode(raw, file)
    if text is None:
        return None, LineMap(), problems
    if json_text:
        return parse_json(text, file)
    return parse_yaml(text, file, lazy_lines=lazy_lines,
                      raw=None if raw.startswith(b"\xef\xbb\xbf") else raw)


def read_document(path: Path, *, lazy_lines: bool = False) -> tuple[Any, LineMap, list[Problem]]:
    """Read a YAML or JSON file (by suffix) strictly; problems name the file and line."""
    raw, problems = read_bytes(path)
    if raw is None:
        return None, LineMap(), problems
    return parse_document(raw, str(path), json_text=path.suffix.lower() == ".json",
                          lazy_lines=lazy_lines)
