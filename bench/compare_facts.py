"""Facts and parameters of Screener.facts in this checkout against another one (e.g. main).

A change to the facts stage must leave every fact and parameter exactly as it was,
key order and value types included. This screens generated proposals (those
bench/instructions.py uses), every case and every proposal fixture, each on its own
date and four others, with no ledger and with an empty one, in both checkouts, and
lists what differs. Run:

    git -C /work/main worktree add --detach /tmp/base 448a0c9   # or any checkout
    python bench/compare_facts.py --base /tmp/base [--count 2000]
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMP = r'''
import pickle, sys
from datetime import date
from pathlib import Path
from screening.errors import ScreeningError
from screening.facts.files import load_proposal
from screening.load import load_rulebook
from screening.screen import Screener

rules, out, *folders = sys.argv[1:]
screener = Screener(load_rulebook(Path(rules)))
found = {}
days = (None, date(2020, 6, 1), date(2021, 6, 19), date(2022, 6, 1), date(2025, 3, 1))
for folder in folders:
    for path in sorted(p for p in Path(folder).rglob("*") if p.suffix in (".yaml", ".json")):
        try:
            proposal = load_proposal(path).proposal
        except Exception:
            continue
        for day in days:
            for ledger in (None, {"sources": {}}):
                key = (str(path), str(day), ledger is not None)
                as_of = day or proposal.application_date
                try:
                    basis = {}
                    site = screener.site(proposal, as_of)
                    facts, params = screener.facts(proposal, as_of, ledger, site, basis)
                    found[key] = ([(k, type(v).__name__, repr(v)) for k, v in facts.items()],
                                  [(k, repr(v)) for k, v in params.items()], repr(basis))
                except ScreeningError as error:
                    found[key] = ("error", type(error).__name__, str(error))
Path(out).write_bytes(pickle.dumps(found))
'''


def dump(project: Path, out: Path, folders: list[Path]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(project))
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(DUMP)
    try:
        subprocess.run([sys.executable, script.name, str(ROOT / "rules"), str(out),
                        *map(str, folders)], check=True, env=env, cwd=tempfile.gettempdir())
    finally:
        os.unlink(script.name)
    return pickle.loads(out.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from batch import write_files

    with tempfile.TemporaryDirectory(prefix="screening-facts-") as tmp:
        generated = Path(tmp) / "generated"
        generated.mkdir()
        write_files(generated, args.count)
        folders = [generated, ROOT / "cases", ROOT / "tests" / "fixtures", ROOT / "features"]
        base = dump(args.base.resolve(), Path(tmp) / "base.pkl", folders)
        this = dump(ROOT, Path(tmp) / "this.pkl", folders)
    differ = [key for key in base if base[key] != this.get(key)]
    for key in differ[:10]:
        print("differs:", *key)
    print(f"{len(base)} screenings ({len(this)} here), {len(differ)} differ")
    sys.exit(1 if differ or base.keys() != this.keys() else 0)


if __name__ == "__main__":
    main()
