"""Steps for time and higher layers: screening with a real overlay from rules/overlays/,
checking which layer a number came from, and the plan-period warning.

"由市下达目标任务的以市下达的为准": a scenario can screen with the city's overlay
(``rules/overlays/linyi-city``) exactly as ``screening screen --overlay linyi-city``
does, and check that the decision names the layer of each number it used.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from pytest_bdd import then, when

from screening.errors import RulebookError
from screening.facts.proposal import Proposal
from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener
from tests.steps.vocabulary import Screening, phrase

_OVERLAY_SCREENERS: dict[str, Screener] = {}


def _overlay_screener(rulebook: Rulebook, overlay: str) -> Screener:
    if overlay not in _OVERLAY_SCREENERS:
        try:
            book = load_rulebook(rulebook.root, (overlay,))
        except RulebookError as exc:
            pytest.fail("无法加载上级层：" + "; ".join(p.render() for p in exc.problems))
        _OVERLAY_SCREENERS[overlay] = Screener(book)
    return _OVERLAY_SCREENERS[overlay]


def _screen_with(state: Screening, rulebook: Rulebook, overlay: str, day: date | None) -> None:
    if state.overrides:
        pytest.fail("假设参数与上级层不能同时使用：请分成两个场景")
    try:
        proposal = Proposal.model_validate(state.proposal())
    except ValidationError as exc:
        pytest.fail(f"项目事实不符合项目模型：\n{exc}")
    state.decision = _overlay_screener(rulebook, overlay).screen(proposal, day)


@when(phrase('按上级层 "{overlay:Q}" 筛查'))
def screen_with_overlay(screening_state: Screening, rulebook: Rulebook, overlay: str) -> None:
    """Screen on the application date with rules/overlays/<overlay> above the base rules."""
    _screen_with(screening_state, rulebook, overlay, None)


@when(phrase('按上级层 "{overlay:Q}" 于 "{day:Q}" 筛查'))
def screen_with_overlay_as_of(screening_state: Screening, rulebook: Rulebook, overlay: str,
                              day: str) -> None:
    _screen_with(screening_state, rulebook, overlay, date.fromisoformat(day))


def _parameter_values(state: Screening, name: str) -> list[dict[str, Any]]:
    key = name if name.startswith("param.") else f"param.{name}"
    decision = state.result()
    found = [f.values[key] for f in decision.findings if isinstance(f.values.get(key), dict)]
    if not found:
        pytest.fail(f"没有发现用到参数 {key}；发现：" + ", ".join(
            f.rule for f in decision.findings))
    return found


@then(phrase('参数 "{name:Q}" 来自 "{layer:Q}" 层'))
def parameter_layer(screening_state: Screening, name: str, layer: str) -> None:
    """Every finding that used the parameter names this layer (base = 区级规则库本身)."""
    layers = {v["layer"] for v in _parameter_values(screening_state, name)}
    assert layers == {layer}, f"参数 {name} 来自 {sorted(layers)}"


@then(phrase('参数 "{name:Q}" 取值为 "{value:Q}"'))
def parameter_value(screening_state: Screening, name: str, value: str) -> None:
    values = {v["value"] for v in _parameter_values(screening_state, name)}
    assert values == {float(value)}, f"参数 {name} 取值 {sorted(values)}"


@then(phrase('筛查日期警告包含 "{text:Q}"'))
def warning_contains(screening_state: Screening, text: str) -> None:
    """A warning exists in both languages and one of them contains the text."""
    warnings = screening_state.result().warnings
    assert warnings, "没有筛查日期警告"
    for warning in warnings:
        assert warning.get("zh") and warning.get("en"), f"警告须中英文齐全：{warning}"
    assert any(text in w["zh"] or text in w["en"] for w in warnings), f"警告：{warnings}"


@then("没有筛查日期警告")
def no_warning(screening_state: Screening) -> None:
    warnings = screening_state.result().warnings
    assert not warnings, f"警告：{warnings}"


@then("列出本方案期满不再适用的条款")
def expired_listed(screening_state: Screening) -> None:
    """After the plan's window its plan-only rules were not applied, and the decision says so."""
    decision = screening_state.result()
    assert decision.expired, f"没有列出本方案期满不再适用的条款（筛查日期 {decision.as_of}）"
    for item in decision.expired:
        assert item["in_force_to"] < decision.as_of, item
        assert item["title"].get("zh") and item["title"].get("en"), item


@then(phrase('本方案期满不再适用的条款包含 "{rule:Q}"'))
def expired_includes(screening_state: Screening, rule: str) -> None:
    decision = screening_state.result()
    listed = [item["rule"] for item in decision.expired]
    assert rule in listed, f"不再适用的条款：{listed}"
    assert rule not in {f.rule for f in decision.findings}, f"{rule} 已期满却仍作出结论"


@then("没有列出本方案期满不再适用的条款")
def expired_none(screening_state: Screening) -> None:
    decision = screening_state.result()
    assert not decision.expired, f"不再适用的条款：{[i['rule'] for i in decision.expired]}"


@then(phrase('规则 "{rule:Q}" 援引上级依据 "{document:Q}"'))
def cites_basis(screening_state: Screening, rule: str, document: str) -> None:
    """The finding quotes an excerpt of that higher-level document beside the plan clause."""
    decision = screening_state.result()
    finding = next((f for f in decision.findings if f.rule == rule), None)
    assert finding is not None, f"{rule} 未触发"
    assert any(b["document"] == document and b["quote"] for b in finding.basis), finding.basis
