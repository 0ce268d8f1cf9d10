"""Decisions as JSON text: compact for machines, indented for people, by a fast encoder.

orjson writes in native code what Python's ``json`` writes in Python once asked
to indent (3.3× slower). The text differs from ``json.dumps`` only in spacing
and in how some floats are spelled (``1e16`` for ``1e+16``); parsed, it is the
same value. Without orjson, ``json`` writes the same values.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - installed with the package
    orjson = None

def _orjson(value: Any, indent: bool) -> bytes:
    """orjson's bytes; keys that are not text (an integer, a date) written as text.

    ``OPT_NON_STR_KEYS`` costs a third more on every mapping, so it is only asked
    for when a key needs it (the bytes are the same for text keys either way).
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    try:
        return orjson.dumps(value, option=option)
    except TypeError:  # a key that is not text, or a value orjson does not write
        return orjson.dumps(value, option=option | orjson.OPT_NON_STR_KEYS)


def dumps(value: Any, indent: bool = False) -> str:
    """``value`` as JSON text: on one line, or indented by two spaces with ``indent``."""
    if orjson is not None:
        try:
            return _orjson(value, indent).decode("utf-8")
        except TypeError:  # a type orjson does not write (e.g. an integer past 64 bits)
            pass
    if indent:
        return json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def dumps_bytes(value: Any, indent: bool = False) -> bytes:
    """``dumps(value, indent)`` as UTF-8 bytes, as orjson writes them (not decoded)."""
    if orjson is not None:
        try:
            return _orjson(value, indent)
        except TypeError:  # a type orjson does not write (e.g. an integer past 64 bits)
            pass
    return dumps(value, indent).encode("utf-8")
