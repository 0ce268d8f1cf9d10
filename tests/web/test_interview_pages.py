"""The interview pages without a browser: what is asked, why, errors beside the field."""

from __future__ import annotations

import html
import json
import re
from typing import Any

START = {"id": "HD-T-1", "name": "水泥熟料生产线", "applicant": "临沂某建材有限公司",
         "industry.code": "3011", "industry.product": "水泥熟料", "construction_type": "改扩建",
         "location.town": "汤头街道", "location.industrial_park": "",
         "application_date": "2022-09-01"}


def form_of(page: str) -> dict[str, str]:
    """The hidden fields of the interview form."""
    return {name: html.unescape(value) for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def test_first_page_asks_what_every_project_has(client_as: Any) -> None:
    client, _ = client_as("officer")
    page = client.get("/interview").text
    for field in ("industry.code", "construction_type", "application_date"):
        assert f'data-field="{field}"' in page
    assert "coal.new_tce" not in page


def test_search_keeps_the_answers_and_lists_codes(client_as: Any) -> None:
    client, token = client_as("officer")
    hidden = form_of(client.get("/interview").text)
    page = client.post("/interview", data={**hidden, "csrf": token, **START, "search": "1",
                                           "industry_query": "水泥"}).text
    assert 'data-code="3011"' in page


def test_next_page_asks_with_the_clause_and_shows_errors_beside_the_field(
        client_as: Any) -> None:
    client, token = client_as("officer")
    hidden = form_of(client.get("/interview").text)
    page = client.post("/interview", data={**hidden, "csrf": token, **START}).text
    assert "为什么问这个" in page and "临东环委发〔2022〕1号" in page
    assert 'data-field="industry.code"' not in page  # answered: not asked again
    hidden = form_of(page)
    assert json.loads(hidden["answers"])["industry"]["code"] == "3011"
    for _ in range(6):  # pages answered "not known" until a choice is asked
        choice = re.search(r'name="kind\.([^"]+)" value="enum"', page)
        if choice:
            break
        page = client.post("/interview", data={**form_of(page), "csrf": token}).text
    hidden = form_of(page)
    assert choice, "a choice is asked of a clinker line"
    field = choice.group(1)
    wrong = client.post("/interview", data={**hidden, "csrf": token, field: "火星单元"})
    assert wrong.status_code == 200
    block = wrong.text.split(f'data-field="{field}"', 1)[1].split('class="question', 1)[0]
    assert "field-error" in block and "须为" in block  # in the officer's language


def test_interview_needs_an_officer(client_as: Any) -> None:
    client, token = client_as("auditor")
    assert client.get("/interview").status_code == 403
    assert client.post("/interview", data={"csrf": token}).status_code == 403


def test_the_form_reads_a_site_and_every_column_of_a_source() -> None:
    """The site's three inputs become one GeoJSON answer; a source row has a column for
    every field of a Source (a new field of the model shows up on the form by itself)."""
    from starlette.datastructures import FormData

    from screening.facts.proposal import Source
    from screening.web.interview import SOURCE_FIELDS, answers_of

    assert set(SOURCE_FIELDS) == set(Source.model_fields)
    form = FormData([
        ("answers", "{}"), ("asked", "site.location,coal.sources"),
        ("kind.site.location", "geometry"), ("site.location.type", "Point"),
        ("site.location.crs", "WGS84"), ("site.location.coordinates", "[118.4, 35.12]"),
        ("kind.coal.sources", "sources"), ("coal.sources.0.description", "关停熟料线"),
        ("coal.sources.0.amount", "48000"), ("coal.sources.0.kind", "关停淘汰"),
        ("coal.sources.0.two_high_industry", "true")])
    answers = answers_of(form)
    assert answers["site"]["location"] == {"type": "Point", "crs": "WGS84",
                                           "coordinates": [118.4, 35.12]}
    assert answers["coal"]["sources"] == [{"description": "关停熟料线", "amount": 48000.0,
                                           "kind": "关停淘汰", "two_high_industry": True}]
    blank = answers_of(FormData([("asked", "site.location"),
                                 ("kind.site.location", "geometry")]))
    assert blank["site"]["location"] is None  # left blank: not known


def test_a_source_question_shows_every_column(client_as: Any) -> None:
    client, token = client_as("officer")
    hidden = form_of(client.get("/interview").text)
    answers = {**json.loads(hidden["answers"] or "{}")}
    data = {**hidden, "csrf": token, **START, "construction_type": "新建"}
    page = client.post("/interview", data=data).text
    for _ in range(8):  # answer "not known" until a list of sources is asked
        if 'value="sources"' in page:
            break
        hidden = form_of(page)
        page = client.post("/interview", data={**hidden, "csrf": token}).text
    assert 'value="sources"' in page, answers
    assert ".0.two_high_industry" in page and ".0.evidence" in page


def test_question_json_is_what_asdict_gives(screener: Any) -> None:
    from dataclasses import asdict

    from screening.interview import start_questions, step
    from screening.web.interview import question_json

    answers = {"id": "T-1", "name": "熟料线", "applicant": "某公司",
               "industry": {"code": "3011", "product": "水泥熟料"}, "construction_type": "新建",
               "location": {"town": "汤头街道", "industrial_park": None},
               "application_date": "2022-09-01"}
    result = step(screener, answers)
    questions = [*start_questions(), *result.questions, *result.further]
    assert any(q.asked_by for q in questions) and any(q.choices for q in questions)
    for q in questions:
        assert json.dumps(question_json(q), ensure_ascii=False) == json.dumps(
            asdict(q), ensure_ascii=False)
