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

import math
import os
import re
import threading
from collections.abc import Callable
from datetime import date
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
#: every ASCII digit as "0" (and "E" as "e", "+" as "-"), so that number forms are found
#: with plain byte searches
_ZEROS = bytes.maketrans(b"123456789E+", b"000000000e-")
#: the first bytes of a text the strict reader may read as other than text if written
#: plain (numbers, dates, null, booleans and YAML 1.1's yes/no/on/off, merge and value keys)
_MAYBE = frozenset(b"0123456789+-.~nNtTfFyYoO<=")
#: bytes searched for as numbers (a one-byte search in ``bytes`` that way is a memchr)
_BACKSLASH, _TAB, _LESS, _PERCENT, _AMPERSAND, _STAR, _BANG, _BAR, _GREATER = b"\\\t<%&*!|>"


def _aside(text: str, raw: bytes) -> bool:
    """True if ``text`` (``raw`` in UTF-8) holds something only the strict reader reads right."""
    if _BACKSLASH in raw or _TAB in raw or (_LESS in raw and raw.find(b"<<") >= 0):
        return True
    if raw.startswith((b"---", b"...", b"%")) or (_PERCENT in raw and raw.find(b"\n%") >= 0):
        return True  # a second document is seen in the tree (its root is a stream)
    if (_AMPERSAND in raw or _STAR in raw or _BANG in raw) and _MARKS.search(text):
        return True
    if (_BAR in raw or _GREATER in raw) and _BLOCK.search(text):
        return True
    return _odd_number(raw.translate(_ZEROS))


def _odd_number(zeros: bytes) -> bool:
    """Number forms that rapidyaml, YAML 1.1 and YAML 1.2 read differently, or that pass a
    bound: an exponent, a sign before a leading dot, 19 digits in a row (orjson reads a
    larger integer as a float; the strict reader bounds a number's length). Forms rapidyaml
    writes as text (``1_000``, ``0x10``, ``010``, ``.inf``) are read by the strict reader's
    rule, and a leading ``+`` is refused by orjson. ``zeros`` is the text translated by
    ``_ZEROS``, where an exponent mark reads ``0e`` or ``.e``."""
    if zeros.find(b"0000000000000000000") >= 0:
        return True
    at = zeros.find(b"-.")  # a sign before a leading dot (searched for without its digit,
    while at >= 0:          # which is in nearly every place of the translated text)
        if zeros[at + 2:at + 3] == b"0":
            return True
        at = zeros.find(b"-.", at + 2)
    for mark in (b"0e", b".e"):
        at = zeros.find(mark)
        while at >= 0:
            after = zeros[at + 2:at + 4]
            if after[:1] == b"0" or (after[:1] == b"-" and after[1:2] == b"0"):
                return True
            at = zeros.find(mark, at + 2)
    return False


