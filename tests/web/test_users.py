"""Users and roles in the database (`screening users add|list`), argon2 hashes, sessions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from screening.store.database import Store
from screening.store.schema import users
from screening.store.users import authenticate
from tests.clirun import run


def test_users_add_and_list(tmp_path: Path, monkeypatch: Any) -> None:
    db = str(tmp_path / "u.sqlite3")
    monkeypatch.setenv("SCREENING_PASSWORD", "s3cret-pass")
    code, out, err = run("users", "add", "赵六", "--role", "auditor", "--db", db)
    assert code == 0, err
    assert "赵六 (auditor)" in out
    code, out, _ = run("users", "list", "--format", "json", "--db", db)
    assert [(u["name"], u["role"]) for u in json.loads(out)] == [("赵六", "auditor")]
    store = Store.open(db)
    with store.reading() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
        assert stored.startswith("$argon2") and "s3cret-pass" not in stored
        assert authenticate(conn, "赵六", "s3cret-pass") is not None
        assert authenticate(conn, "赵六", "wrong-pass") is None
    store.close()


def test_users_add_refusals(tmp_path: Path, monkeypatch: Any) -> None:
    db = str(tmp_path / "u.sqlite3")
    monkeypatch.setenv("SCREENING_PASSWORD", "s3cret-pass")
    assert run("users", "add", "赵六", "--role", "officer", "--db", db)[0] == 0
    code, _, err = run("users", "add", "赵六", "--role", "officer", "--db", db)
    assert code == 1 and "already exists" in err
    code, _, err = run("users", "add", "钱七", "--role", "boss", "--db", db)
    assert code == 2 and "officer" in err  # click names the choices
    monkeypatch.setenv("SCREENING_PASSWORD", "short")
    code, _, err = run("users", "add", "钱七", "--role", "policy", "--db", db)
    assert code == 1 and "at least 8" in err


def test_serve_refuses_a_bad_database_cleanly() -> None:
    code, _, err = run("serve", "--db", "nosuch://x")
    assert code == 2 and "Traceback" not in err


def test_a_tampered_session_cookie_is_no_login(client_as: Any, web_app: Any) -> None:
    client, _ = client_as("officer")
    assert client.get("/upload").status_code == 200
    cookie = client.cookies.get("screening_session")
    assert cookie
    forged = TestClient(web_app)
    forged.cookies.set("screening_session", cookie[:-4] + ("AAAA" if cookie[-4:] != "AAAA"
                                                             else "BBBB"))
    response = forged.get("/upload", follow_redirects=False)
    assert response.status_code == 303 and "/login" in response.headers["location"]


def test_logout_ends_the_session(client_as: Any) -> None:
    client, token = client_as("officer")
    assert client.post("/logout", data={"csrf": token}, follow_redirects=False
                       ).status_code == 303
    assert client.get("/upload", follow_redirects=False).status_code == 303
