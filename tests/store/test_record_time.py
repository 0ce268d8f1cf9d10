"""A record's time is written as ``datetime.now(UTC).isoformat(timespec="microseconds")``
writes it (entries.now_text, which formats the date and time of day once a second)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from screening.store.entries import now_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _isoformat(ns: int) -> str:
    return (EPOCH + timedelta(microseconds=ns // 1000)).isoformat(timespec="microseconds")


def test_the_text_isoformat_writes() -> None:
    rng = random.Random(14)
    moments = [0, 999, 1_000, 999_999_999, 1_000_000_000, 1_764_650_000 * 10**9 + 999_999_999]
    moments += [rng.randrange(0, 4 * 10**18) for _ in range(20_000)]
    base = 1_764_650_000 * 10**9  # runs within and across a second, in and out of order
    moments += [base + rng.randrange(-3 * 10**9, 3 * 10**9) for _ in range(20_000)]
    for ns in moments:
        assert now_text(ns) == _isoformat(ns), ns


def test_now_is_the_clock_datetime_reads() -> None:
    for _ in range(1_000):
        before = datetime.now(UTC).isoformat(timespec="microseconds")
        now = now_text()
        after = datetime.now(UTC).isoformat(timespec="microseconds")
        assert before <= now <= after
        assert datetime.fromisoformat(now).tzinfo == UTC
