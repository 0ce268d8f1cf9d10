"""Command line for policy staff: `explain`, `coverage`, `diff` and `rules verify`.

Registered on the main group by ``register(cli)`` in ``screening/cli/__init__.py``. Each
command prints readable text by default and JSON with ``--format json``; a
library error becomes a clean message and a non-zero exit.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from screening.cli.options import (
    dump,
    fail,
    format_option,
    lang_option,
    load_rules,
    rules_options,
)


@click.command()
@click.argument("proposal", type=click.Path(path_type=Path))
@click.option("--rule", "rule_ids", multiple=True, metavar="ID",
              help="Explain only this rule (repeatable); shows every sub-condition.")
@click.option("--full", is_flag=True, help="Show every sub-condition of every rule.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Explain under the rules in force on this date (default: application date).")
@click.option("--engine", type=click.Choice(["durable", "python"]), default="durable",
              show_default=True, help="Engine whose verdicts the explanation is checked against.")
@format_option("text", "json")
@lang_option
@rules_options
def explain(proposal: Path, rule_ids: tuple[str, ...], full: bool, as_of: Any, engine: str,
            fmt: str, lang: str, rules_dir: Path | None, overlays: tuple[str, ...]) -> None:
    """Why each rule in force fired or did not fire for one proposal.

    Every sub-condition is shown as held / failed / unknown with the fact values
    and the parameter values it compared (document, date in force, layer); facts
    the proposal lacks are named. The verdicts are checked against the
    durable_rules engine; exit status 3 if they disagree, 1 if the file is bad.

    Example:

        screening explain cases/01-cement-clinker-line.yaml --rule two-high.coal-reduction
    """
    from screening.errors import InputError, ScreeningError
    from screening.facts.files import load_proposal
    from screening.screen import Screener
    from screening.tools.explain import Explainer
    from screening.tools.explain_report import to_text

    rulebook = load_rules(rules_dir, overlays)
    explainer = Explainer(Screener(rulebook, engine=engine))  # type: ignore[arg-type]
    day: date | None = as_of.date() if as_of else None
    try:
        explainer.check_rules(list(rule_ids))
    except ScreeningError as exc:
        fail(exc.problems, 2)
    try:
        loaded = load_proposal(proposal)
        try:
            result = explainer.explain(loaded.proposal, day, list(rule_ids) or None)
        except InputError as exc:
            raise loaded.locate(exc) from None
    except ScreeningError as exc:
        fail(exc.problems)
        return
    if fmt == "json":
        dump(result.as_dict())
    else:
        click.echo(to_text(result, lang, full=full or bool(rule_ids)))
    if result.disagreements:
        sys.exit(3)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.argument("proposals", nargs=-1, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Screen both under the rules in force on this date.")
@click.option("--overlay", "overlays", multiple=True, metavar="NAME",
              help="Apply this overlay to both rulebooks.")
@click.option("--exit-code", "exit_code", is_flag=True,
              help="Exit with status 1 if any outcome, citation or finding changes.")
@format_option("text", "json")
@lang_option
def diff(old: str, new: str, proposals: tuple[Path, ...], as_of: Any,
         overlays: tuple[str, ...], exit_code: bool, fmt: str, lang: str) -> None:
    """What-if: screen the same proposals under two rulebooks and show what changes.

    OLD and NEW are rules folders or git revisions of rules/ (HEAD~1,
    main:rules). PROPOSALS default to cases/. Every proposal whose outcome, cited
    clauses or findings change is listed with the rules responsible and why,
    then a count of outcome transitions (approve → reject, ...).

    Example:

        screening diff HEAD~1 rules cases/
    """
    import tempfile

    from screening.errors import RulebookError
    from screening.load import load_rulebook
    from screening.tools.whatif import compare, open_rules
    from screening.tools.whatif_report import to_text

    paths = list(proposals) or [Path("cases")]
    with tempfile.TemporaryDirectory(prefix="screening-diff-") as tmp:
        books = []
        for label, spec in (("OLD", old), ("NEW", new)):
            try:
                books.append(load_rulebook(open_rules(spec, Path(tmp)), overlays))
            except RulebookError as exc:
                for problem in exc.problems:
                    click.echo(f"error: {label} {spec}: {problem.render()}", err=True)
                sys.exit(2)
        report = compare(books[0], books[1], paths, old, new,
                         as_of.date() if as_of else None)
    if fmt == "json":
        dump(report.as_dict())
    else:
        click.echo(to_text(report, lang))
    if report.errors:
        sys.exit(1)
    if exit_code and report.changes:
        sys.exit(1)


@click.command()
@click.option("--cases", "case_paths", multiple=True, type=click.Path(path_type=Path),
              help="Sample proposals to screen (repeatable; default: cases/).")
@click.option("--scenarios", type=click.Path(path_type=Path), default=None,
              help="Test module running the feature scenarios (default: "
                   "tests/test_features.py).")
@click.option("--no-scenarios", is_flag=True, help="Screen the cases only; run no scenario.")
@click.option("--fail-under", "fail_under", type=float, default=None, metavar="PCT",
              help="Exit 1 if fewer than PCT % of the binding sentences of 二-五 have a rule.")
@click.option("--verbose", is_flag=True, help="Name every scenario under each rule.")
@format_option("text", "json")
@lang_option
@rules_options
def coverage(case_paths: tuple[Path, ...], scenarios: Path | None, no_scenarios: bool,
             fail_under: float | None, verbose: bool, fmt: str, lang: str,
             rules_dir: Path | None, overlays: tuple[str, ...]) -> None:
    """Sentence coverage: plan sentence → rules → cases and scenarios that fire or not.

    Every sentence of sections 二-五 (split from the plan's text) is cited by a
    rule (its clause quote overlaps the sentence), or marked not an admission
    clause with a reason in rules/policy/not-admission.yaml (its section, or the
    sentence itself), or is a heading; the others are listed as uncovered.
    Computed by running them: every case is screened and every feature scenario
    is run under pytest, recording the rules each one fires, leaves quiet or
    cannot decide. Exit 1 if any scenario fails (each is named, file and line),
    if coverage is under --fail-under, or if a rule lacks a scenario that fires
    it and one that does not; exit 2 if the scenarios cannot be run.

    Example:

        screening coverage --fail-under 90
    """
    from screening.errors import ScreeningError
    from screening.rulebook.sections import load_inventory
    from screening.tools.coverage import measure, run_scenarios
    from screening.tools.coverage_report import to_text

    rulebook = load_rules(rules_dir, overlays)
    run = None
    try:
        inventory = load_inventory(rulebook)
        if not no_scenarios:
            run = run_scenarios(scenarios or Path("tests") / "test_features.py")
    except ScreeningError as exc:
        fail(exc.problems, 2)
    result = measure(rulebook, inventory, list(case_paths) or [Path("cases")], run)
    if fmt == "json":
        dump(result.as_dict())
    else:
        click.echo(to_text(result, lang, verbose))
    failed = False
    if fail_under is not None and result.percent < fail_under:
        click.echo(f"coverage {result.percent:.1f}% of binding sentences is under "
                   f"{fail_under:g}%", err=True)
        failed = True
    if run is not None and run.failed:
        for name in run.failed:
            click.echo(f"failing scenario: {name}", err=True)
        click.echo(f"{len(run.failed)} scenario(s) failed", err=True)
        failed = True
    if run is not None and result.unexercised():
        click.echo(f"{len(result.unexercised())} rule(s) lack a firing or non-firing scenario",
                   err=True)
        failed = True
    if failed:
        sys.exit(1)


@click.command("verify")
@click.option("--strict", is_flag=True,
              help="Also exit 1 on warnings (dormant rules, unused entries) and undecided checks.")
@click.option("--timeout", "timeout_s", type=float, default=10.0, show_default=True,
              help="Seconds the solver may spend on one question before saying 'unknown'.")
@format_option("text", "json")
@lang_option
@rules_options
def verify_rules(strict: bool, timeout_s: float, fmt: str, lang: str, rules_dir: Path | None,
                 overlays: tuple[str, ...]) -> None:
    """Static checks beyond schema validity, each problem with a witness proposal.

    Dead rules (can never hold) and rules that always hold, given the fact
    schema's types, enums and bounds, with parameters free and as in force;
    rules citing one clause with opposite effects that can fire together;
    shadowed duplicates; parameters, entries, predicates, clauses no rule uses.
    Exit 1 on errors (with --strict also on warnings and undecided checks).

    Example:

        screening rules verify --format json
    """
    from screening.errors import ScreeningError
    from screening.tools.verify import ERROR, UNKNOWN, WARNING, verify
    from screening.tools.verify.report import to_text

    rulebook = load_rules(rules_dir, overlays)
    try:
        report = verify(rulebook, int(timeout_s * 1000))
    except ScreeningError as exc:
        fail(exc.problems, 2)
    if fmt == "json":
        dump(report.as_dict())
    else:
        click.echo(to_text(report, lang))
    failing = report.count(ERROR) + (report.count(WARNING) + report.count(UNKNOWN)
                                     if strict else 0)
    if failing:
        sys.exit(1)


def register(cli: click.Group) -> None:
    """Add the policy staff commands to the main group (and `verify` to `rules`)."""
    cli.add_command(explain)
    cli.add_command(diff)
    cli.add_command(coverage)
    rules = cli.commands["rules"]
    assert isinstance(rules, click.Group)
    rules.add_command(verify_rules)
