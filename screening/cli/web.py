"""`screening serve` (the web desk) and `screening users add|list` (who may log in).

The desk uses the same rulebook, engine and database as the other commands;
users and their roles live in that database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from screening.cli.options import load_rules, rules_options
from screening.cli.storage import db_option, show_json, with_store


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--engine", type=click.Choice(["durable", "python"]), default="durable",
              show_default=True, help="durable_rules, or the pure-Python reference evaluator.")
@db_option
@rules_options
def serve(host: str, port: int, engine: str, db: str | None, rules_dir: Path | None,
          overlays: tuple[str, ...]) -> None:
    """Run the web desk: interview, decision page with PDF, records with roles, JSON API.

    Officers log in with a user made by `screening users add`; the API is
    described at /docs. Chinese first, English with the switch at the top.

    Example:

        screening serve --port 8000 --db ~/hedong.sqlite3
    """
    import uvicorn

    from screening.errors import ScreeningError
    from screening.store.database import Store
    from screening.web.app import create_app

    rulebook = load_rules(rules_dir, overlays)
    try:
        store = Store.open(db)
    except ScreeningError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem.render()}", err=True)
        raise click.exceptions.Exit(2) from None
    app = create_app(rulebook, store, engine=engine)
    click.echo(f"screening desk on http://{host}:{port}/ (database {store.describe()}, "
               f"rulebook {rulebook.hash[:19]})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group()
def users() -> None:
    """Users of the web desk and their roles (officer, policy, auditor).

    Example:

        screening users add 张三 --role officer
    """


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["officer", "policy", "auditor"]),
              help="officer: screen, record, approve, override, release; policy: rules, "
                   "diff, coverage; auditor: history and verifying the chain.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="SCREENING_PASSWORD",
              help="The password (asked if not given; or $SCREENING_PASSWORD).")
@db_option
def users_add(name: str, role: str, password: str, db: str | None) -> None:
    """Add a user with one role; the password is stored only as an argon2 hash.

    Example:

        screening users add 李四 --role auditor --db ~/hedong.sqlite3
    """
    from screening.store.users import add_user

    def run(store: Any) -> Any:
        with store.writing() as writer:
            return add_user(writer.conn, name, role, password)

    user = with_store(db, run)
    click.echo(f"added user {user.name} ({user.role})")


@users.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@db_option
def users_list(fmt: str, db: str | None) -> None:
    """List the users and their roles.

    Example:

        screening users list --format json
    """
    from screening.store.users import list_users

    def run(store: Any) -> Any:
        with store.reading() as conn:
            return list_users(conn)

    rows = with_store(db, run)
    if fmt == "json":
        show_json(rows)
        return
    for row in rows:
        click.echo(f"{row['name']}\t{row['role']}\t{row['created_at']}"
                   + ("" if row["active"] else "\t(inactive)"))


COMMANDS = (serve, users)
