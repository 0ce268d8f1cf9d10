"""A cache of the loaded rulebook, keyed by the bytes of every file under the rules folder.

Loading ``rules/`` (reading, validating and compiling every rule) is a fifth of a
short run's start-up. A rulebook that loaded without a problem is stored once in
the user's cache folder (``$SCREENING_CACHE_DIR``, else ``$XDG_CACHE_HOME/screening``,
else ``~/.cache/screening``; ``SCREENING_CACHE_DIR=off`` turns it off) under a key
made of the bytes and names of every file under the rules folder, the folder as
given, the overlays, the package's version and source files (name, size and time)
and the Python and pydantic versions. A rule file edited, added or removed is a
new key, so the rules are read again.

A cache entry is trusted only when everything checks: the file is the current
user's and nobody else may write it or its folder, and it holds the key it is
stored under and the SHA-256 of its contents. Anything else (stale, truncated,
tampered with, unreadable, from another version) is ignored and the rulebook is
built from the files again; writing the cache may fail without harm.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: the layout of a cache entry; changing what is stored means a new number
FORMAT = b"screening-rulebook-cache 1\n"
#: entries kept; the oldest beyond these are removed when one is written
KEEP = 16
PACKAGE = Path(__file__).resolve().parents[1]


def cached(root: Path, overlays: tuple[str, ...],
           build: Callable[[Path, tuple[str, ...]], Any],
           portable: Callable[[Any], Any] = lambda rulebook: rulebook) -> Any:
    """The rulebook at ``root`` from the cache, else ``build(root, overlays)`` (the loader),
    stored (as ``portable`` makes it) when it loads. A rulebook that does not load
    raises as the loader does.
    """
    from screening.rulebook.book import Rulebook

    key, files = None, {}
    if folder() is not None and root.is_dir():
        try:
            files = rule_files(root)
            key = key_of(root, overlays, files)
        except OSError:  # a file that cannot be read: the loader names it
            key = None
    found = read(key) if key is not None else None
    if isinstance(found, Rulebook):
        return found
    rulebook = build(root, overlays)
    # stored only when what the loader read is what the key was made of
    if key is not None and all(files.get(name) == data for name, data in rulebook.files.items()):
        write(key, portable(rulebook))
    return rulebook


def folder() -> Path | None:
    """Where cached rulebooks are kept; None when the cache is turned off."""
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


def rule_files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (links followed as the loader follows them), by its
    path relative to ``root``."""
    files: dict[str, bytes] = {}
    for here, dirs, names in os.walk(root, followlinks=True):
        dirs.sort()
        rel = os.path.relpath(here, root)
        for name in sorted(names):
            path = os.path.join(here, name)
            with open(path, "rb") as handle:
                files[name if rel == "." else os.path.join(rel, name)] = handle.read()
    return files


def key_of(root: Path, overlays: tuple[str, ...], files: dict[str, bytes]) -> str:
    """The cache key of the rulebook at ``root`` whose files are ``files``."""
    import pydantic

    from screening import __version__

    digest = hashlib.sha256(FORMAT)
    for part in (str(root), "\0".join(overlays), __version__, sys.version,
                 pydantic.VERSION):
        digest.update(part.encode() + b"\0")
    digest.update(source_stamp() + b"\0")
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _private(path: Path, info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(key: str, suffix: str = ".rulebook") -> Any:
    """What is stored under ``key`` (a rulebook, or with another ``suffix`` another kind
    of entry), or None when there is none that checks."""
    body = read_bytes(key, suffix)
    if body is None:
        return None
    try:
        return pickle.loads(body)
    except Exception:  # an entry of another layout of the classes: built again
        return None


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
            if not (stat.S_ISREG(info.st_mode) and _private(path, info)
                    and _private(where, os.stat(where))):
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


def write(key: str, rulebook: Any, suffix: str = ".rulebook") -> bool:
    """Store ``rulebook`` under ``key`` (atomically); False when it could not be."""
    try:
        body = pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return write_bytes(key, body, suffix)


def write_bytes(key: str, body: bytes, suffix: str) -> bool:
    """Store ``body`` as the entry ``<key><suffix>`` (atomically); False when it could not be."""
    where = folder()
    if where is None:
        return False
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(where, os.stat(where)):
            return False
        fd, temp = tempfile.mkstemp(dir=where, prefix=".rulebook-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(FORMAT + key.encode() + b"\n" + hashlib.sha256(body).digest()
                             + body)
            os.replace(temp, where / f"{key}{suffix}")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(where, suffix)
    except OSError:
        return False
    return True


def _prune(where: Path, suffix: str) -> None:
    """Remove the oldest entries beyond ``KEEP`` (each edit of the rules leaves one)."""
    entries = []
    for path in where.glob(f"*{suffix}"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)
