"""Command line: what officers, policy staff and auditors type. Top stage: may import every stage.

The group lives in main.py; each module adds its command group here, so no command
module imports another's (options.py and storage.py hold what they share). The other
modules are imported when one of their commands is asked for, or all are listed
(`--help`): `screen` imports none of them.
"""

from __future__ import annotations

from screening import startcode

startcode.install()  # before the modules below declare their dataclasses

from screening.cli import options  # noqa: E402
from screening.cli.main import cli, more_commands  # noqa: E402


def _register() -> None:
    """Add the other modules' commands (imported when one of them is first asked for)."""
    from screening.cli import interview, policy, records, web

    policy.register(cli)
    cli.add_command(interview.new)
    for command in (*records.STORE_COMMANDS, *web.COMMANDS):
        cli.add_command(command)


more_commands.append(_register)


def main() -> None:
    options.OWN_PROCESS = True  # start-up may be frozen out of the collector's sight
    cli(prog_name="screening")


__all__ = ["cli", "main"]
