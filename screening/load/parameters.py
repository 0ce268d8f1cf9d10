"""Named parameters (each with source, confidence, dates and valid range) and the
shared predicates rules use to say which projects they concern."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from screening.errors import Problem, did_you_mean
from screening.facts.yamlio import LineMap
from screening.load.loader import Loader
from screening.rulebook.conditions import Cond, ConditionError, FieldSpec, Parser
from screening.rulebook.models import (
    Parameter,
    ParameterFile,
    PredicateFile,
    Range,
)
from screening.rulebook.params import LayeredParameter


def load_parameters(ld: Loader, root: Path,
                     fields: dict[str, FieldSpec]) -> dict[str, LayeredParameter]:
    params: dict[str, LayeredParameter] = {}
    for path in sorted((root / "parameters").glob("*.yaml")):
        loaded, lines = ld.read(path, ParameterFile)
        if loaded is None:
            continue
        for key, param in loaded.parameters.items():
            if param.keyed_by is not None and param.keyed_by not in fields:
                ld.problem(f"keyed_by names unknown fact '{param.keyed_by}'", path, lines,
                           ("parameters", key, "keyed_by"),
                           suggestion=did_you_mean(param.keyed_by, fields))
            _check_range(ld, path, lines, key, param, param.allowed)
            params[f"param.{path.stem}.{key}"] = LayeredParameter(
                f"param.{path.stem}.{key}", param, ld.rel(path))
    for overlay in ld.overlays:
        folder = root / "overlays" / overlay / "parameters"
        if not folder.is_dir():
            available = [p.name for p in (root / "overlays").glob("*") if p.is_dir()]
            ld.problems.append(Problem(f"overlay '{overlay}' not found", file=ld.rel(folder),
                                       expected="a folder under rules/overlays/",
                                       suggestion=did_you_mean(overlay, available)))
            continue
        for path in sorted(folder.glob("*.yaml")):
            loaded, lines = ld.read(path, ParameterFile)
            if loaded is None:
                continue
            for key, param in loaded.parameters.items():
                name = f"param.{path.stem}.{key}"
                if name not in params:
                    ld.problem(f"overlay sets unknown parameter '{name}'", path, lines,
                               ("parameters", key), suggestion=did_you_mean(name, params))
                    continue
                base = params[name]
                if param.keyed_by != base.base.keyed_by or param.unit != base.unit:
                    ld.problem(f"overlay changes the unit or key of '{name}'", path, lines,
                               ("parameters", key), expected=f"unit {base.unit!r}, keyed_by "
                                                            f"{base.base.keyed_by!r}")
                    continue
                if param.range is not None:
                    ld.problem(f"overlay declares a range for '{name}'", path, lines,
                               ("parameters", key, "range"),
                               expected="no range: the base file's "
                                        f"({base.base.allowed.describe()}) applies to every "
                                        "layer")
                _check_range(ld, path, lines, key, param, base.base.allowed)
                params[name] = LayeredParameter(name, base.base, base.file,
                                                (*base.layers, (overlay, param, ld.rel(path))))
    return params


def _check_range(ld: Loader, path: Path, lines: LineMap, key: str, param: Parameter,
                 allowed: Range) -> None:
    """Every number the parameter takes, on every date and for every key, within its range."""
    if param.unit == "date":
        return
    for when, value in param.values.items():
        entries = value.items() if isinstance(value, dict) else [(None, value)]
        for entry, number in entries:
            if isinstance(number, date) or (isinstance(number, int | float)
                                            and math.isfinite(number)
                                            and allowed.admits(number)):
                continue
            loc = ("parameters", key, "values", when.isoformat(),
                   *(() if entry is None else (entry,)))
            what = f"{key}[{entry}]" if entry is not None else key
            ld.problem(f"value {number!r} of '{what}' on {when} is out of range", path, lines,
                       loc, field=".".join(loc),
                       expected=f"a {param.unit} {allowed.describe()} (declare another "
                                "range with `range:` in the base file if the source says so)")


def load_predicates(ld: Loader, root: Path, fields: dict[str, FieldSpec],
                     lists: dict[str, tuple[str, ...]]) -> dict[str, Cond]:
    """Named conditions from predicates.yaml, then predicates-<topic>.yaml (which may use them)."""
    predicates: dict[str, Cond] = {}
    main = root / "predicates.yaml"
    paths = ([main] if main.is_file() else []) + sorted(root.glob("predicates-*.yaml"))
    for path in paths:
        loaded, lines = ld.read(path, PredicateFile)
        if loaded is None:
            continue
        for key, pred in loaded.predicates.items():
            ld.predicate_texts.setdefault(key, pred.when)
            if key in predicates:
                ld.problem(f"duplicate predicate '{key}'", path, lines, ("predicates", key),
                           expected="each predicate name once across predicates*.yaml")
                continue
            try:
                predicates[key] = Parser(fields, predicates, lists).parse(pred.when)
            except ConditionError as exc:
                ld.problems.append(exc.problem(file=ld.rel(path),
                                               line=lines.line_of(("predicates", key, "when")),
                                               field=f"predicates.{key}.when"))
    return predicates
