"""Logins, roles and CSRF tokens for the web desk.

The session is a cookie signed with the database's key (itsdangerous, through
Starlette's SessionMiddleware; SameSite=Lax, HttpOnly) holding the user's name and
a CSRF token. Every request looks the user up again, so a user removed from the
database is out at once. Every form carries the token and every POST of a form
checks it; the JSON API accepts only ``application/json`` bodies, which a
cross-site form cannot send. An action outside the user's role is refused with
403, before anything is read or written.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from typing import Any

from fastapi import Request

from screening.store.users import AUDITOR, OFFICER, POLICY, User, find_user

#: what each role may do (issue 11): officers screen and decide, policy staff read and
#: compare the rules, auditors read the history and verify the chain
MAY: dict[str, frozenset[str]] = {
    "screen": frozenset({OFFICER}),
    "record": frozenset({OFFICER}),
    "decide": frozenset({OFFICER}),  # approve, override, release
    "history": frozenset({OFFICER, AUDITOR}),
    "verify": frozenset({AUDITOR}),
    "rules": frozenset({OFFICER, POLICY, AUDITOR}),
    "policy": frozenset({POLICY}),  # diff, coverage
}


class LoginRequired(Exception):
    """No valid session: pages redirect to the login, the API answers 401."""


class Forbidden(Exception):
    """A logged-in user whose role may not do this: 403."""

    def __init__(self, action: str, user: User) -> None:
        super().__init__(action)
        self.action, self.user = action, user


class BadToken(Exception):
    """A form without the session's CSRF token: 403."""


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def current_user(request: Request) -> User | None:
    name = request.session.get("user")
    if not name:
        return None
    desk = request.app.state.desk
    user = desk.read(lambda conn: find_user(conn, str(name)))
    if user is None:
        request.session.pop("user", None)
    return user


def log_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session["user"] = user.name
    request.session["csrf"] = secrets.token_urlsafe(32)


def log_out(request: Request) -> None:
    request.session.clear()


def allowed(user: User | None, action: str) -> bool:
    return user is not None and user.role in MAY[action]


def requires(action: str) -> Callable[[Request], Any]:
    """A FastAPI dependency: the logged-in user, if their role may do ``action``."""

    async def dependency(request: Request) -> User:
        # one indexed read, done on the event loop: cheaper than a hop to the thread pool
        user = current_user(request)
        if user is None:
            raise LoginRequired()
        if user.role not in MAY[action]:
            raise Forbidden(action, user)
        return user

    return dependency


async def form_token(request: Request) -> None:
    """A FastAPI dependency for every form POST: the CSRF token must match the session's."""
    form = await request.form()
    sent = str(form.get("csrf") or "")
    expected = str(request.session.get("csrf") or "")
    if not expected or not hmac.compare_digest(sent, expected):
        raise BadToken()
