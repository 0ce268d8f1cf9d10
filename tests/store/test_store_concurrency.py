"""Several officers approving at once, or one killed midway: no source below zero, no half claim.

A process recording, approving and releasing in a loop is killed at random moments
five times; each time the chain verifies, the ledger agrees with it and the log takes
the next record.

Twelve processes, released together by a barrier, each approve one recorded
decision; the decisions claim overlapping sources, twice what the sources hold.
Afterwards every source's claimed amount is within what was registered, equals
the sum of its claim entries and of the approved decisions' claims, every approval
is all or nothing, and every refusal was justified. And an approving process
killed (SIGKILL) between two claims leaves none of them. Runs on SQLite and on
the PostgreSQL of $SCREENING_TEST_PG.
"""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

from screening.derive.ledger import claims_of, milli
from screening.errors import StoreError
from screening.facts.proposal import Proposal
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.store.audit import audit
from screening.store.claims import approve
from screening.store.database import Store
from screening.store.decisions import status
from screening.store.sources import totals
from tests.store_helpers import food, ledger_source, record, register

WORKERS = 12
SOURCES = ("LS-A", "LS-B", "LS-C")


def proposal_for(number: int) -> Proposal:
    """Particulates 3 + 2 t/a from two sources and COD 2.5 t/a from the third."""
    a, b, c = (SOURCES[(number + k) % len(SOURCES)] for k in range(3))
    return food(f"P-{number}", [(a, 3), (b, 2)], [(c, 2.5)])


def _approve_one(url: str, seq: int, barrier: Any, results: Any) -> None:
    store = Store.open(url)
    try:
        barrier.wait(timeout=120)
        started = time.perf_counter()
        with store.writing() as writer:
            approve(writer, seq, f"officer-{seq}")
        results.put((seq, "approved", time.perf_counter() - started))
    except StoreError as exc:
        results.put((seq, "refused", str(exc)))
    except Exception as exc:  # reported to the test, which fails on it
        results.put((seq, "error", repr(exc)))
    finally:
        store.close()


def test_concurrent_claims_never_overdraw_a_source(db_url: str, rulebook: Rulebook) -> None:
    store = Store.open(db_url)
    register(store, *(ledger_source(sid, particulates=10, cod=10) for sid in SOURCES))
    screener = Screener(rulebook)
    plans = {record(store, screener, proposal_for(n)): proposal_for(n) for n in range(WORKERS)}
    with store.reading() as conn:
        assert all(status(conn, seq).outcome == "approve" for seq in plans)

    store.close()  # no pooled connection is inherited by the workers
    # fork starts a worker in milliseconds (this process has one thread); spawn elsewhere
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    workers = [context.Process(target=_approve_one, args=(db_url, seq, barrier, results))
               for seq in plans]
    for worker in workers:
        worker.start()
    outcomes = {seq: (what, detail) for seq, what, detail in
                (results.get(timeout=180) for _ in workers)}
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0] * WORKERS
    assert not [o for o in outcomes.values() if o[0] == "error"], outcomes
    approved = sorted(seq for seq, (what, _) in outcomes.items() if what == "approved")
    refused = sorted(seq for seq, (what, _) in outcomes.items() if what == "refused")
    assert approved and refused and len(approved) + len(refused) == WORKERS

    store = Store.open(db_url)
    expected: dict[tuple[str, str], int] = {}
    for seq in approved:
        for sid, dim, amount in claims_of(plans[seq]):
            expected[(sid, dim)] = expected.get((sid, dim), 0) + milli(amount)
    with store.reading() as conn:
        ledger = totals(conn)
        for (sid, dim), (registered, claimed, summed) in ledger.items():
            assert 0 <= claimed <= registered, (sid, dim)
            assert claimed == summed == expected.get((sid, dim), 0), (sid, dim)
        for seq in plans:
            assert status(conn, seq).approved == (seq in approved)
        assert audit(conn).ok
    for seq in refused:  # nothing was released, so what did not fit then does not fit now
        assert any(ledger[(sid, dim)][0] - ledger[(sid, dim)][1] < milli(amount)
                   for sid, dim, amount in claims_of(plans[seq])), seq
    store.close()
    left = {f"{sid} {dim.split('.')[1]}": (reg - cl) / 1000
            for (sid, dim), (reg, cl, _) in sorted(ledger.items())}
    print(f"\n{db_url.split(':')[0]}: {WORKERS} processes, {len(approved)} approved, "
          f"{len(refused)} refused; slowest approval "
          f"{max(outcomes[seq][1] for seq in approved) * 1000:.0f} ms; left {left}")


