"""The record text written by the fast encoder is byte for byte the canonical text, and a log
written before it (tests/fixtures/store/old-log.sql) still verifies and grows."""

from __future__ import annotations

import enum
import json
import math
import random
import sqlite3
import struct
from pathlib import Path
from typing import Any

import pytest

from screening.cli.storage import ScreenSession
from screening.facts.files import load_proposal
from screening.screen import Screener
from screening.store.audit import DecisionRulebooks, audit
from screening.store.chain import (
    canonical,
    canonical_utf8,
    plain_record_hash,
    record_hash,
)
from screening.store.database import Store
from screening.store.decisions import decision_entry, record_decisions
from screening.store.verify import verify_chain
from tests.paths import CASES, FIXTURES
from tests.proposal_gen import proposal

OLD_LOG = FIXTURES / "store" / "old-log.sql"


def same(value: Any) -> None:
    assert canonical_utf8(value) == canonical(value).encode("utf-8"), value


def bodies(screener: Screener, proposals: list[Any]) -> list[dict[str, Any]]:
    screener.ledger = type("NoLedger", (), {"view": lambda self, p: {"checked": True,
                                                                      "sources": {}}})()
    try:
        out = []
        for item in proposals:
            decision = screener.screen(item)
            out.append({"proposal": decision.proposal.model_dump(mode="json"),
                        "decision": decision.as_dict()})
        return out
    finally:
        screener.ledger = None


def test_every_case_and_random_proposals_have_the_canonical_text(screener: Screener) -> None:
    cases = [load_proposal(p).proposal for p in sorted(CASES.glob("*.yaml"))]
    rng = random.Random(1403)
    generated = [p for p in (proposal(rng.choice) for _ in range(600)) if p is not None]
    assert len(generated) > 300
    found = bodies(screener, cases + generated)
    for body in found:
        same(body)
    texts = [canonical(b) for b in found]
    assert any("e-05" in t for t in texts) and any("e+16" in t for t in texts)


def test_floats_are_written_as_repr_writes_them() -> None:
    rng = random.Random(7)
    values = [0.0, -0.0, 1.0, 1e-4, 9.999e-5, 1e-5, 1.5e-7, 5e-324, 1e15, 1e16, 9999999999999998.0,
              1.7976931348623157e308, 123456789012345.6, 0.1, 1 / 3, -2.5e-6, 2.5e-6, 1e22]
    for _ in range(12000):
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if math.isfinite(x):
            values.append(x)
        values.append(rng.uniform(-1, 1) * 10 ** rng.uniform(-8, 18))
        values.append(float(f"{rng.uniform(0, 1e6):.{rng.randint(0, 9)}f}"))
    for x in values:
        for value in (x, [x], {"a": x}, [1, "e-", x, "0.0000"], {"k": [True, None, x]}):
            same(value)


def test_keys_strings_and_what_orjson_refuses() -> None:
    class Text(str):
        pass

    class Kind(enum.StrEnum):
        A = "甲"

    keys = ["b", "a", "Z", "é", "\U0001f600", "\uffff", "\u2028", "", "a b", "10", "9"]
    same({k: i for i, k in enumerate(keys)})
    same({"x": {k: [k, {k: None}] for k in reversed(keys)}})
    same(["\x00\x1f\x7f\"\\/\n\t\u2028\u2029", "决定", "e-5", "0.00001"])
    same({"n": 2 ** 70, "m": -(2 ** 64)})  # past orjson's integers: json writes them
    same({1: "one", 2: "two"})  # keys that are no strings: json's way
    same({"t": Text("子类"), "k": Kind.A, "d": {"x": Text("y")}})
    same({"tuple": (1, 2.5, "三")})
    with pytest.raises(UnicodeEncodeError):
        canonical_utf8({"x": "a\ud800"})
    with pytest.raises(TypeError):
        canonical_utf8({"when": __import__("datetime").date(2022, 1, 1)})


def test_the_quick_record_hash_is_the_record_hash() -> None:
    rng = random.Random(3)
    for seq in range(1, 400):
        value = {"q": "".join(rng.choice('ab"\\\u51b3\U0001f600\x7f/') for _ in range(30)),
                 "n": rng.random(), "s": [None, True, seq]}
        text = canonical(value)
        fields = (seq, rng.choice(["decision", "override"]), rng.choice([None, "HD-1"]),
                  rng.choice([None, seq - 1]), "张\"三\\", "2026-12-01T12:00:00.000000+00:00")
        prev = f"sha256:{rng.getrandbits(256):064x}"
        assert plain_record_hash(*fields, text.encode("utf-8"), prev) == \
            record_hash(*fields, text, prev)


