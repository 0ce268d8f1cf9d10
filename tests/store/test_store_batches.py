"""Recording in batches as screened records exactly what recording one by one records.

Whatever the rules decide, `screen --record` commits bounded batches (each printed
once committed) and the log it leaves holds the same records, in the same order,
with an intact chain, as recording every decision by itself.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from screening.cli.storage import Recorder, ScreenSession
from screening.facts.files import load_proposal
from screening.screen import Screener
from screening.store.chain import record_hash
from screening.store.database import Store
from screening.store.decisions import record_decision
from screening.store.verify import verify_chain
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import CASES

COLUMNS = "seq, kind, proposal_id, ref, actor, body"


def rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT {COLUMNS} FROM records ORDER BY seq").fetchall()


def screened(store: Store, screener: Screener) -> list[object]:
    screener.ledger = ScreenSession(store, screener)
    try:
        return [screener.screen(load_proposal(p).proposal) for p in sorted(CASES.glob("*.yaml"))]
    finally:
        screener.ledger = None


def test_batches_record_what_one_by_one_records(tmp_path: Path, screener: Screener,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    single = Store.open(str(tmp_path / "single.sqlite3"))
    for decision in screened(single, screener):
        with single.writing() as writer:
            record_decision(writer, decision, screener.rulebook, "张三")  # type: ignore[arg-type]
    batched = Store.open(str(tmp_path / "batched.sqlite3"))
    session = ScreenSession(batched, screener)
    printed: list[str] = []
    monkeypatch.setattr(Recorder, "BATCH", 7)  # several batches and a short last one
    recorder = Recorder(session, "张三", printed.append)
    decisions = screened(batched, screener)
    for decision in decisions:
        recorder.add(decision, decision.proposal_id)  # type: ignore[attr-defined]
    recorder.flush()
    assert printed == [d.proposal_id for d in decisions]  # type: ignore[attr-defined]
    assert session.recorded == len(decisions)
    assert rows(tmp_path / "batched.sqlite3") == rows(tmp_path / "single.sqlite3")
    for store in (single, batched):
        with store.reading() as conn:
            verdict = verify_chain(conn)
            assert verdict.ok and verdict.records == len(decisions)
            for row in conn.exec_driver_sql("SELECT * FROM records"):
                assert row.hash == record_hash(row.seq, row.kind, row.proposal_id, row.ref,
                                               row.actor, row.created_at, row.body,
                                               row.prev_hash)
        with store.reading() as conn:  # the rule files stored once, not per batch
            count = conn.exec_driver_sql("SELECT COUNT(*) FROM rulebook_files").scalar()
            assert count == len(screener.rulebook.files)
        store.close()


def test_the_command_line_prints_each_batch_once_recorded(tmp_path: Path) -> None:
    db = str(tmp_path / "records.sqlite3")
    code, out, err = run("screen", str(CASES), "--record", "--db", db, "--officer", "李四",
                         "--format", "json")
    assert code == 0
    count = len(list(CASES.glob("*.yaml")))
    assert err.count("recorded decision ") == count
    assert len(rows(Path(db))) == count
    assert [r[2] for r in rows(Path(db))] == [
        load_proposal(p).proposal.id for p in sorted(CASES.glob("*.yaml"))]
    assert out.startswith("[\n") and len(out.splitlines()) == count + 2
