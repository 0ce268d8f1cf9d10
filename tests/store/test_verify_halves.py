"""A long SQLite log checked in two processes gives the verdict checking it record after
record gives: the same first broken record, reason and count, wherever the break is
(either half, either side of the seam, the end), and the same audit problems."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from screening.store import verify
from screening.store.audit import audit
from screening.store.chain import DECISION, GENESIS, OVERRIDE, SOURCE, canonical, record_hash
from screening.store.database import Store

COUNT = 40  # split at 20 | 21
STORED = "sha256:" + "ab" * 32


def _log(path: Path, kinds: dict[int, str] | None = None) -> None:
    """A migrated database holding COUNT decision records with a correct chain; every
    seventh decision names a rulebook that is not stored; ``kinds``: records of other
    kinds in their place, by number."""
    Store.open(str(path)).close()
    previous = GENESIS
    with sqlite3.connect(path) as conn:
        for seq in range(1, COUNT + 1):
            rulebook = None if seq % 7 else "sha256:" + f"{seq:02d}" * 32
            body = canonical({"decision": {"outcome": "refer", "rulebook": rulebook,
                                           "note": f'第{seq}号 "quoted" \\ back'},
                              "proposal": {"id": f"HD-{seq}"}})
            args = (seq, (kinds or {}).get(seq, DECISION), f"HD-{seq}", None, "张三",
                    f"2026-12-01T00:00:{seq:02d}", body, previous)
            previous = record_hash(*args)
            conn.execute("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (*args, previous))
        conn.execute("UPDATE log_head SET seq = ?, hash = ? WHERE id = 1", (COUNT, previous))


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    results = []
    for cores in (1, 2):
        monkeypatch.setattr(verify, "_cores", lambda cores=cores: cores)
        store = Store.open(str(path))
        with store.reading() as conn:
            result = audit(conn)
        store.close()
        results.append((result.chain, result.problems))
    return results[0], results[1]


CHANGES: dict[str, Callable[[sqlite3.Connection], object]] = {
    "intact": lambda c: None,
    "body early": lambda c: c.execute("UPDATE records SET body = replace(body, 'refer', "
                                      "'reject') WHERE seq = 3"),
    "body at the seam": lambda c: c.execute("UPDATE records SET body = body || ' ' "
                                            "WHERE seq = 20"),
    "body after the seam": lambda c: c.execute("UPDATE records SET body = replace(body, "
                                               "'refer', 'reject') WHERE seq = 21"),
    "body last": lambda c: c.execute("UPDATE records SET body = '{' WHERE seq = 40"),
    "not UTF-8 late": lambda c: c.execute("UPDATE records SET body = CAST(X'7b22ff227d' AS "
                                          "TEXT) WHERE seq = 33"),
    "seam removed": lambda c: c.execute("DELETE FROM records WHERE seq = 21"),
    "before the seam removed": lambda c: c.execute("DELETE FROM records WHERE seq = 20"),
    "first removed": lambda c: c.execute("DELETE FROM records WHERE seq = 1"),
    "late removed": lambda c: c.execute("DELETE FROM records WHERE seq = 30"),
    "end removed": lambda c: c.execute("DELETE FROM records WHERE seq = 40"),
    "link after the seam": lambda c: c.execute("UPDATE records SET prev_hash = ? WHERE seq = 21",
                                               (GENESIS,)),
    "link late": lambda c: c.execute("UPDATE records SET prev_hash = ? WHERE seq = 35",
                                     (GENESIS,)),
    "two swapped": lambda c: c.executescript(
        "UPDATE records SET seq = -1 WHERE seq = 25; UPDATE records SET seq = 25 WHERE seq = 26;"
        "UPDATE records SET seq = 26 WHERE seq = -1;"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_two_halves_give_the_verdict_of_one_pass(tmp_path: Path, change: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        CHANGES[change](conn)
    monkeypatch.setattr(verify, "PARALLEL_FROM", 2)
    monkeypatch.setattr(verify, "_alone", lambda: True)  # whatever threads other tests left
    forks = []
    fork = verify.os.fork
    monkeypatch.setattr(verify.os, "fork", lambda: forks.append(1) or fork())
    one, two = _both(path, monkeypatch)
    assert forks == [1]  # the second run did check in two processes
    assert two == one
    chain, problems = one
    if change == "intact":
        assert chain.ok and chain.records == COUNT  # type: ignore[attr-defined]
        assert [p.split(":")[0] for p in problems] == ["record 7", "record 14", "record 21",
                                                      "record 28", "record 35"]
    else:
        assert not chain.ok  # type: ignore[attr-defined]


def test_a_failed_second_process_is_made_good_here(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE records SET body = body || ' ' WHERE seq = 31")
    monkeypatch.setattr(verify, "PARALLEL_FROM", 2)

    def broken(*_: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(verify, "_later_half", broken)  # in the child: it exits with 1
    monkeypatch.setattr(verify, "_alone", lambda: True)
    one, two = _both(path, monkeypatch)
    assert two == one and one[0].broken == 31  # type: ignore[attr-defined]


def test_a_short_log_is_checked_in_one_pass(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path)
    monkeypatch.setattr(verify.os, "fork", lambda: pytest.fail("forked for 40 records"))
    one, two = _both(path, monkeypatch)
    assert one == two and one[0].ok  # type: ignore[attr-defined]


def test_a_process_running_threads_does_not_fork(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path)
    monkeypatch.setattr(verify, "PARALLEL_FROM", 2)
    monkeypatch.setattr(verify, "_cores", lambda: 2)
    monkeypatch.setattr(verify.os, "fork", lambda: pytest.fail("forked beside a thread"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        store = Store.open(str(path))
        with store.reading() as conn:
            assert audit(conn).chain.ok
        store.close()
    finally:
        stop.set()
        other.join()


def test_an_error_in_the_first_half_leaves_no_child_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.sqlite3"
    _log(path)
    monkeypatch.setattr(verify, "PARALLEL_FROM", 2)
    monkeypatch.setattr(verify, "_alone", lambda: True)
    monkeypatch.setattr(verify, "_cores", lambda: 2)
    parent, plain = os.getpid(), verify.check_span
    children: list[int] = []
    fork = verify.os.fork

    def forked() -> int:
        children.append(fork())
        return children[-1]

    def failing(*args: object) -> verify.Span:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return plain(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(verify.os, "fork", forked)
    monkeypatch.setattr(verify, "check_span", failing)
    store = Store.open(str(path))
    with pytest.raises(KeyboardInterrupt), store.reading() as conn:
        audit(conn)
    store.close()
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped
        os.waitpid(children[0], os.WNOHANG)


@pytest.mark.parametrize("where", [{5: SOURCE}, {31: SOURCE}, {5: OVERRIDE, 21: SOURCE}])
def test_the_kinds_read_are_those_of_one_pass(tmp_path: Path, where: dict[int, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Records other than decisions are noted in either half (fileaudit.py hands a log
    with ledger records to audit.py on that), and a broken record keeps what came before."""
    path = tmp_path / "log.sqlite3"
    _log(path, where)
    monkeypatch.setattr(verify, "PARALLEL_FROM", 2)
    monkeypatch.setattr(verify, "_alone", lambda: True)
    spans = []
    for cores in (1, 2):
        monkeypatch.setattr(verify, "_cores", lambda cores=cores: cores)
        with sqlite3.connect(path) as raw:
            spans.append(verify.sqlite_span(raw, None))
    assert spans[0] == spans[1]
    assert spans[0].broken is None and spans[0].others == set(where.values())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE records SET body = body || ' ' WHERE seq = 30")
    for cores in (1, 2):
        monkeypatch.setattr(verify, "_cores", lambda cores=cores: cores)
        with sqlite3.connect(path) as raw:
            span = verify.sqlite_span(raw, None)
        assert span.broken == 30
        assert span.others == {kind for seq, kind in where.items() if seq < 30}
