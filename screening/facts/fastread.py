"""The fast path of reading: rapidyaml parses, orjson builds the values, in native code.

Reading a proposal file with PyYAML costs more than screening it (a Python node
object per value). Here libryml's C++ parser reads the text and writes it out as
JSON, and orjson turns that into dicts and lists. The result is then checked
against what the strict reader (``yamlio``) would have returned, and whenever the
two could differ this module answers None and the strict reader reads the file
as before, with its line numbers, bounds and error messages. So the fast path
never reports a problem and never decides one: it only reads files it can read
exactly as the strict reader does.

It steps aside for: anything rapidyaml or orjson refuses; more than one document,
a bare scalar, or an empty file; anchors, aliases, tags, merge keys, directives,
block scalars, tabs and backslash escapes; numbers with an exponent, 19 digits
in a row or a sign before a leading dot (forms the two parsers, or YAML 1.1 and
1.2, read differently, see ``_odd_number``); a key the strict reader
would not read as text; nesting deeper, or
more values, than the strict reader's bounds; and a duplicate key (the parsed
tree has more nodes than the values built). A plain scalar that the strict
reader reads as something other than text (a date, ``~``, a boolean word) is
read by the strict reader's own rule (``plain``) when none of its occurrences in
the file is quoted, and kept as text when all are; otherwise the file steps aside.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from typing import Any

try:  # both are optional: without them every file is read by the strict reader
    import orjson
    import ryml
except ImportError:  # pragma: no cover - installed with the package
    ryml = orjson = None

#: text the fast path does not read (see the module docstring); each pattern is only
#: searched for when a character it needs is in the text at all
_MARKS = re.compile(r"(?:^|[\s\[{,])[&*!]\S", re.M)  # anchors, aliases, tags
_BLOCK = re.compile(r"[:\-?]\s+[|>][-+0-9]*[ ]*(?:#.*)?$", re.M)  # block scalars
#: every ASCII digit as "0" (and "E" as "e"), so that number forms are found with plain
#: byte searches
_ZEROS = bytes.maketrans(b"123456789E", b"000000000e")
#: the first characters of a plain scalar the strict reader may read as other than text
#: (numbers, dates, null, booleans and YAML 1.1's yes/no/on/off, merge and value keys)
_MAYBE = frozenset("0123456789+-.~nNtTfFyYoO<=")
#: the same with "" (an empty text), so that ``text[:1] in _FIRST`` asks both at once
_FIRST = _MAYBE | {""}


def _aside(text: str, raw: bytes) -> bool:
    """True if ``text`` (``raw`` in UTF-8) holds something only the strict reader reads right."""
    if b"\\" in raw or b"\t" in raw or b"<<" in raw:
        return True
    if raw.startswith((b"---", b"...", b"%")) or b"\n---" in raw or b"\n..." in raw \
            or b"\n%" in raw:
        return True
    if (b"&" in raw or b"*" in raw or b"!" in raw) and _MARKS.search(text):
        return True
    if (b"|" in raw or b">" in raw) and _BLOCK.search(text):
        return True
    return _odd_number(raw.translate(_ZEROS))


def _odd_number(zeros: bytes) -> bool:
    """Number forms that rapidyaml, YAML 1.1 and YAML 1.2 read differently, or that pass a
    bound: an exponent, a sign before a leading dot, 19 digits in a row (orjson reads a
    larger integer as a float; the strict reader bounds a number's length). Forms rapidyaml
    writes as text (``1_000``, ``0x10``, ``010``, ``.inf``) are read by the strict reader's
    rule, and a leading ``+`` is refused by orjson. ``zeros`` is the text translated by
    ``_ZEROS``, where an exponent mark reads ``0e`` or ``.e``."""
    if b"0000000000000000000" in zeros or b"-.0" in zeros or b"+.0" in zeros:
        return True
    for mark in (b"0e", b".e"):
        at = zeros.find(mark)
        while at >= 0:
            after = zeros[at + 2:at + 4]
            if after[:1] == b"0" or (after[:1] in (b"+", b"-") and after[1:2] == b"0"):
                return True
            at = zeros.find(mark, at + 2)
    return False


_CONTAINER = (getattr(ryml, "MAP", 0) | getattr(ryml, "SEQ", 0)) if ryml else 0
_NOT_ROOT = (getattr(ryml, "STREAM", 0) | getattr(ryml, "DOC", 0)) if ryml else 0
_TEXT = object()  # a plain scalar the strict reader reads as the same text
_CACHE_SIZE = 50_000


class _Aside(Exception):
    """The strict reader must read this file."""


class FastReader:
    """Reads YAML text as the strict reader would, or answers None.

    ``plain`` is the strict reader's value of a plain scalar (raising ValueError
    where it would report a problem); ``max_depth`` and ``max_values`` its bounds.
    """

    def __init__(self, plain: Callable[[str], Any], max_depth: int, max_values: int) -> None:
        self.plain = plain
        self.max_depth, self.max_values = max_depth, max_values
        self._plain: dict[str, Any] = {}
        #: texts that read as the same text wherever they stand, plain or quoted
        self._as_text: set[str] = set()

    @staticmethod
    def available() -> bool:
        return ryml is not None

    def read(self, text: str, raw: bytes | None = None) -> Any:
        """The document's value, or None when the strict reader must read it.

        ``raw``, when given, is ``text`` in UTF-8 (the file's bytes without a BOM).
        """
        if ryml is None or not text or threading.current_thread() is not threading.main_thread():
            return None
        if raw is None:
            raw = text.encode("utf-8")
        if raw.count(b",") + raw.count(b"\n") > self.max_values or _aside(text, raw):
            return None  # more separators than values allowed: the strict reader says so
        try:
            tree = _parse(raw)
            root = tree.root_id()
            kind = tree.type(root)
            if not kind & _CONTAINER or kind & _NOT_ROOT:
                return None
            data = orjson.loads(_json_of(tree, root, len(raw)))
            self._text = text
            count = 1 + self._check(data)
        except _Aside:
            return None
        except Exception:  # a parser refusing: the strict reader says why
            return None
        finally:
            self._text = ""
        if count > self.max_values:  # the strict reader's bound
            return None
        if count != tree.size():  # a duplicate key: one value for two nodes
            return None
        return data

    def _resolved(self, value: str) -> Any:
        if value and value[0] not in _MAYBE:
            return _TEXT
        found = self._plain.get(value)
        if found is None:
            try:
                found = self.plain(value)
            except ValueError:
                raise _Aside from None
            if isinstance(found, str) and found == value:
                found = _TEXT
            elif found is None:
                found = _NONE
            if len(self._plain) < _CACHE_SIZE:
                self._plain[value] = found
        return found

    def _scalar(self, value: str) -> Any:
        """A text value: as written if quoted, else read by the strict reader's rule."""
        found = self._resolved(value)
        if found is _TEXT:
            return value
        if " " in value or "\n" in value:  # could be a quoted scalar folded over lines
            raise _Aside
        quoted, total = _quoted(self._text, value)
        if quoted == 0:
            return None if found is _NONE else found
        if quoted == total:
            return value
        raise _Aside

    def _check(self, data: Any) -> int:
        """Read ``data``'s text values as the strict reader reads them (in place); the
        number of values below the root. Raises _Aside where the two could differ."""
        first, known, resolved, scalar = _FIRST, self._plain.get, self._resolved, self._scalar
        max_depth = self.max_depth
        # texts met before that read as themselves (as a key or a value): asked once each
        plain_text, roomy = self._as_text, len(self._as_text) < _CACHE_SIZE
        same = plain_text.__contains__
        keep = plain_text.add if roomy else (lambda text: None)

        def walk(value: Any, depth: int) -> int:
            if depth > max_depth:
                raise _Aside
            count = len(value)
            if value.__class__ is dict:
                if not plain_text.issuperset(value):  # some key not met before
                    for key in value:
                        if not same(key):
                            if key[:1] in first and known(key) is not _TEXT \
                                    and resolved(key) is not _TEXT:
                                raise _Aside
                            keep(key)
                for key, item in value.items():
                    kind = item.__class__
                    if kind is str:
                        if not same(item):
                            if item[:1] in first and known(item) is not _TEXT:
                                value[key] = scalar(item)
                            else:
                                keep(item)
                    elif kind is dict or kind is list:
                        count += walk(item, depth + 1)
                return count
            for index, item in enumerate(value):
                kind = item.__class__
                if kind is str:
                    if not same(item):
                        if item[:1] in first and known(item) is not _TEXT:
                            value[index] = scalar(item)
                        else:
                            keep(item)
                elif kind is dict or kind is list:
                    count += walk(item, depth + 1)
            return count

        return walk(data, 1)


_NONE = object()  # a plain scalar the strict reader reads as null


def _quoted(text: str, value: str) -> tuple[int, int]:
    """(occurrences of ``value`` in quotes, occurrences of it) in ``text``: the counts
    ``text.count(f"'{value}'") + text.count(f'"{value}"')`` and ``text.count(value)``,
    found in one pass when ``value`` is not empty and holds no quote (then no quoted
    occurrence can overlap another occurrence of ``value``; two quoted ones sharing a
    quote count once, as ``str.count`` counts)."""
    if not value or "'" in value or '"' in value:
        return (text.count(f"'{value}'") + text.count(f'"{value}"'), text.count(value))
    quoted = total = 0
    size = len(value)
    free = {"'": 0, '"': 0}  # where a counted quoted occurrence may start (count's rule)
    at = text.find(value)
    while at >= 0:
        total += 1
        mark = text[at - 1:at] if at else ""
        if mark in free and at - 1 >= free[mark] and text[at + size:at + size + 1] == mark:
            quoted += 1
            free[mark] = at + size + 1
        at = text.find(value, at + size)
    return quoted, total


def _json_of(tree: Any, root: int, size: int) -> memoryview | str:
    """The tree as JSON in UTF-8, written once into a buffer sized from the text's length.

    ``emit_json_malloc`` emits twice (once to measure) and hands back a decoded ``str``
    that orjson then encodes again; emitting into a buffer and giving orjson its bytes
    is the same JSON (tests/facts/test_fast_read.py compares the two).
    """
    buffer = bytearray(2 * size + 256)
    failed, length = ryml.emit_json_to_substr(tree, root, buffer)
    if failed:  # more JSON than the guess: emitted the measuring way
        return ryml.emit_json_malloc(tree, root)
    return memoryview(buffer)[:length]
_DEVNULL: list[int] = []


def _parse(raw: bytes) -> Any:
    """rapidyaml's tree of ``raw``; its C++ messages on a refused file are kept off stderr.

    The library writes them to file descriptor 2 before raising, and the strict
    reader then reports the problem in the officer's terms. Only the main thread
    reads here (a thread writing to stderr meanwhile would lose its line).
    """
    if not _DEVNULL:
        _DEVNULL.append(os.open(os.devnull, os.O_WRONLY))
    saved = os.dup(2)
    try:
        os.dup2(_DEVNULL[0], 2)
        return ryml.parse_in_arena(raw)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
