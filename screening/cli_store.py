"""Commands for decision records, the replacement-source ledger and overrides.

`screening history | replay | override | approve | release` and
`screening sources add | show | list`; `screening screen --record` stores the
decisions they work on. Every refusal (no such decision, a source short, a broken
log) is a clean message and exit status 1; a broken rulebook is exit status 2.
This module must not import screening.cli at load time (cli imports it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from screening.store.options import OFFICER_ENV, fail

if TYPE_CHECKING:
    from screening.store.database import Store

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


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
    from screening.decision import OUTCOME_LABELS

    names = OUTCOME_LABELS.get(outcome, {"zh": outcome, "en": outcome})
    return f"{names['zh']} ({names['en']})"


def show_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def claims_text(claims: list[dict[str, Any]]) -> str:
    from screening.store.check import num

    return ", ".join(f"{c['source']} {c['dimension']} {num(c['amount'])}" for c in claims) or \
        "no ledger sources"


@click.command()
@click.option("--proposal", "proposal_id", default=None, metavar="ID",
              help="Only the decisions on this proposal.")
@click.option("--verify", is_flag=True,
              help="Recompute the hash chain and check the ledger against it; exit 1 if broken.")
@format_option
@db_option
def history(proposal_id: str | None, verify: bool, fmt: str, db: str | None) -> None:
    """List recorded decisions with overrides, approvals and releases; or verify the log.

    Each decision shows the engine's outcome and, if an officer overrode it, the
    final outcome with who and why. --verify names the first record that was
    changed, removed or reordered.

    Example:

        screening history --proposal HD-2022-017
    """
    from screening.store import decisions as log

    if verify:
        from screening.store.audit import audit

        result = with_store(db, lambda s: _read(s, audit))
        chain = result.chain
        if fmt == "json":
            show_json({"ok": result.ok, "records": chain.records, "head": chain.head,
                       "broken": chain.broken, "reason": chain.reason,
                       "problems": result.problems})
        elif not chain.ok:
            click.echo(f"broken: record {chain.broken}: {chain.reason}")
        else:
            for problem in result.problems:
                click.echo(f"broken: {problem}")
            if result.ok:
                click.echo(f"ok: {chain.records} records, chain intact, head {chain.head}; "
                           "ledger agrees with the log")
        if not result.ok:
            raise click.exceptions.Exit(1)
        return
    rows = with_store(db, lambda s: _read(s, lambda c: log.history(c, proposal_id)))
    if fmt == "json":
        show_json([row.as_dict() for row in rows])
        return
    if not rows:
        click.echo("no decisions recorded" + (f" for {proposal_id}" if proposal_id else ""))
    for row in rows:
        d = row.as_dict()
        click.echo(f"#{d['record']}  {d['proposal_id']}  {d['name']}")
        click.echo(f"    screened {d['screened_at']} by {d['screened_by']}, as of {d['as_of']}, "
                   f"rulebook {d['rulebook'][:19]}")
        click.echo(f"    engine: {label(d['engine_outcome'])}")
        if row.overrides:
            click.echo(f"    final:  {label(d['outcome'])}  (override)")
        for e in d["events"]:
            what = {"override": lambda e: f"{label(e['outcome'])}: {e['reason']}",
                    "approval": lambda e: "claims " + claims_text(e["claims"]),
                    "release": lambda e: f"{e['reason']}; gives back " + claims_text(
                        e["claims"])}[e["kind"]](e)
            click.echo(f"    #{e['record']} {e['kind']} by {e['by']} at {e['at']}: {what}")


def _read(store: Store, action: Callable[[Any], T]) -> T:
    with store.reading() as conn:
        return action(conn)


@click.command()
@click.argument("decision", type=DecisionNumber())
@format_option
@db_option
def replay(decision: int, fmt: str, db: str | None) -> None:
    """Re-screen a recorded decision under its stored rulebook; exit 1 if the result differs.

    The stored proposal is screened as of the recorded date, with the recorded
    overlays, engine and ledger state; the whole decision is compared.

    Example:

        screening replay 12
    """
    from screening.store.replay import replay as run

    result = with_store(db, lambda s: run(s, decision))
    stored, now = result.stored, result.replayed
    if fmt == "json":
        show_json({"record": decision, "identical": result.identical,
                   "differences": result.differences,
                   "outcome": {"recorded": stored["outcome"], "replayed": now["outcome"]}})
    else:
        click.echo(f"decision {decision} ({stored['proposal_id']}) replayed under rulebook "
                   f"{stored['rulebook'][:19]} as of {stored['as_of']} with {stored['engine']}: "
                   + ("identical — " + label(now["outcome"]) if result.identical else
                      f"DIFFERENT — recorded {label(stored['outcome'])}, now "
                      f"{label(now['outcome'])}"))
        for line in result.differences:
            click.echo(f"    {line}")
    if not result.identical:
        raise click.exceptions.Exit(1)


@click.command()
@click.argument("decision", type=DecisionNumber())
@click.option("--outcome", required=True,
              type=click.Choice(["approve", "approve_with_conditions", "refer", "reject"]),
              help="The officer's final outcome.")
@click.option("--reason", required=True, help="Why the engine's outcome is overridden.")
@officer_option(required=True, env=False)
@db_option
def override(decision: int, outcome: str, reason: str, officer: str, db: str | None) -> None:
    """Record an officer's final outcome for a decision; the engine's verdict is kept beside it.

    Example:

        screening override 12 --outcome refer --reason "等量替代例外待审议" --officer 张三
    """
    from screening.store.decisions import record_override

    def run(store: Store) -> Any:
        with store.writing() as writer:
            return record_override(writer, decision, outcome, reason, officer)

    record = with_store(db, run)
    click.echo(f"recorded override {record.seq} of decision {decision}: engine "
               f"{record.body['engine_outcome']}, final {outcome} (by {record.actor})")


@click.command()
@click.argument("decision", type=DecisionNumber())
@officer_option(required=True)
@db_option
def approve(decision: int, officer: str, db: str | None) -> None:
    """Approve a recorded decision and commit all its ledger claims at once, or none.

    Refused if any cited source has less left than claimed, if the final outcome
    is not an approval, or if it is already approved.

    Example:

        screening approve 12 --officer 张三
    """
    from screening.store.claims import approve as run

    def commit(store: Store) -> Any:
        with store.writing() as writer:
            return run(writer, decision, officer)

    record = with_store(db, commit)
    click.echo(f"approved decision {decision} (record {record.seq}); claims committed: "
               + claims_text(record.body["claims"]))


@click.command()
@click.argument("decision", type=DecisionNumber())
@click.option("--reason", required=True, help="Why the claims are given back (e.g. withdrawn).")
@officer_option(required=True)
@db_option
def release(decision: int, reason: str, officer: str, db: str | None) -> None:
    """Give back the ledger claims of an approved decision; recorded, nothing deleted.

    Example:

        screening release 12 --reason "项目撤回" --officer 张三
    """
    from screening.store.claims import release as run

    def commit(store: Store) -> Any:
        with store.writing() as writer:
            return run(writer, decision, officer, reason)

    record = with_store(db, commit)
    click.echo(f"released decision {decision} (record {record.seq}): "
               + claims_text(record.body["claims"]))


@click.group()
def sources() -> None:
    """The replacement-source ledger: register sources, see what is left and who claimed it.

    Example:

        screening sources add ledger/LS-2022-001.yaml
    """


@sources.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check against the rules in force on this date (default: today).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
              help="Rules folder (default: $SCREENING_RULES or ./rules).")
@officer_option(required=False)
@db_option
def sources_add(files: tuple[Path, ...], as_of: Any, rules_dir: Path | None,
                officer: str | None, db: str | None) -> None:
    """Register replacement sources from YAML/JSON files; each file all or nothing.

    A file names the source (id, description, kind, what was retired, evidence,
    the date it arose, location) and its amounts per dimension. The rulebook
    decides what a source may offset: 兰炭 cannot offset coal, a carbon source
    must arise on or after param.sources.carbon_earliest_date and lie in Shandong.

    Example:

        screening sources add ledger/LS-2022-001.yaml --officer 张三
    """
    import getpass

    from screening.cli import _load
    from screening.errors import ScreeningError
    from screening.store.check import num
    from screening.store.sources import load_source_file, policy_problems, register_source

    rulebook = _load(rules_dir, ())
    day = as_of.date() if as_of else date.today()
    who = officer or os.environ.get(OFFICER_ENV) or getpass.getuser()

    def run(store: Store) -> int:
        failed = 0
        for path in files:
            lines = None
            try:
                source, lines = load_source_file(path)
                problems = policy_problems(source, rulebook, day, str(path), lines)
                if problems:
                    raise ScreeningError(problems)
                with store.writing() as writer:
                    record = register_source(writer, source, who)
            except ScreeningError as exc:
                failed += 1
                for problem in exc.problems:
                    problem.file = problem.file or str(path)
                    if problem.line is None and problem.field and lines is not None:
                        problem.line = lines.line_of(tuple(problem.field.split(".")))
                    click.echo(f"error: {problem.render()}", err=True)
                continue
            click.echo(f"registered source {source.id} (record {record.seq}): " + ", ".join(
                f"{dim} {num(amount)} {unit}" for dim, unit, amount, _ in source.dimensions()))
        return failed

    failed = with_store(db, run)
    if failed:
        click.echo(f"{failed} of {len(files)} file(s) not registered", err=True)
        raise click.exceptions.Exit(1)


@sources.command("show")
@click.argument("source_id", metavar="ID")
@format_option
@db_option
def sources_show(source_id: str, fmt: str, db: str | None) -> None:
    """Show a ledger source: registered, claimed and left per dimension, and who claimed what.

    Example:

        screening sources show LS-2022-001
    """
    from screening.store.check import num
    from screening.store.sources import show

    entry = with_store(db, lambda s: _read(s, lambda c: show(c, source_id)))
    if fmt == "json":
        show_json(entry)
        return
    shandong = "in Shandong" if entry["in_shandong"] else "outside Shandong"
    click.echo(f"{entry['id']}  [{entry['kind']}]  {entry['description']}")
    click.echo(f"    arose {entry['arose_on']} at {entry['place']} ({shandong}); "
               f"evidence {entry['evidence']}")
    for dim, a in entry["amounts"].items():
        click.echo(f"    {dim:<24} registered {num(a['registered']):>12} {a['unit']:<8} "
                   f"claimed {num(a['claimed']):>12}  left {num(a['available']):>12}")
    for c in entry["claims"]:
        click.echo(f"    #{c['record']} {c['kind']} of decision {c['decision']} "
                   f"({c['proposal_id']}) by {c['by']} at {c['at']}: {c['dimension']} "
                   f"{num(c['amount'])}")


@sources.command("list")
@format_option
@db_option
def sources_list(fmt: str, db: str | None) -> None:
    """List ledger sources with what is left per dimension.

    Example:

        screening sources list --format json
    """
    from screening.store.check import num
    from screening.store.sources import list_sources

    rows = with_store(db, lambda s: _read(s, list_sources))
    if fmt == "json":
        show_json(rows)
        return
    if not rows:
        click.echo("no sources registered")
    for row in rows:
        left = ", ".join(f"{dim} {num(a['available'])}/{num(a['registered'])} {a['unit']}"
                         for dim, a in row["amounts"].items())
        click.echo(f"{row['id']}  [{row['kind']}]  {row['description']}  left: {left}")


STORE_COMMANDS = [history, replay, override, approve, release, sources]
