"""The interview: ask an officer only what this project needs, page by page.

It starts with what every project has (``start_questions``). After each page
``step`` screens what is known and returns the decision so far and the next
page: the open fields that rules still undetermined need and that could change
the outcome, grouped by proposal block, each with the clauses that ask it
("为什么问这个"). It is done when no open field can change the outcome (see
``screening.interview.analysis`` for the stopping rule); questions that could
still change a finding but not the outcome are offered as ``further``.

``answers`` has the shape of a proposal file; ``null`` for an asked field
means "not known" (it is then not asked again, and a rule that needs it refers).
"""

from __future__ import annotations

from screening.derive.messages import FieldError
from screening.interview.questions import ClauseRef, Question, start_questions
from screening.interview.run import Drive, drive, leaves
from screening.interview.skeleton import search_industries, skeleton
from screening.interview.steps import Step, step

__all__ = ["ClauseRef", "Drive", "FieldError", "Question", "Step", "drive", "leaves",
           "search_industries", "skeleton", "start_questions", "step"]
