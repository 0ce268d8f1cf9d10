"""The JSON API: screen, interview, rules, schema (OpenAPI at /docs).

``POST /api/screen`` takes a proposal and answers the decision exactly as
`screening screen --format json` prints it (one element of its array). Bodies
must be ``application/json`` (415 otherwise); input that cannot be screened is a
422 whose ``detail`` has one entry per field with a Chinese and an English
message. A session comes from ``POST /api/login`` or the login page.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from screening.errors import InputError
from screening.facts.proposal import Proposal
from screening.store.users import User, authenticate
from screening.web import auth
from screening.web.inputs import as_of_date, validate

router = APIRouter(prefix="/api", tags=["api"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "not logged in"},
    403: {"description": "the user's role may not do this"},
    415: {"description": "the body is not application/json"},
    422: {"description": "input that cannot be screened: `detail` lists "
                         "{field, line, zh, en} per problem"},
}


def _schema_body(description: str) -> dict[str, Any]:
    return {"requestBody": {"required": True, "description": description, "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Proposal"}}}}}


async def _json(request: Request) -> Any:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise _Unsupported()
    raw = await request.body()
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError.single("the body is not UTF-8 text", field="body") from None
    except json.JSONDecodeError as exc:
        raise InputError.single(f"JSON syntax error: {exc.msg}", field="body",
                                line=exc.lineno) from None


class _Unsupported(Exception):
    """A body that is not application/json: 415."""


def unsupported_handler() -> Any:
    async def handler(_request: Request, _exc: Exception) -> Response:
        return JSONResponse({"detail": [{
            "field": None, "line": None,
            "zh": "请求体须为 JSON（Content-Type: application/json）。",
            "en": "The body must be JSON (Content-Type: application/json)."}]},
            status_code=415)
    return handler


def _json_response(body: Any, status: int = 200) -> Response:
    """JSON as `screen --format json` writes it (UTF-8, Chinese kept), without re-encoding."""
    return Response(json.dumps(body, ensure_ascii=False), status_code=status,
                    media_type="application/json")



@router.post("/login", responses=_ERRORS, openapi_extra={"requestBody": {
    "required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": ["name", "password"],
        "properties": {"name": {"type": "string"}, "password": {"type": "string"}}}}}}})
async def login(request: Request) -> dict[str, Any]:
    """Log in; the session cookie it sets is the API's credential."""
    body = await _json(request)
    if not isinstance(body, dict) or not isinstance(body.get("name"), str) \
            or not isinstance(body.get("password"), str):
        raise InputError.single("name and password are required", field="body",
                                expected='{"name": "...", "password": "..."}')
    desk = request.app.state.desk
    user = await run_in_threadpool(
        desk.write, lambda w: authenticate(w.conn, body["name"], body["password"]))
    if user is None:
        raise auth.LoginRequired()
    auth.log_in(request, user)
    return {"user": user.name, "role": user.role, "csrf": auth.csrf_token(request)}


@router.post("/screen", responses=_ERRORS,
             openapi_extra=_schema_body("a proposal, as in a proposal file"))
async def screen(request: Request, as_of: str | None = None,
                 user: User = Depends(auth.requires("screen"))) -> Any:
    """Screen one proposal: the decision, as `screening screen --format json` gives it."""
    proposal = validate(await _json(request), "body")
    day = as_of_date(as_of)
    # screenings run one at a time (durable_rules' process state); CPU-bound and a
    # millisecond or so, so run here rather than hopping to the thread pool and back
    decision = request.app.state.desk.screen(proposal, day)
    return _json_response(decision.as_dict())


@router.post("/interview", responses=_ERRORS, openapi_extra={"requestBody": {
    "required": True, "description": "the answers so far: a partial proposal, by field",
    "content": {"application/json": {"schema": {"type": "object"}}}}})
async def interview(request: Request, as_of: str | None = None,
                    user: User = Depends(auth.requires("screen"))) -> Any:
    """One interview step: the decision so far and the next questions (none when done)."""
    from screening.web.interview import step_json

    body = await _json(request)
    if not isinstance(body, dict):
        raise InputError.single("the answers must be one JSON object", field="body")
    day = as_of_date(as_of)
    desk = request.app.state.desk
    result = step_json(desk, body, day)
    if any(e.get("code") != "missing" for e in result["errors"]):  # not yet asked is no error
        return _json_response({"detail": result["errors"], **result}, 422)
    return _json_response(result)


@router.get("/rules", responses=_ERRORS)
def rules(request: Request, user: User = Depends(auth.requires("rules"))) -> dict[str, Any]:
    """Every rule with its clause (document, section, verbatim quote), effect and dates."""
    from screening.rulebook.listing import rule_rows

    book = request.app.state.desk.rulebook
    return {"rulebook": book.hash, "rules": rule_rows(book)}


@router.get("/schema", responses=_ERRORS)
def schema(user: User = Depends(auth.requires("rules"))) -> dict[str, Any]:
    """The JSON Schema of a proposal (as `screening schema` prints)."""
    return Proposal.model_json_schema()
