"""The `screening` group and what officers run most: `screen`, `schema`, `rules check|list`.

Library errors become clean messages naming the file, line and field, with a
non-zero exit; a rejection is a result, not an error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from screening import startcode
from screening.cli.options import (
    collector_paused,
    error_lang,
    format_option,
    load_rules,
    rules_options,
    say_problem,
)
from screening.cli.storage import Recorder, open_ledger, store_options

#: what adds the commands of the other command modules (screening/cli/__init__.py), run
#: the first time a command not defined here is asked for or the commands are listed
more_commands: list[Callable[[], None]] = []


def _add_more() -> None:
    while more_commands:
        more_commands.pop(0)()


class Commands(click.Group):
    """A group whose commands from the other modules are imported only when asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            _add_more()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _add_more()
        return super().list_commands(ctx)


@click.group(cls=Commands)
@click.version_option(package_name="screening")
def cli() -> None:
    """Screen proposed projects against 临东环委发〔2022〕1号 (Hedong 四减四增 2021-2023).

    Example:

        screening screen cases/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("text", "json", "markdown")
@click.option("--indent", is_flag=True,
              help="Indent JSON for people (default: compact, one decision a line).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language that leads in the decisions (default zh) and of error messages "
                   "(default: zh when the locale is Chinese, else en).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Screen under the rules in force on this date (default: application date).")
@click.option("--engine", type=click.Choice(["durable", "python"]), default="durable",
              show_default=True, help="durable_rules, or the pure-Python reference evaluator.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core for a large batch).")
@click.option("--map", "map_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Write the site map of each proposal with site.location "
                                 "as DIR/<id>.svg (JSON output carries it anyway).")
@rules_options
@store_options
def screen(paths: tuple[Path, ...], fmt: str, indent: bool, lang: str | None, as_of: Any,
           engine: str, jobs: int | None, map_dir: Path | None, rules_dir: Path | None,
           overlays: tuple[str, ...], record: bool, db: str | None, officer: str | None) -> None:
    """Screen proposal files (YAML or JSON) or folders of them.

    Prints a decision per proposal: 准予准入 approve, 附条件准入 approve with
    conditions, 提交审议 refer or 不予准入 reject, each finding citing its clause.
    Exit status is 1 if any file could not be screened, 0 otherwise; `-` reads
    one proposal from standard input. A file that cannot be read, or repeats the
    proposal id of an earlier file, is reported (in JSON: an entry with `file`,
    `error`, `field`) and the others are still screened. With a database in use,
    ledger sources the proposals cite are checked; --record stores every decision
    (see `screening history`).

    Example:

        screening screen cases/ --format json --as-of 2022-09-01 --indent

        screening screen cases/92-warehouse-point-inside-red-line.yaml --map maps/
    """
    with collector_paused():  # start-up: the screen path's modules, the rulebook, the engine
        from screening.batch import (
            Output,
            Progress,
            Settings,
            render_error,
            screen_files,
            utf8_stdout,
        )
        from screening.errors import Problem
        from screening.facts.files import STDIN, expand_paths, read_stdin
        from screening.screen import Screener

        errors_in = error_lang(lang)
        rulebook = load_rules(rules_dir, overlays)
        screener = Screener(rulebook, engine=engine)  # type: ignore[arg-type]
        startcode.keep()
    lang = lang or "zh"
    store = open_ledger(screener, db, record)
    day: date | None = as_of.date() if as_of else None
    failed = 0
    files = list(expand_paths(paths))
    if not files:
        click.echo("error: no proposal files found in " + ", ".join(map(str, paths)), err=True)
        sys.exit(1)
    # JSON goes out as the bytes the encoder wrote when stdout would write the same bytes
    binary = fmt == "json" and utf8_stdout()
    output = Output(fmt, _echo, binary)
    # the ledger is read in this process, so with a database the files are screened here
    stdin = read_stdin(getattr(sys.stdin, "buffer", sys.stdin)) \
        if any(str(p) == STDIN for p in files) else None
    settings = Settings(engine=engine, as_of=day, fmt=fmt, lang=lang, indent=indent,
                        jobs=1 if store is not None else jobs, stdin=stdin,
                        map_dir=str(map_dir) if map_dir is not None else None, binary=binary)
    # with --record, decisions are committed in batches, each printed once recorded
    # (and what comes between them printed in order with them)
    recorder = Recorder(store, officer, output.write) if record and store else None
    write = recorder.write if recorder is not None else output.write
    first_file: dict[str, str] = {}  # proposal id -> the file that stated it first
    with Progress(len(files)) as progress:
        for result in screen_files(rulebook, files, settings, screener):  # input order
            progress.advance()
            pid = result.proposal_id
            if result.output is not None and pid is not None:
                if pid in first_file:
                    result.output, result.decision = None, None
                    result.problems = [Problem(
                        f"proposal id '{pid}' is already used by {first_file[pid]}",
                        file=str(result.path), field="id",
                        expected="one file per proposal id in a batch",
                        code="duplicate_proposal_id", params={"id": pid, "first": first_file[pid]})]
                else:
                    first_file[pid] = str(result.path)
            if result.output is None:
                failed += 1
                for problem in result.problems:
                    progress.note(f"error: {say_problem(problem, errors_in)}")
                if fmt == "json":
                    write(render_error(result, indent, binary))
            elif recorder is not None and result.decision is not None:
                recorder.add(result.decision, result.output)
            else:
                output.write(result.output)
    if recorder is not None:
        recorder.flush()
    output.close()
    if failed:
        from screening.derive.messages import text

        click.echo(text("files_failed", errors_in, failed=failed, total=len(files)), err=True)
        sys.exit(1)


def _echo(message: str | bytes, nl: bool = True) -> None:
    """``click.echo``, less its regular-expression pass over all of a text sent to a file or
    pipe for ANSI codes to strip when the text holds no ESC character (so none to strip)."""
    plain = isinstance(message, str) and "\x1b" not in message
    click.echo(message, nl=nl, color=True if plain else None)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a proposal file.

    Example:

        screening schema > proposal.schema.json
    """
    from screening.facts.proposal import Proposal

    click.echo(json.dumps(Proposal.model_json_schema(), ensure_ascii=False, indent=2))


