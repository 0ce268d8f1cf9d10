"""Proposals arriving over the web: an uploaded or pasted file, or a JSON body.

Read as strictly as `screening screen` reads a file (same YAML reader, duplicate
keys refused, the same pydantic model with extra="forbid"), and refused with one
message per field in Chinese and English. The proposal as entered can be given
back as YAML that the CLI screens to the same decision.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import yaml
from pydantic import ValidationError

from screening.errors import InputError, Problem
from screening.facts.files import problems_of
from screening.facts.proposal import Proposal
from screening.facts.yamlio import LineMap, parse_yaml


def parse_text(text: str, name: str) -> tuple[Any, LineMap]:
    """YAML or JSON text (JSON when the name says so or the text starts with '{')."""
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for key, value in pairs:
                if key in out:
                    raise InputError.single(f"duplicate key '{key}'", file=name)
                out[key] = value
            return out
        try:
            return json.loads(text, object_pairs_hook=no_duplicates), LineMap()
        except json.JSONDecodeError as exc:
            raise InputError.single(f"JSON syntax error: {exc.msg}", file=name,
                                    line=exc.lineno) from None
    data, lines, problems = parse_yaml(text, name)
    if problems:
        raise InputError(problems)
    return data, lines


def as_of_date(text: str | None) -> date | None:
    """The screening date an officer typed (YYYY-MM-DD), or None for the application date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.single(f"'{text}' is not a date", field="as_of",
                                expected="YYYY-MM-DD") from None


def validate(data: Any, name: str, lines: LineMap | None = None) -> Proposal:
    """The proposal, or InputError naming every field that is wrong."""
    if not isinstance(data, dict):
        raise InputError.single("a proposal must be one mapping of fields", file=name,
                                expected="id, name, application_date, industry, ...")
    data = dict(data)
    data.pop("expected", None)
    try:
        return Proposal.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_of(exc, name, lines or LineMap())) from None


def read_proposal(text: str, name: str = "proposal.yaml") -> Proposal:
    data, lines = parse_text(text, name)
    return validate(data, name, lines)


def as_yaml(proposal: Proposal) -> str:
    """What was entered, as a proposal file `screening screen` reads."""
    data = proposal.model_dump(mode="json", exclude_unset=True)
    head = (f"# {proposal.id} {proposal.name}\n"
            "# 由河东区“四减四增”项目准入筛查台导出；`screening screen` 可直接筛查此文件\n")
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def problem_rows(problems: list[Problem]) -> list[dict[str, Any]]:
    """One row per problem: field, line, and the message in Chinese and English."""
    from screening.web.messages import message_of

    return [{"field": p.field, "line": p.line, **message_of(p)} for p in problems]
