"""The loader's state and its reading of one rule file: each file read strictly through
its pydantic model, every problem kept with file, line and what was expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from screening.errors import Problem, did_you_mean
from screening.facts.yamlio import MAX_PROBLEMS, LineMap, decode, read_bytes, read_document
from screening.rulebook.conditions import FieldSpec
from screening.rulebook.models import (
    BasisDocument,
    BasisExcerpt,
    Confidence,
    Effect,
    FuelCatalogue,
    HeavyPollutingCatalogue,
    IndustryCatalogue,
    SourceKindCatalogue,
    TwoHighCatalogue,
)

M = TypeVar("M", bound=BaseModel)


CATALOGUES: dict[str, type[BaseModel]] = {
    "industries": IndustryCatalogue,
    "two_high": TwoHighCatalogue,
    "heavy_polluting": HeavyPollutingCatalogue,
    "source_kinds": SourceKindCatalogue,
    "fuels": FuelCatalogue,
}


NOT_RULES = {"policy", "parameters", "catalogues", "overlays", "zones"}


class Loader:
    def __init__(self, root: Path, overlays: tuple[str, ...]) -> None:
        self.root = root
        self.overlays = overlays
        self.problems: list[Problem] = []
        self.files: dict[str, bytes] = {}
        #: filled while loading, read when rules are compiled
        self.documents: dict[str, BasisDocument] = {}
        self.excerpts: dict[str, tuple[BasisExcerpt, Effect]] = {}
        self.clause_strengths: dict[str, Effect] = {}
        self.predicate_texts: dict[str, str] = {}
        self.confidence: dict[str, Confidence] = {}
        self.fields: dict[str, FieldSpec] = {}
        #: effects stronger than their texts, rejects on what was not read (rules check)
        self.fidelity: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def inside(self, path: Path) -> bool:
        """Whether ``path``, links followed, lies inside the rules folder."""
        try:
            return path.resolve().is_relative_to(self.root.resolve())
        except (OSError, RuntimeError):  # a link loop
            return False

    def read(self, path: Path, model: type[M]) -> tuple[M | None, LineMap]:
        if not self.inside(path):
            self.problems.append(Problem("the file lies outside the rules folder (a link?)",
                                         file=self.rel(path),
                                         expected=f"a file inside {self.root}"))
            return None, LineMap()
        data, lines, problems = read_document(path)
        if not problems:  # the bytes the rulebook was read from are kept with it
            self.files[str(path.relative_to(self.root))] = path.read_bytes()
        for p in problems:
            p.file = self.rel(path)
        self.problems.extend(problems)
        if problems:
            return None, lines
        try:
            return model.model_validate(data), lines
        except ValidationError as exc:
            errors = exc.errors()
            if len(errors) > MAX_PROBLEMS:
                self.problems.append(Problem(f"{len(errors):,} problems; the first "
                                             f"{MAX_PROBLEMS} follow", file=self.rel(path)))
            for err in errors[:MAX_PROBLEMS]:
                loc = tuple(str(x) for x in err["loc"])
                message = err["msg"]
                if err["type"] == "extra_forbidden":
                    allowed = [f for f in fields_at(model, loc[:-1])]
                    self.problems.append(Problem(
                        f"unknown key '{loc[-1]}'", file=self.rel(path),
                        line=lines.line_of(loc), field=".".join(loc[:-1]) or None,
                        expected="one of " + ", ".join(allowed) if allowed else None,
                        suggestion=did_you_mean(loc[-1], allowed)))
                    continue
                self.problems.append(Problem(message, file=self.rel(path),
                                             line=lines.line_of(loc), field=".".join(loc)))
            return None, lines

    def problem(self, message: str, path: Path, lines: LineMap, loc: tuple[Any, ...],
                **extra: Any) -> None:
        self.problems.append(Problem(message, file=self.rel(path),
                                     line=lines.line_of(tuple(str(x) for x in loc)), **extra))


def fields_at(model: type[BaseModel], loc: tuple[str, ...]) -> list[str]:
    """Field names allowed at a location inside a model (best effort)."""
    current: Any = model
    for part in loc:
        if part.isdigit():
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        annotation = info.annotation
        inner = [a for a in getattr(annotation, "__args__", ()) if isinstance(a, type)]
        candidates = [a for a in [annotation, *inner]
                      if isinstance(a, type) and issubclass(a, BaseModel)]
        if not candidates:
            return []
        current = candidates[0]
    return [info.alias or name for name, info in current.model_fields.items()]


def read_text(ld: Loader, root: Path, text_path: Path) -> str | None:
    """A document's full text, kept among the rulebook's files; None (with the
    problems recorded) if it cannot be read or decoded."""
    raw, problems = read_bytes(text_path)
    text, more = decode(raw, ld.rel(text_path)) if raw is not None else (None, [])
    if text is None or raw is None:
        for problem in [*problems, *more]:
            problem.file = ld.rel(text_path)
            ld.problems.append(problem)
        return None
    ld.files[str(text_path.relative_to(root))] = raw
    return text


def ld_lines(ld: Loader, path: Path) -> LineMap:
    """The line map of a file already read (read again; only used on errors)."""
    return read_document(path)[1]


def required(ld: Loader, path: Path, model: type[M]) -> tuple[M | None, LineMap]:
    if not path.is_file():
        ld.problems.append(Problem("required file is missing", file=ld.rel(path)))
        return None, LineMap()
    return ld.read(path, model)


WEAKNESS = {Confidence.READ: 0, Confidence.PARTIAL: 1, Confidence.UNVERIFIED: 2}
