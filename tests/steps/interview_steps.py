"""Step definitions for the interview (screening.interview) in features/.

"当 按问答筛查" interviews with the scenario's project as the officer's knowledge:
the basics first, then only what each page asks, answered from the project (a
field it does not give is "not known"), until no answer can change the outcome.
The decision at that point is put where the other 那么 steps read it.
"""

from __future__ import annotations

import pytest
from pytest_bdd import then, when

from screening.interview import Drive, drive
from screening.screen import Screener
from tests.steps.vocabulary import Screening, phrase


@pytest.fixture
def interview_run() -> dict[str, Drive]:
    return {}


@when("按问答筛查")
def interview(screening_state: Screening, screener: Screener,
              interview_run: dict[str, Drive]) -> None:
    run = drive(screener, screening_state.proposal(), complete=False)
    assert run.done_step is not None and run.done_step.decision is not None
    interview_run["run"] = run
    screening_state.decision = run.done_step.decision


def _run(interview_run: dict[str, Drive]) -> Drive:
    assert "run" in interview_run, "先执行 “当 按问答筛查”"
    return interview_run["run"]


@then(phrase('问及 "{field:Q}"'))
def asked(interview_run: dict[str, Drive], field: str) -> None:
    run = _run(interview_run)
    assert field in run.asked, f"问了：{'、'.join(run.asked)}"


@then(phrase('未问及 "{field:Q}"'))
def not_asked(interview_run: dict[str, Drive], field: str) -> None:
    run = _run(interview_run)
    assert field not in run.asked, f"问了：{'、'.join(run.asked)}"


@then(phrase('最多问 "{count:Q}" 个字段'))
def at_most(interview_run: dict[str, Drive], count: str) -> None:
    run = _run(interview_run)
    assert len(run.asked) <= int(count), f"问了 {len(run.asked)} 个：{'、'.join(run.asked)}"


@then("问答已结束")
def finished(interview_run: dict[str, Drive]) -> None:
    run = _run(interview_run)
    assert run.done_step is not None and run.done_step.done and not run.done_step.questions
