"""Decision records from the pages: history, one record, approve, override, release,
replay, the PDF of a record, the ledger (and registering a source in it), and
verifying the chain.

Every change is one of the store's own operations (screening.store.decisions and
claims), run in one transaction with the logged-in officer as the acting user;
a refusal (already approved, a source short) changes nothing and is shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from screening.decision.model import OUTCOME_LABELS
from screening.facts.proposal import Proposal
from screening.store.users import User
from screening.web import auth
from screening.web.pages import _file_name, _pdf_response
from screening.web.render import lang_of, render
from screening.web.view import decision_view

router = APIRouter(include_in_schema=False)


def _status(request: Request, seq: int) -> Any:
    from screening.store.decisions import status

    return request.app.state.desk.read(lambda conn: status(conn, seq))


@router.get("/records", response_class=HTMLResponse)
def history(request: Request, proposal: str | None = None,
            user: User = Depends(auth.requires("history"))) -> Response:
    from screening.store.decisions import history as log

    request.state.user = user
    rows = request.app.state.desk.read(lambda conn: log(conn, proposal or None))
    return render(request, "history.html", rows=[r.as_dict() for r in reversed(rows)],
                  outcomes=OUTCOME_LABELS, proposal=proposal or "")


def record_view(request: Request, seq: int) -> tuple[Any, Any, Proposal]:
    desk = request.app.state.desk
    current = _status(request, seq)
    data = current.record.body["decision"]
    proposal = Proposal.model_validate(current.record.body["proposal"])
    facts = None
    if data["rulebook"] == desk.rulebook.hash:  # the chart needs the rules it was screened on
        facts = desk.facts(proposal, date.fromisoformat(data["as_of"]), data.get("ledger"))
    return current, decision_view(desk.rulebook, data, proposal, facts), proposal


@router.get("/records/{seq}", response_class=HTMLResponse)
def show(request: Request, seq: int, user: User = Depends(auth.requires("history"))
         ) -> Response:
    request.state.user = user
    current, view, proposal = record_view(request, seq)
    return render(request, "decision.html", view=view, proposal=proposal, hidden="",
                  as_of="", record=current.as_dict(), outcomes=OUTCOME_LABELS,
                  replayed=None)


@router.get("/records/{seq}/pdf")
def record_pdf(request: Request, seq: int, user: User = Depends(auth.requires("history"))
               ) -> Response:
    from screening.web.pdf import decision_pdf

    current, _view, proposal = record_view(request, seq)
    pdf = decision_pdf(request, request.app.state.desk.rulebook, current.record.body["decision"],
                       proposal, officer=current.record.actor, number=seq,
                       lang=lang_of(request), final=current.outcome)
    return _pdf_response(pdf, f"{proposal.id}-{seq}")


@router.get("/records/{seq}/yaml")
def record_yaml(request: Request, seq: int, user: User = Depends(auth.requires("history"))
                ) -> Response:
    from screening.web.inputs import as_yaml

    _current, _view, proposal = record_view(request, seq)
    return Response(as_yaml(proposal), media_type="application/x-yaml; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="{_file_name(proposal.id)}-{seq}.yaml"'})


def _back(seq: int) -> Response:
    return RedirectResponse(f"/records/{seq}", status_code=303)


@router.post("/records/{seq}/approve", dependencies=[Depends(auth.form_token)])
def approve(request: Request, seq: int, user: User = Depends(auth.requires("decide"))
            ) -> Response:
    from screening.store.claims import approve as run

    request.app.state.desk.write(lambda w: run(w, seq, user.name))
    return _back(seq)


@router.post("/records/{seq}/override", dependencies=[Depends(auth.form_token)])
def override(request: Request, seq: int, outcome: str = Form(...), reason: str = Form(""),
             user: User = Depends(auth.requires("decide"))) -> Response:
    from screening.store.decisions import record_override

    request.app.state.desk.write(lambda w: record_override(w, seq, outcome, reason, user.name))
    return _back(seq)


@router.post("/records/{seq}/release", dependencies=[Depends(auth.form_token)])
def release(request: Request, seq: int, reason: str = Form(""),
            user: User = Depends(auth.requires("decide"))) -> Response:
    from screening.store.claims import release as run

    request.app.state.desk.write(lambda w: run(w, seq, user.name, reason))
    return _back(seq)


@router.post("/records/{seq}/replay", dependencies=[Depends(auth.form_token)])
def replay(request: Request, seq: int, user: User = Depends(auth.requires("history"))
           ) -> Response:
    from screening.store.replay import replay as run

    request.state.user = user
    desk = request.app.state.desk
    result = run(desk.store, seq)  # its own screener on the stored rulebook
    current, view, proposal = record_view(request, seq)
    return render(request, "decision.html", view=view, proposal=proposal, hidden="",
                  as_of="", record=current.as_dict(), outcomes=OUTCOME_LABELS,
                  replayed=result)


@router.get("/verify", response_class=HTMLResponse)
def verify(request: Request, user: User = Depends(auth.requires("verify"))) -> Response:
    from screening.store.audit import audit

    request.state.user = user
    result = request.app.state.desk.read(audit)
    return render(request, "verify.html", result=result)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, registered: str | None = None,
            user: User = Depends(auth.requires("history"))) -> Response:
    from screening.store.sources import list_sources

    request.state.user = user
    return render(request, "sources.html", rows=request.app.state.desk.read(list_sources),
                  registered=registered)


@router.post("/sources", dependencies=[Depends(auth.form_token)])
async def register(request: Request, file: UploadFile = File(...),
                   user: User = Depends(auth.requires("decide"))) -> Response:
    """Register one source file, as `screening sources add` does: all or nothing,
    checked against the rules in force today, the officer as the acting user."""
    from starlette.concurrency import run_in_threadpool

    from screening.errors import InputError, ScreeningError
    from screening.store.sources import load_source_text, policy_problems, register_source
    from screening.web.inputs import problem_rows

    request.state.user = user
    desk = request.app.state.desk
    name = file.filename or "source.yaml"
    raw = await file.read()

    def run() -> Response:
        try:
            source, lines = load_source_text(raw, name)
            problems = policy_problems(source, desk.rulebook, date.today(), name, lines)
            if problems:
                raise InputError(problems)
            desk.write(lambda writer: register_source(writer, source, user.name))
        except ScreeningError as exc:
            return render(request, "error.html", 422, problems=problem_rows(exc.problems),
                          message={"zh": "替代来源未登记，台账未作任何更改。",
                                   "en": "The source was not registered; the ledger is "
                                         "unchanged."})
        return RedirectResponse(f"/sources?registered={source.id}", status_code=303)

    return await run_in_threadpool(run)
