"""Validation messages per field, in Chinese and English, for pages and the API.

The words come from the library's message catalogue (screening.interview), the
same the CLI prints with ``--lang zh``; this module only adapts a Problem to it.
"""

from __future__ import annotations

from screening.errors import Problem


def message_of(problem: Problem) -> dict[str, str]:
    en = problem.render()
    try:
        from screening.interview import problem_messages  # type: ignore[attr-defined]
    except ImportError:  # the catalogue is not there yet: English, named field
        return {"zh": f"{problem.field or ''}：{problem.message}" if problem.field
                else problem.message, "en": en}
    return dict(problem_messages(problem))
