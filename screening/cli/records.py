"""Commands for decision records and officer overrides, and approving against the ledger.

`screening history | replay | override | approve | release`; `screening screen
--record` stores the decisions they work on, and `screening sources …`
(sources.py) keeps the ledger. Every refusal (no such decision, a source
short, a broken log) is a clean message and exit status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from screening.cli.checkpoints import checkpoint_options, verify_log, write_checkpoint
from screening.cli.sources import sources
from screening.cli.storage import (
    DecisionNumber,
    claims_text,
    db_option,
    format_option,
    label,
    officer_option,
    read,
    show_json,
    with_store,
)
from screening.errors import inert

if TYPE_CHECKING:
    from screening.store.database import Store


@click.command()
@click.option("--proposal", "proposal_id", default=None, metavar="ID",
              help="Only the decisions on this proposal.")
@click.option("--verify", is_flag=True,
              help="Recompute the hash chain and check the ledger against it; exit 1 if broken.")
@checkpoint_options
@format_option
@db_option
def history(proposal_id: str | None, verify: bool, checkpoint: Path | None, new_key: bool,
            key: Path | None, public_key: Path | None, fmt: str, db: str | None) -> None:
    """List recorded decisions with overrides, approvals and releases; or verify the log.

    Each decision shows the engine's outcome and, if an officer overrode it, the
    final outcome with who and why. --verify names the first record that was
    changed, removed or reordered, and every ledger row or stored rule file that
    differs from the log; with --checkpoint FILE it also catches a log cut short
    or recomputed since the checkpoint was signed (see checkpoints.py).

    Example:

    \b
        screening history --proposal HD-2022-017
        screening history --verify --checkpoint checkpoints/2022-09-30.json
    """
    if new_key or (checkpoint is not None and not verify):
        write_checkpoint(new_key, checkpoint, key, fmt, db)
        return
    if verify:
        verify_log(checkpoint, key, public_key, fmt, db)
        return
    from screening.store import decisions as log

    rows = with_store(db, lambda s: read(s, lambda c: log.history(c, proposal_id)))
    if fmt == "json":
        show_json([row.as_dict() for row in rows])
        return
    if not rows:
        click.echo("no decisions recorded" + (f" for {proposal_id}" if proposal_id else ""))
    for row in rows:
        d = row.as_dict()
        click.echo(inert(f"#{d['record']}  {d['proposal_id']}  {d['name']}"))
        click.echo(f"    screened {d['screened_at']} by {d['screened_by']}, as of {d['as_of']}, "
                   f"rulebook {d['rulebook'][:19]}")
        click.echo(f"    engine: {label(d['engine_outcome'])}")
        if row.overrides:
            click.echo(f"    final:  {label(d['outcome'])}  (override)")
        for e in d["events"]:
            click.echo(f"    #{e['record']} {e['kind']} by {e['by']} at {e['at']}: "
                       + _event_text(e))


def _event_text(event: dict[str, Any]) -> str:
    if event["kind"] == "override":
        return f"{label(event['outcome'])}: {event['reason']}"
    if event["kind"] == "approval":
        return "claims " + claims_text(event["claims"])
    return f"{event.get('reason', '')}; gives back " + claims_text(event["claims"])


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


STORE_COMMANDS = [history, replay, override, approve, release, sources]
