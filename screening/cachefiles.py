"""Entries in the user's cache folder: what start-up would otherwise work out again.

The loaded rulebook (rulebook/cache.py), the proposal's validator (facts/validator.py),
the ruleset layout (engine/limits.py), the rulesets registered for the values in
force (engine/plans.py) and the code generated for them (``compiled``) are each kept
as one file ``<key><suffix>`` in ``$SCREENING_CACHE_DIR``, else
``$XDG_CACHE_HOME/screening``, else ``~/.cache/screening``
(``SCREENING_CACHE_DIR=off`` turns it off). Every key is a
SHA-256 of what the entry was made from, the package's source files among it
(``source_stamp``), so an edited module or rule file is a new key.

An entry is trusted only when everything checks: the file is the current user's and
nobody else may write it or its folder, and it holds the key it is stored under and
the SHA-256 of its body. Anything else (stale, truncated, tampered with, unreadable)
is ignored and the caller works the value out again; writing may fail without harm.
This module sits below every stage: it knows nothing of what the entries hold.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
from pathlib import Path
from types import CodeType

try:  # the unpickler in C: the `pickle` module (its Python classes) only to write an entry
    from _pickle import loads as unpickle
except ImportError:  # another Python
    from pickle import loads as unpickle  # noqa: F401

#: the layout of a cache entry; changing the header means a new number
FORMAT = b"screening-rulebook-cache 1\n"
#: entries of one kind kept; the oldest beyond these are removed when one is written
KEEP = 16
#: compiled code objects kept (several generated functions per rulebook and dates)
KEEP_CODE = 64
PACKAGE = Path(__file__).resolve().parent


def folder() -> Path | None:
    """Where cache entries are kept; None when the cache is turned off."""
    chosen = os.environ.get("SCREENING_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "screening"


@functools.cache
def source_stamp() -> bytes:
    """Name, size and modification time of every module of the package (an edited
    module, as in a development checkout, is a new key)."""
    parts: list[str] = []
    stack = [str(PACKAGE)]
    while stack:
        here = stack.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith((".py", ".po")):
                    info = entry.stat()
                    parts.append(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\n".join(sorted(parts)).encode()


def private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_bytes(key: str, suffix: str) -> bytes | None:
    """The body of the entry ``<key><suffix>``, or None unless it checks (owner, mode, key,
    SHA-256)."""
    where = folder()
    if where is None:
        return None
    path = where / f"{key}{suffix}"
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not (stat.S_ISREG(info.st_mode) and private(info) and private(os.stat(where))):
                return None
            data = handle.read()
    except OSError:
        return None
    head = len(FORMAT) + 64 + 1 + 32
    if len(data) < head or not data.startswith(FORMAT):
        return None
    stored_key = data[len(FORMAT):len(FORMAT) + 64]
    checksum, body = data[head - 32:head], data[head:]
    if stored_key != key.encode() or hashlib.sha256(body).digest() != checksum:
        return None
    return body


def write_bytes(key: str, body: bytes, suffix: str, keep: int = KEEP) -> bool:
    """Store ``body`` as the entry ``<key><suffix>`` (atomically), keeping the newest
    ``keep`` entries of that suffix; False when it could not be stored."""
    where = folder()
    if where is None:
        return False
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(os.stat(where)):
            return False
        import tempfile  # (and shutil, bz2, lzma with it) only when an entry is written

        fd, temp = tempfile.mkstemp(dir=where, prefix=".rulebook-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(FORMAT + key.encode() + b"\n" + hashlib.sha256(body).digest()
                             + body)
            os.replace(temp, where / f"{key}{suffix}")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(where, suffix, keep)
    except OSError:
        return False
    return True


def _prune(where: Path, suffix: str, keep: int) -> None:
    """Remove the oldest entries beyond ``keep`` (each edit of the rules leaves one)."""
    entries = []
    for path in where.glob(f"*{suffix}"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[keep:]:
        path.unlink(missing_ok=True)


def compiled(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``; the code object is kept (marshalled, under
    a key of the source itself and this Python's version), so a later process that
    generates the same source does not parse and compile it again."""
    key = None
    if folder() is not None:
        digest = hashlib.sha256(b"compiled 1\0" + sys.version.encode() + b"\0"
                                + filename.encode() + b"\0" + source.encode())
        key = digest.hexdigest()
        body = read_bytes(key, ".code")
        if body is not None:
            try:
                code = marshal.loads(body)
            except (EOFError, ValueError, TypeError):
                code = None
            if isinstance(code, CodeType) and code.co_filename == filename:
                return code
    code = compile(source, filename, "exec")
    if key is not None:
        write_bytes(key, marshal.dumps(code), ".code", KEEP_CODE)
    return code
