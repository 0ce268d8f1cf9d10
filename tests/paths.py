"""Where the repository's folders are, for tests at any depth of tests/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASES = ROOT / "cases"
RULES = ROOT / "rules"
