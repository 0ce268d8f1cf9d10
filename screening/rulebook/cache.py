"""A cache of the loaded rulebook, keyed by the bytes of every file under the rules folder.

Loading ``rules/`` (reading, validating and compiling every rule) is a fifth of a
short run's start-up. A rulebook that loaded without a problem is stored once in
the user's cache folder (screening/cachefiles.py: where, and how an entry is
checked) under a key made of the bytes and names of every file under the rules
folder, the folder as given, the overlays, the package's version and source files
(name, size and time) and the Python and pydantic versions. A rule file edited,
added or removed is a new key, so the rules are read again. The rule files' bytes,
which the rulebook keeps (``Rulebook.files``), are not stored twice: the entry names
them and they are taken from what was read for the key; the rules' durable match
expressions, which only registering rulesets not in the cache needs, are unpickled
when first asked for.

A cache entry is trusted only when everything checks: the file is the current
user's and nobody else may write it or its folder, and it holds the key it is
stored under and the SHA-256 of its contents. Anything else (stale, truncated,
tampered with, unreadable, from another version) is ignored and the rulebook is
built from the files again; writing the cache may fail without harm.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screening import cachefiles
from screening.cachefiles import FORMAT, folder, read_bytes, source_stamp, unpickle

__all__ = ["FORMAT", "KEEP", "cached", "folder", "key_of", "read", "read_bytes", "rule_files",
           "source_stamp", "write", "write_bytes"]
#: what a rulebook entry holds: the rulebook, its ``files`` as their names (the bytes are
#: those read for the key)
LAYOUT = b"rulebook, files by name, matches deferred\n"
#: rulebooks kept; the oldest beyond these are removed when one is written
KEEP = cachefiles.KEEP


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
    if isinstance(found, Rulebook) and isinstance(found.files, tuple) \
            and all(name in files for name in found.files):
        # stored with the names of the files it was read from: their bytes are those the
        # key was made of (it was stored only when the loader had read the same bytes)
        found.files = {name: files[name] for name in found.files}
        for rule in found.rules[:1]:
            if isinstance(rule.matches, Matches):
                rule.matches.blob.rules = found.rules
        return found
    rulebook = build(root, overlays)
    # stored only when what the loader read is what the key was made of
    if key is not None and all(files.get(name) == data for name, data in rulebook.files.items()):
        stored = portable(rulebook)
        write(key, dataclasses.replace(stored, files=tuple(rulebook.files),
                                       rules=deferred_matches(stored.rules)))
    return rulebook


class MatchBlob:
    """Every rule's durable match expressions, pickled: unpickled when one is first asked
    for (a run whose rulesets come from the cache, engine/plans.py, never asks), and
    then written into the rules themselves."""

    __slots__ = ("_blob", "_value", "rules")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._value: tuple[Any, ...] | None = None
        #: the rules whose ``matches`` these are (set when the rulebook is read)
        self.rules: list[Any] = []

    def __reduce__(self) -> tuple[Any, ...]:
        return MatchBlob, (self._blob,)

    def value(self) -> tuple[Any, ...]:
        if self._value is None:
            self._value = unpickle(self._blob)
            for rule, matches in zip(self.rules, self._value, strict=False):
                if isinstance(rule.matches, Matches) and rule.matches.blob is self:
                    object.__setattr__(rule, "matches", matches)  # the tuple from now on
        return self._value


class Matches:
    """``CompiledRule.matches`` of a rulebook from the cache: the tuple, read on first use."""

    __slots__ = ("_index", "blob")

    def __init__(self, blob: MatchBlob, index: int) -> None:
        self.blob, self._index = blob, index

    def __reduce__(self) -> tuple[Any, ...]:
        return Matches, (self.blob, self._index)

    def value(self) -> tuple[Any, ...]:
        found: tuple[Any, ...] = self.blob.value()[self._index]
        return found

    def __iter__(self) -> Any:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())

    def __getitem__(self, index: Any) -> Any:
        return self.value()[index]

    def __eq__(self, other: object) -> bool:
        return self.value() == (other.value() if isinstance(other, Matches) else other)

    def __hash__(self) -> int:
        return hash(self.value())

    def __repr__(self) -> str:
        return repr(self.value())


def deferred_matches(rules: list[Any]) -> list[Any]:
    """``rules`` with their match expressions kept in one ``MatchBlob``."""
    import pickle

    blob = MatchBlob(pickle.dumps(tuple(tuple(rule.matches) for rule in rules),
                                  protocol=pickle.HIGHEST_PROTOCOL))
    return [dataclasses.replace(rule, matches=Matches(blob, index))
            for index, rule in enumerate(rules)]


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

    digest = hashlib.sha256(FORMAT + LAYOUT)
    for part in (str(root), "\0".join(overlays), __version__, sys.version,
                 pydantic.VERSION):
        digest.update(part.encode() + b"\0")
    digest.update(source_stamp() + b"\0")
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def read(key: str, suffix: str = ".rulebook") -> Any:
    """What is stored under ``key`` (a rulebook, or with another ``suffix`` another kind
    of entry), or None when there is none that checks."""
    body = read_bytes(key, suffix)
    if body is None:
        return None
    try:
        return unpickle(body)
    except Exception:  # an entry of another layout of the classes: built again
        return None


def write(key: str, rulebook: Any, suffix: str = ".rulebook") -> bool:
    """Store ``rulebook`` under ``key`` (atomically); False when it could not be."""
    import pickle

    try:
        body = pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return write_bytes(key, body, suffix)


def write_bytes(key: str, body: bytes, suffix: str) -> bool:
    """Store ``body`` as the entry ``<key><suffix>``, keeping ``KEEP`` of that kind."""
    return cachefiles.write_bytes(key, body, suffix, KEEP)
