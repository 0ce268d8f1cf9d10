"""Where the decision records live by default, known without loading the database layer.

`screening screen` asks on every run whether a database is in use (the default
file exists, or --db, --record or $SCREENING_DB asks for one); answering must not
cost the start-up of SQLAlchemy when the answer is no.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "SCREENING_DB"
FILE_NAME = "screening.sqlite3"
#: seconds an SQLite writer (or reader) waits for another to finish
BUSY_TIMEOUT = 60


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "screening" / FILE_NAME


def database_wanted(db: str | None, record: bool) -> bool:
    """Whether a run uses a database: asked for, or the default file exists."""
    return bool(db or os.environ.get(ENV) or record) or default_path().exists()
