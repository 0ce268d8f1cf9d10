"""The fast reader (rapidyaml + orjson) reads every file exactly as the strict reader does.

Whatever the rules or the files say, a file read on the fast path must give the
same values, of the same types, as the strict (line-keeping) reader; a file the
fast path cannot read that way is left to the strict reader, which reports it.
"""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening.facts import yamlio
from screening.facts.files import load_proposal
from screening.facts.yamlio import parse_yaml, read_document
from tests.paths import CASES, ROOT

FAST = yamlio._FAST


def typed(value: Any) -> Any:
    """``value`` with every scalar's type beside it (1 and 1.0 and True differ)."""
    if isinstance(value, dict):
        return {(type(k).__name__, k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def strict(text: str) -> tuple[Any, list[Any]]:
    data, _, problems = parse_yaml(text, "x.yaml")  # lines kept: never the fast path
    return data, problems


def same_as_strict(text: str) -> bool:
    """True if the fast path read ``text``; fails the test if it read it differently."""
    fast = FAST.read(text)
    if fast is None:
        return False
    data, problems = strict(text)
    assert problems == [], text
    assert typed(fast) == typed(data), text
    return True


def project_yaml() -> list[Path]:
    skip = {".venv", ".git", "node_modules"}
    return sorted(p for p in ROOT.rglob("*.y*ml")
                  if p.suffix in (".yaml", ".yml") and not skip & set(p.parts))


def test_every_case_is_read_on_the_fast_path_as_the_strict_reader_reads_it() -> None:
    cases = sorted(CASES.glob("*.yaml"))
    assert cases
    for path in cases:
        assert same_as_strict(path.read_text(encoding="utf-8-sig")), path


def readable_text(path: Path) -> str | None:
    """The file's text as the strict reader decodes it, if it is a readable file at all."""
    raw, problems = yamlio.read_bytes(path)
    if raw is None or problems:
        return None
    text, _ = yamlio.decode(raw, str(path))
    return text


def test_every_yaml_file_of_the_project_reads_the_same_either_way() -> None:
    # rule files, fixtures and the malformed corpus (alias bombs, deep nests, bad dates,
    # duplicate keys...): where the fast path reads a file, it reads what the strict one does
    texts = [text for p in project_yaml() if (text := readable_text(p)) is not None]
    read = [same_as_strict(text) for text in texts]
    assert sum(read) > len(read) / 2


def test_load_proposal_reads_the_same_values_as_the_strict_reader() -> None:
    for path in sorted(CASES.glob("*.yaml"))[:20]:
        loaded = load_proposal(path)
        data, _ = strict(path.read_text(encoding="utf-8-sig"))
        data.pop("expected", None)
        assert loaded.proposal.model_dump() == type(loaded.proposal).model_validate(
            data).model_dump()


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                        # duplicate key: strict reader names both lines
    "a:\n  b: 1\n  b: 1\n",
    "a: &x 1\nb: *x\n",                    # anchors and aliases: bounded by the strict reader
    "a: !!str 1\n",                        # tags
    "base: &b {x: 1}\nc:\n  <<: *b\n",     # merge keys
    "a: |\n  text\n",                      # block scalars
    "a: \"tab\\there\"\n",                 # escapes
    "---\na: 1\n---\nb: 2\n",              # two documents
    "a: [1, 2\n",                          # syntax errors
    "a: b: c\n",
    "just text\n",                         # not a mapping or list
    "a: 1e5\n",                            # exponents (YAML 1.1 and 1.2 differ)
    "a: 123456789012345678901234567890\n",
    "a: -9223372036854775809\n",          # orjson would read it as a float
    "a: 1.0e+5\n",
    "a: 2022-09-31\n",                     # an impossible date: the strict reader says so
    "a: '2022-09-01'\nb: 2022-09-01\n",    # the same text quoted and plain
    "2022: x\n",                           # a key that is not text
    "'true': x\n",
])
def test_the_fast_path_steps_aside_where_it_could_differ(text: str) -> None:
    assert FAST.read(text) is None


