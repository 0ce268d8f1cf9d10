"""One step of the interview: what it asks, why, and what it refuses."""

from __future__ import annotations

from datetime import date

from screening.interview import search_industries, start_questions, step
from screening.interview.analysis import Dependencies
from screening.rulebook.book import Rulebook
from screening.screen import Screener

BASICS = {"id": "T-1", "name": "年产 120 万吨水泥熟料生产线", "applicant": "临沂某建材有限公司",
          "industry": {"code": "3011", "product": "水泥熟料"}, "construction_type": "改扩建",
          "location": {"town": "汤头街道", "industrial_park": None},
          "application_date": date(2022, 9, 1)}


def test_start_questions_are_what_every_project_has() -> None:
    fields = [q.field for q in start_questions()]
    assert fields[:4] == ["id", "name", "applicant", "industry.code"]
    assert {"construction_type", "application_date", "location.town"} <= set(fields)
    kinds = {q.field: q for q in start_questions()}
    assert kinds["construction_type"].kind == "enum"
    assert kinds["construction_type"].choices == ("新建", "改扩建", "技术改造", "搬迁")
    assert kinds["application_date"].kind == "date"


def test_no_decision_until_the_basics_validate(screener: Screener) -> None:
    result = step(screener, {"name": "x"})
    assert result.decision is None and not result.done
    assert [q.field for q in result.questions] == [q.field for q in start_questions()]
    assert any(e.field == "id" and "必填" in e.zh for e in result.errors)


def test_next_page_asks_clause_backed_questions_by_block(screener: Screener) -> None:
    result = step(screener, BASICS)
    assert result.decision is not None and not result.done
    fields = [q.field for q in result.questions]
    assert "coal.new_tce" in fields  # a 两高 cement line: five reductions, 二(一)3
    coal = next(q for q in result.questions if q.field == "coal.new_tce")
    assert coal.label_zh == "新增煤炭消费" and coal.unit == "吨标准煤/年"
    assert coal.kind == "number" and coal.block == "coal"
    assert any(ref.section == "二(一)3" and "五个减量" in ref.quote for ref in coal.asked_by)
    blocks = [q.block for q in result.questions]
    assert blocks == sorted(blocks, key=blocks.index), "grouped by block"
    assert not set(fields) & {"id", "name", "industry.code"}  # never asked again


def test_answered_not_known_is_not_asked_again(screener: Screener) -> None:
    first = step(screener, BASICS)
    answers = dict(BASICS)
    for q in first.questions:
        head, *rest = q.field.split(".")
        if rest:
            answers.setdefault(head, {})
            node = answers[head]
            for part in rest[:-1]:
                node = node.setdefault(part, {})
            node[rest[-1]] = None
        else:
            answers[head] = None
    second = step(screener, answers)
    asked = {q.field for q in first.questions}
    assert not asked & {q.field for q in second.questions}
    assert second.decision is not None and second.decision.outcome == "refer"


def test_wrong_answer_is_an_error_beside_its_field(screener: Screener) -> None:
    answers = {**BASICS, "coal": {"new_tce": -5}}
    result = step(screener, answers)
    assert result.decision is None and not result.done
    error = next(e for e in result.errors if e.field == "coal.new_tce")
    assert error.zh == "新增煤炭消费（吨标准煤/年）须为不小于 0 的数"
    assert "not less than 0" in error.en
    assert result.questions[0].field == "coal.new_tce"  # asked again first


def test_a_block_with_a_required_field_is_asked_whole(screener: Screener) -> None:
    result = step(screener, BASICS)
    fields = [q.field for q in result.questions]
    if "capacity.new" in fields or "capacity.sources" in fields:
        assert "capacity.unit" in fields


def test_every_fact_a_rule_reads_comes_from_proposal_fields(rulebook: Rulebook) -> None:
    """The interview knows which proposal fields are behind every fact a rule reads; a new
    derived fact must be added to screening/interview/analysis.py Dependencies."""
    deps = Dependencies(rulebook)
    read = {name for rule in rulebook.rules for name in rule.fields}
    assert deps.unresolved(sorted(read)) == []


def test_search_industries_by_code_and_name(rulebook: Rulebook) -> None:
    assert ("3011", "水泥制造") in search_industries("3011", rulebook)
    assert ("3011", "水泥制造") in search_industries("水泥")
    assert search_industries("30", rulebook)[0][0].startswith("30")
    assert search_industries("") == []