_CONTAINER = (getattr(ryml, "MAP", 0) | getattr(ryml, "SEQ", 0)) if ryml else 0
_NOT_ROOT = (getattr(ryml, "STREAM", 0) | getattr(ryml, "DOC", 0)) if ryml else 0
_TEXT = object()  # a text the strict reader reads as the same text, plain or quoted
_QUOTED = object()  # a text written quoted wherever rapidyaml writes it as a JSON string
_ASIDE = object()  # a text only the strict reader reads right
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
        #: what each text met as a JSON string means (``_kind``), asked once per text
        self._kinds: dict[bytes, Any] = {}
        #: the texts of those that the strict reader reads as themselves, plain or quoted
        self._text: set[bytes] = set()
        #: a line of the data written with orjson's indent that stands deeper than allowed
        self._too_deep = b"\n" + b" " * (2 * max_depth)

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
        if len(raw) > self.max_values and raw.count(b",") + raw.count(b"\n") > self.max_values:
            return None  # more separators than values allowed: the strict reader says so
        if _aside(text, raw):
            return None
        try:
            tree, json = _parse(raw)
            if json is None or tree.size() > self.max_values:
                return None
            json, dates = self._resolve(json, text)
            data = orjson.loads(json)
            # every key kept (none written twice: a colon stands after each key, and the
            # texts are the same) and no value nested too deep: both seen in the data
            # written again with one line per value, indented by its depth
            again = orjson.dumps(data, option=orjson.OPT_INDENT_2)
            if again.count(b":") != json.count(b":") or again.find(self._too_deep) >= 0:
                return None
            if dates and _place(data, dates, sum(json.count(b'"%s"' % d.encode())
                                                  for d in dates)):
                return None
        except _Aside:
            return None
        except Exception:  # a parser refusing: the strict reader says why
            return None
        return data

    def _resolve(self, json: bytes, text: str) -> tuple[bytes, dict[str, Any]]:
        """``json`` with every plain scalar the strict reader reads as null, a boolean or
        a number written as that, and the plain dates to put in place of their text.

        rapidyaml writes as a JSON string every quoted scalar and every plain one it does
        not read as a number, ``true``, ``false`` or ``null``; each text of a string is
        looked at once (``_kind``, texts read as themselves kept in a set) and, where it
        may have been written plain, its occurrences in the file decide.
        Raises _Aside where the two readers could differ.
        """
        if _BACKSLASH in json:  # an escape: a string could hold a quote
            raise _Aside
        # without escapes, every other piece between quotes is a string, key or value
        strings = json.split(b'"')[1::2]
        if self._text.issuperset(strings):
            return json, {}
        dates: dict[str, Any] = {}
        kinds = self._kinds
        for value in set(strings).difference(self._text):
            kind = kinds.get(value)
            if kind is None:
                kind = self._kind(value)
            if kind is _TEXT:
                continue
            if kind is _ASIDE or json.find(b'"%s":' % value) >= 0:  # a key not read as text
                raise _Aside
            if kind is _QUOTED:
                continue
            read, literal = kind
            quoted, total = _quoted(text, value.decode("utf-8"))
            if quoted == total and total:
                continue  # quoted wherever it stands: the text it is
            if quoted or not total:
                raise _Aside
            if literal is None:
                dates[value.decode("utf-8")] = read
            else:
                json = json.replace(b'"%s"' % value, literal)
        return json, dates

    def _kind(self, value: bytes) -> Any:
        """What the JSON string ``value`` stands for: _TEXT if the strict reader reads it as
        that text plain or quoted; _QUOTED if rapidyaml would not write it plain as a
        string (so it was quoted); _ASIDE if the strict reader refuses it plain or it may be
        a quoted scalar folded over lines; else (its plain value, JSON for that or None
        for a date)."""
        kind = _TEXT if value and value[0] not in _MAYBE else self._read_plain(value)
        if kind is _TEXT:
            if len(self._text) < _CACHE_SIZE:
                self._text.add(value)
        elif len(self._kinds) < _CACHE_SIZE:
            self._kinds[value] = kind
        return kind

    def _read_plain(self, value: bytes) -> Any:
        """``_kind`` of a text the strict reader may read as other than text."""
        text = value.decode("utf-8")
        try:
            read = self.plain(text)
        except ValueError:
            return _ASIDE
        if read.__class__ is str and read == text:
            return _TEXT
        if " " in text or "\n" in text:
            return _ASIDE
        if read.__class__ in (int, float) and not _written_as_string(value):
            return _QUOTED
        literal = _json_literal(read)
        if literal is None and read.__class__ is not date:
            return _ASIDE
        return (read, literal)


def _json_literal(value: Any) -> bytes | None:
    """``value`` as JSON that orjson reads back as the same value, or None."""
    if value is None or value.__class__ is bool:
        return orjson.dumps(value)
    if value.__class__ is int and -(1 << 63) <= value < (1 << 63):
        return b"%d" % value
    if value.__class__ is float and math.isfinite(value):
        return repr(value).encode()
    return None


def _written_as_string(value: bytes) -> bool:
    """True if rapidyaml writes the plain scalar ``value`` as a JSON string."""
    json = _parse(b"k: " + value + b"\n")[1]
    return json is not None and json.startswith(b'{\n  "k": "')


def _place(data: Any, dates: dict[str, Any], left: int) -> int:
    """Put each date in place of its text in ``data``, in the file's order, until the
    ``left`` occurrences are placed; the number not found (0 when all were)."""
    items = data.items() if data.__class__ is dict else enumerate(data)
    for key, item in items:
        kind = item.__class__
        if kind is str:
            found = dates.get(item)
            if found is not None:
                data[key] = found
                left -= 1
                if not left:
                    return 0
        elif kind is dict or kind is list:
            left = _place(item, dates, left)
            if not left:
                return 0
    return left


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


def _parse(raw: bytes) -> tuple[Any, Any]:
    """rapidyaml's tree of ``raw`` and its JSON (bytes), or None for the JSON when the
    root is not one mapping or list; its C++ messages are kept off stderr.

    The library writes them to file descriptor 2 before raising (on a refused file,
    or on one nested too deep to write out), and the strict reader then reports the
    problem in the officer's terms. Only the main thread reads here (a thread
    writing to stderr meanwhile would lose its line).
    """
    if not _DEVNULL:
        _DEVNULL.append(os.open(os.devnull, os.O_WRONLY))
    saved = os.dup(2)
    try:
        os.dup2(_DEVNULL[0], 2)
        tree = ryml.parse_in_arena(raw)
        root = tree.root_id()
        kind = tree.type(root)
        if not kind & _CONTAINER or kind & _NOT_ROOT:
            return tree, None
        return tree, bytes(_json_of(tree, root, len(raw)))
    finally:
        os.dup2(saved, 2)
        os.close(saved)
