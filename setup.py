"""Build hook: the wheel carries the rulebook (rules/, with the policy texts) as package data.

Policy staff keep editing ``rules/`` at the top of the repository; an installed
``screening`` finds the copy made here under ``screening/bundled/rules`` when no
``--rules``, ``$SCREENING_RULES`` or ``./rules`` says otherwise. An editable
install reads the repository's ``rules/`` directly, so nothing is copied then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RULES = Path(__file__).resolve().parent / "rules"


class BuildWithRules(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not RULES.is_dir():
            return
        target = Path(self.build_lib) / "screening" / "bundled" / "rules"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithRules})
