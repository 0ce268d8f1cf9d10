"""The cache of the loaded rulebook: used only when every rule file is as it was stored.

An edited, added or removed file is read again; an entry that is stale, tampered
with, truncated, or writable by others is never used; a rulebook that does not
load is never stored; a rulebook from the cache decides exactly as one read from
the files, and its zone layers are read only when a proposal has coordinates.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening.batch import render
from screening.errors import RulebookError
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.rulebook import cache
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from screening.spatial.deferred import DeferredLayers, portable
from tests.paths import CASES, FIXTURES, ROOT, RULES

CEMENT = "industry/cement.yaml"


class Loader:
    """``load_rulebook``, counting the times the rule files are really read."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path, overlays: tuple[str, ...]) -> Rulebook:
        self.calls += 1
        return load_rulebook(root, overlays)


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of rules/ and an empty cache folder of its own."""
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(RULES, tmp_path / "rules")
    return tmp_path / "rules"


def load(rules: Path, loader: Loader, overlays: tuple[str, ...] = ()) -> Rulebook:
    found = cache.cached(rules, overlays, loader, portable)
    assert isinstance(found, Rulebook)
    return found


def entries(rules: Path) -> list[Path]:
    return sorted((rules.parent / "cache").glob("*.rulebook"))


def decision_json(rulebook: Rulebook, case: str) -> str:
    decision = Screener(rulebook).screen(load_proposal(CASES / case).proposal)
    return render(decision, "json", "zh")


def test_the_second_load_comes_from_the_cache_and_decides_the_same(rules: Path) -> None:
    loader = Loader()
    fresh = load(rules, loader)
    assert loader.calls == 1 and len(entries(rules)) == 1
    again = load(rules, loader)
    assert loader.calls == 1, "the rule files were read again"
    assert again is not fresh and again.digest == fresh.digest
    assert again.files == fresh.files  # the bytes are those read for the key, by name
    # the durable match expressions are read when first asked for, and are the same
    assert all(isinstance(rule.matches, cache.Matches) for rule in again.rules)
    assert [tuple(r.matches) for r in again.rules] == [r.matches for r in fresh.rules]
    # once read, every rule holds the tuple itself (nothing in between on later reads)
    assert all(type(rule.matches) is tuple for rule in again.rules)
    assert again.rules[0].matches == fresh.rules[0].matches
    assert len(again.rules[0].matches) == len(fresh.rules[0].matches)
    twice = pickle.loads(pickle.dumps(again))
    assert [tuple(r.matches) for r in twice.rules] == [r.matches for r in fresh.rules]
    assert [r.id for r in again.rules] == [r.id for r in fresh.rules]
    assert isinstance(again.zones, DeferredLayers)
    for case in ("01-cement-clinker-line.yaml", "92-warehouse-point-inside-red-line.yaml",
                 "94-warehouse-polygon-basic-farmland.yaml"):
        assert decision_json(again, case) == decision_json(fresh, case), case


def test_an_edited_rule_file_is_read_again(rules: Path) -> None:
    loader = Loader()
    before = load(rules, loader)
    path = rules / CEMENT
    text = path.read_bytes()
    data = yaml.safe_load(text)
    rule_id = data["rules"][0]["id"]
    data["rules"][0]["title"]["zh"] += "（已修订）"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = load(rules, loader)
    assert loader.calls == 2
    assert after.digest != before.digest
    assert after.rules_by_id[rule_id].title.zh.endswith("（已修订）")
    assert not before.rules_by_id[rule_id].title.zh.endswith("（已修订）")
    assert len(entries(rules)) == 2
    path.write_bytes(text)  # back as it was: the first entry serves again
    assert load(rules, loader).digest == before.digest and loader.calls == 2


def test_an_added_file_is_a_new_key(rules: Path) -> None:
    loader = Loader()
    load(rules, loader)
    (rules / "README-extra.md").write_text("notes\n", encoding="utf-8")
    load(rules, loader)
    assert loader.calls == 2


def test_overlays_and_the_folder_are_part_of_the_key(rules: Path, tmp_path: Path) -> None:
    loader = Loader()
    overlay = next(p.name for p in (rules / "overlays").iterdir() if p.is_dir())
    load(rules, loader)
    with_overlay = load(rules, loader, (overlay,))
    assert loader.calls == 2 and with_overlay.overlays == (overlay,)
    other = tmp_path / "elsewhere"
    shutil.copytree(rules, other)
    assert load(other, loader).root == str(other) and loader.calls == 3


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "another key", "not a pickle",
                                    "others may write"])
def test_a_damaged_entry_is_never_used(rules: Path, damage: str) -> None:
    loader = Loader()
    fresh = load(rules, loader)
    entry = entries(rules)[0]
    data = bytearray(entry.read_bytes())
    head = len(cache.FORMAT) + 64 + 1 + 32
    if damage == "flip a byte":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncate":
        data = data[:len(data) // 2]
    elif damage == "another key":
        data[len(cache.FORMAT)] = ord("0" if data[len(cache.FORMAT)] != ord("0") else "1")
    elif damage == "not a pickle":  # a consistent checksum over bytes that are no rulebook
        import hashlib
        body = b"not a pickle"
        data = data[:head - 32] + hashlib.sha256(body).digest() + body
    if damage == "others may write":
        entry.chmod(0o666)
    else:
        entry.write_bytes(bytes(data))
    again = load(rules, loader)
    assert loader.calls == 2, f"a cache entry was used after: {damage}"
    assert again.digest == fresh.digest


def test_a_pickled_stranger_is_not_taken_for_a_rulebook(rules: Path) -> None:
    loader = Loader()
    load(rules, loader)
    key = entries(rules)[0].stem
    assert cache.write(key, {"not": "a rulebook"})
    load(rules, loader)
    assert loader.calls == 2


def test_a_rulebook_that_does_not_load_is_not_stored(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURES / "broken" / next(p.name for p in (FIXTURES / "broken").iterdir()
                                               if p.is_dir()), broken)
    loader = Loader()
    for _ in range(2):
        with pytest.raises(RulebookError):
            cache.cached(broken, (), loader, portable)
    assert loader.calls == 2
    assert not list((tmp_path / "cache").glob("*.rulebook"))


def test_the_cache_can_be_turned_off(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    loader = Loader()
    load(rules, loader)
    load(rules, loader)
    assert loader.calls == 2 and not entries(rules)


def test_a_file_read_while_it_changed_is_not_stored(rules: Path) -> None:
    """The key is made of the bytes first read; if the loader then read other bytes
    (the file was being saved), what it built is not stored under that key."""
    path = rules / CEMENT

    def editing(root: Path, overlays: tuple[str, ...]) -> Rulebook:
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return load_rulebook(root, overlays)

    cache.cached(rules, (), editing, portable)
    assert not entries(rules)


def test_old_entries_are_pruned(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    loader = Loader()
    for index in range(4):
        (rules / "note.txt").write_text(str(index), encoding="utf-8")
        load(rules, loader)
    assert len(entries(rules)) == 2


def _run(code: str, env: dict[str, Any]) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env}, check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_screening_without_coordinates_never_loads_the_geometry(rules: Path) -> None:
    """From the cache, a proposal without site.location is screened without shapely,
    pyproj or numpy; one with coordinates loads them and is located on the layers."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from screening.cli.options import load_rules\n"
        "from screening.facts.files import load_proposal\n"
        "from screening.screen import Screener\n"
        f"rulebook = load_rules(Path({str(rules)!r}), ())\n"
        "screener = Screener(rulebook)\n"
        "for name in sys.argv[1:] or [{case!r}]:\n"
        "    screener.screen(load_proposal(Path({cases!r}) / name).proposal)\n"
        "print(sorted(m for m in ('shapely', 'pyproj', 'numpy', 'yaml', 'babel')"
        " if m in sys.modules))\n")
    env = {"SCREENING_CACHE_DIR": str(rules.parent / "cache"), "PYTHONPATH": str(ROOT)}
    plain = code.format(case="01-cement-clinker-line.yaml", cases=str(CASES))
    _run(plain, env)  # stores the rulebook
    assert _run(plain, env).strip() == "[]"
    located = code.format(case="92-warehouse-point-inside-red-line.yaml", cases=str(CASES))
    assert _run(located, env).strip() == "['numpy', 'pyproj', 'shapely']"
