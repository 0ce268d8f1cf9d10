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
    assert result.questions and all(q.asked_by for q in result.questions)
    for q in result.questions:
        rule = next(r for r in screener.rulebook.rules if r.id == q.asked_by[0].rule)
        assert q.asked_by[0].quote == rule.clause.quote  # the verbatim clause that asks
        assert q.label_zh != q.field
    blocks = [q.block for q in result.questions]
    assert blocks == sorted(blocks, key=blocks.index), "grouped by block"
    assert not {q.field for q in result.questions} & {"id", "name", "industry.code"}


def test_a_cement_line_is_asked_its_coal_by_the_five_reductions(screener: Screener) -> None:
    """Answering each page with "not known" until the coal use of the 两高 line is asked."""
    answers: dict = {**BASICS, "location": dict(BASICS["location"])}
    for _ in range(20):
        result = step(screener, answers)
        coal = next((q for q in result.questions if q.field == "coal.new_tce"), None)
        if coal is not None:
            break
        assert not result.done and result.questions
        for q in result.questions:
            _answer(answers, q.field, None)
    assert coal is not None
    assert coal.label_zh == "新增煤炭消费" and coal.unit == "吨标准煤/年"
    assert coal.kind == "number" and coal.block == "coal"
    assert any(ref.section == "二(一)3" and "五个减量" in ref.quote for ref in coal.asked_by)


def _answer(answers: dict, path: str, value: object) -> None:
    *heads, last = path.split(".")
    node = answers
    for part in heads:
        node = node.setdefault(part, {})
    node[last] = value


def test_answered_not_known_is_not_asked_again(screener: Screener) -> None:
    first = step(screener, BASICS)
    answers: dict = {**BASICS, "location": dict(BASICS["location"])}
    for q in first.questions:
        _answer(answers, q.field, None)
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


def test_a_block_with_a_required_field_is_asked_whole() -> None:
    from screening.interview.questions import page

    fields = [q.field for q in page({"capacity.new": []})]
    assert fields == ["capacity.unit", "capacity.new"]
    assert [q.field for q in page({"capacity.new": []}, {"capacity.unit"})] == ["capacity.new"]


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


def test_a_block_missing_its_required_field_asks_for_it(screener: Screener) -> None:
    result = step(screener, {**BASICS, "capacity": {"new": 120}})
    assert result.decision is None
    assert any(e.field == "capacity.unit" and e.code == "missing" for e in result.errors)
    assert result.questions[0].field == "capacity.unit"
    assert len(result.questions) > 1  # and the rest of the page, from the other answers


def test_the_site_location_is_one_question(screener: Screener) -> None:
    """A warehouse near the red line is asked its site once, as a geometry (type, system and
    coordinates together), and the answer settles it: it is not asked again."""
    from screening.interview.fields import askable
    from screening.interview.run import leaves

    meta = askable()["site.location"]
    assert meta.kind == "geometry" and meta.block == "site"
    assert not any(p.startswith("site.location.") for p in askable())
    site = {"type": "Point", "crs": "WGS84", "coordinates": [118.4015, 35.12]}
    assert leaves({"site": {"location": site, "in_industrial_park": False}}) == [
        "site.location", "site.in_industrial_park"]
    answers: dict = {**BASICS, "industry": {"code": "5920", "product": "仓储"},
                     "construction_type": "新建", "location": dict(BASICS["location"])}
    for _ in range(20):
        result = step(screener, answers)
        fields = [q.field for q in result.questions]
        if "site.location" in fields:
            break
        assert not result.done and fields
        for field in fields:
            _answer(answers, field, None)
    assert "site.location" in fields
    question = next(q for q in result.questions if q.field == "site.location")
    assert question.kind == "geometry" and "选址坐标" in question.label_zh
    _answer(answers, "site.location", site)
    after = step(screener, answers)
    assert after.decision is not None
    assert "site.location" not in {q.field for q in after.questions + after.further}


def test_remembered_verdicts_change_nothing(screener: Screener) -> None:
    """The analyser remembers each rule's verdict per the values it reads: a step taken with
    a warm memo asks and bounds exactly as one taken with a fresh analyser."""
    from screening.interview.analysis import Analyser
    from screening.interview.steps import _analyser

    answers: dict = {**BASICS, "location": dict(BASICS["location"])}
    for _ in range(6):
        warm = step(screener, answers)
        assert _analyser(screener)._memo  # the memo is in use
        screener._interview_analyser = Analyser(screener.rulebook)  # type: ignore[attr-defined]
        cold = step(screener, answers)
        assert (warm.questions, warm.further, warm.bounds, warm.done) == (
            cold.questions, cold.further, cold.bounds, cold.done)
        if cold.done:
            break
        for q in cold.questions:
            _answer(answers, q.field, 0 if q.kind == "number" else None)
