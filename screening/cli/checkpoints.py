"""`screening history --new-key | --checkpoint FILE | --verify [--checkpoint FILE]`.

The office's records supervisor makes one Ed25519 key pair (``--new-key``), signs
a checkpoint of the log's head at fixed times (``--checkpoint FILE``) and keeps
the files where the database's writers cannot reach them; anyone holding the
public key checks the log against one (``--verify --checkpoint FILE``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from screening.cli.options import collector_paused
from screening.cli.storage import fail, read, show_json, with_store

F = TypeVar("F", bound=Callable[..., Any])


def checkpoint_options(func: F) -> F:
    func = click.option("--public-key", "public_key", default=None, metavar="FILE",
                        type=click.Path(path_type=Path),
                        help="Public key a checkpoint is verified with (default: the "
                             "key's .pub beside it).")(func)
    func = click.option("--key", "key", default=None, metavar="FILE",
                        type=click.Path(path_type=Path),
                        help="Private checkpoint key (default: $SCREENING_CHECKPOINT_KEY, "
                             "else ~/.config/screening/checkpoint-key.pem).")(func)
    func = click.option("--new-key", "new_key", is_flag=True,
                        help="Make the office's checkpoint key pair at --key (never "
                             "overwritten).")(func)
    func = click.option("--checkpoint", "checkpoint", default=None, metavar="FILE",
                        type=click.Path(path_type=Path),
                        help="Write a signed checkpoint of the log's head to FILE; with "
                             "--verify, check the log against it.")(func)
    return func


def write_checkpoint(new_key: bool, checkpoint: Path | None, key: Path | None, fmt: str,
                     db: str | None) -> None:
    """Make the key pair (--new-key) and/or sign the head into ``checkpoint``."""
    from screening.errors import ScreeningError
    from screening.store import checkpoint as cp

    key_path = key or cp.default_key()
    if new_key:
        try:
            pub, ident = cp.new_key(key_path)
        except ScreeningError as exc:
            raise fail(exc, 1) from None
        click.echo(f"key {ident}: private {key_path} (keep it with the records supervisor, "
                   f"off the officers' machines), public {pub}")
        if checkpoint is None:
            return
    assert checkpoint is not None
    data = with_store(db, lambda s: read(s, lambda c: cp.write_checkpoint(c, key_path,
                                                                          checkpoint)))
    if fmt == "json":
        show_json(data)
    else:
        click.echo(f"checkpoint {checkpoint}: record {data['seq']}, head {data['head']}, "
                   f"signed {data['signed_at']} with {data['key']}")


def verify_log(checkpoint: Path | None, key: Path | None, public_key: Path | None, fmt: str,
               db: str | None) -> None:
    """The chain, the ledger and stored rule files against the log; the log against a checkpoint."""
    from screening.errors import ScreeningError

    mark = None
    if checkpoint is not None:
        from screening.store import checkpoint as cp

        try:
            mark = cp.load_checkpoint(checkpoint, public_key
                                      or cp.public_path(key or cp.default_key()))
        except ScreeningError as exc:
            raise fail(exc, 1) from None

    def check(conn: Any) -> tuple[Any, Any]:
        from screening.store.audit import audit

        return audit(conn), (cp.verify_checkpoint(conn, mark) if mark is not None else None)

    quick = None
    if mark is None:  # an SQLite file with no ledger: read directly, without SQLAlchemy
        with collector_paused():  # its modules; the check makes rows, freed as read
            from screening.store.fileaudit import audit_file

            quick = audit_file(db)
    result, against = (quick, None) if quick is not None else \
        with_store(db, lambda s: read(s, check))
    chain = result.chain
    problems = [*result.problems, *(against.problems if against else [])]
    ok = chain.ok and not problems
    if fmt == "json":
        out: dict[str, Any] = {"ok": ok, "records": chain.records, "head": chain.head,
                               "broken": chain.broken, "reason": chain.reason,
                               "problems": problems}
        if against is not None:
            out["checkpoint"] = {"file": str(checkpoint), "seq": against.seq,
                                 "signed_at": against.signed_at, "later": against.later}
        show_json(out)
    else:
        if not chain.ok:
            click.echo(f"broken: record {chain.broken}: {chain.reason}")
        for problem in problems:
            click.echo(f"broken: {problem}")
        if ok:
            click.echo(f"ok: {chain.records} records, chain intact, head {chain.head}; "
                       "ledger agrees with the log")
            if against is not None:
                click.echo(f"ok: matches checkpoint {checkpoint} (record {against.seq}, "
                           f"signed {against.signed_at}); {against.later} records since")
            else:
                click.echo("note: records cut from the end with the head rewritten, or a "
                           "recomputed chain, show only against a checkpoint (--checkpoint)")
    if not ok:
        raise click.exceptions.Exit(1)
