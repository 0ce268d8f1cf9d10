"""Step definitions: the Chinese phrases policy staff write in features/*.feature.

A scenario builds a proposal (a plain dict, as in a case file), changes facts,
screens it with the durable_rules engine and checks the decision. The proposal
goes through the real pydantic model when it is screened, so a misspelt field
or a wrong value fails the scenario instead of passing silently. The phrases
and their meaning are listed in features/README.md.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from pytest_bdd import given, parsers, then, when

from screening.decision.model import OUTCOME_LABELS, Decision
from screening.facts.proposal import Proposal
from screening.facts.yamlio import read_document
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from tests.steps.editing import FactPathError, delete_fact, parse_value, set_fact
from tests.steps.whatif import Override, WhatIf

CASES = Path(__file__).resolve().parents[2] / "cases"


def _quoted(text: str) -> str:
    return text


_quoted.pattern = r'[^"]*'  # type: ignore[attr-defined]


def phrase(fmt: str) -> parsers.parse:
    """A step pattern whose ``{x:Q}`` fields match text between straight quotes."""
    return parsers.parse(fmt, extra_types={"Q": _quoted})


OUTCOMES: dict[str, str] = {}
for _code, _labels in OUTCOME_LABELS.items():
    OUTCOMES.update({_code: _code, _labels["zh"]: _code, _labels["en"]: _code})

KNOWN_BUG = "known_bug"


def pytest_bdd_apply_tag(tag: str, function: Callable[..., Any]) -> Any:
    """@known_bug: the scenario states the correct policy and the engine does not yet
    meet it; strict xfail, so the scenario fails once the engine is fixed and the
    tag must be removed."""
    if tag != KNOWN_BUG:
        return None
    pytest.mark.known_bug(function)
    return pytest.mark.xfail(strict=True, reason="已知引擎缺陷，见场景说明")(function)


@dataclass
class Screening:
    """What one scenario has built so far."""

    data: dict[str, Any] | None = None
    overrides: list[Override] = field(default_factory=list)
    decision: Decision | None = None

    def proposal(self) -> dict[str, Any]:
        assert self.data is not None, "先用 “假如 以案例 … 为基础” 或 “假如 一个项目:” 给出项目"
        return self.data

    def result(self) -> Decision:
        assert self.decision is not None, "先执行 “当 筛查” 或 “当 按 … 筛查”"
        return self.decision


@pytest.fixture
def screening_state() -> Screening:
    return Screening()


@pytest.fixture(scope="session")
def what_if(rulebook: Rulebook, tmp_path_factory: pytest.TempPathFactory) -> WhatIf:
    return WhatIf(rulebook, tmp_path_factory.mktemp("what-if"))


def _summary(decision: Decision) -> str:
    findings = "; ".join(f"{f.rule}[{f.status}] {f.clause['section']}"
                         for f in decision.findings) or "无"
    missing = ", ".join(m["field"] for m in decision.missing) or "无"
    return f"结论 {decision.outcome}；发现：{findings}；缺少：{missing}"


def _edit(state: Screening, path: str, raw: str) -> None:
    try:
        set_fact(state.proposal(), path, parse_value(path, raw))
    except FactPathError as exc:
        pytest.fail(f"无法修改事实：{exc}")


# --- 假如: the proposal -----------------------------------------------------------

@given(phrase('以案例 "{case:Q}" 为基础'))
def from_case(screening_state: Screening, case: str) -> None:
    """Start from cases/<case>.yaml (its expected block dropped)."""
    path = CASES / (case if case.endswith((".yaml", ".yml")) else f"{case}.yaml")
    assert path.is_file(), f"没有案例文件 {path.name}；已有：" + ", ".join(
        p.stem for p in sorted(CASES.glob("*.yaml")))
    data, _, problems = read_document(path)
    assert not problems, "; ".join(p.render() for p in problems)
    assert isinstance(data, dict), f"{path.name} 不是一个项目"
    data.pop("expected", None)
    screening_state.data = copy.deepcopy(data)


@given("一个项目:")
def from_docstring(screening_state: Screening, docstring: str) -> None:
    """Start from a whole proposal written as YAML in a docstring."""
    data = yaml.safe_load(docstring)
    assert isinstance(data, dict), "项目须写成 YAML 映射（字段: 值）"
    screening_state.data = data


@given(phrase('将 "{path:Q}" 设为 "{value:Q}"'))
def set_one(screening_state: Screening, path: str, value: str) -> None:
    _edit(screening_state, path, value)


@given("修改以下事实:")
def set_many(screening_state: Screening, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    assert [h.strip() for h in header] == ["字段", "值"], "表头须为 | 字段 | 值 |"
    for path, value in rows:
        _edit(screening_state, path.strip(), value)


@given(phrase('删除 "{path:Q}"'))
def remove_one(screening_state: Screening, path: str) -> None:
    try:
        delete_fact(screening_state.proposal(), path)
    except FactPathError as exc:
        pytest.fail(f"无法删除事实：{exc}")


@given(phrase('"{balance:Q}" 的替代来源为 "{amount:Q}"'))
def one_source(screening_state: Screening, balance: str, amount: str) -> None:
    """Replace the sources of a balance by one shutdown source of ``amount``."""
    value = parse_value(f"{balance}.sources.0.amount", amount)
    source = {"description": "场景设定的替代来源", "amount": value, "kind": "关停淘汰",
              "arose_on": date(2022, 1, 1), "in_shandong": True}
    _edit(screening_state, f"{balance}.sources", "[]")
    set_fact(screening_state.proposal(), f"{balance}.sources.0", source)


def _override(what_if: WhatIf, state: Screening, name: str, key: str | None, since: str,
              value: str) -> None:
    state.overrides.append(what_if.check(
        Override(name, key, date.fromisoformat(since), yaml.safe_load(value))))


@given(phrase('参数 "{name:Q}" 自 "{since:Q}" 起取值 "{value:Q}"'))
def parameter(what_if: WhatIf, screening_state: Screening, name: str, since: str,
              value: str) -> None:
    _override(what_if, screening_state, name, None, since, value)


@given(phrase('参数 "{name:Q}" 中 "{key:Q}" 自 "{since:Q}" 起取值 "{value:Q}"'))
def keyed_parameter(what_if: WhatIf, screening_state: Screening, name: str, key: str,
                    since: str, value: str) -> None:
    _override(what_if, screening_state, name, key, since, value)


# --- 当: screening ----------------------------------------------------------------

def _screen(state: Screening, screener: Screener, what_if: WhatIf, day: date | None) -> None:
    try:
        proposal = Proposal.model_validate(state.proposal())
    except ValidationError as exc:
        problem = str(exc)
    else:
        problem = None
    if problem is not None:
        pytest.fail(f"项目事实不符合项目模型：\n{problem}")
    if state.overrides:
        screener = what_if.screener(tuple(state.overrides))
    state.decision = screener.screen(proposal, day)


@when("筛查")
def screen_on_application_date(screening_state: Screening, screener: Screener,
                               what_if: WhatIf) -> None:
    _screen(screening_state, screener, what_if, None)


@when(phrase('按 "{day:Q}" 筛查'))
def screen_as_of(screening_state: Screening, screener: Screener, what_if: WhatIf,
                 day: str) -> None:
    _screen(screening_state, screener, what_if, date.fromisoformat(day))


# --- 那么: the decision -----------------------------------------------------------

@then(phrase('结论为 "{label:Q}"'))
def outcome_is(screening_state: Screening, label: str) -> None:
    if label not in OUTCOMES:
        pytest.fail(f"未知结论 '{label}'；可用：" + "、".join(OUTCOMES))
    decision = screening_state.result()
    assert decision.outcome == OUTCOMES[label], _summary(decision)


def _section(rulebook: Rulebook, section: str) -> str:
    known = sorted({c.section for c in rulebook.clauses.values()})
    if section not in known:
        pytest.fail(f"条款登记表中没有 '{section}'；已有：" + "、".join(known))
    return section


@then(phrase('引用条款 "{section:Q}"'))
def cites(screening_state: Screening, rulebook: Rulebook, section: str) -> None:
    decision = screening_state.result()
    assert _section(rulebook, section) in decision.sections(), _summary(decision)


@then(phrase('不引用条款 "{section:Q}"'))
def does_not_cite(screening_state: Screening, rulebook: Rulebook, section: str) -> None:
    decision = screening_state.result()
    assert _section(rulebook, section) not in decision.sections(), _summary(decision)


def _statuses(state: Screening, rulebook: Rulebook, rule: str) -> list[str]:
    if rule not in rulebook.rules_by_id:
        pytest.fail(f"没有规则 '{rule}'（见 screening rules list）")
    return [f.status for f in state.result().findings if f.rule == rule]


@then(phrase('触发规则 "{rule:Q}"'))
def fires(screening_state: Screening, rulebook: Rulebook, rule: str) -> None:
    statuses = _statuses(screening_state, rulebook, rule)
    assert "fired" in statuses, _summary(screening_state.result())


@then(phrase('未触发规则 "{rule:Q}"'))
def does_not_fire(screening_state: Screening, rulebook: Rulebook, rule: str) -> None:
    """Neither fired nor undetermined: the rule is decided and does not apply."""
    statuses = _statuses(screening_state, rulebook, rule)
    assert not statuses, _summary(screening_state.result())


@then(phrase('无法判定规则 "{rule:Q}"'))
def undetermined(screening_state: Screening, rulebook: Rulebook, rule: str) -> None:
    statuses = _statuses(screening_state, rulebook, rule)
    assert "undetermined" in statuses, _summary(screening_state.result())


@then(phrase('缺少事实 "{name:Q}"'))
def missing(screening_state: Screening, rulebook: Rulebook, name: str) -> None:
    if name not in rulebook.fields and not _is_proposal_field(name):
        pytest.fail(f"没有事实字段 '{name}'")
    decision = screening_state.result()
    assert name in [m["field"] for m in decision.missing], _summary(decision)


def _is_proposal_field(name: str) -> bool:
    """Whether ``name`` is a dotted path of the proposal model (lists included)."""
    model: Any = Proposal
    for part in name.split("."):
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return False
        annotation = fields[part].annotation
        candidates = [annotation, *getattr(annotation, "__args__", ())]
        for candidate in list(candidates):
            candidates.extend(getattr(candidate, "__args__", ()))
        model = next((c for c in candidates if hasattr(c, "model_fields")), None)
    return True


@then("没有任何发现")
def no_findings(screening_state: Screening) -> None:
    decision = screening_state.result()
    assert not decision.findings, _summary(decision)


@then(phrase('说明包含 "{text:Q}"'))
def message_contains(screening_state: Screening, text: str) -> None:
    decision = screening_state.result()
    messages = [m for f in decision.findings for m in f.message.values()]
    assert any(text in m for m in messages), "说明：" + " | ".join(messages)


@then("附有筛查日期警告")
def warned(screening_state: Screening) -> None:
    decision = screening_state.result()
    assert decision.warnings, _summary(decision)
