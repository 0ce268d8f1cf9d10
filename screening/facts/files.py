"""Reading proposal files: YAML or JSON, one proposal per file, strictly validated.

A sample case may carry an ``expected`` block (outcome and cited sections) for
the test suite; it is split off here and never used in screening.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from screening.errors import InputError, Problem, did_you_mean
from screening.facts.proposal import Proposal
from screening.facts.validator import validate
from screening.facts.yamlio import (
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    LineMap,
    parse_document,
    read_bytes,
)

SUFFIXES = {".yaml", ".yml", ".json"}
#: the file name that means standard input
STDIN = "-"


@dataclass(frozen=True)
class LoadedProposal:
    path: Path
    proposal: Proposal
    expected: dict[str, Any] | None
    lines: LineMap

    def locate(self, error: InputError) -> InputError:
        """Fill in file and line of problems found after loading (e.g. by derivation)."""
        for problem in error.problems:
            problem.file = problem.file or str(self.path)
            if problem.line is None and problem.field:
                problem.line = self.lines.line_of(tuple(problem.field.split(".")))
        return error


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and every YAML/JSON file inside given folders, sorted."""
    for path in paths:
        if str(path) != STDIN and path.is_dir():
            found = sorted(_proposal_files(str(path), ()))
            yield from (path.joinpath(*parts) for parts in found)
        else:
            yield path


def _proposal_files(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The parts below ``folder`` of its proposal files and those of its subfolders (not
    entered through links): what ``rglob`` finds, from the folder listing's file types,
    without asking each file's. A link that leads nowhere or round in a circle is listed,
    to be reported; a folder that cannot be read is left out, as ``rglob`` leaves it."""
    try:
        with os.scandir(os.path.join(folder, *parts)) as listing:
            entries = list(listing)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        dot = name.rfind(".")
        if entry.is_dir(follow_symlinks=False):
            yield from _proposal_files(folder, (*parts, name))
        elif dot > 0 and name[dot:].lower() in SUFFIXES and (
                entry.is_file() if not entry.is_symlink() else _listed_link(entry.path)):
            yield (*parts, name)


def _listed_link(path: str) -> bool:
    """A link to a file, or one that leads nowhere or round in a circle (to be reported)."""
    linked = Path(path)
    return linked.is_file() or not linked.is_dir()


def _allowed_keys(loc: tuple[str, ...], root: type[BaseModel] = Proposal) -> list[str]:
    model: Any = root
    for part in loc:
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            if part.isdigit():
                continue
            return []
        annotation = info.annotation
        args = [annotation, *getattr(annotation, "__args__", ())]
        for arg in list(args):
            args.extend(getattr(arg, "__args__", ()))
        models = [a for a in args if isinstance(a, type) and hasattr(a, "model_fields")]
        if not models:
            return []
        model = models[0]
    return list(model.model_fields)


def problems_of(exc: ValidationError, file: str | None = None, lines: LineMap | None = None,
                root: type[BaseModel] = Proposal, document: str | None = None
                ) -> list[Problem]:
    """Pydantic's errors as problems naming the field, with its error type and values
    (``document``: whose field labels name them, see ``Problem.document``)."""
    return problems_from(exc.errors(), file, lines, root, document=document)


def problems_from(errors: Iterable[Mapping[str, Any]], file: str | None = None,
                  lines: LineMap | None = None, root: type[BaseModel] = Proposal,
                  skip: int = 0, document: str | None = None) -> list[Problem]:
    """Pydantic error dicts (``ValidationError.errors()``, or a web framework's, whose
    first ``skip`` location parts, e.g. ``body``, are not fields) as problems."""
    lines = lines or LineMap()
    problems = []
    errors = list(errors)
    if len(errors) > MAX_PROBLEMS:
        problems.append(Problem(f"{len(errors):,} problems; the first {MAX_PROBLEMS} follow",
                                file=file, code="too_many_problems",
                                params={"count": len(errors), "shown": MAX_PROBLEMS}))
    for err in errors[:MAX_PROBLEMS]:
        loc = tuple(str(x) for x in err["loc"])[skip:]
        field = ".".join(loc)
        line = lines.line_of(loc)
        if err["type"] == "extra_forbidden":
            allowed = _allowed_keys(loc[:-1], root)
            problems.append(Problem(f"unknown field '{loc[-1]}'", file=file, line=line,
                                    field=field, expected="one of " + ", ".join(allowed)
                                    if allowed else None,
                                    suggestion=did_you_mean(loc[-1], allowed),
                                    code="extra_forbidden", document=document,
                                    params={"key": loc[-1], "allowed": allowed}))
            continue
        expected = None
        ctx = err.get("ctx") or {}
        if "expected" in ctx and str(ctx["expected"]) not in err["msg"]:
            expected = str(ctx["expected"])
        elif err["type"] == "string_pattern_mismatch":
            expected = f"text matching {ctx.get('pattern')}"
        params = {k: v for k, v in ctx.items() if isinstance(v, int | float | str)}
        params["msg"] = err["msg"]
        problems.append(Problem(err["msg"], file=file, line=line, field=field,
                                expected=expected, code=err["type"], params=params,
                                document=document))
    return problems


def read_stdin(stream: Any) -> bytes:
    """Standard input's bytes, at most one byte more than a file may have."""
    return bytes(stream.read(MAX_FILE_BYTES + 1))


def load_proposal(path: Path, stdin: bytes | None = None) -> LoadedProposal:
    """Read and validate one proposal file; raise InputError naming file, line and field.

    ``-`` is standard input, whose bytes are ``stdin`` (JSON if it starts with ``{``).
    """
    file = str(path)
    if file == STDIN:
        raw, problems = (stdin, []) if stdin is not None else (
            None, [Problem("cannot read: standard input was not read", file="<stdin>",
                           code="cannot_read", params={"reason": "standard input was not read"})])
        file = "<stdin>"
        if raw is not None and len(raw) > MAX_FILE_BYTES:
            raw, problems = None, [Problem(
                f"file of more than {MAX_FILE_BYTES:,} bytes is too large", file=file,
                expected=f"at most {MAX_FILE_BYTES:,} bytes", code="file_too_large",
                params={"size": len(raw), "limit": MAX_FILE_BYTES})]
        json_text = raw is not None and raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    else:
        raw, problems = read_bytes(path)
        json_text = path.suffix.lower() == ".json"
    if raw is None:
        raise InputError(problems)
    # lines only worked out when a problem needs one
    data, lines, problems = parse_document(raw, file, json_text=json_text, lazy_lines=True)
    if problems:
        raise InputError(problems)
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else "nothing" if data is None \
            else f"a single {type(data).__name__} value"
        raise InputError.single(f"a proposal file must hold one mapping of fields, not {got}",
                                file=file, line=lines.line_of(()), code="not_a_mapping",
                                expected="id, name, application_date, industry, ...")
    expected = data.pop("expected", None)
    try:
        proposal = validate(data)  # Proposal.model_validate, by the cached validator
    except ValidationError as exc:
        raise InputError(problems_of(exc, file, lines)) from None
    return LoadedProposal(path, proposal, expected, lines)