def test_refused_files_print_nothing_of_the_parser_and_are_reported_by_the_strict_reader(
        capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: A\nname: [unclosed\n", encoding="utf-8")
    data, _, problems = read_document(bad, lazy_lines=True)
    assert data is None and problems and problems[0].line is not None
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("text, expected", [
    ("d: 2022-09-01\n", {"d": datetime.date(2022, 9, 1)}),
    ("d: '2022-09-01'\n", {"d": "2022-09-01"}),
    ("a: ~\nb:\nc: null\n", {"a": None, "b": None, "c": None}),
    ("a: '7'\nb: 1\nc: 1.5\nd: \"x y\"\ne: -3\n", {"a": "7", "b": 1, "c": 1.5, "d": "x y",
                                                 "e": -3}),
    ("a: [1, {b: c}]\n", {"a": [1, {"b": "c"}]}),
    ("名称: 水泥熟料 生产线\n", {"名称": "水泥熟料 生产线"}),
])
def test_plain_and_quoted_values(text: str, expected: dict[str, Any]) -> None:
    assert FAST.read(text) == expected
    assert same_as_strict(text)


def test_the_strict_readers_own_rule_decides_plain_words() -> None:
    # YAML 1.1 and 1.2 read yes/on/0x10/1_000 differently: whatever the strict reader
    # says, the fast path says the same or steps aside
    for word in ["yes", "no", "on", "off", "True", "NULL", "0x10", "0o17", "010", "+5",
                 "1_000", "1:20", ".inf", "-.5", ".5", "1.", "+1.5", "0.", "-0", "00", "2022-9-1",
                 "2022-09-01 10:00", "1.0", "-1.25", "0b11", "TRUE", "FALSE", "Off"]:
        text = f"a: {word}\nb: x\n"
        fast = FAST.read(text)
        if fast is not None:
            assert typed(fast) == typed(strict(text)[0]), word


def _random_value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        return rng.choice([
            rng.randint(-10**6, 10**6), round(rng.uniform(-1e4, 1e4), rng.randint(0, 6)),
            rng.choice([True, False, None]), datetime.date(2020, 1, 1)
            + datetime.timedelta(days=rng.randint(0, 2000)),
            rng.choice(["水泥", "关停淘汰", "a b", "x:y", "- not a list", "#hash", "'q'", '"d"',
                        "yes", "null", "1.0", "2022-01-01", "", " lead", "trail ", "a,b",
                        "[x]", "{y}", "R&D", "50%", "a: b", "多行\n文本", "≥ 1.2"]),
        ])
    if roll < 0.75:
        return {rng.choice(["id", "name", "amount", "kind", "new_t", "单位", "a b", "x-y"])
                + str(i): _random_value(rng, depth + 1) for i in range(rng.randint(0, 5))}
    return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def test_random_documents_read_the_same_either_way() -> None:
    rng = random.Random(14)
    fast = 0
    for index in range(400):
        data = {"id": f"R-{index}", "body": _random_value(rng, 0)}
        style = rng.choice([None, False, True])
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=style,
                              sort_keys=rng.random() < 0.5)
        fast += same_as_strict(text)
        fast += same_as_strict(json.dumps(data, ensure_ascii=False, default=str, indent=1))
    assert fast > 200  # most ordinary documents take the fast path


def test_a_file_with_more_separators_than_values_allowed_is_left_unparsed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4 MiB flow list is refused by the strict reader at its bound; the fast path
    steps aside before rapidyaml builds a tree of every value (421 MB before)."""
    from screening.facts import fastread

    parsed: list[int] = []
    real = fastread._parse
    monkeypatch.setattr(fastread, "_parse", lambda raw: parsed.append(len(raw)) or real(raw))
    assert FAST.read("fuels: [1, 2]\n") == {"fuels": [1, 2]} and len(parsed) == 1
    text = "fuels: [" + ",".join(["1"] * (FAST.max_values + 1)) + "]\n"
    assert FAST.read(text) is None
    assert len(parsed) == 1  # stepped aside before parsing
    _, problems = strict(text)
    assert any("more than 200,000 values" in p.message for p in problems)


def test_a_file_is_read_whole_whatever_size_stat_gave(tmp_path: Path) -> None:
    """The read asks for the size stat gave; a file that grew since (or a special file
    whose size reads 0) is still read to its end, and no further than the bound."""
    path = tmp_path / "grown.yaml"
    body = bytes(range(256)) * 700  # 179,200 bytes: several reads of 64 KiB
    path.write_bytes(body)
    for size in (0, 1, 1000, len(body) - 1, len(body), len(body) + 5):
        assert yamlio._read_at_most(path, size, len(body) + 1) == body
    assert yamlio._read_at_most(path, 0, 100) == body[:100]
    assert yamlio._read_at_most(path, len(body), 100) == body[:100]


def _odd_number_one_mark_at_a_time(zeros: bytes) -> bool:
    """The exponent search as it was written first: each of the four marks in turn."""
    if b"0000000000000000000" in zeros or b"-.0" in zeros or b"+.0" in zeros:
        return True
    for mark in (b"0e", b"0E", b".e", b".E"):
        at = zeros.find(mark)
        while at >= 0:
            after = zeros[at + 2:at + 4]
            if after[:1] == b"0" or (after[:1] in (b"+", b"-") and after[1:2] == b"0"):
                return True
            at = zeros.find(mark, at + 2)
    return False


def test_two_searches_find_the_exponents_the_four_searches_found() -> None:
    from screening.facts import fastread

    rng = random.Random(5)
    alphabet = b"0123456789.eE+-x :\n"
    odd = 0
    for _ in range(20000):
        raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        expected = _odd_number_one_mark_at_a_time(raw.translate(
            bytes.maketrans(b"123456789", b"000000000")))
        assert fastread._odd_number(raw.translate(fastread._ZEROS)) == expected, raw
        odd += expected
    assert 1000 < odd < 19000


def test_json_emitted_into_a_buffer_is_what_the_measuring_emit_gives() -> None:
    """The tree's JSON written once into a buffer sized from the text (and, when that
    is too small, the measuring emit) is the text ``emit_json_malloc`` gives."""
    from screening.facts import fastread

    rng = random.Random(3)
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(CASES.glob("*.yaml"))]
    for index in range(200):
        data = {"id": f"R-{index}", "名称": _random_value(rng, 0)}
        texts.append(yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                    default_flow_style=rng.choice([None, False, True])))
    texts += ["a: '" + "\\\\" * 40 + "'\n", 'a: "\\u00e9\\t"\n', "{a: [{}, []]}\n"]
    compared = 0
    for text in texts:
        raw = text.encode("utf-8")
        try:
            tree = fastread._parse(raw)[0]
        except Exception:  # refused by rapidyaml: the strict reader reads it
            continue
        root = tree.root_id()
        whole = fastread.ryml.emit_json_malloc(tree, root)
        for size in (len(raw), 0):  # the usual guess, and one too small for any document
            emitted = fastread._json_of(tree, root, size) if size else \
                fastread._json_of(tree, root, -128)
            got = bytes(emitted).decode("utf-8") if isinstance(emitted, memoryview) \
                else emitted
            assert got == whole, text
        compared += 1
    assert compared > 150


def test_quoted_occurrences_are_counted_as_the_three_counts_did() -> None:
    from screening.facts import fastread

    rng = random.Random(8)
    alphabet = "0-'\"a: \n"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))
        assert fastread._quoted(text, value) == (
            text.count(f"'{value}'") + text.count(f'"{value}"'), text.count(value)), \
            (text, value)


@pytest.mark.parametrize("text", [
    "a: x\n---y\n", "a: x\n...y\n", "a: x\n--- y\n", "a: x\n... y\n", "a:\n- x\n---\n",
    "a: x\n...\n", "a: 1\n... # c\n", "a: x\n  ---\n", "- a\n...\n- b\n",
])
def test_document_markers_inside_a_file_are_read_as_the_strict_reader_reads_them(
        text: str) -> None:
    # no text search for them: a second document is a stream in rapidyaml's tree
    fast = FAST.read(text)
    data, problems = strict(text)
    assert fast is None or (problems == [] and typed(fast) == typed(data)), text
    assert fast is None or "--- " not in text


def test_plain_dates_nested_anywhere_and_plain_words_are_put_in_place() -> None:
    text = ("d: 2022-09-01\nl:\n- a: [2022-09-01, '2022-09-02', x]\n  b: {c: 2021-01-02}\n"
            "t: True\nn: ~\nq: 'TRUE'\n")
    assert same_as_strict(text)
    fast = FAST.read(text)
    assert fast["l"][0]["a"] == [datetime.date(2022, 9, 1), "2022-09-02", "x"]
    assert fast["l"][0]["b"] == {"c": datetime.date(2021, 1, 2)}
    assert fast["t"] is True and fast["n"] is None and fast["q"] == "TRUE"


def test_nesting_is_read_up_to_the_bound_and_left_aside_past_it() -> None:
    assert FAST.read("a: " + "[" * 33 + "1" + "]" * 33 + "\n") is None
    assert FAST.read("a: " + "[" * 31 + "]" * 31 + "\n") == strict(
        "a: " + "[" * 31 + "]" * 31 + "\n")[0]
