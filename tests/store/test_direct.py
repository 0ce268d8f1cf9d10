"""`screen` on an SQLite file without SQLAlchemy (store/direct.py) leaves the database
SQLAlchemy's Store leaves: the same tables, records, rule files and ledger answers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from screening.cli.storage import ScreenSession
from screening.screen import Screener
from screening.store import direct, fileaudit, migrations
from screening.store.database import Store
from screening.store.direct import DirectStore, ledger_view
from screening.store.sources import view
from tests.clirun import _rules_env, run  # noqa: F401  (autouse fixture)
from tests.paths import CASES
from tests.store_helpers import food, ledger_source, register

SAME = "seq, kind, proposal_id, ref, actor, CAST(body AS BLOB), typeof(body)"


def table(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def schema(db: Path) -> list[tuple[object, ...]]:
    return table(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")


def test_a_new_file_gets_the_tables_the_migrations_make(tmp_path: Path) -> None:
    assert direct.SCHEMA_VERSION == migrations.LATEST == fileaudit.SCHEMA_VERSION
    assert tuple((m.version, m.description) for m in migrations.MIGRATIONS) == direct.VERSIONS
    Store.open(str(tmp_path / "migrated.sqlite3")).close()
    opened = DirectStore.open(tmp_path / "new" / "direct.sqlite3")
    assert opened is not None
    opened.close()
    for name in ("migrated.sqlite3", "new/direct.sqlite3"):
        db = tmp_path / name
        assert table(db, "SELECT id, seq, hash FROM log_head") == [(1, 0, direct.GENESIS)]
    assert schema(tmp_path / "new" / "direct.sqlite3") == schema(tmp_path / "migrated.sqlite3")
    assert table(tmp_path / "new" / "direct.sqlite3", "SELECT version, description FROM "
                 "schema_version ORDER BY version") == list(direct.VERSIONS)


def test_recording_writes_what_the_store_writes(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = {}
    plain_open = DirectStore.open
    first = str(sorted(CASES.glob("*.yaml"))[0])
    count = len(list(CASES.glob("*.yaml")))
    for how in ("direct", "store"):
        if how == "store":
            monkeypatch.setattr(DirectStore, "open", classmethod(lambda cls, path: None))
        db = tmp_path / f"{how}.sqlite3"
        code, out[how], err = run("screen", str(CASES), "--record", "--db", str(db),
                                  "--officer", "李四", "--format", "json")
        assert code == 0, err
        assert err.count("recorded decision ") == count
    assert out["direct"] == out["store"]
    for sql in (f"SELECT {SAME} FROM records ORDER BY seq",
                "SELECT * FROM blobs ORDER BY rowid", "SELECT * FROM rulebook_files ORDER BY rowid",
                "SELECT seq FROM log_head"):
        assert table(tmp_path / "direct.sqlite3", sql) == table(tmp_path / "store.sqlite3", sql)
    # each log grows the other way: the Store onto the direct one, and back
    code, _, err = run("screen", first, "--record", "--db", str(tmp_path / "direct.sqlite3"))
    assert code == 0 and f"recorded decision {count + 1}:" in err
    monkeypatch.setattr(DirectStore, "open", plain_open)
    code, _, err = run("screen", first, "--record", "--db", str(tmp_path / "store.sqlite3"))
    assert code == 0 and f"recorded decision {count + 1}:" in err
    for how in ("direct", "store"):
        code, verified, _ = run("history", "--verify", "--db", str(tmp_path / f"{how}.sqlite3"))
        assert code == 0 and verified.startswith(f"ok: {count + 1} records"), verified


def test_the_ledger_reads_the_same(tmp_path: Path, screener: Screener) -> None:
    db = tmp_path / "ledger.sqlite3"
    store = Store.open(str(db))
    register(store, ledger_source("S-1", particulates=4.5), ledger_source("S-2", cod=2.25))
    ids = ["S-1", "S-2", "S-none"]
    with store.reading() as conn:
        expected = view(conn, ids)
    opened = DirectStore.open(db)
    assert opened is not None
    from screening.derive.ledger import MILLI

    with opened.reading() as raw:
        assert ledger_view(raw, ids, MILLI) == expected
    proposal = food("HD-D-1", [("S-1", 3.0), ("S-none", 1.0)], [("S-2", 1.0)])
    views = [ScreenSession(s, screener).view(proposal) for s in (store, opened)]
    assert views[0] == views[1] and views[0]["sources"]["S-1"] is not None
    opened.close()
    store.close()


def test_other_files_are_left_to_the_store(tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite3"
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{older}")
    with engine.begin() as conn:
        migrations.migrate(conn, target=2)
    engine.dispose()
    assert DirectStore.open(older) is None  # the Store migrates it
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    assert DirectStore.open(junk) is None
    code, _, err = run("screen", str(sorted(CASES.glob("*.yaml"))[0]), "--record", "--db",
                       str(junk))
    assert code == 2 and "file is not a database" in err
    assert DirectStore.open(tmp_path) is None  # a folder
    code, _, err = run("screen", str(sorted(CASES.glob("*.yaml"))[0]), "--record", "--db",
                       str(older))
    assert code == 0 and "recorded decision 1:" in err
    assert table(older, "SELECT MAX(version) FROM schema_version") == [(migrations.LATEST,)]


def test_screen_record_on_a_file_does_not_load_sqlalchemy(tmp_path: Path) -> None:
    case = sorted(CASES.glob("*.yaml"))[0]
    code = ("import sys\nfrom screening.cli import main\nsys.argv = ['screening', 'screen', "
            f"{str(case)!r}, '--record', '--db', {str(tmp_path / 'x.sqlite3')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('sqlalchemy'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert "recorded decision 1:" in done.stderr
    assert done.stderr.rstrip().endswith("[]"), done.stderr[-500:]
