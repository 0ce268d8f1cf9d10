"""The rulesets registered for the values in force are kept in the user's cache: a later
process registers them as stored, without specialising or laying out the rules again,
and decides exactly as before; an entry that does not check or does not fit the
rulebook is not used, and an edited rule file is a new key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screening import cachefiles
from screening.batch import render
from screening.engine import durable, plans
from screening.engine.durable import DurableEngine
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from tests.paths import CASES, RULES

CASE_FILES = sorted(CASES.glob("*.yaml"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(DurableEngine, "_variants", {})  # nothing registered yet
    return tmp_path / "cache"


def decisions(rulebook: Rulebook) -> list[str]:
    screener = Screener(rulebook)
    return [render(screener.screen(load_proposal(path).proposal), "json", "zh")
            for path in CASE_FILES]


def as_a_new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DurableEngine, "_variants", {})


def never(*args: object) -> None:
    raise AssertionError("the rulesets were worked out again")


def test_a_later_process_registers_the_stored_rulesets(
        rulebook: Rulebook, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = decisions(rulebook)
    stored = sorted(cache_dir.glob("*.rulesets"))
    assert len(stored) >= 2  # the cases meet several sets of values in force
    as_a_new_process(monkeypatch)
    monkeypatch.setattr(plans, "rulesets", never)
    monkeypatch.setattr(durable, "specialised_matches", never)
    assert decisions(rulebook) == first


def _first_entry(cache_dir: Path) -> tuple[Path, str]:
    entry = sorted(cache_dir.glob("*.rulesets"))[0]
    return entry, entry.name.removesuffix(plans.SUFFIX)


@pytest.mark.parametrize("damage", ["a rule it does not have", "a fact it does not assert",
                                    "not JSON", "flip a byte"])
def test_an_entry_that_does_not_fit_is_not_used(
        rulebook: Rulebook, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        damage: str) -> None:
    first = decisions(rulebook)
    entry, key = _first_entry(cache_dir)
    body = cachefiles.read_bytes(key, plans.SUFFIX)
    assert body is not None
    stored = json.loads(body)
    if damage == "a rule it does not have":
        stored[0]["hits"]["r0"] = ["no-such-rule", "fired"]
    elif damage == "a fact it does not assert":
        stored[0]["keys"].append("no_such_fact")
    if damage == "not JSON":
        assert cachefiles.write_bytes(key, b"{not json", plans.SUFFIX)
    elif damage == "flip a byte":
        data = bytearray(entry.read_bytes())
        data[-5] ^= 0x01
        entry.write_bytes(bytes(data))
    else:
        assert cachefiles.write_bytes(key, json.dumps(stored).encode(), plans.SUFFIX)
    rules = {rule.id for rule in rulebook.rules}
    engine = DurableEngine(rulebook)  # the short names and value properties it asserts
    names = {*engine.keys.values(),
             *(name for own in engine.values.values() for name in own.values())}
    assert plans.load(key, rules, names) is None
    as_a_new_process(monkeypatch)
    assert decisions(rulebook) == first  # worked out again, and stored again
    assert plans.load(key, rules, names) is not None


def test_an_edited_rule_file_is_a_new_key(cache_dir: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    before = load_rulebook(rules)
    decisions(before)
    count = len(list(cache_dir.glob("*.rulesets")))
    path = rules / "industry" / "cement.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = load_rulebook(rules)
    assert after.digest != before.digest
    as_a_new_process(monkeypatch)
    edited = decisions(after)
    assert len(list(cache_dir.glob("*.rulesets"))) == 2 * count
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    as_a_new_process(monkeypatch)
    assert decisions(after) == edited


def test_the_key_follows_digest_overlays_values_and_code(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = plans.key_of("a" * 64, (), '"f1":1.2')
    others = {plans.key_of("b" * 64, (), '"f1":1.2'), plans.key_of("a" * 64, ("x",), '"f1":1.2'),
              plans.key_of("a" * 64, (), '"f1":1.3'), plans.key_of("a" * 64, (), None)}
    monkeypatch.setattr(cachefiles, "source_stamp", lambda: b"edited code")
    others.add(plans.key_of("a" * 64, (), '"f1":1.2'))
    assert base is not None and base not in others and len(others) == 5
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    assert plans.key_of("a" * 64, (), None) is None


def test_values_that_run_on_the_general_rulesets_are_kept_as_such(cache_dir: Path) -> None:
    key = plans.key_of("c" * 64, (), '"f1":2')
    assert key is not None and plans.save(key, None)
    assert plans.load(key, set(), set()) == plans.GENERAL
