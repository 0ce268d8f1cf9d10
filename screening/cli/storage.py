"""How the commands reach the database: `screening screen` and the record/ledger commands.

A database is in use when ``--record``, ``--db`` or ``$SCREENING_DB`` asks for
one, or when the default file already exists (an officer who keeps a ledger has
every screening checked against it). Otherwise screening stays stateless: no
file is created and ledger references count as declared sources. Recording
commits the decisions in batches as they are screened (cli.storage.Recorder),
printing each batch once it is recorded.
The options and helpers shared by records.py and sources.py live here too.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from screening.decision.model import Decision
    from screening.derive.ledger import LedgerView
    from screening.facts.proposal import Proposal
    from screening.screen import Screener
    from screening.store.chain import Entry
    from screening.store.database import Store
    from screening.store.direct import DirectStore

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
OFFICER_ENV = "SCREENING_OFFICER"


def store_options(func: F) -> F:
    func = click.option("--officer", default=None, metavar="NAME",
                        help=f"Who screens, recorded with --record (default: ${OFFICER_ENV}, "
                             "else the login name).")(func)
    func = click.option("--db", "db", default=None, metavar="PATH|URL",
                        help="Database of decision records and the ledger (default: "
                             "$SCREENING_DB, else ~/.local/share/screening/"
                             "screening.sqlite3 if it exists).")(func)
    func = click.option("--record", is_flag=True,
                        help="Record every decision (see `screening history`, "
                             "`screening replay`).")(func)
    return func


def fail(exc: Exception, code: int = 2) -> click.exceptions.Exit:
    for problem in getattr(exc, "problems", []):
        click.echo(f"error: {problem.render()}", err=True)
    return click.exceptions.Exit(code)


class ScreenSession:
    """The ledger a screening run reads, and where its decisions are recorded: a
    database.Store, or an SQLite file opened directly (store/direct.py)."""

    def __init__(self, store: Store | DirectStore, screener: Screener) -> None:
        from screening.store.direct import DirectStore

        self.store = store
        self.direct = isinstance(store, DirectStore)  # sqlite3 calls, no SQLAlchemy
        self.rulebook = screener.rulebook
        self._stored: set[str] = set()  # rulebooks whose files this database holds
        self.recorded = 0

    def view(self, proposal: Proposal) -> LedgerView:
        from screening.derive.ledger import references

        ids = sorted({str(source.ledger_id) for _, _, source in references(proposal)})
        if not ids:
            return {"checked": True, "sources": {}}
        if self.direct:
            from screening.derive.ledger import MILLI
            from screening.store.direct import ledger_view

            with self.store.reading() as raw:
                return {"checked": True, "sources": ledger_view(raw, ids, MILLI)}
        from screening.store.sources import view

        with self.store.reading() as conn:
            return {"checked": True, "sources": view(conn, ids)}

    def record(self, decisions: Sequence[Decision], officer: str | None) -> None:
        """Record ``decisions`` in one transaction (their bodies built before it begins)."""
        who = officer_name(officer)
        self.record_entries([(self.entry(d, who), d.proposal_id, d.outcome) for d in decisions],
                            who)

    def entry(self, decision: Decision, who: str) -> Entry:
        """The record of ``decision``, its text written now (no lock held); StoreError if
        it cannot be recorded."""
        from screening.store.entries import decision_entry

        return decision_entry(decision, self.rulebook, who, keep_body=False)

    def record_entries(self, batch: Sequence[tuple[Entry, str, str]], who: str) -> None:
        """Record prepared decisions (entry, proposal id, outcome) in one transaction and
        say each on stderr."""
        with self.store.writing() as writer:
            if self.rulebook.hash not in self._stored:
                if self.direct:
                    writer.store_rulebook(self.rulebook.hash, self.rulebook.files)
                else:
                    from screening.store.decisions import store_rulebook

                    store_rulebook(writer.conn, self.rulebook)
            numbers = writer.append_numbered([entry for entry, _, _ in batch])
        self._stored.add(self.rulebook.hash)
        self.recorded += len(numbers)
        click.echo("\n".join(f"recorded decision {seq}: {pid} {outcome} (by {who})"
                             for seq, (_, pid, outcome) in zip(numbers, batch, strict=True)),
                   err=True)


def officer_name(officer: str | None) -> str:
    """Who screens: ``--officer``, else $SCREENING_OFFICER, else the login name."""
    return officer or os.environ.get(OFFICER_ENV) or getpass.getuser()


def open_ledger(screener: Screener, db: str | None, record: bool) -> ScreenSession | None:
    """Attach the ledger to ``screener`` when a database is in use; exit 2 if it cannot open."""
    from screening.errors import ScreeningError
    from screening.store.paths import ENV, database_wanted

    if not database_wanted(db, record):  # stateless: SQLAlchemy is not even imported
        return None
    try:
        from screening.store.direct import DirectStore, sqlite_path

        path = sqlite_path(db)
        direct = None
        if path is not None:
            if not (db or os.environ.get(ENV) or record or path.exists()):
                return None
            direct = DirectStore.open(path)  # None: another version, not this schema, ...
        if direct is not None:
            session = ScreenSession(direct, screener)
        else:
            from screening.store.database import Store, target

            where = target(db)
            if not (where.explicit or record or (where.path is not None and where.path.exists())):
                return None
            session = ScreenSession(Store(where), screener)
    except ScreeningError as exc:
        raise fail(exc) from None
    screener.ledger = session
    return session


class Recorder:
    """Records decisions as they are screened, committed in batches of at most BATCH.

    Each decision's record text is written as it comes (the Decision is not kept), each
    batch is printed once it is committed, so memory stays the same at any number of
    files and a decision printed is a decision recorded. If recording fails, the
    batches before stay recorded and the run stops with exit status 2.
    """

    BATCH = 256

    def __init__(self, session: ScreenSession, officer: str | None,
                 write: Callable[[str | bytes], None]) -> None:
        self.session, self.write_out, self.officer = session, write, officer
        self._who: str | None = None  # the officer's name, found at the first decision
        #: (entry, proposal id, outcome) of each decision to record, or None for text
        #: printed in its place among them, with what is printed
        self.pending: list[tuple[tuple[Entry, str, str] | None, str | bytes]] = []
        self.decisions = 0  # decisions among the pending

    def add(self, decision: Decision, output: str | bytes) -> None:
        from screening.errors import ScreeningError

        if self._who is None:
            self._who = officer_name(self.officer)
        try:
            entry = self.session.entry(decision, self._who)
        except ScreeningError as exc:
            self._failed(exc, self.decisions + 1)
        self.pending.append(((entry, decision.proposal_id, decision.outcome), output))
        self.decisions += 1
        if self.decisions >= self.BATCH:
            self.flush()

    def write(self, output: str | bytes) -> None:
        """Text printed in its place among the decisions (e.g. a file's error entry)."""
        if self.pending:
            self.pending.append((None, output))
        else:
            self.write_out(output)

    def flush(self) -> None:
        from screening.errors import ScreeningError

        if not self.pending:
            return
        batch, self.pending, count, self.decisions = self.pending, [], self.decisions, 0
        try:
            if count:
                self.session.record_entries([item for item, _ in batch if item is not None],
                                            self._who or officer_name(self.officer))
        except ScreeningError as exc:
            self._failed(exc, count)
        for _, output in batch:
            self.write_out(output)

    def _failed(self, exc: Exception, count: int) -> NoReturn:
        done = self.session.recorded
        click.echo("error: nothing was recorded" if not done else
                   f"error: the last {count} decision(s) were not recorded "
                   f"({done} recorded before)", err=True)
        raise fail(exc) from None


class DecisionNumber(click.ParamType):
    name = "DECISION-ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip().lstrip("#")
        if text.isdigit() and int(text) > 0:
            return int(text)
        self.fail(f"{value!r} is not a decision number (e.g. 12, as `screening history` "
                  "shows)", param, ctx)


def db_option(func: F) -> F:
    return click.option("--db", "db", default=None, metavar="PATH|URL",
                        help="Database (default: $SCREENING_DB, else "
                             "~/.local/share/screening/screening.sqlite3).")(func)


def format_option(func: F) -> F:
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="Output format.")(func)


def officer_option(required: bool, env: bool = True) -> Callable[[F], F]:
    return click.option("--officer", required=required, metavar="NAME",
                        envvar=OFFICER_ENV if env else None,
                        help="The officer's name" + (f" (or ${OFFICER_ENV})." if env else "."))


def with_store(db: str | None, action: Callable[[Store], T]) -> T:
    from screening.errors import RulebookError, ScreeningError
    from screening.store.database import Store

    try:
        store = Store.open(db)
        try:
            return action(store)
        finally:
            store.close()
    except RulebookError as exc:
        raise fail(exc, 2) from None
    except ScreeningError as exc:
        raise fail(exc, 1) from None


def label(outcome: str) -> str:
    from screening.decision.model import OUTCOME_LABELS

    names = OUTCOME_LABELS.get(outcome, {"zh": outcome, "en": outcome})
    return f"{names['zh']} ({names['en']})"


def show_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def claims_text(claims: list[dict[str, Any]]) -> str:
    from screening.derive.ledger import num

    return ", ".join(f"{c['source']} {c['dimension']} {num(c['amount'])}" for c in claims) or \
        "no ledger sources"


def read(store: Store, action: Callable[[Connection], T]) -> T:
    with store.reading() as conn:
        return action(conn)
