"""Strict facts and YAML 1.2 resolution: what looks like a number or a yes is not taken for one."""

from __future__ import annotations

import typing
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, Strict, ValidationError

from screening.errors import InputError
from screening.facts.files import load_proposal
from screening.facts.proposal import Proposal
from screening.facts.yamlio import parse_json, parse_yaml

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "proposals" / "good-food.yaml"


@pytest.mark.parametrize(("text", "value"), [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("Y", "Y"),  # 1.1 booleans
    ("0x10", "0x10"), ("0o17", "0o17"), ("0b101", "0b101"), ("1_000", "1_000"),
    ("1:20", "1:20"), ("012", 12), ("1e5", 100000.0), ("-2.5E-3", -0.0025),
    ("true", True), ("False", False), ("~", None), ("null", None), ("''", ""),
    ("2022-09-01", date(2022, 9, 1)), ("'2022-09-01'", "2022-09-01"), ("3011", 3011),
])
def test_plain_scalars_resolve_as_yaml_1_2_core(text: str, value: object) -> None:
    data, _, problems = parse_yaml(f"a: {text}\n", "f.yaml")
    assert problems == [] and data == {"a": value}
    assert type(data["a"]) is type(value)


def _leaves(model: type[BaseModel], prefix: str = "") -> typing.Iterator[tuple[str, object]]:
    for name, info in model.model_fields.items():
        annotation = info.annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)] \
            if typing.get_origin(annotation) in (typing.Union, __import__("types").UnionType) \
            else [annotation]
        for arg in args:
            inner = typing.get_args(arg)[0] if typing.get_origin(arg) is list else arg
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from _leaves(inner, f"{prefix}{name}.")
            else:
                yield f"{prefix}{name}", (arg, info)


def test_every_number_and_flag_of_a_proposal_is_strict() -> None:
    loose = []
    for path, (annotation, info) in _leaves(Proposal):
        base = typing.get_args(annotation)[0] if typing.get_origin(annotation) is \
            typing.Annotated else annotation
        if base in (bool, int, float):
            metadata = [*info.metadata, *typing.get_args(annotation)[1:]]
            if not any(isinstance(m, Strict) for m in metadata):
                loose.append(path)
    assert loose == []


@pytest.mark.parametrize(("old", "new", "field"), [
    ("energy: {new_tce: 420,", "energy: {new_tce: '420',", "energy.new_tce"),
    ("  hoarding: true", "  hoarding: 'false'", "construction_site.hoarding"),
    ("  hoarding: true", "  hoarding: 0", "construction_site.hoarding"),
    ("  hoarding: true", "  hoarding: no", "construction_site.hoarding"),
    ("  hoarding: true", "  hoarding: 0x10", "construction_site.hoarding"),
    ("  lowest_stage: 4", "  lowest_stage: true", "machinery.lowest_stage"),
    ("application_date: 2022-06-01", "application_date: 1654041600", "application_date"),
])
def test_strict_facts_refuse_look_alikes(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_proposal(path)
    assert [p.field for p in caught.value.problems] == [field]


def test_json_dates_are_text_and_numbers_are_numbers() -> None:
    data, _, problems = parse_json('{"application_date": "2022-06-01", "n": 1e5}', "f.json")
    assert problems == [] and data == {"application_date": "2022-06-01", "n": 100000.0}
    with pytest.raises(ValidationError):
        Proposal.model_validate({"application_date": 20220601})
