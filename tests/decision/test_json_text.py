"""Decision JSON is orjson's bytes, with keys that are not text still written (as text)."""

from __future__ import annotations

import datetime
from pathlib import Path

import orjson

from screening.decision.jsontext import dumps, dumps_bytes
from screening.facts.files import load_proposal
from screening.screen import Screener

ROOT = Path(__file__).resolve().parents[2]


def _with_any_keys(value: object, indent: bool) -> bytes:
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(value, option=option)


def test_every_case_is_written_as_with_keys_of_any_type(screener: Screener) -> None:
    cases = sorted((ROOT / "cases").glob("*.yaml"))
    assert cases
    for path in cases:
        data = screener.screen(load_proposal(path).proposal).as_dict()
        for indent in (False, True):
            assert dumps_bytes(data, indent) == _with_any_keys(data, indent), path
            assert dumps(data, indent) == _with_any_keys(data, indent).decode(), path


def test_keys_that_are_not_text_are_still_written() -> None:
    value = {1: "a", datetime.date(2022, 1, 1): [{2.5: None}], "x": {True: 1}}
    for indent in (False, True):
        assert dumps_bytes(value, indent) == _with_any_keys(value, indent)
    assert dumps({2 ** 70: 1}) == '{"1180591620717411303424":1}'  # past orjson: json
