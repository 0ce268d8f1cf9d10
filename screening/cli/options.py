"""Options every command shares (rules folder, overlays, format, language) and loading the rulebook.

A library error met while loading becomes a clean message naming the file and field,
and exit status 2.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from screening.errors import inert

F = TypeVar("F", bound=Callable[..., Any])
#: the rulebook an installed wheel carries (copied there by setup.py)
BUNDLED_RULES = Path(__file__).resolve().parents[1] / "bundled" / "rules"
#: the repository's rulebook, for an editable install
REPOSITORY_RULES = Path(__file__).resolve().parents[2] / "rules"
#: set by ``screening.cli.main``: the command line runs in a process of its own
OWN_PROCESS = False


def _is_rulebook(path: Path) -> bool:
    return (path / "policy" / "clauses.yaml").is_file()


def default_rules() -> Path:
    """$SCREENING_RULES, else ./rules, else the installed rulebook (wheel or repository)."""
    env = os.environ.get("SCREENING_RULES")
    if env:
        return Path(env)
    here = Path("rules")
    if _is_rulebook(here):
        return here
    if _is_rulebook(BUNDLED_RULES):
        return BUNDLED_RULES
    return REPOSITORY_RULES


def rules_options(func: F) -> F:
    func = click.option("--overlay", "overlays", multiple=True, metavar="NAME",
                        help="Apply a higher-level overlay from rules/overlays/NAME "
                             "(repeatable; later ones win).")(func)
    func = click.option("--rules", "rules_dir", type=click.Path(path_type=Path),
                        default=None, help="Rules folder (default: $SCREENING_RULES, ./rules, "
                                           "else the rulebook installed with the package).")(func)
    return func


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0],
                        show_default=True, help="Output format.")


def lang_option(func: F) -> F:
    return click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
                        show_default=True, help="Language that leads in text output.")(func)


def error_lang(lang: str | None) -> str:
    """The language of error messages: --lang when given, else zh when the locale is Chinese."""
    from screening.derive.messages import preferred_language

    return lang or preferred_language()


def say_problem(problem: Any, lang: str) -> str:
    """One input problem for the terminal: in Chinese from the message catalogue, or English."""
    if lang == "zh":
        from screening.derive.messages import render

        return inert(render(problem, "zh"))  # proposal text cannot forge a line
    return str(problem.render())


def load_rules(rules_dir: Path | None, overlays: tuple[str, ...]) -> Any:
    """The rulebook of ``rules_dir`` (default: ``default_rules()``), or exit 2 with its problems."""
    from screening.errors import RulebookError
    from screening.rulebook.cache import cached
    from screening.spatial.deferred import portable

    try:  # the loader (and all it checks against) is imported only when the cache misses
        return cached(Path(rules_dir or default_rules()), overlays, _load, portable)
    except RulebookError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem.render()}", err=True)
        raise click.exceptions.Exit(2) from None


def _load(root: Path, overlays: tuple[str, ...]) -> Any:
    from screening.load import load_rulebook

    return load_rulebook(root, overlays)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while start-up builds what lives as long as the
    process (modules, model classes, the rulebook) and, in a process of its own
    (``OWN_PROCESS``), what was built then frozen, never traversed again: collecting it
    finds next to nothing and cost 6 % of a short run (bench/README.md). Resumed
    afterwards, for what the files bring. Not frozen inside a caller's process (a
    test's), whose uncollected garbage would be frozen with it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if OWN_PROCESS:
            gc.freeze()
        if was:
            gc.enable()


def fail(problems: list[Any], code: int = 1) -> None:
    for problem in problems:
        click.echo(f"error: {problem.render()}", err=True)
    sys.exit(code)


def dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
