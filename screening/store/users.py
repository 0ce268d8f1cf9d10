"""Who may use the web desk, in which role, and the key that signs their sessions.

Three roles, as at a district 行政审批 desk: an *officer* screens, records,
approves, overrides and releases decisions; *policy* staff read the rules and run
diff and coverage; an *auditor* reads the history and verifies the chain. Each
user has exactly one role. Passwords are stored only as argon2 hashes
(argon2-cffi); a hash made under older cost settings is replaced at the next
successful login.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, insert, select, update

from screening.errors import StoreError, did_you_mean
from screening.store.schema import settings, users

OFFICER, POLICY, AUDITOR = "officer", "policy", "auditor"
ROLES = (OFFICER, POLICY, AUDITOR)
ROLE_LABELS = {OFFICER: {"zh": "审批人员", "en": "officer"},
               POLICY: {"zh": "政策人员", "en": "policy staff"},
               AUDITOR: {"zh": "审计人员", "en": "auditor"}}
SESSION_KEY = "session_secret"
MIN_PASSWORD = 8

_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str


def _check(name: str, role: str, password: str) -> None:
    if not name.strip() or name != name.strip():
        raise StoreError.single("a user name must be non-empty, without spaces around it",
                                field="NAME")
    if role not in ROLES:
        raise StoreError.single(f"unknown role '{role}'", field="--role",
                                expected="one of " + ", ".join(ROLES),
                                suggestion=did_you_mean(role, ROLES))
    if len(password) < MIN_PASSWORD:
        raise StoreError.single(f"a password needs at least {MIN_PASSWORD} characters",
                                field="--password")


def add_user(conn: Connection, name: str, role: str, password: str) -> User:
    """A new user with one role; refused if the name is taken."""
    _check(name, role, password)
    if conn.execute(select(users.c.name).where(users.c.name == name)).first() is not None:
        raise StoreError.single(f"user '{name}' already exists", field="NAME")
    conn.execute(insert(users).values(
        name=name, role=role, password_hash=_hasher.hash(password),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"), active=True))
    return User(name, role)


def list_users(conn: Connection) -> list[dict[str, object]]:
    rows = conn.execute(select(users.c.name, users.c.role, users.c.created_at,
                               users.c.active).order_by(users.c.name)).all()
    return [{"name": r.name, "role": r.role, "created_at": r.created_at,
             "active": bool(r.active)} for r in rows]


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The user if the name and password match an active user, else None."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or not row.active:
        _hasher.hash(password)  # the same work either way: no timing hint that a name exists
        return None
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        conn.execute(update(users).where(users.c.name == name)
                     .values(password_hash=_hasher.hash(password)))
    return User(row.name, row.role)


def find_user(conn: Connection, name: str) -> User | None:
    row = conn.execute(select(users.c.name, users.c.role, users.c.active)
                       .where(users.c.name == name)).first()
    return User(row.name, row.role) if row is not None and row.active else None


def session_secret(conn: Connection) -> str:
    """The key signing session cookies: made once per database, so every worker agrees."""
    found = conn.execute(select(settings.c.value).where(settings.c.key == SESSION_KEY)).first()
    if found is not None:
        return str(found.value)
    value = secrets.token_urlsafe(48)
    conn.execute(insert(settings).values(key=SESSION_KEY, value=value))
    return value
