"""Decision records, the ledger and overrides, on SQLite and (when available) PostgreSQL.

Migrations from an empty database, replay identity, tamper detection, double-claim
refusal, all-or-nothing approval, overrides keeping the engine's verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text, update

from screening.cli.storage import ScreenSession
from screening.errors import StoreError
from screening.facts.files import load_proposal
from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.store import schema
from screening.store.audit import audit
from screening.store.chain import GENESIS, Writer
from screening.store.claims import approve, release
from screening.store.database import Store
from screening.store.decisions import history, record_decision, record_override, status
from screening.store.migrations import LATEST, migrate
from screening.store.replay import replay
from screening.store.sources import register_source, show, totals
from tests.paths import ROOT
from tests.store_helpers import food, ledger_source, record, register

FOOD = ROOT / "tests" / "fixtures" / "proposals" / "good-food.yaml"
CEMENT = ROOT / "tests" / "fixtures" / "ledger" / "cement-ledger.yaml"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def screener(rulebook: Rulebook) -> Screener:
    return Screener(rulebook, engine="durable")


def claimed(store: Store) -> dict[tuple[str, str], int]:
    with store.reading() as conn:
        return {key: value[1] for key, value in totals(conn).items()}


def test_migrations_from_an_empty_database(db_url: str) -> None:
    store = Store.open(db_url)
    assert store.migrated == [1, 2, 3]
    with store.reading() as conn:
        tables = set(inspect(conn).get_table_names())
        versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
        head = conn.execute(select(schema.log_head)).one()
    assert {"schema_version", "log_head", "records", "blobs", "rulebook_files", "sources",
            "source_amounts", "claim_entries", "users", "settings"} <= tables
    assert sorted(versions) == [1, 2, 3] and LATEST == 3
    assert (head.seq, head.hash) == (0, GENESIS)
    store.close()
    again = Store.open(db_url)
    assert again.migrated == []  # applied once only
    again.close()


def test_migration_from_version_1_keeps_the_log(db_url: str) -> None:
    from screening.store.database import target

    engine = create_engine(target(db_url).url)
    with engine.begin() as conn:
        assert migrate(conn, target=1) == [1]
        Writer(conn).append("decision", {"note": "written by version 1"}, "张三",
                            proposal_id="P-1")
    engine.dispose()
    store = Store.open(db_url)
    assert store.migrated == [2, 3]
    with store.reading() as conn:
        assert audit(conn).ok
        assert conn.execute(select(schema.records.c.proposal_id)).scalars().all() == ["P-1"]
    store.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "new.sqlite3")
    Store.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version VALUES (99, 'future', 'x')"))
    engine.dispose()
    with pytest.raises(StoreError, match="version 99, newer than this tool knows"):
        Store.open(path)


def test_replay_gives_the_identical_decision_under_the_stored_ledger(
        store: Store, screener: Screener) -> None:
    with store.writing() as writer:
        from screening.store.sources import load_source_file

        register_source(writer, load_source_file(
            ROOT / "tests" / "fixtures" / "ledger" / "LS-2022-001.yaml")[0], "王五")
    cement = load_proposal(CEMENT).proposal
    first = record(store, screener, cement)
    result = replay(store, first)
    assert result.identical, result.differences
    assert result.stored["outcome"] == "approve"
    assert result.stored["ledger"]["sources"]["LS-2022-001"]["amounts"]["coal"][
        "available"] == 70000
    with store.writing() as writer:
        approve(writer, first, "李四")
    # the ledger has moved on: the same proposal now finds its sources used up ...
    second = record(store, screener, cement)
    with store.reading() as conn:
        again = status(conn, second).record.body["decision"]
    assert again["outcome"] == "reject"
    coal = next(f for f in again["findings"] if f["rule"] == "ledger.coal.unbacked")
    assert coal["clause"]["section"] == "二(一)3" and "4,000 left" in coal["message"]["en"]
    # ... but both records replay to exactly what was decided then
    assert replay(store, first).identical
    assert replay(store, second).identical


def test_a_changed_stored_rule_file_is_detected(store: Store, screener: Screener) -> None:
    seq = record(store, screener, load_proposal(FOOD).proposal)
    with store.writing() as writer:
        sha = writer.conn.execute(select(schema.rulebook_files.c.blob).where(
            schema.rulebook_files.c.path == "parameters/pollutants.yaml")).scalar_one()
        writer.conn.execute(update(schema.blobs).where(schema.blobs.c.sha256 == sha)
                            .values(content=b"parameters: {}\n"))
    with pytest.raises(StoreError, match="does not match its hash"):
        replay(store, seq)
    with store.reading() as conn:
        assert any("stored rule file" in p for p in audit(conn).problems)


def test_tampering_with_the_log_names_the_first_broken_record(
        store: Store, screener: Screener) -> None:
    seqs = [record(store, screener, load_proposal(FOOD).proposal) for _ in range(3)]
    assert seqs == [1, 2, 3]
    records = schema.records
    with store.reading() as conn:
        assert audit(conn).ok
        body = conn.execute(select(records.c.body).where(records.c.seq == 2)).scalar_one()
    forged = body.replace('"outcome":"approve"', '"outcome":"reject"')
    assert forged != body
    with store.writing() as writer:
        writer.conn.execute(update(records).where(records.c.seq == 2).values(body=forged))
    with store.reading() as conn:
        verdict = audit(conn).chain
    assert (verdict.ok, verdict.broken) == (False, 2)
    assert "does not match its hash" in (verdict.reason or "")
    with store.writing() as writer:  # put it back: intact again
        writer.conn.execute(update(records).where(records.c.seq == 2).values(body=body))
    with store.reading() as conn:
        assert audit(conn).ok
    with store.writing() as writer:
        writer.conn.execute(records.delete().where(records.c.seq == 3))
    with store.reading() as conn:
        verdict = audit(conn).chain
    assert not verdict.ok and verdict.broken == 3 and "removed from the end" in str(
        verdict.reason)


def test_a_removed_record_in_the_middle_is_detected(store: Store, screener: Screener) -> None:
    for _ in range(3):
        record(store, screener, load_proposal(FOOD).proposal)
    with store.writing() as writer:
        writer.conn.execute(schema.records.delete().where(schema.records.c.seq == 2))
    with store.reading() as conn:
        verdict = audit(conn).chain
    assert (verdict.ok, verdict.broken) == (False, 2)
    assert "missing" in str(verdict.reason)


def test_the_same_source_cannot_be_claimed_twice(store: Store, screener: Screener) -> None:
    register(store, ledger_source("LS-A"))
    one = record(store, screener, food("P-1", [("LS-A", 6)]))
    two = record(store, screener, food("P-2", [("LS-A", 6)]))  # screened before P-1 approved
    with store.reading() as conn:
        assert status(conn, two).engine_outcome == "approve"
    with store.writing() as writer:
        approve(writer, one, "李四")
    with pytest.raises(StoreError) as refused, store.writing() as writer:
        approve(writer, two, "李四")
    text_ = str(refused.value)
    assert f"decision {two} not approved: no claim was committed" in text_
    assert "LS-A" in text_ and "4 t/a of particulates left, 6 needed" in text_
    assert f"claimed by decision {one}" in text_
    assert claimed(store)[("LS-A", "pollutants.particulates")] == 6000
    with store.reading() as conn:
        assert not status(conn, two).approved and audit(conn).ok
        assert [c["decision"] for c in show(conn, "LS-A")["claims"]] == [one]
    with pytest.raises(StoreError, match="already approved"), store.writing() as writer:
        approve(writer, one, "李四")


def test_an_interrupted_approve_commits_nothing(store: Store, screener: Screener) -> None:
    register(store, ledger_source("LS-A"), ledger_source("LS-B"))
    seq = record(store, screener, food("P-1", [("LS-A", 3), ("LS-B", 2)], [("LS-B", 2.5)]))
    with store.reading() as conn:
        head_before = conn.execute(select(schema.log_head.c.seq)).scalar_one()

    def crash(number: int) -> None:
        if number == 1:  # after the first two claims were written
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"), store.writing() as writer:
        approve(writer, seq, "李四", after_claim=crash)
    assert set(claimed(store).values()) == {0}
    with store.reading() as conn:
        assert conn.execute(select(schema.log_head.c.seq)).scalar_one() == head_before
        assert conn.execute(select(schema.claim_entries)).all() == []
        assert not status(conn, seq).approved and audit(conn).ok
    with store.writing() as writer:
        approve(writer, seq, "李四")
    assert claimed(store) == {("LS-A", "pollutants.cod"): 0,
                              ("LS-A", "pollutants.particulates"): 3000,
                              ("LS-B", "pollutants.cod"): 2500,
                              ("LS-B", "pollutants.particulates"): 2000}


def test_a_release_gives_the_amount_back_and_is_recorded(
        store: Store, screener: Screener) -> None:
    register(store, ledger_source("LS-A"))
    seq = record(store, screener, food("P-1", [("LS-A", 6)]))
    with store.writing() as writer:
        approve(writer, seq, "李四")
    with store.writing() as writer:
        release(writer, seq, "李四", "项目撤回")
    assert claimed(store)[("LS-A", "pollutants.particulates")] == 0
    with store.reading() as conn:
        shown = show(conn, "LS-A")
        assert [(c["kind"], c["amount"]) for c in shown["claims"]] == [
            ("approval", 6.0), ("release", -6.0)]
        assert not status(conn, seq).approved and audit(conn).ok
    with pytest.raises(StoreError, match="no committed claims"), store.writing() as writer:
        release(writer, seq, "李四", "again")


def test_an_override_keeps_the_engines_verdict_beside_it(
        store: Store, screener: Screener) -> None:
    register(store, ledger_source("LS-A", particulates=2.5))
    seq = record(store, screener, food("P-1", [("LS-A", 3)]))  # 0.5 t/a not backed → refer
    with store.reading() as conn:
        assert status(conn, seq).engine_outcome == "refer"
    with pytest.raises(StoreError, match="not an approval"), store.writing() as writer:
        approve(writer, seq, "李四")
    with pytest.raises(StoreError, match="needs a reason"), store.writing() as writer:
        record_override(writer, seq, "approve", "  ", "赵六")
    with store.writing() as writer:
        record_override(writer, seq, "approve_with_conditions", "另有 0.5 吨来源待补登记", "赵六")
    with store.reading() as conn:
        row = history(conn, "P-1")[0].as_dict()
        assert row["engine_outcome"] == "refer" and row["outcome"] == "approve_with_conditions"
        event = row["events"][0]
        assert (event["kind"], event["by"], event["reason"]) == (
            "override", "赵六", "另有 0.5 吨来源待补登记")
        assert event["engine_outcome"] == "refer"
        stored = status(conn, seq).record.body["decision"]
        assert stored["outcome"] == "refer"  # the engine's decision itself is untouched
    with pytest.raises(StoreError) as short, store.writing() as writer:
        approve(writer, seq, "李四")  # the override approves, the ledger still refuses
    assert "2.5 t/a of particulates left, 3 needed" in str(short.value)


def test_the_ledger_check_appears_in_the_decision(store: Store, screener: Screener) -> None:
    register(store, ledger_source("LS-A"))
    screener.ledger = ScreenSession(store, screener)
    try:
        unknown = screener.screen(food("P-1", [("LS-X", 3)])).as_dict()
        wrong_kind = screener.screen(food("P-2", [("LS-A", 3)], kind="治理减排")).as_dict()
        fine = screener.screen(food("P-3", [("LS-A", 3)])).as_dict()
    finally:
        screener.ledger = None
    finding = next(f for f in unknown["findings"]
                   if f["rule"] == "ledger.pollutants.particulates.unbacked")
    assert unknown["outcome"] != "approve"
    assert finding["clause"]["section"] == "二(一)3"
    assert "减量替代是原则" in finding["clause"]["quote"]
    assert "LS-X is not registered in the ledger" in finding["message"]["en"]
    assert any("is of kind '关停淘汰' in the ledger, declared '治理减排'" in f["message"]["en"]
               for f in wrong_kind["findings"])
    assert fine["outcome"] == "approve" and fine["ledger"]["checked"] is True
    no_db = screener.screen(food("P-4", [("LS-X", 3)])).as_dict()
    assert no_db["outcome"] == "approve" and "ledger" not in no_db
    assert "LS-X" in no_db["warnings"][0]["en"] and "without checking" in no_db["warnings"][0][
        "en"]


def test_the_record_holds_proposal_decision_rulebook_and_officer(
        store: Store, screener: Screener, rulebook: Rulebook) -> None:
    seq = record(store, screener, load_proposal(FOOD).proposal, officer="张三")
    seq2 = record(store, screener, load_proposal(FOOD).proposal)
    with store.reading() as conn:
        rec = status(conn, seq).record
        stored_files = conn.execute(select(schema.rulebook_files.c.path).where(
            schema.rulebook_files.c.rulebook == rulebook.hash)).scalars().all()
        blob_count = conn.execute(select(schema.blobs.c.sha256)).all()
    assert rec.actor == "张三" and rec.proposal_id == "T-FOOD-1" and seq2 == seq + 1
    assert rec.body["proposal"]["industry"]["code"] == "1391"
    assert rec.body["decision"]["rulebook"] == rulebook.hash
    assert rec.body["decision"]["as_of"] == "2022-06-01"
    assert sorted(stored_files) == sorted(rulebook.files)
    assert len(blob_count) == len(rulebook.files)  # stored once for both records
    assert json.loads(json.dumps(rec.body)) == rec.body


def test_every_ledger_rule_fires(screener: Screener, rulebook: Rulebook) -> None:
    """Each dimension's ledger rule, with the clause it cites, from a ledger snapshot."""
    from screening.derive import core as derive
    from screening.derive.ledger import DIMENSIONS
    from screening.store.replay import FrozenLedger

    assert {d: s[0] for d, s in DIMENSIONS.items()} == {
        d: s[1] for d, s in derive.DIMENSIONS.items()}  # same dimensions and units as derive

    cement = load_proposal(CEMENT).proposal.model_dump(mode="json")
    for name in ("vocs", "cod", "nh3n"):
        cement["pollutants"][name] = {"new_t": 1, "sources": [
            {"ledger_id": "LS-GONE", "description": "台账来源", "amount": 2, "kind": "关停淘汰"}]}
    proposal = Proposal.model_validate(cement)
    screener.ledger = FrozenLedger({"checked": True, "sources": {}})  # nothing registered
    try:
        decision = screener.screen(proposal)
    finally:
        screener.ledger = None
    fired = {f.rule: f for f in decision.findings if f.status == "fired"}
    ledger_rules = {r.id for r in rulebook.rules if "ledger.checked" in r.fields}
    assert ledger_rules == {f"ledger.{dim}.unbacked" for dim in DIMENSIONS}
    assert ledger_rules <= set(fired)
    for rule in ledger_rules:
        assert fired[rule].clause["section"] == "二(一)3" and fired[rule].effect == "refer"
    assert fired["ledger.coal.unbacked"].values["coal.ledger_unbacked_tce"] == 66000


def test_every_sample_case_replays_identically(tmp_path: Path, screener: Screener) -> None:
    from screening.facts.files import expand_paths

    store = Store.open(str(tmp_path / "cases.sqlite3"))
    seqs = [record(store, screener, load_proposal(path).proposal)
            for path in expand_paths([ROOT / "cases"])]
    assert len(seqs) >= 18
    loaded: dict[str, Rulebook] = {}  # the stored rules are restored and loaded once
    different = {seq: replay(store, seq, loaded).differences for seq in seqs}
    assert len(loaded) == 1
    assert not {seq: d for seq, d in different.items() if d}
    store.close()


def test_a_decision_not_checked_against_the_ledger_is_not_recorded(
        store: Store, screener: Screener) -> None:
    decision = screener.screen(load_proposal(FOOD).proposal)  # no ledger attached
    with pytest.raises(StoreError, match="not checked against the ledger"), \
            store.writing() as writer:
        record_decision(writer, decision, screener.rulebook, "张三")
    with store.reading() as conn:
        assert history(conn) == []
