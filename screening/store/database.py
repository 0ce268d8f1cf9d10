"""Where decision records and the ledger live, and how a transaction is opened.

SQLite is the embedded default: a file under the user's data directory
(``$XDG_DATA_HOME/screening/screening.sqlite3``, else
``~/.local/share/screening/screening.sqlite3``), created and migrated on first
use. ``--db PATH|URL`` or ``$SCREENING_DB`` chooses another file or a PostgreSQL
database (``postgresql://user:password@host/db``) for a district where several
officers work at once; the same SQLAlchemy Core code runs on both.

Every write runs in one transaction that first locks the log head: on SQLite the
transaction is ``BEGIN IMMEDIATE`` (one writer at a time, others wait up to a
minute), on PostgreSQL ``SELECT … FOR UPDATE``. Database failures become
StoreError naming the database (password hidden), never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from screening.errors import StoreError
from screening.store.chain import Writer
from screening.store.migrations import migrate
from screening.store.paths import (  # noqa: F401 (re-exported)
    BUSY_TIMEOUT,
    ENV,
    FILE_NAME,
    default_path,
)


@dataclass(frozen=True)
class Target:
    """A database to use: its URL, whether it was asked for, and its file if SQLite."""

    url: URL
    explicit: bool
    path: Path | None

    def describe(self) -> str:
        return self.url.render_as_string(hide_password=True)


def target(db: str | None = None) -> Target:
    """The database named by ``--db``, else ``$SCREENING_DB``, else the default file."""
    given = db or os.environ.get(ENV)
    if not given:
        path = default_path()
        return Target(URL.create("sqlite", database=str(path)), False, path)
    if "://" not in given:
        path = Path(given).expanduser().absolute()
        return Target(URL.create("sqlite", database=str(path)), True, path)
    try:
        url = make_url(given)
    except ArgumentError:
        raise StoreError.single(f"not a database URL: {given!r}",
                                expected="a file path, sqlite:///PATH or "
                                         "postgresql://USER:PASSWORD@HOST/DB") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    path = None
    if url.drivername.startswith("sqlite") and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database)).expanduser().absolute()
    return Target(url, True, path)


def _sqlite_engine(url: URL, path: Path | None) -> Engine:
    if path is not None:
        if path.is_dir():
            raise StoreError.single("is a folder, not a database file", file=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        reading = conn.get_execution_options().get("screening_read", False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


class Store:
    """An open, migrated database: ``writing()`` and ``reading()`` transactions."""

    def __init__(self, where: Target) -> None:
        self.target = where
        with self._errors():
            if where.url.drivername.startswith("sqlite"):
                self.engine = _sqlite_engine(where.url, where.path)
            else:
                self.engine = create_engine(where.url)
            with self.engine.begin() as conn:
                self.migrated = migrate(conn)

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        return cls(target(db))

    def describe(self) -> str:
        return self.target.describe()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except IntegrityError as exc:
            raise StoreError.single(f"database {self.describe()} refused a change: "
                                    f"{_reason(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError.single(f"database {self.describe()}: {_reason(exc)}") from None
        except OSError as exc:
            raise StoreError.single(f"database {self.describe()}: {exc.strerror or exc}",
                                    file=exc.filename) from None

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One transaction holding the log head; committed at the end, rolled back on error."""
        with self._errors(), self.engine.begin() as conn:
            yield Writer(conn)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(screening_read=True)
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
