"""A rulebook of 2,000 rules compiles, shards and screens exactly as the oracle does."""

from __future__ import annotations

import random
import sys
from datetime import date

import pytest

from screening.engine.durable import DurableEngine
from screening.engine.limits import SHARD_SIZE, shards
from screening.engine.reference import ReferenceEngine
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from tests.engine.test_engine import random_facts
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from rulebook_gen import write_rulebook
from throughput import generate

TOTAL = 2000


@pytest.fixture(scope="module")
def big(rulebook: Rulebook, tmp_path_factory: pytest.TempPathFactory) -> Rulebook:
    root = tmp_path_factory.mktemp("big") / "rules"
    write_rulebook(root, rulebook, TOTAL)
    return load_rulebook(root)


def test_two_thousand_rules_are_sharded(big: Rulebook) -> None:
    assert len(big.rules) == TOTAL
    durable_rules = sum(len(rule.matches) for rule in big.rules)
    engine = DurableEngine(big)
    general = engine.general().shards
    definitions = [(rule.id, status, match) for rule in big.rules
                   for status, match in rule.matches]
    # even chunks of at most SHARD_SIZE, one halved where rules crowd a node (limits.shards)
    assert len(general) == len(shards(definitions)) >= -(-durable_rules // SHARD_SIZE) > 1
    assert all(len(shard.hits) <= SHARD_SIZE for shard in engine.shards)


def test_two_thousand_rules_agree_with_the_oracle(big: Rulebook) -> None:
    durable, oracle = DurableEngine(big), ReferenceEngine(big)
    # random parameter values: the first few get a ruleset with them written in, the
    # rest run on the general one (a specialised 2,000-rule ruleset takes about a second)
    durable.MAX_VARIANTS = 3
    rng = random.Random(2000)
    fired, undetermined = 0, 0
    for index in range(120):
        facts = random_facts(big, rng)
        day = rng.choice([date(2022, 9, 1), date(2021, 3, 1), date(2023, 8, 5)])
        expected = set(oracle.run(facts, day))
        got = set(durable.run(facts, day))
        assert got == expected, f"case {index} as of {day}: {sorted(got ^ expected)[:5]}"
        fired += sum(status == "fired" for _, status in got)
        undetermined += sum(status == "undetermined" for _, status in got)
    assert fired > 500 and undetermined > 500  # the sample exercised both outcomes
    assert all(durable.live_facts(shard) == [] for shard in durable.shards)


def test_two_thousand_rules_give_the_oracle_decisions(big: Rulebook) -> None:
    durable, python = Screener(big, engine="durable"), Screener(big, engine="python")
    for proposal in generate(40, seed=3):
        one, two = durable.screen(proposal).as_dict(), python.screen(proposal).as_dict()
        assert one.pop("engine") == "durable" and two.pop("engine") == "python"
        assert one == two


def test_sessions_do_not_grow_over_two_thousand_screenings(big: Rulebook) -> None:
    screener = Screener(big)
    engine = screener.engine
    proposals = generate(50, seed=4)
    for proposal in proposals:  # registers the variants of the parameter values met
        engine.run(screener.facts(proposal, proposal.application_date)[0],
                   proposal.application_date)
    sessions = [shard.sid for shard in engine.shards]
    for index in range(2000):
        proposal = proposals[index % len(proposals)]
        engine.run(screener.facts(proposal, proposal.application_date)[0],
                   proposal.application_date)
    assert [shard.sid for shard in engine.shards] == sessions
    assert all(engine.live_facts(shard) == [] for shard in engine.shards)
