"""The proposal's validator from the cache validates exactly as the model does.

Every case, every proposal and malformed fixture and a few hundred generated
proposals give the same proposal (or the same errors) through the validator rebuilt
from the stored schema as through ``Proposal.model_validate``; a later process
validates without building any pydantic model; an entry that does not check or
does not fit is not used; the key follows the package's source.
"""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from screening import cachefiles
from screening.facts import validator as cached
from screening.facts.proposal import Proposal
from screening.facts.yamlio import read_document
from tests.paths import CASES, FIXTURES, ROOT
from tests.proposal_gen import proposal_data


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREENING_CACHE_DIR", str(tmp_path / "cache"))
    cached.validator.cache_clear()
    yield tmp_path / "cache"
    cached.validator.cache_clear()


def documents() -> list[tuple[str, Any]]:
    """Every case and fixture proposal that reads as a document, and generated ones."""
    found = []
    paths = [*CASES.glob("*.yaml"), *(FIXTURES / "proposals").glob("*"),
             *(FIXTURES / "malformed").glob("*")]
    for path in sorted(paths):
        if (path.suffix not in (".yaml", ".yml", ".json") or not path.is_file()
                or path.stat().st_size > 200_000):
            continue
        data, _, problems = read_document(path)
        if not problems and isinstance(data, dict):
            data.pop("expected", None)
            found.append((path.name, data))
    rng = random.Random(14)
    found += [(f"generated {n}", proposal_data(rng.choice)) for n in range(300)]
    return found


def outcome(validate: Any, data: Any) -> Any:
    try:
        proposal = validate(data)
    except ValidationError as exc:
        return ("invalid", str(exc), exc.json(include_url=False))  # ctx errors as text
    return ("valid", type(proposal), repr(proposal), proposal.model_dump())


def test_the_rebuilt_validator_validates_as_the_model(cache_dir: Path) -> None:
    key = cached.key_of()
    assert key is not None
    Proposal.model_rebuild()
    assert cached.store(key, Proposal.__pydantic_validator__)
    rebuilt = cached.stored(key)
    assert rebuilt is not None and rebuilt is not Proposal.__pydantic_validator__
    cases = documents()
    assert len(cases) > 400
    kinds = set()
    for name, data in cases:
        expected = outcome(Proposal.model_validate, data)
        assert outcome(rebuilt.validate_python, data) == expected, name
        kinds.add(expected[0])
    assert kinds == {"valid", "invalid"}  # both kinds are compared


def _run(code: str, cache: Path) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=120,
                          env={**os.environ, "SCREENING_CACHE_DIR": str(cache),
                               "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_a_later_process_builds_no_model(cache_dir: Path) -> None:
    code = ("import sys\n"
            "from screening.facts.files import load_proposal\n"
            "from screening.facts.proposal import Proposal\n"
            f"loaded = load_proposal(__import__('pathlib').Path({str(CASES)!r}) / "
            "'01-cement-clinker-line.yaml')\n"
            "print(loaded.proposal.id, Proposal.__pydantic_complete__,"
            " 'pydantic.plugin._loader' in sys.modules)\n")
    first = _run(code, cache_dir)
    assert first.endswith("True True")  # built (and stored) by pydantic
    assert list(cache_dir.glob("*.validator"))
    again = _run(code, cache_dir)
    assert again.endswith("False False") and again.split()[0] == first.split()[0]


@pytest.mark.parametrize("body", [b"not a pickle", pickle.dumps(["a", "list"]),
                                  pickle.dumps(({"type": "no-such-schema"}, None))])
def test_an_entry_that_does_not_fit_is_not_used(cache_dir: Path, body: bytes) -> None:
    key = cached.key_of()
    assert key is not None and cachefiles.write_bytes(key, body, cached.SUFFIX)
    assert cached.stored(key) is None
    data = read_document(CASES / "01-cement-clinker-line.yaml")[0]
    data.pop("expected", None)
    assert cached.validate(data) == Proposal.model_validate(data)


def test_a_damaged_entry_is_not_used(cache_dir: Path) -> None:
    key = cached.key_of()
    assert key is not None
    Proposal.model_rebuild()
    assert cached.store(key, Proposal.__pydantic_validator__)
    entry = next(cache_dir.glob("*.validator"))
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0x01
    entry.write_bytes(bytes(data))
    assert cached.stored(key) is None


def test_the_key_follows_the_source_and_the_cache_can_be_off(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = cached.key_of()
    monkeypatch.setattr(cachefiles, "source_stamp", lambda: b"an edited module")
    assert cached.key_of() not in (None, key)
    monkeypatch.setenv("SCREENING_CACHE_DIR", "off")
    assert cached.key_of() is None
    data = read_document(CASES / "01-cement-clinker-line.yaml")[0]
    data.pop("expected", None)
    assert cached.validate(data).id == data["id"]
    assert not cache_dir.exists() or not list(cache_dir.glob("*.validator"))
