"""The canonical text of a record and its hash: what the chain is made of (no database).

A record's hash is SHA-256 of the canonical text of the list [number, kind, proposal,
the record it refers to, who, when, the body's canonical text, the hash before].
The canonical text is defined by Python's ``json`` (``canonical``); orjson writes the
same bytes about seven times faster, and is used wherever that is proven
(``canonical_utf8``; tests/store/test_canonical_text.py compares them on every case,
random proposals and the values where the two encoders differ).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - installed with the package
    orjson = None

GENESIS = "sha256:" + "0" * 64
#: the kinds of record in the log
DECISION, OVERRIDE, SOURCE, APPROVAL, RELEASE = (
    "decision", "override", "source", "approval", "release")


def canonical(value: Any) -> str:
    """The one text a JSON value hashes as: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


#: str, int, dict and list subclasses, dataclasses and dates go to ``json`` (which writes
#: a subclass its own way and refuses the others), not to orjson's own ways of writing them
_SORTED = 0 if orjson is None else (orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_SUBCLASS
                                    | orjson.OPT_PASSTHROUGH_DATACLASS
                                    | orjson.OPT_PASSTHROUGH_DATETIME)
_DIGITS = frozenset(b"0123456789")


def _floats_as_repr(data: bytes) -> bool:
    """False if orjson's text may hold a float below 1e-4 (written ``0.0000…`` or with a
    digit before ``e-``, where ``repr`` writes ``1e-05``): two plain searches, as a text
    rarely says either. A text that does (a ``0.0000`` anywhere, a digit before ``e-``)
    is sent to ``json`` too: the same bytes, written more slowly."""
    if b"0.0000" in data:
        return False
    at = data.find(b"e-")
    while at != -1:
        if at and data[at - 1] in _DIGITS:
            return False
        at = data.find(b"e-", at + 2)
    return True


def canonical_utf8(value: Any) -> bytes:
    """``canonical(value)`` in UTF-8, written by orjson where its bytes are those.

    orjson sorts keys by code point and escapes strings as ``json`` does; it writes
    every float as ``repr`` does except those below 1e-4 (``0.00001``, ``1.5e-7``
    for ``1e-05``, ``1.5e-07``), which show in its output as a number starting
    ``0.0000`` or a digit before ``e-``: such a text, and whatever orjson refuses
    (a key that is not a string, an integer past 64 bits, a lone surrogate, a
    subclass, a date), is written by ``json`` instead. The one value orjson writes
    that ``json`` refuses is a NaN or infinity (as ``null``): a record body never
    holds one, as proposals, parameters, ledger amounts and derived sums are finite
    (screening/facts/base.py, load/parameters.py, derive/core.py ``bounded``).
    """
    if orjson is not None:
        try:
            data = orjson.dumps(value, option=_SORTED)
        except TypeError:
            pass
        else:
            if _floats_as_repr(data):
                return data
    return canonical(value).encode("utf-8")


def canonical_bytes(values: list[Any]) -> bytes:
    """``canonical(values)`` in UTF-8, for a list of numbers, texts and None (a record's
    hashed fields): orjson writes exactly those bytes (tests/store/test_chain_speed.py
    checks every code point), Python's ``json`` whatever orjson refuses."""
    if orjson is not None:
        try:
            return orjson.dumps(values)
        except TypeError:  # a lone surrogate, an integer past 64 bits
            pass
    return canonical(values).encode("utf-8")


def record_hash(seq: int, kind: str, proposal_id: str | None, ref: int | None, actor: str,
                created_at: str, body: str, prev_hash: str) -> str:
    payload = canonical_bytes([seq, kind, proposal_id, ref, actor, created_at, body, prev_hash])
    return "sha256:" + hashlib.sha256(payload).hexdigest()


def quoted(body: bytes) -> bytes:
    """A canonical text in UTF-8 as it stands inside the hashed list: a JSON string with
    only its quotes and backslashes escaped (it holds no control character). (``find``,
    not ``in``: ``bytes.__contains__`` first tries its argument as an integer and
    formats the error it then drops, each time.)"""
    if body.find(b"\\") >= 0:  # rare: a quote or backslash in a text
        body = body.replace(b"\\", b"\\\\")
    return body.replace(b'"', b'\\"')


def quoted_record_hash(seq: int, kind: str, proposal_id: str | None, ref: int | None,
                       actor: str, created_at: str, body: bytes, prev_hash: str) -> str:
    """``record_hash`` of a body given as ``quoted`` made it."""
    head = canonical_bytes([seq, kind, proposal_id, ref, actor, created_at])
    digest = hashlib.sha256(head[:-1] + b',"')
    digest.update(body)  # hashed where it lies, not copied into one payload first
    digest.update(b'",' + canonical_bytes([prev_hash])[1:])
    return "sha256:" + digest.hexdigest()


def plain_record_hash(seq: int, kind: str, proposal_id: str | None, ref: int | None,
                      actor: str, created_at: str, body: bytes, prev_hash: str) -> str:
    """``record_hash`` of a body given in UTF-8 that holds no control character (as every
    canonical text): in the hashed list the body is then a JSON string with only its
    quotes and backslashes escaped, so it is copied in, not decoded and encoded again."""
    return quoted_record_hash(seq, kind, proposal_id, ref, actor, created_at, quoted(body),
                              prev_hash)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    records: int
    head: str
    broken: int | None = None
    reason: str | None = None