@cli.group(cls=Commands)
def rules() -> None:
    """Check and list the rulebook under rules/.

    Example:

        screening rules check
    """


@rules.command("check")
@click.option("--against", metavar="REV|DIR", default=None,
              help="Earlier rulebook whose dated values in force must be unchanged: a git "
                   "revision or a snapshot folder (default: HEAD if rules/ has uncommitted "
                   "changes, else HEAD~1; nothing outside git).")
@click.option("--no-history", is_flag=True, help="Do not compare with an earlier rulebook.")
@rules_options
def rules_check(against: str | None, no_history: bool, rules_dir: Path | None,
                overlays: tuple[str, ...]) -> None:
    """Validate every rule, parameter, clause and catalogue file; exit 2 on problems.

    Besides the files' validity: every excerpt of rules/policy/basis.yaml is found
    verbatim in its document's text; no rule's effect is stronger than every text
    it cites (clause and basis excerpts, strength from their wording); no reject
    rests on an excerpt, parameter or catalogue whose confidence is not `read`.
    A value under a date already in force must stay as it was in the earlier
    rulebook, unless the parameter lists it under corrections with a reason; a
    rulebook durable_rules could not register or run (lists too long, too many
    rules sharing one test) is refused, naming the rule.

    Example:

        screening rules check --rules rules/ --against HEAD~1
    """
    import tempfile

    from screening.errors import RulebookError
    from screening.load import engine_problems
    from screening.rulebook.revisions import earlier_rules, retroactive_changes

    rulebook = load_rules(rules_dir, overlays)
    if rulebook.fidelity:
        for problem in rulebook.fidelity:
            click.echo(f"error: {problem.render()}", err=True)
        click.echo(f"{len(rulebook.fidelity)} rule(s) stronger than their texts or resting "
                   "on what was not read", err=True)
        raise click.exceptions.Exit(2)
    problems = engine_problems(rulebook.rules)
    if not no_history and not problems:
        root = Path(rulebook.root)
        with tempfile.TemporaryDirectory(prefix="screening-check-") as work:
            try:
                earlier = earlier_rules(root, against, Path(work))
                problems = ([] if earlier is None else
                            retroactive_changes(root, earlier[0], date.today(), earlier[1]))
            except RulebookError as exc:
                problems = exc.problems
    if problems:
        for problem in problems:
            click.echo(f"error: {problem.render()}", err=True)
        raise click.exceptions.Exit(2)
    click.echo(f"ok: {len(rulebook.rules)} rules, {len(rulebook.clauses)} clauses, "
               f"{len(rulebook.parameters)} parameters; {rulebook.hash}")


@rules.command("list")
@format_option("text", "json")
@click.option("--unverified", is_flag=True,
              help="List parameters and catalogues whose source is unverified instead.")
@rules_options
def rules_list(fmt: str, unverified: bool, rules_dir: Path | None,
               overlays: tuple[str, ...]) -> None:
    """List rules with the clause each cites and its effect.

    Example:

        screening rules list --format json
    """
    from screening.rulebook.listing import rule_rows, unverified_rows

    rulebook = load_rules(rules_dir, overlays)
    rows = unverified_rows(rulebook) if unverified else rule_rows(rulebook)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        if unverified:
            layer = "" if row["layer"] == "base" else f" (overlay {row['layer']})"
            click.echo(f"{row['name']}{layer}  [{row['confidence']}]  {row['document']}  "
                       f"{row['description']['zh']}")
            continue
        until = row["in_force"]["to"] or "…"
        texts = ", ".join(f"{t['text']} {t['strength']}" for t in row["texts"])
        click.echo(f"{row['id']}  [{row['effect']} | {texts}]  {row['clause']['section']}  "
                   f"{row['in_force']['from']}–{until}  {row['title']['zh']}")
        click.echo(f"    “{row['clause']['quote']}”")
        for basis in row["basis"]:
            click.echo(f"    依据 {basis['document']} {basis['article']}: “{basis['quote']}”"
                       f" [{basis['confidence']}]")
