"""Validation messages per field, in Chinese and English, for pages and the API.

The words come from the library's message catalogue (screening.derive.messages),
the same the CLI prints with ``--lang zh``; this module only adapts a Problem.
"""

from __future__ import annotations

from screening.derive.messages import message
from screening.errors import Problem


def message_of(problem: Problem) -> dict[str, str]:
    return {"zh": message(problem, "zh"), "en": message(problem, "en")}
