"""Driving the interview from a complete proposal: answer only what it asks.

Used by the tests and ``bench/interview.py`` to check that the interview reaches
the decision ``screen`` gives on the whole file, and to count what it asked.
A field the file does not state is answered "not known" (null).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from screening.interview.fields import askable
from screening.interview.questions import start_questions
from screening.interview.steps import Step, step
from screening.screen import Screener

_ABSENT = object()
#: more pages than any interview needs: one that goes on is a bug, not a long case
MAX_PAGES = 60


def leaves(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths of the fields a proposal states (a list is one field, and so is the
    site's location: what the interview asks as one question)."""
    out: list[str] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and value and path not in askable():
            out.extend(leaves(value, f"{path}."))
        else:
            out.append(path)
    return out


def _get(data: Mapping[str, Any], path: str) -> Any:
    current: Any = data
    for part in path.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return _ABSENT
        current = current[part]
    return current


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    current = data
    for part in parts[:-1]:
        current = current.setdefault(part, {})
    current[parts[-1]] = value


@dataclass
class Drive:
    """What an interview answered from a file: pages, fields asked, the steps."""

    asked: list[str] = field(default_factory=list)
    pages: int = 0
    #: fields asked after the outcome was settled, to complete the findings
    further: list[str] = field(default_factory=list)
    done_step: Step | None = None  # the step at which it was done
    final: Step | None = None  # after the further questions too


def drive(screener: Screener, data: Mapping[str, Any], as_of: date | None = None,
          complete: bool = True) -> Drive:
    """Interview with the answers taken from ``data`` (a proposal as a mapping)."""
    answers: dict[str, Any] = {}
    out = Drive()

    def answer(path: str, into: list[str]) -> None:
        value = _get(data, path)
        _put(answers, path, None if value is _ABSENT else value)
        into.append(path)

    for question in start_questions():
        answer(question.field, out.asked)
    out.pages = 1
    current = step(screener, answers, as_of)
    while not current.done:
        if current.errors or not current.questions or out.pages >= MAX_PAGES:
            raise RuntimeError(f"interview stuck after {out.pages} pages: "
                               f"{[e.zh for e in current.errors]}")
        for question in current.questions:
            answer(question.field, out.asked)
        out.pages += 1
        current = step(screener, answers, as_of)
    out.done_step = current
    while complete and current.further:
        for question in current.further:
            answer(question.field, out.further)
        current = step(screener, answers, as_of)
        if len(out.further) > 10 * MAX_PAGES:
            raise RuntimeError("further questions do not end")
    out.final = current
    return out
