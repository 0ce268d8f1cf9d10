"""The web desk on a fresh database with one user per role, and clients logged in as each."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.rulebook.book import Rulebook
from screening.store.database import Store
from screening.store.users import add_user

#: name, role, password of the users every web test has
USERS = {"officer": ("张三", "officer-pass"), "auditor": ("李四", "auditor-pass"),
         "policy": ("王五", "policy-pass")}


def make_store(path: Path) -> Store:
    store = Store.open(str(path))
    with store.writing() as writer:
        for role, (name, password) in USERS.items():
            add_user(writer.conn, name, role, password)
    return store


@pytest.fixture(scope="module")
def web_app(rulebook: Rulebook, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    from screening.web.app import create_app

    store = make_store(tmp_path_factory.mktemp("web") / "desk.sqlite3")
    yield create_app(rulebook, store)
    store.close()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def log_in(client: TestClient, role: str) -> str:
    """Log in through the login form; the CSRF token of the session."""
    name, password = USERS[role]
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"csrf": token, "name": name, "password": password,
                                           "next": "/"}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


@pytest.fixture
def client_as(web_app: FastAPI) -> Callable[[str], tuple[TestClient, str]]:
    """A client logged in with a role, and its CSRF token."""
    def make(role: str) -> tuple[TestClient, str]:
        client = TestClient(web_app)
        return client, log_in(client, role)
    return make
