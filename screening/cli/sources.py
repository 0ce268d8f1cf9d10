"""Commands for the replacement-source ledger: `screening sources add | show | list`.

A source file (YAML/JSON) is validated strictly, with file and line, and against
the rulebook (what a source kind may offset, the earliest carbon date); each file
is registered all or nothing. `show` says what is left per dimension and who
claimed or released what.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from screening.cli.storage import (
    OFFICER_ENV,
    db_option,
    format_option,
    officer_option,
    read,
    show_json,
    with_store,
)

if TYPE_CHECKING:
    from screening.store.database import Store


@click.group()
def sources() -> None:
    """The replacement-source ledger: register sources, see what is left and who claimed it.

    Example:

        screening sources add tests/fixtures/ledger/LS-2022-001.yaml
    """


@sources.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check against the rules in force on this date (default: today).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=None,
              help="Rules folder (default: $SCREENING_RULES or ./rules).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of error messages (default: zh when the locale is Chinese).")
@officer_option(required=False)
@db_option
def sources_add(files: tuple[Path, ...], as_of: Any, rules_dir: Path | None,
                lang: str | None, officer: str | None, db: str | None) -> None:
    """Register replacement sources from YAML/JSON files; each file all or nothing.

    A file names the source (id, description, kind, what was retired, evidence,
    the date it arose, location) and its amounts per dimension. The rulebook
    decides what a source may offset: 兰炭 cannot offset coal, a carbon source
    must arise on or after param.sources.carbon_earliest_date and lie in Shandong.

    Example:

        screening sources add tests/fixtures/ledger/LS-2022-001.yaml --officer 张三
    """
    import getpass

    from screening.cli.options import error_lang, load_rules, say_problem
    from screening.derive.ledger import num
    from screening.errors import ScreeningError
    from screening.store.sources import load_source_file, policy_problems, register_source

    rulebook = load_rules(rules_dir, ())
    day = as_of.date() if as_of else date.today()
    who = officer or os.environ.get(OFFICER_ENV) or getpass.getuser()
    errors_in = error_lang(lang)

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
                    click.echo(f"error: {say_problem(problem, errors_in)}", err=True)
                continue
            click.echo(f"registered source {source.id} (record {record.seq}): " + ", ".join(
                f"{dim} {num(amount)} {unit}" for dim, unit, amount, _ in source.dimensions()))
        return failed

    failed = with_store(db, run)
    if failed:
        click.echo(f"{failed} 个文件未登记（共 {len(files)} 个）" if errors_in == "zh"
                   else f"{failed} of {len(files)} file(s) not registered", err=True)
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
    from screening.derive.ledger import num
    from screening.store.sources import show

    entry = with_store(db, lambda s: read(s, lambda c: show(c, source_id)))
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
    from screening.derive.ledger import num
    from screening.store.sources import list_sources

    rows = with_store(db, lambda s: read(s, list_sources))
    if fmt == "json":
        show_json(rows)
        return
    if not rows:
        click.echo("no sources registered")
    for row in rows:
        left = ", ".join(f"{dim} {num(a['available'])}/{num(a['registered'])} {a['unit']}"
                         for dim, a in row["amounts"].items())
        click.echo(f"{row['id']}  [{row['kind']}]  {row['description']}  left: {left}")
