"""Dated values are never rewritten in place: a value in force stays as it was.

A parameter keeps its values by the date they took effect; a new number is a new
date, never an edit of an old one (decisions already taken rest on it, and
``replay`` must give the same answer). ``rules check`` compares the parameter files
with an earlier version of the rulebook — the previous git revision, or a folder
kept as a snapshot — and every value under a date already in force that was
changed or removed is an error, unless the parameter lists it under
``corrections`` with the value it replaced and the reason.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from screening.errors import Problem, RulebookError
from screening.facts.yamlio import LineMap, read_document
from screening.rulebook.models import Parameter, ParameterFile


@dataclass(frozen=True)
class _Params:
    file: Path
    lines: LineMap
    params: dict[str, Parameter]


def _parameter_files(root: Path) -> dict[str, _Params]:
    """Parameter files by path under ``root`` (base and overlays); unreadable ones left out."""
    out: dict[str, _Params] = {}
    paths = [*sorted(root.glob("parameters/*.yaml")),
             *sorted(root.glob("overlays/*/parameters/*.yaml"))]
    for path in paths:
        data, lines, problems = read_document(path)
        if problems:
            continue
        try:
            loaded = ParameterFile.model_validate(data)
        except ValidationError:
            continue
        out[str(path.relative_to(root))] = _Params(path, lines, dict(loaded.parameters))
    return out


def _same(old: Any, new: Any) -> bool:
    """Equal values of equal type (1 and 1.0 are the same number; True is no number)."""
    if isinstance(old, dict) or isinstance(new, dict):
        return (isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys()
                and all(_same(old[k], new[k]) for k in old))
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return bool(old == new)


def retroactive_changes(root: Path, earlier: Path, today: date,
                        label: str = "the earlier revision") -> list[Problem]:
    """Values under dates up to ``today`` that differ from ``earlier``, not marked corrections."""
    problems: list[Problem] = []
    before = _parameter_files(earlier)
    for rel, now in _parameter_files(root).items():
        old_file = before.get(rel)
        if old_file is None:
            continue
        for key, param in now.params.items():
            old = old_file.params.get(key)
            if old is None:
                continue
            corrected = {(c.on, _freeze(c.was)) for c in param.corrections}
            for when, was in sorted(old.values.items()):
                if when > today:
                    continue  # not yet in force: nothing was decided on it
                value = param.values.get(when)
                if value is not None and _same(was, value):
                    continue
                if (when, _freeze(was)) in corrected:
                    continue
                loc = ("parameters", key, "values", when.isoformat())
                line = now.lines.line_of(loc if value is not None else loc[:3])
                change = "removed" if value is None else f"changed from {was!r} to {value!r}"
                problems.append(Problem(
                    f"the value of '{key}' in force since {when} was {change} "
                    f"(compared with {label})", file=str(Path(root.name) / rel), line=line,
                    field=".".join(loc),
                    expected="a new dated value for the date the change takes effect; or, if "
                             f"the old value was wrong, an entry under corrections: "
                             f"{{date: {when}, was: {was!r}, reason: ...}}"))
    return problems


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return (type(value) is bool, float(value) if isinstance(value, int | float) else value)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False,
                          timeout=120)


def earlier_rules(root: Path, against: str | None, workdir: Path) -> tuple[Path, str] | None:
    """The rulebook to compare with, and how to name it; None if there is none.

    ``against`` is a folder, a git revision, or None: the last commit if the rules
    have uncommitted changes, else the commit before it.
    """
    if against is not None and Path(against).is_dir():
        return Path(against), f"snapshot {against}"
    if against is not None and against.startswith("-"):
        raise RulebookError.single(f"'{against}' is not a revision",
                                   expected="a git revision such as HEAD~1, or a folder")
    try:
        prefix = _git(root, "rev-parse", "--show-prefix")
    except (OSError, subprocess.TimeoutExpired):
        prefix = None
    if prefix is None or prefix.returncode != 0:
        if against is None:
            return None  # not under git: nothing to compare with
        raise RulebookError.single(f"cannot read revision '{against}': {root} is not in a "
                                   "git repository", expected="a folder to compare with")
    if against is None:
        dirty = _git(root, "status", "--porcelain", "--", ".").stdout.strip()
        against = "HEAD" if dirty else "HEAD~1"
        if _git(root, "rev-parse", "--verify", "--quiet", f"{against}^{{commit}}").returncode:
            return None  # the first commit: no earlier revision
    path = prefix.stdout.decode().strip().rstrip("/")
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.decode().strip())
    tar = _git(top, "archive", "--format=tar", f"{against}:{path}" if path else against)
    if tar.returncode != 0:
        if path and _git(root, "cat-file", "-e", f"{against}^{{commit}}").returncode == 0:
            return None  # the revision exists but had no rules folder here
        says = tar.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RulebookError.single(f"cannot read revision '{against}' of {root}"
                                   + (f" (git: {says[-1]})" if says else ""),
                                   expected="a git revision such as HEAD~1, or a folder")
    target = Path(tempfile.mkdtemp(prefix="rules-before-", dir=workdir))
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
        archive.extractall(target, filter="data")
    return target, f"git revision {against}"
