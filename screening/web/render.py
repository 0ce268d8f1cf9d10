"""Rendering a page in the officer's language, with the user and the form token at hand."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from screening.derive.labels import dimension_label
from screening.derive.ledger import num
from screening.store.users import ROLE_LABELS
from screening.web import auth
from screening.web.i18n import LANGS, block_label, translate


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "zh"
    return lang if lang in LANGS else "zh"


def render(request: Request, template: str, status_code: int = 200, **context: Any
           ) -> HTMLResponse:
    """A page in the officer's language, with the user, CSRF token and role checks at hand."""
    lang = lang_of(request)
    user = getattr(request.state, "user", None)
    if user is None and "user" in request.session:
        user = auth.current_user(request)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {
        "lang": lang, "other": "en" if lang == "zh" else "zh",
        "t": lambda key: translate(key, lang), "block": lambda b: block_label(b, lang),
        "dimension": lambda d: dimension_label(d)[lang], "num": num,
        "user": user, "role_labels": ROLE_LABELS,
        "csrf": auth.csrf_token(request),
        "may": lambda action: auth.allowed(user, action), **context},
        status_code=status_code)
