"""Records that cannot be quietly rewritten: every ledger value and stored rule file a later
screening or replay reads is held to the log, and a signed checkpoint outside the database
catches a log cut short, recomputed or slipped into. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select, update

from screening.errors import StoreError
from screening.facts.files import load_proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.store import schema
from screening.store.audit import audit
from screening.store.chain import canonical, record_hash
from screening.store.checkpoint import (
    load_checkpoint,
    new_key,
    public_path,
    verify_checkpoint,
    write_checkpoint,
)
from screening.store.claims import approve
from screening.store.database import Store
from tests.clirun import run
from tests.paths import FIXTURES
from tests.store_helpers import food, ledger_source, record, register

FOOD = FIXTURES / "proposals" / "good-food.yaml"
records, sources, head = schema.records, schema.sources, schema.log_head


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="durable")


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("office") / "checkpoint-key.pem"
    new_key(path)
    return path


def _problems(store: Store) -> list[str]:
    with store.reading() as conn:
        result = audit(conn)
    assert result.chain.ok, result.chain
    return result.problems


def _checkpoint(store: Store, key: Path, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "checkpoint.json"
    with store.reading() as conn:
        write_checkpoint(conn, key, out)
    return load_checkpoint(out, public_path(key))


def _against(store: Store, mark: dict[str, object]) -> list[str]:
    with store.reading() as conn:
        return verify_checkpoint(conn, mark).problems


def _cut_end(conn: Connection, keep: int) -> None:
    """Delete every record after ``keep`` and rewrite the stored head to match."""
    conn.execute(records.delete().where(records.c.seq > keep))
    last = conn.execute(select(records.c.hash).where(records.c.seq == keep)).scalar_one()
    conn.execute(update(head).values(seq=keep, hash=last))


def _recompute(conn: Connection) -> None:
    """Recompute every hash in order and the head: what plain SHA-256 lets anyone do."""
    previous = "sha256:" + "0" * 64
    for row in conn.execute(select(records).order_by(records.c.seq)).all():
        digest = record_hash(row.seq, row.kind, row.proposal_id, row.ref, row.actor,
                             row.created_at, row.body, previous)
        conn.execute(update(records).where(records.c.seq == row.seq)
                     .values(prev_hash=previous, hash=digest))
        previous = digest
    seq = conn.execute(select(func.max(records.c.seq))).scalar_one()
    conn.execute(update(head).values(seq=seq, hash=previous))


def test_deleting_the_last_decision_and_rewriting_the_head(
        store: Store, screener: Screener, key: Path, tmp_path: Path) -> None:
    for _ in range(2):
        record(store, screener, load_proposal(FOOD).proposal)
    mark = _checkpoint(store, key, tmp_path)
    assert _against(store, mark) == [] and _problems(store) == []
    with store.writing() as writer:
        _cut_end(writer.conn, 1)
    assert _problems(store) == []  # the log alone cannot tell
    assert _against(store, mark) == [
        f"record 2 was removed: the checkpoint of {mark['signed_at']} saw 2 records, the log "
        "now ends at 1"]


def test_deleting_the_last_approval_with_its_claims(
        store: Store, screener: Screener, key: Path, tmp_path: Path) -> None:
    register(store, ledger_source("LS-A"))
    seq = record(store, screener, food("P-1", [("LS-A", 3)]))
    with store.writing() as writer:
        approval = approve(writer, seq, "李四").seq
    mark = _checkpoint(store, key, tmp_path)
    with store.writing() as writer:  # the freed amount could now be claimed again
        conn = writer.conn
        conn.execute(schema.claim_entries.delete().where(
            schema.claim_entries.c.record == approval))
        conn.execute(update(schema.source_amounts).values(claimed=0))
        _cut_end(conn, approval - 1)
    assert _problems(store) == []
    assert any(f"record {approval} was removed" in p for p in _against(store, mark))


@pytest.mark.parametrize(("column", "value"), [
    ("in_shandong", False), ("arose_on", "2020-01-01"), ("kind", "兰炭"),
    ("place", "外省某地")])
def test_an_edited_source_is_detected(store: Store, column: str, value: object) -> None:
    register(store, ledger_source("LS-A"))
    assert _problems(store) == []
    with store.writing() as writer:
        writer.conn.execute(update(sources).where(sources.c.id == "LS-A")
                            .values({column: value}))
    assert _problems(store) == [f"source LS-A: {column} differ from its registration record 1"]


def test_a_source_row_without_its_record_and_a_changed_unit(store: Store) -> None:
    register(store, ledger_source("LS-A"))
    with store.writing() as writer:
        writer.conn.execute(update(schema.source_amounts).values(unit="kg/a"))
    assert all("unit kg/a differs" in p for p in _problems(store))
    with store.writing() as writer:
        writer.conn.execute(schema.source_amounts.delete())
        writer.conn.execute(sources.delete())
    assert "source LS-A is registered in record 1 but missing from the ledger" in \
        _problems(store)


def test_re_pointed_rule_files_are_detected(store: Store, screener: Screener) -> None:
    record(store, screener, load_proposal(FOOD).proposal)
    files = schema.rulebook_files
    with store.writing() as writer:
        conn = writer.conn
        other = conn.execute(select(files.c.blob).where(
            files.c.path == "parameters/energy.yaml")).scalar_one()
        conn.execute(update(files).where(files.c.path == "parameters/pollutants.yaml")
                     .values(blob=other))
    [problem] = _problems(store)
    assert "do not add up to its hash" in problem and "re-pointed" in problem
    with store.writing() as writer:
        writer.conn.execute(files.delete())
    assert _problems(store)[-1].startswith("record 1: the rule files of its rulebook")


def test_a_recomputed_chain_is_caught_by_the_checkpoint(
        store: Store, screener: Screener, key: Path, tmp_path: Path) -> None:
    for _ in range(3):
        record(store, screener, load_proposal(FOOD).proposal)
    mark = _checkpoint(store, key, tmp_path)
    with store.writing() as writer:
        conn = writer.conn
        body = json.loads(conn.execute(select(records.c.body).where(records.c.seq == 2))
                          .scalar_one())
        body["decision"]["outcome"] = "reject"
        conn.execute(update(records).where(records.c.seq == 2).values(body=canonical(body)))
        _recompute(conn)
    assert _problems(store) == []  # a consistent chain again
    assert _against(store, mark) == [
        f"record 3 is not the one checkpointed on {mark['signed_at']}: the chain was "
        "rewritten up to it"]


def test_records_after_the_checkpoint(store: Store, screener: Screener, key: Path,
                                      tmp_path: Path) -> None:
    record(store, screener, load_proposal(FOOD).proposal)
    mark = _checkpoint(store, key, tmp_path)
    record(store, screener, load_proposal(FOOD).proposal)
    with store.reading() as conn:
        verdict = verify_checkpoint(conn, mark)
    assert verdict.ok and verdict.later == 1
    with store.writing() as writer:  # a record slipped in, dated before the checkpoint
        writer.conn.execute(update(records).where(records.c.seq == 2)
                            .values(created_at="2022-01-01T00:00:00.000000+00:00"))
        _recompute(writer.conn)
    assert any("record 2 is dated 2022-01-01" in p for p in _against(store, mark))


def test_a_changed_or_foreign_checkpoint_is_refused(tmp_path: Path, store: Store,
                                                    key: Path) -> None:
    out = tmp_path / "checkpoint.json"
    with store.reading() as conn:
        write_checkpoint(conn, key, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["seq"] = 5
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError, match="signature does not verify"):
        load_checkpoint(out, public_path(key))
    other = tmp_path / "other.pem"
    new_key(other)
    with store.reading() as conn:
        write_checkpoint(conn, other, out)
    with pytest.raises(StoreError, match="not with the office's key"):
        load_checkpoint(out, public_path(key))


def test_the_key_is_private_and_never_overwritten(key: Path) -> None:
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert b"PRIVATE KEY" in key.read_bytes()
    assert b"PUBLIC KEY" in public_path(key).read_bytes()
    with pytest.raises(StoreError, match="a key already exists"):
        new_key(key)


def test_the_commands_end_to_end(tmp_path: Path) -> None:
    db, key = str(tmp_path / "r.sqlite3"), tmp_path / "office" / "key.pem"
    source = FIXTURES / "ledger" / "LS-2022-001.yaml"
    assert run("sources", "add", str(source), "--officer", "王五", "--db", db)[0] == 0
    code, out, err = run("history", "--new-key", "--key", str(key))
    assert code == 0 and "ed25519:" in out, err
    mark = tmp_path / "cp.json"
    code, out, err = run("history", "--checkpoint", str(mark), "--key", str(key), "--db", db)
    assert code == 0 and "record 1" in out, err
    code, out, err = run("history", "--verify", "--checkpoint", str(mark), "--key", str(key),
                         "--db", db)
    assert code == 0 and "matches checkpoint" in out, out + err
    store = Store.open(db)
    with store.writing() as writer:
        writer.conn.execute(update(sources).values(in_shandong=False))
    store.close()
    code, out, _ = run("history", "--verify", "--checkpoint", str(mark), "--key", str(key),
                       "--db", db, "--format", "json")
    assert code == 1
    assert json.loads(out)["problems"] == [
        "source LS-2022-001: in_shandong differ from its registration record 1"]