def _approve_and_hang(url: str, seq: int, claimed_one: Any) -> None:
    store = Store.open(url)

    def hang(number: int) -> None:
        if number == 0:
            claimed_one.set()  # one claim written, transaction still open
            time.sleep(120)

    with store.writing() as writer:
        approve(writer, seq, "officer", after_claim=hang)


def test_an_approve_killed_midway_commits_nothing(db_url: str, rulebook: Rulebook) -> None:
    store = Store.open(db_url)
    register(store, *(ledger_source(sid) for sid in SOURCES))
    seq = record(store, Screener(rulebook), proposal_for(0))
    store.close()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    claimed_one = context.Event()
    worker = context.Process(target=_approve_and_hang, args=(db_url, seq, claimed_one))
    worker.start()
    assert claimed_one.wait(timeout=60)
    worker.kill()  # SIGKILL: no rollback by the process itself
    worker.join(timeout=30)
    store = Store.open(db_url)
    with store.reading() as conn:
        assert all(claimed == 0 for _, claimed, _ in totals(conn).values())
        assert not status(conn, seq).approved and audit(conn).ok
    with store.writing() as writer:  # the database is usable, and the approval goes through
        approve(writer, seq, "officer")
    with store.reading() as conn:
        assert sum(claimed for _, claimed, _ in totals(conn).values()) == milli(3 + 2 + 2.5)
    store.close()


def _record_approve_release_forever(url: str, decision: Any, rulebook: Rulebook,
                                    started: Any, done: Any) -> None:
    """Record the decision, approve it, release it, again and again, until killed."""
    from screening.store.claims import release
    from screening.store.decisions import record_decision

    store = Store.open(url)
    started.set()
    while True:
        with store.writing() as writer:
            seq = record_decision(writer, decision, rulebook, "张三").seq
        done.value += 1
        with store.writing() as writer:
            approve(writer, seq, "李四")
        done.value += 1
        with store.writing() as writer:
            release(writer, seq, "李四", "项目撤回")
        done.value += 1


def test_killed_at_any_point_of_record_or_approve_the_chain_holds(
        db_url: str, rulebook: Rulebook) -> None:
    """SIGKILL at random moments of `screen --record`, `approve` and `release` writes."""
    import random

    from screening.cli.storage import ScreenSession

    store = Store.open(db_url)
    register(store, *(ledger_source(sid) for sid in SOURCES))
    screener = Screener(rulebook)
    screener.ledger = ScreenSession(store, screener)
    decision = screener.screen(proposal_for(0))
    screener.ledger = None
    store.close()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    rounds, chance = 5, random.Random(20221)
    done = context.Value("i", 0, lock=False)  # no lock a killed worker could leave held
    for number in range(rounds):
        started = context.Event()
        worker = context.Process(target=_record_approve_release_forever,
                                 args=(db_url, decision, rulebook, started, done))
        before = done.value
        worker.start()
        assert started.wait(timeout=60)
        if number:  # the first round is killed early (storing the rule files); later ones
            deadline = time.monotonic() + 60  # once a write went through, at a random moment
            while done.value == before and time.monotonic() < deadline:
                time.sleep(0.01)
        time.sleep(chance.uniform(0.0, 0.3))
        worker.kill()
        worker.join(timeout=30)
        store = Store.open(db_url)
        with store.reading() as conn:
            result = audit(conn)
            assert result.ok, (result.chain, result.problems)
            for registered, claimed, summed in totals(conn).values():
                assert 0 <= claimed == summed <= registered
        with store.writing() as writer:  # the lock was not left held: the log takes a record
            writer.append("note", {"after": "kill"}, "test")
        store.close()
    assert done.value >= rounds - 1  # writes went through between the kills
