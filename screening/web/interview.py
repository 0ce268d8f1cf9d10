"""The interview in the browser and over the API; the asking itself is screening.interview.

A page shows the questions ``step`` returns, grouped by proposal block, each with
"为什么问这个" (the clauses that ask it). The answers so far travel in a hidden
field, so the pages work without JavaScript; a field shown and left blank is
sent as "not known" (null), which the library then does not ask again. Lists of
replacement sources and boilers are asked as a few rows, or "none".
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from starlette.datastructures import FormData

from screening.errors import InputError
from screening.facts.location import SiteCrs
from screening.facts.proposal import Boiler, Fuel, Source, SourceKind
from screening.interview import ClauseRef, Question, Step, search_industries, start_questions, step
from screening.interview.fields import column_kind
from screening.store.users import User
from screening.web import auth
from screening.web.desk import Desk
from screening.web.inputs import as_of_date
from screening.web.render import render

router = APIRouter(include_in_schema=False)
ROWS = 3  # rows offered for a list of sources or boilers
#: what each column of a source row is called on the form (every field of a Source)
SOURCE_LABELS = {"description": "说明 description", "amount": "数量 amount",
                 "kind": "类型 kind", "arose_on": "发生日期 arose on",
                 "in_shandong": "省内 in Shandong",
                 "two_high_industry": "来自“两高”行业 from a 两高 industry",
                 "evidence": "证明文件 evidence", "ledger_id": "台账编号 ledger id"}
SOURCE_FIELDS = tuple(Source.model_fields)
BOILER_FIELDS = tuple(Boiler.model_fields)
NONE = "__none__"
GEOMETRY_TYPES = ("Point", "Polygon", "MultiPolygon")


def get_path(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        child = data.get(part)
        if not isinstance(child, dict):
            child = data[part] = {}
        data = child
    data[parts[-1]] = value


def _column_kinds(*models: type[BaseModel]) -> dict[str, str]:
    """The kind of each column of a list's rows (facts are strict: a number is a number)."""
    out = {}
    for model in models:
        for name, info in model.model_fields.items():
            out[name] = column_kind(info.annotation)
    return out


ROW_KINDS = _column_kinds(Source, Boiler)


def typed(kind: str, raw: str) -> Any:
    """Form text as the fact's type; text that is not one stays text, for the error."""
    try:
        if kind == "number":
            return float(raw.replace(",", ""))
        if kind == "integer":
            return int(raw.replace(",", ""))
    except ValueError:
        return raw
    if kind == "bool":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def _rows(form: FormData, path: str, names: tuple[str, ...]) -> list[dict[str, Any]] | None:
    if form.get(f"{path}.{NONE}"):
        return []
    rows = []
    for index in range(ROWS):
        row = {}
        for name in names:
            raw = str(form.get(f"{path}.{index}.{name}") or "").strip()
            if raw:
                row[name] = typed(ROW_KINDS.get(name, "text"), raw)
        if row:
            rows.append(row)
    return rows or None


def _geometry(form: FormData, path: str) -> dict[str, Any] | None:
    """The site as GeoJSON: type, coordinate system, coordinates (JSON text, longitude first);
    coordinates that are not JSON stay text, for the error."""
    parts = {name: str(form.get(f"{path}.{name}") or "").strip()
             for name in ("type", "crs", "coordinates")}
    if not any(parts.values()):
        return None
    out: dict[str, Any] = {k: v for k, v in parts.items() if v}
    if "coordinates" in out:
        with contextlib.suppress(json.JSONDecodeError):
            out["coordinates"] = json.loads(out["coordinates"])
    return out


def _value(form: FormData, q: Question) -> Any:
    if q.kind == "sources":
        return _rows(form, q.field, SOURCE_FIELDS)
    if q.kind == "boilers":
        return _rows(form, q.field, BOILER_FIELDS)
    if q.kind == "geometry":
        return _geometry(form, q.field)
    if q.kind == "list":
        if form.get(f"{q.field}.{NONE}"):
            return []
        chosen = [str(v) for v in form.getlist(q.field) if str(v)]
        return chosen or None
    raw = str(form.get(q.field) or "").strip()
    if not raw:
        return None
    return typed(q.kind, raw)  # what is not of its kind stays text: the error names it


def answers_of(form: FormData) -> dict[str, Any]:
    """The answers so far (hidden field) with this page's answers merged in."""
    try:
        answers = json.loads(str(form.get("answers") or "{}"))
    except json.JSONDecodeError:
        raise InputError.single("the interview's answers are not JSON", field="answers") \
            from None
    if not isinstance(answers, dict):
        raise InputError.single("the interview's answers must be an object", field="answers")
    for path in str(form.get("asked") or "").split(","):
        if not path:
            continue
        kind = str(form.get(f"kind.{path}") or "text")
        q = Question(path, "", "", "", None, kind, None, ())
        set_path(answers, path, _value(form, q))
    return answers


