"""Purpose-built rulebooks for tests: the minimal valid fixture with files laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "rulebook"


def patched_rulebook(target: Path, *patches: str) -> Path:
    """Copy the minimal fixture rulebook to ``target`` and lay each patch folder over it.

    A patch is a path under tests/fixtures/ (e.g. ``broken/unknown-key``) holding only
    the files it adds or replaces, laid out as in rules/.
    """
    shutil.copytree(MINIMAL, target)
    for patch in patches:
        shutil.copytree(FIXTURES / patch, target, dirs_exist_ok=True)
    return target
