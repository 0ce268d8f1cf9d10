"""`screening new`: a proposal skeleton holding only the blocks this project must state."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from screening.cli.options import error_lang, load_rules, rules_options, say_problem

TYPES = ["新建", "改扩建", "技术改造", "搬迁"]


@click.command("new")
@click.option("--industry", required=True, metavar="CODE",
              help="GB/T 4754-2017 industry class, 4 digits (e.g. 3011 水泥制造).")
@click.option("--type", "construction_type", required=True, type=click.Choice(TYPES),
              help="Construction type (建设性质).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Rules in force on this date, also the application date (default: today).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write the skeleton to this file instead of standard output.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of error messages (default: zh when the locale is Chinese).")
@rules_options
def new(industry: str, construction_type: str, as_of: Any, output: Path | None,
        lang: str | None, rules_dir: Path | None, overlays: tuple[str, ...]) -> None:
    """Write a proposal skeleton (YAML) for one industry and construction type.

    Only the blocks some rule in force could ask of such a project are written,
    each with a Chinese comment naming the clauses behind it; fill in the values
    (null where not known) and screen the file.

    Example:

        screening new --industry 3011 --type 新建 --as-of 2022-09-01 -o proposal.yaml
    """
    from pydantic import ValidationError

    from screening.derive.messages import problems
    from screening.errors import InputError
    from screening.interview import skeleton
    from screening.screen import Screener

    rulebook = load_rules(rules_dir, overlays)
    screener = Screener(rulebook, engine="python")
    try:
        text = skeleton(screener, industry, construction_type, as_of.date() if as_of else None)
    except (ValidationError, InputError) as exc:
        for problem in problems(exc):
            click.echo(f"error: {say_problem(problem, error_lang(lang))}", err=True)
        sys.exit(2)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
