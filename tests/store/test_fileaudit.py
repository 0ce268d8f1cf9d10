"""`history --verify` of an SQLite file read without SQLAlchemy says what the whole audit
says: the same verdict and problems for an intact log and for every kind of change it
checks, the same output on the command line; anything else is left to the audit."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from screening.store import fileaudit, migrations, verify
from screening.store.audit import audit
from screening.store.database import Store
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import CASES
from tests.store_helpers import ledger_source, register

CHANGES = {
    "intact": "",
    "body": "UPDATE records SET body = replace(body, '\"refer\"', '\"reject\"') WHERE seq = 5",
    "end cut": "DELETE FROM records WHERE seq = (SELECT max(seq) FROM records)",
    "rule file": "UPDATE blobs SET content = CAST('x' AS BLOB) WHERE rowid = 3",
    "re-pointed": "UPDATE rulebook_files SET blob = (SELECT sha256 FROM blobs WHERE rowid = 1) "
                  "WHERE rowid = 2",
    "file removed": "DELETE FROM rulebook_files WHERE rowid = 4",
    "rulebook removed": "DELETE FROM rulebook_files",
}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("log") / "records.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCREENING_RULES", str(CASES.parent / "rules"))
        code, _, _ = run("screen", str(CASES), "--record", "--db", str(db), "--officer", "张三")
    assert code == 0
    return db


def _whole(db: Path) -> tuple[object, list[str]]:
    store = Store.open(str(db))
    with store.reading() as conn:
        result = audit(conn)
    store.close()
    return result.chain, result.problems


def test_the_schema_version_read_is_the_newest() -> None:
    assert fileaudit.SCHEMA_VERSION == migrations.LATEST


@pytest.mark.parametrize("change", list(CHANGES))
def test_read_directly_it_finds_what_the_audit_finds(recorded: Path, tmp_path: Path,
                                                     change: str) -> None:
    db = tmp_path / "copy.sqlite3"
    shutil.copy(recorded, db)
    if CHANGES[change]:
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute(CHANGES[change])
    quick = fileaudit.audit_file(str(db))
    assert quick is not None
    assert (quick.chain, quick.problems) == _whole(db)
    assert quick.ok == (change == "intact")


def test_the_command_line_prints_the_same(recorded: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "copy.sqlite3"
    shutil.copy(recorded, db)
    with sqlite3.connect(db) as conn:
        conn.execute(CHANGES["rule file"])
    outputs = []
    for direct in (True, False):
        if not direct:
            monkeypatch.setattr(fileaudit, "audit_file", lambda db: None)
        for fmt in ("text", "json"):
            outputs.append(run("history", "--verify", "--db", str(db), "--format", fmt))
    assert outputs[:2] == outputs[2:]
    assert outputs[0][0] == 1 and "stored rule file" in outputs[0][1]


def test_what_it_does_not_read_is_left_to_the_audit(recorded: Path, tmp_path: Path) -> None:
    assert fileaudit.audit_file(str(tmp_path / "missing.sqlite3")) is None
    assert not (tmp_path / "missing.sqlite3").exists()  # nothing created
    assert fileaudit.audit_file(f"sqlite:///{recorded}") is None
    (tmp_path / "text.sqlite3").write_text("not a database")
    assert fileaudit.audit_file(str(tmp_path / "text.sqlite3")) is None
    older = tmp_path / "older.sqlite3"
    shutil.copy(recorded, older)
    with sqlite3.connect(older) as conn:
        conn.execute("DELETE FROM schema_version WHERE version = 3")
    assert fileaudit.audit_file(str(older)) is None
    ledger = tmp_path / "ledger.sqlite3"
    shutil.copy(recorded, ledger)
    store = Store.open(str(ledger))
    register(store, ledger_source("TZ-1"))
    store.close()
    assert fileaudit.audit_file(str(ledger)) is None


def _traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements audit_file's connection runs, from now on."""
    statements: list[str] = []
    plain = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = plain(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(fileaudit.sqlite3, "connect", connect)
    return statements


def test_the_log_is_read_once(recorded: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    statements = _traced(monkeypatch)
    quick = fileaudit.audit_file(str(recorded))
    assert quick is not None and quick.ok
    assert not any("mmap_size" in s for s in statements)  # plain reads: errors, not SIGBUS
    records = [s for s in statements if "FROM records" in s and "max(seq)" not in s]
    assert len(records) == 1 and "ORDER BY seq" in records[0]  # the chain, nothing before it


@pytest.mark.parametrize("halves", [False, True])
def test_ledger_records_with_the_ledger_emptied_go_to_the_audit(
        recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, halves: bool) -> None:
    """A source record is seen while the chain is checked (in the later half too): the
    log then goes to audit.py, which names the source missing from the ledger."""
    ledger = tmp_path / "ledger.sqlite3"
    shutil.copy(recorded, ledger)
    store = Store.open(str(ledger))
    register(store, ledger_source("TZ-1"))
    store.close()
    with sqlite3.connect(ledger) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM source_amounts")
        conn.execute("DELETE FROM sources")
    forks: list[int] = []
    if halves:
        monkeypatch.setattr(verify, "PARALLEL_FROM", 2)
        monkeypatch.setattr(verify, "_alone", lambda: True)
        monkeypatch.setattr(verify, "_cores", lambda: 2)
        fork = verify.os.fork
        monkeypatch.setattr(verify.os, "fork", lambda: forks.append(1) or fork())
    assert fileaudit.audit_file(str(ledger)) is None
    assert forks == ([1] if halves else [])
    chain, problems = _whole(ledger)
    assert chain.ok and any("missing from the ledger" in p for p in problems)  # type: ignore[attr-defined]
    code, out, _ = run("history", "--verify", "--db", str(ledger))
    assert code == 1 and "source TZ-1 is registered in record" in out