def _error_rows(current: Step) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for error in current.errors:
        field = error.field
        key = next((q.field for q in current.questions
                    if field == q.field or field.startswith(q.field + ".")), field)
        entry = out.setdefault(key, {"zh": "", "en": ""})
        entry["zh"] = f"{entry['zh']} {error.zh}".strip()
        entry["en"] = f"{entry['en']} {error.en}".strip()
    return out


def _page(request: Request, answers: dict[str, Any], current: Step,
          found: list[tuple[str, str]] | None = None, query: str = "",
          as_of: str = "") -> Response:
    blocks: dict[str, list[Question]] = {}
    for q in current.questions:
        blocks.setdefault(q.block, []).append(q)
    errors = _error_rows(current)
    values = {q.field: get_path(answers, q.field) for q in current.questions}
    return render(request, "interview.html", blocks=blocks, answers=json.dumps(
        answers, ensure_ascii=False), asked=",".join(q.field for q in current.questions),
        values=values, errors=errors, general=[e for k, e in errors.items()
                                               if k not in values],
        decision=current.decision, found=found, query=query, rows=range(ROWS),
        source_columns=[(n, SOURCE_LABELS.get(n, n), ROW_KINDS[n]) for n in SOURCE_FIELDS],
        source_kinds=[k.value for k in SourceKind],
        fuels=[f.value for f in Fuel], none_key=NONE, as_of=as_of,
        geometry_types=GEOMETRY_TYPES, systems=[c.value for c in SiteCrs],
        count=len(_leaves(answers)))


def _leaves(answers: Mapping[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in answers.items():
        if isinstance(value, Mapping):
            out.extend(_leaves(value, f"{prefix}{key}."))
        elif value is not None:
            out.append(prefix + key)
    return out


@router.get("/interview", response_class=HTMLResponse)
def start(request: Request, user: User = Depends(auth.requires("screen"))) -> Response:
    request.state.user = user
    return _page(request, {}, Step(None, start_questions(), False, ()))


@router.post("/interview", dependencies=[Depends(auth.form_token)])
async def next_page(request: Request, user: User = Depends(auth.requires("screen"))
                    ) -> Response:
    from starlette.concurrency import run_in_threadpool

    request.state.user = user
    form = await request.form()
    answers = answers_of(form)
    as_of = str(form.get("as_of") or "")
    day = as_of_date(as_of)
    desk: Desk = request.app.state.desk
    if form.get("search") is not None:  # find an industry by its Chinese name
        query = str(form.get("industry_query") or "").strip()
        current = Step(None, start_questions(), False, ())
        found = search_industries(query) if query else []
        return _page(request, answers, current, found, query, as_of)
    current = await run_in_threadpool(desk.locked, lambda: step(desk.screener, answers, day))
    if current.done and current.further and form.get("further") is not None:
        # the outcome is settled; the officer completes the record with the other facts
        current = Step(current.decision, current.further, False, (), (), current.bounds)
    elif current.done and current.decision is not None:
        from screening.web.inputs import validate
        from screening.web.pages import decision_page

        proposal = validate(_pruned(answers), "interview")
        return await run_in_threadpool(
            decision_page, request, proposal, day, interview=json.dumps(
                answers, ensure_ascii=False), further=len(current.further))
    return _page(request, answers, current, as_of=as_of)



def _pruned(answers: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, Mapping):
            value = _pruned(value)
            if not value:
                continue
        if value is not None:
            out[key] = value
    return out


_QUESTION_KEYS = tuple(f.name for f in fields(Question))
_CLAUSE_KEYS = tuple(f.name for f in fields(ClauseRef))


@functools.lru_cache(maxsize=4096)
def _clause_json(ref: ClauseRef) -> dict[str, Any]:
    return {key: getattr(ref, key) for key in _CLAUSE_KEYS}


def question_json(q: Question) -> dict[str, Any]:
    """A question as JSON (what ``dataclasses.asdict`` gives, without its deep copies)."""
    out = {key: getattr(q, key) for key in _QUESTION_KEYS}
    out["asked_by"] = [_clause_json(ref) for ref in q.asked_by]
    if q.choices is not None:
        out["choices"] = list(q.choices)
    return out


def step_json(desk: Desk, answers: dict[str, Any], as_of: date | None) -> dict[str, Any]:
    """POST /api/interview: the decision so far, the next questions, errors per field."""
    current = desk.locked(lambda: step(desk.screener, answers, as_of))
    return {
        "decision": current.decision.as_dict() if current.decision is not None else None,
        "done": current.done,
        "questions": [question_json(q) for q in current.questions],
        "further": [question_json(q) for q in current.further],
        "bounds": current.bounds,
        "errors": [e.as_dict() for e in current.errors],
    }
