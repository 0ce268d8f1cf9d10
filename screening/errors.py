"""One exception tree for everything the screening tool can refuse.

Every error carries where it happened (file, line, field) and what was expected,
so an officer or a policy editor can fix the input without reading Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# C0 and C1 controls (newline, carriage return, ANSI escape, ...) and the bidirectional
# overrides, which can make a terminal show what the text does not say
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``).

    Text from a proposal or a file name is printed through this, so that a name
    holding a newline and an escape sequence cannot forge a line of the decision.
    """
    if text.isprintable() or not _CONTROL.search(text):  # every control is unprintable
        return text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to ``word``, if one is close enough to suggest."""
    import difflib  # only when a name is wrong

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass
class Problem:
    """One thing wrong with an input: where, what, and what would be right."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    expected: str | None = None
    suggestion: str | None = None
    #: what kind of problem (pydantic's error type, or ours), for the message catalogue
    code: str | None = None
    #: the values its message names (limits, the key found, the allowed keys …)
    params: dict[str, object] | None = None
    #: which kind of document ``field`` is a field of, for its label: None for a
    #: proposal, "source" for a ledger source file
    document: str | None = None

    def render(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
        parts = [f"{where}: " if where else ""]
        if self.field:
            parts.append(f"{self.field}: ")
        parts.append(self.message)
        if self.expected:
            parts.append(f" (expected {self.expected})")
        if self.suggestion:
            parts.append(f"; did you mean '{self.suggestion}'?")
        return inert("".join(parts))

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items()
                if v is not None and k not in ("code", "params")}


@dataclass
class ScreeningError(Exception):
    """Base of every error the library raises on purpose."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)

    @classmethod
    def single(cls, message: str, **where: object) -> ScreeningError:
        return cls([Problem(message, **where)])  # type: ignore[arg-type]


class InputError(ScreeningError):
    """A proposal file that cannot be screened: syntax, unknown field, wrong type."""


class RulebookError(ScreeningError):
    """A rule, parameter, clause or catalogue file that does not hold together."""


class EngineError(ScreeningError):
    """The rule engine failed while screening (an action raised, a session leaked)."""


class StoreError(ScreeningError):
    """The decision log or ledger refused: no such record, a source would go below zero,
    the database cannot be reached or was written by a newer version."""
