"""The officer's pages: log in, upload or interview, the decision, its YAML and PDF.

A decision page that is not yet recorded carries the proposal it screened in a
hidden field; recording, the YAML download and the PDF screen it again on the
server (nothing the browser sends back is trusted as a decision).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from screening.errors import InputError
from screening.facts.proposal import Proposal
from screening.store.users import User, authenticate
from screening.web import auth
from screening.web.inputs import as_of_date, as_yaml, read_proposal, validate
from screening.web.render import lang_of, render
from screening.web.view import decision_view

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: User = Depends(auth.requires("rules"))) -> Response:
    request.state.user = user
    return render(request, "home.html")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=_safe_next(next), failed=False)


@router.post("/login", dependencies=[Depends(auth.form_token)])
def login(request: Request, name: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:
    desk = request.app.state.desk
    user = desk.write(lambda w: authenticate(w.conn, name.strip(), password))
    if user is None:
        return render(request, "login.html", 401, next=_safe_next(next), failed=True)
    auth.log_in(request, user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(auth.form_token)])
def logout(request: Request) -> Response:
    auth.log_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/lang/{lang}")
def switch_language(lang: str, next: str | None = None) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie("lang", "en" if lang == "en" else "zh", max_age=365 * 86400,
                        samesite="lax")
    return response


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, user: User = Depends(auth.requires("screen"))) -> Response:
    request.state.user = user
    return render(request, "upload.html")



def decision_page(request: Request, proposal: Proposal, as_of: date | None,
                  **extra: Any) -> Response:
    desk = request.app.state.desk
    decision = desk.screen(proposal, as_of)
    data = decision.as_dict()
    facts = desk.facts(proposal, date.fromisoformat(data["as_of"]), decision.ledger)
    view = decision_view(desk.rulebook, data, proposal, facts)
    hidden = json.dumps(proposal.model_dump(mode="json", exclude_unset=True),
                        ensure_ascii=False)
    return render(request, "decision.html", view=view, proposal=proposal, hidden=hidden,
                  as_of=as_of.isoformat() if as_of else "", record=None, **extra)


@router.post("/screen", dependencies=[Depends(auth.form_token)])
async def screen_upload(request: Request, user: User = Depends(auth.requires("screen")),
                        file: UploadFile | None = File(None), text: str = Form(""),
                        as_of: str = Form("")) -> Response:
    request.state.user = user
    name, body = "proposal.yaml", text
    if file is not None and file.filename:
        name = file.filename
        raw = await file.read()
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError.single("not UTF-8 text", file=name) from None
    if not body.strip():
        raise InputError.single("no proposal given", field="file",
                                expected="a YAML or JSON proposal file, or its text")
    proposal = read_proposal(body, name)
    day = as_of_date(as_of)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(decision_page, request, proposal, day)


def _hidden(proposal: str) -> Proposal:
    try:
        data = json.loads(proposal)
    except json.JSONDecodeError:
        raise InputError.single("the form's proposal is not JSON", field="proposal") from None
    return validate(data, "proposal")


@router.post("/decision/yaml", dependencies=[Depends(auth.form_token)])
def download_yaml(request: Request, proposal: str = Form(...),
                  user: User = Depends(auth.requires("screen"))) -> Response:
    entered = _hidden(proposal)
    return Response(as_yaml(entered), media_type="application/x-yaml; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="{_file_name(entered.id)}.yaml"'})


def _file_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text) or "proposal"


@router.post("/decision/pdf", dependencies=[Depends(auth.form_token)])
def download_pdf(request: Request, proposal: str = Form(...), as_of: str = Form(""),
                 user: User = Depends(auth.requires("screen"))) -> Response:
    from screening.web.pdf import decision_pdf

    entered = _hidden(proposal)
    desk = request.app.state.desk
    decision = desk.screen(entered, as_of_date(as_of))
    pdf = decision_pdf(request, desk.rulebook, decision.as_dict(), entered, officer=user.name,
                       number=None, lang=lang_of(request))
    return _pdf_response(pdf, entered.id)


def _pdf_response(pdf: bytes, name: str) -> Response:
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{_file_name(name)}.pdf"'})


@router.post("/decision/record", dependencies=[Depends(auth.form_token)])
def record(request: Request, proposal: str = Form(...), as_of: str = Form(""),
           user: User = Depends(auth.requires("record"))) -> Response:
    entered = _hidden(proposal)
    desk = request.app.state.desk
    decision = desk.screen(entered, as_of_date(as_of))
    done = desk.record(decision, user.name)
    return RedirectResponse(f"/records/{done.seq}", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The OpenAPI description as a page (no script or stylesheet from elsewhere)."""
    return render(request, "docs.html", spec=request.app.openapi())
