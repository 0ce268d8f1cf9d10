"""Command line: what officers, policy staff and auditors type. Top stage: may import every stage.

The group lives in main.py; each module adds its command group here, so no command
module imports another's (options.py and storage.py hold what they share).
"""

from __future__ import annotations

from screening import startcode

startcode.install()  # before the modules below declare their dataclasses

from screening.cli import interview, options, policy, records, web  # noqa: E402
from screening.cli.main import cli  # noqa: E402

policy.register(cli)
cli.add_command(interview.new)
for _command in (*records.STORE_COMMANDS, *web.COMMANDS):
    cli.add_command(_command)


def main() -> None:
    options.OWN_PROCESS = True  # start-up may be frozen out of the collector's sight
    cli(prog_name="screening")


__all__ = ["cli", "main"]