def _old_store(tmp_path: Path) -> Path:
    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.executescript(OLD_LOG.read_text(encoding="utf-8"))
    return db


def test_records_written_before_still_verify_and_the_log_grows(tmp_path: Path,
                                                               screener: Screener) -> None:
    db = _old_store(tmp_path)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT kind, body FROM records ORDER BY seq").fetchall()
    assert {kind for kind, _ in stored} == {"decision", "source", "approval", "release",
                                            "override"}
    for _, body in stored:  # each old body is what the fast encoder writes for its value
        assert canonical_utf8(json.loads(body)) == body.encode("utf-8")
    store = Store.open(str(db))
    with store.reading() as conn:
        before = audit(conn)
    assert before.ok and before.chain.records == len(stored), (before.chain, before.problems)
    session = ScreenSession(store, screener)
    screener.ledger = session
    try:
        decision = screener.screen(load_proposal(sorted(CASES.glob("*.yaml"))[0]).proposal)
    finally:
        screener.ledger = None
    with store.writing() as writer:
        record_decisions(writer, [decision_entry(decision, screener.rulebook, "新")],
                         screener.rulebook)
    with store.reading() as conn:
        after = audit(conn)
    assert after.ok and after.chain.records == len(stored) + 1, after.problems
    store.close()


@pytest.mark.parametrize("change, reason", [
    ("replace(body, '\"approve\"', '\"reject\"')", "does not match its hash"),
    ("CAST(X'7b22ff227d' AS TEXT)", "not UTF-8 text"),
    ("'{\"decision\":'", "not valid JSON"),
])
def test_an_old_body_changed_is_named(tmp_path: Path, change: str, reason: str) -> None:
    db = _old_store(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE records SET body = {change} WHERE seq = 3")
    store = Store.open(str(db))
    with store.reading() as conn:
        verdict = verify_chain(conn)
    store.close()
    assert (verdict.ok, verdict.broken) == (False, 3)
    assert reason in str(verdict.reason)


RULEBOOK = "sha256:" + "ab" * 32
OTHER = "sha256:" + "cd" * 32


@pytest.mark.parametrize("body, expected", [
    ({"decision": {"rulebook": RULEBOOK, "x": 1}, "proposal": {}}, RULEBOOK),
    ({"decision": {"rulebook": None}, "proposal": {}}, None),
    ({"decision": {"rulebook": OTHER}, "proposal": {"rulebook": RULEBOOK}}, OTHER),
    ({"decision": {"a": {"rulebook": RULEBOOK}}, "proposal": {}}, None),
    ({"decision": {"rulebook": 5, "a": {"rulebook": RULEBOOK}}}, 5),
    ({"decision": {"rulebook": OTHER, "note": 'x"rulebook":"' + RULEBOOK + '"'}}, OTHER),
    ({"decision": {"rul\u0065book": OTHER}}, OTHER),
    ({"decision": [RULEBOOK]}, None),
    ({"decision": {"rulebook": RULEBOOK + "0"}}, RULEBOOK + "0"),
])
def test_the_rulebook_read_from_the_bytes_agrees_with_json_extract(
        body: dict[str, Any], expected: Any) -> None:
    texts = [canonical(body), canonical(body).replace('"rulebook"', '"rul\\u0065book"')]
    for text in texts:
        with sqlite3.connect(":memory:") as conn:
            found = conn.execute("SELECT json_extract(?, '$.decision.rulebook')",
                                 (text,)).fetchone()[0]
        if text == texts[0]:
            assert found == expected
        found = {found, json.loads(text)["decision"].get("rulebook")
                 if isinstance(json.loads(text)["decision"], dict) else None}
        read = DecisionRulebooks()
        read(1, text.encode("utf-8"))
        needs_exact = read.to_read({RULEBOOK}) == [1]
        # taken from the bytes only when the exact reading gives a stored rulebook or none
        assert needs_exact or found <= {RULEBOOK, None}
