"""The record hash written by the fast encoder is the hash the chain has always had, and
the text stored is the canonical text."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path

import pytest

from screening.store.chain import DECISION, Entry, canonical, canonical_bytes, record_hash
from screening.store.database import Store
from screening.store.verify import verify_chain


def test_the_fast_payload_is_the_canonical_text_for_every_code_point() -> None:
    points = [*range(0, 0xD800), *range(0xE000, 0x10000, 7), *range(0x10000, 0x110000, 997)]
    for start in range(0, len(points), 512):
        text = "".join(chr(c) for c in points[start:start + 512]) + '"\\\\'
        values = [start, text, None, -1, "决定", start * 7]
        assert canonical_bytes(values) == canonical(values).encode("utf-8")


def test_record_hashes_match_the_canonical_definition() -> None:
    rng = random.Random(14)
    for seq in range(1, 300):
        body = json.dumps({"n": rng.random(), "s": "".join(chr(rng.randint(0, 0x2FFF))
                                                         for _ in range(20))},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        fields = [seq, "decision", rng.choice([None, "HD-1"]), rng.choice([None, seq - 1]),
                  "张三", "2026-12-01T12:00:00.000000+00:00", body, "sha256:" + "0" * 64]
        expected = "sha256:" + hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()
        assert record_hash(*fields) == expected  # type: ignore[arg-type]


def test_a_lone_surrogate_is_refused_as_before() -> None:
    values = [1, "a\ud800b"]
    with pytest.raises(UnicodeEncodeError):
        canonical(values).encode("utf-8")
    with pytest.raises(UnicodeEncodeError):
        canonical_bytes(values)


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16le"])
def test_a_body_is_stored_as_its_canonical_text(tmp_path: Path, encoding: str) -> None:
    """SQLite is handed the body's UTF-8 bytes (``CAST(? AS TEXT)``) in a UTF-8 database,
    its text in any other: either way the stored value is text, its UTF-8 the canonical
    bytes, and the chain holds."""
    path = tmp_path / "log.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA encoding = '{encoding}'")
        conn.execute("CREATE TABLE t (x)")  # the encoding is fixed by the first table
    store = Store.open(str(path))
    bodies = [{"名称": "临东 \"化工\" 项目 \\ 一期", "n": n, "x": 0.1 * n} for n in range(5)]
    with store.writing() as writer:
        writer.append_many([Entry.of(DECISION, body, "张三") for body in bodies])
    with store.reading() as conn:
        assert verify_chain(conn).ok
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA encoding").fetchone()[0] == encoding
        stored = conn.execute("SELECT typeof(body), body FROM records ORDER BY seq").fetchall()
    assert stored == [("text", canonical(body)) for body in bodies]
