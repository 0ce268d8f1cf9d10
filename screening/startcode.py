"""The code Python generates while the command line starts, kept compiled in the user's cache.

Declaring a dataclass makes Python write its ``__init__``, ``__repr__``, ``__eq__`` …
as source text and compile it (``dataclasses`` runs ``exec`` on the text); a
string annotation is compiled by ``typing.ForwardRef``. A short run declares some
80 dataclasses (ours, pydantic's, annotated_types') and 770 forward references:
parsing and compiling those texts was a fifth of `screening screen one.yaml`.

While ``install()`` is in effect, ``dataclasses`` and ``typing`` compile through
``compile_text``: a text seen before is taken as the code object kept for exactly
that text (and mode), else compiled as Python would compile it (the same filename,
no inherited future flags: neither module has any) and noted. ``keep()`` (called
by `screen` at the end of its start-up) stores the code objects used, marshalled as
``.pyc`` files are, in one cache entry (screening/cachefiles.py: owner, mode, key
and SHA-256 checked) under a key of this Python and the package's source files; a
text not in the entry is compiled, so an entry of other library versions only costs
the compiling it would have saved.
The functions made are those Python would make: only where their code comes
from changes.
"""

from __future__ import annotations

import builtins
import dataclasses
import hashlib
import marshal
import sys
import typing
from types import CodeType
from typing import Any

from screening import cachefiles

#: the layout of an entry; changing what is stored means a new number
FORMAT = b"start-up code 1\n"
SUFFIX = ".startcode"
#: entries kept (one per state of the package's source files and Python)
KEEP = 4
#: texts kept at most (a short run uses some 600)
LIMIT = 5000

_known: dict[str, CodeType] = {}  # mode + "\0" + text -> code, from the entry
_used: dict[str, CodeType] = {}  # what this process compiled or took, to keep
_fresh = False  # something was compiled that the entry did not hold
_key: str | None = None


def compile_text(source: str, filename: str, mode: str) -> CodeType:
    """``compile(source, filename, mode, dont_inherit=True)``, taken from the entry when it
    holds this very text."""
    global _fresh
    name = f"{mode}\0{filename}\0{source}"
    code = _used.get(name) or _known.get(name)
    if code is None:
        code = builtins.compile(source, filename, mode, 0, True)
        if len(_used) >= LIMIT:  # a process declaring classes as it runs: not kept
            return code
        _fresh = True
    _used[name] = code
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` as ``dataclasses`` calls it, the text's code from ``compile_text``."""
    if isinstance(source, str):
        source = compile_text(source, "<string>", "exec")
    if globals is None:  # exec's own default: the calling module's namespace
        globals = vars(dataclasses)
    builtins.exec(source, globals, locals)


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1, **more: Any) -> Any:
    """``compile`` as ``typing.ForwardRef`` calls it (a text, no flags)."""
    if isinstance(source, str) and isinstance(filename, str) and not flags \
            and optimize == -1 and not more:
        return compile_text(source, filename, mode)
    return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **more)


def _key_of() -> str | None:
    if cachefiles.folder() is None:
        return None
    digest = hashlib.sha256(FORMAT + sys.version.encode() + b"\0"
                            + str(sys.flags.optimize).encode() + b"\0"
                            + cachefiles.source_stamp())
    return digest.hexdigest()


def install() -> None:
    """Compile the code ``dataclasses`` and ``typing`` generate through ``compile_text``
    (on CPython 3.11, whose modules this was checked against), with the entry read."""
    global _key
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11) \
            or "exec" in vars(dataclasses) or "compile" in vars(typing):
        return
    _key = _key_of()
    body = cachefiles.read_bytes(_key, SUFFIX) if _key is not None else None
    if body is not None:
        try:
            found = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            found = None
        if isinstance(found, dict):
            _known.update((name, code) for name, code in found.items()
                          if isinstance(name, str) and isinstance(code, CodeType))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]


def uninstall() -> None:
    """``dataclasses`` and ``typing`` compile for themselves again."""
    if vars(dataclasses).get("exec") is _exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    if vars(typing).get("compile") is _compile:
        del typing.compile  # type: ignore[attr-defined]


def keep() -> bool:
    """Store the code used so far when some of it was compiled here; True when stored."""
    global _fresh
    if not _fresh or _key is None:
        return False
    _fresh = False
    return cachefiles.write_bytes(_key, marshal.dumps(_used), SUFFIX, KEEP)
