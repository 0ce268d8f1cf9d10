"""The web desk: a FastAPI app of server-rendered pages and a JSON API.

``create_app(rulebook, store)`` builds it; `screening serve` runs it under
uvicorn. Pages are Jinja2 templates with plain HTML forms (they work without
JavaScript), one stylesheet with print rules, nothing fetched from elsewhere.
Refusals are pages or JSON in both languages: 401/redirect without a login, 403
outside the role or without the form's token, 422 for input that cannot be
screened (per field), 404 for an unknown record; never a traceback.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from screening.errors import InputError, ScreeningError, StoreError
from screening.rulebook.book import Rulebook
from screening.store.database import Store
from screening.store.users import ROLE_LABELS, session_secret
from screening.web import auth
from screening.web.desk import Desk
from screening.web.render import render

HERE = Path(__file__).resolve().parent
SESSION_HOURS = 8


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _errors(app: FastAPI) -> None:
    from screening.web.inputs import problem_rows

    @app.exception_handler(auth.LoginRequired)
    async def login_required(request: Request, _exc: Exception) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": [{"field": None, "zh": "请先登录。",
                                             "en": "Log in first."}]}, status_code=401)
        return RedirectResponse("/login?next=" + request.url.path, status_code=303)

    @app.exception_handler(auth.Forbidden)
    async def forbidden(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, auth.Forbidden)
        role = ROLE_LABELS[exc.user.role]
        detail = {"field": None, "zh": f"{role['zh']}无权执行此操作（{exc.action}）。",
                  "en": f"The role {role['en']} may not do this ({exc.action})."}
        if _is_api(request):
            return JSONResponse({"detail": [detail]}, status_code=403)
        return render(request, "error.html", 403, message=detail)

    @app.exception_handler(auth.BadToken)
    async def bad_token(request: Request, _exc: Exception) -> Response:
        detail = {"zh": "表单已过期或来源不明（CSRF 校验失败），请返回刷新后重试。",
                  "en": "The form is stale or did not come from this site (CSRF check "
                        "failed): go back, reload and try again."}
        return render(request, "error.html", 403, message=detail)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        rows = problem_rows(exc.problems)
        if _is_api(request):
            return JSONResponse({"detail": rows}, status_code=422)
        return render(request, "error.html", 422, problems=rows,
                      message={"zh": "申报内容有误，未作筛查。",
                               "en": "The proposal has errors; nothing was screened."})

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StoreError)
        rows = problem_rows(exc.problems)
        missing = any(p.message.startswith("no decision record") for p in exc.problems)
        code = 404 if missing else 409
        if _is_api(request):
            return JSONResponse({"detail": rows}, status_code=code)
        return render(request, "error.html", code, problems=rows,
                      message={"zh": "操作未执行，未作任何更改。",
                               "en": "Refused; nothing was changed."})

    @app.exception_handler(ScreeningError)
    async def screening_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ScreeningError)
        rows = problem_rows(exc.problems)
        return JSONResponse({"detail": rows}, status_code=422) if _is_api(request) else \
            render(request, "error.html", 422, problems=rows,
                   message={"zh": "无法处理。", "en": "Cannot be processed."})

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        rows = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query"))
            rows.append({"field": where or None, "line": None,
                         "zh": f"{where}：输入无效（{err.get('msg')}）",
                         "en": f"{where}: {err.get('msg')}"})
        if _is_api(request):
            return JSONResponse({"detail": rows}, status_code=422)
        return render(request, "error.html", 422, problems=rows,
                      message={"zh": "表单内容有误。", "en": "The form has errors."})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = {"field": None, "zh": str(exc.detail), "en": str(exc.detail)}
        if exc.status_code == 404:
            detail = {"field": None, "zh": "未找到。", "en": "Not found."}
        if _is_api(request):
            return JSONResponse({"detail": [detail]}, status_code=exc.status_code)
        return render(request, "error.html", exc.status_code, message=detail)


class ServerTiming:
    """ASGI middleware: ``Server-Timing: app;dur=MS, cpu;dur=MS``: the time from request to
    response head, and the process's CPU time over it (that request's own work when requests
    do not overlap, as in bench/web.py's latency pass; on a busy machine the wall clock also
    counts the time the server waited for its core)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, cpu = time.perf_counter(), time.process_time()

        async def timed(message: Any) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - start) * 1000
                used = (time.process_time() - cpu) * 1000
                message = {**message, "headers": [*message.get("headers", []), (
                    b"server-timing", f"app;dur={took:.3f}, cpu;dur={used:.3f}".encode())]}
            await send(message)

        await self.app(scope, receive, timed)


def create_app(rulebook: Rulebook, store: Store, *, engine: str = "durable",
               secret: str | None = None) -> FastAPI:
    """The desk for one rulebook and one database (users, records and the ledger)."""
    from screening.web import api, interview, pages, policy, records

    desk = Desk(rulebook, store, engine)
    key = secret or desk.write(lambda w: session_secret(w.conn))
    app = FastAPI(title="screening — 河东区“四减四增”项目准入筛查",
                  description="Screens proposed projects against 临东环委发〔2022〕1号; every "
                              "finding cites its clause. 401 without a login, 403 outside "
                              "the role, 422 with a Chinese and English message per field.",
                  version="1", docs_url=None, redoc_url=None)
    app.state.desk = desk
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.static_dir = HERE / "static"
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie="screening_session",
                       max_age=SESSION_HOURS * 3600, same_site="lax", https_only=False)
    app.add_middleware(ServerTiming)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _errors(app)
    app.add_exception_handler(api._Unsupported, api.unsupported_handler())
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.include_router(pages.router)
    app.include_router(records.router)
    app.include_router(policy.router)
    app.include_router(api.router)
    app.include_router(interview.router)
    # WeasyPrint takes seconds to import (fonts, Pango): ready before the first PDF is asked
    threading.Thread(target=_warm_pdf, name="screening-pdf-warm-up", daemon=True).start()
    return app


def _warm_pdf() -> None:
    import weasyprint  # noqa: F401


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with the proposal model the screening endpoints take."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        from screening.facts.proposal import Proposal

        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        model = Proposal.model_json_schema(ref_template="#/components/schemas/{model}")
        found = schema.setdefault("components", {}).setdefault("schemas", {})
        found.update(model.pop("$defs", {}))
        found["Proposal"] = model
        app.openapi_schema = schema
    return app.openapi_schema
