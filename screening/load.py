"""Load and validate everything under ``rules/`` before anything is screened.

All problems are collected and reported together, each with file, line and what
was expected: unknown keys, duplicate keys or rule ids, unknown clauses, facts or
parameters (with did-you-mean), and clause quotes not found verbatim in the
policy text.
"""

from __future__ import annotations

import hashlib
import math
import string
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from screening.derive.core import fact_fields
from screening.engine.compiler import EXPRESSION_LIMIT, rule_matches
from screening.engine.limits import rulebook_problems
from screening.errors import Problem, RulebookError, did_you_mean
from screening.facts.yamlio import MAX_PROBLEMS, LineMap, decode, read_bytes, read_document
from screening.rulebook.basis import (
    catalogues_of,
    excerpt_issues,
    stronger_than_texts,
    unread_support,
)
from screening.rulebook.book import BasisCitation, Catalogues, CompiledRule, Rulebook
from screening.rulebook.conditions import NUMBER, Cond, ConditionError, FieldSpec, Parser, fields_of
from screening.rulebook.models import (
    BasisDocument,
    BasisExcerpt,
    BasisList,
    Clause,
    ClauseFile,
    ClauseRegistry,
    Confidence,
    DocumentList,
    Effect,
    FuelCatalogue,
    HeavyPollutingCatalogue,
    IndustryCatalogue,
    ListCatalogue,
    Parameter,
    ParameterFile,
    PredicateFile,
    Range,
    Rule,
    RuleFile,
    SourceKindCatalogue,
    TwoHighCatalogue,
)
from screening.rulebook.params import LayeredParameter
from screening.rulebook.sections import Section, parse_sections, section_of
from screening.rulebook.strength import resolved

M = TypeVar("M", bound=BaseModel)

CATALOGUES: dict[str, type[BaseModel]] = {
    "industries": IndustryCatalogue,
    "two_high": TwoHighCatalogue,
    "heavy_polluting": HeavyPollutingCatalogue,
    "source_kinds": SourceKindCatalogue,
    "fuels": FuelCatalogue,
}
NOT_RULES = {"policy", "parameters", "catalogues", "overlays", "zones"}


class _Loader:
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
                    allowed = [f for f in _fields_at(model, loc[:-1])]
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


def _fields_at(model: type[BaseModel], loc: tuple[str, ...]) -> list[str]:
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


def load_rulebook(root: Path | str, overlays: tuple[str, ...] = ()) -> Rulebook:
    """Load, validate and resolve the rulebook at ``root``; raise RulebookError if broken."""
    root = Path(root)
    if not root.is_dir():
        raise RulebookError.single("rules folder not found", file=str(root),
                                   expected="a folder with policy/, parameters/, catalogues/")
    ld = _Loader(root, overlays)

    registry = _load_clauses(ld, root)
    _load_basis(ld, root)

    catalogues: dict[str, Any] = {}
    lists: dict[str, ListCatalogue] = {}
    for name, model in CATALOGUES.items():
        catalogues[name], _ = _required(ld, root / "catalogues" / f"{name}.yaml", model)
    cat_dir = root / "catalogues"
    if cat_dir.is_dir():
        for path in sorted(cat_dir.glob("*.yaml")):
            if path.stem not in CATALOGUES:
                loaded, _ = ld.read(path, ListCatalogue)
                if loaded is not None:
                    lists[path.stem] = loaded

    for name, listed in lists.items():
        ld.confidence[f"catalogue.{name}"] = listed.reference.confidence
    fuel_groups = catalogues["fuels"].groups if catalogues["fuels"] else {}
    fields = fact_fields(fuel_groups)
    parameters = _load_parameters(ld, root, fields)
    for name, layered in parameters.items():
        confidences = [layered.base.reference.confidence,
                       *(param.reference.confidence for _, param, _ in layered.layers)]
        ld.confidence[name] = max(confidences, key=lambda c: _WEAKNESS[c])
        fields[name] = FieldSpec(NUMBER, unit=layered.unit,
                                 label_zh=layered.base.description.zh,
                                 label_en=layered.base.description.en)

    ld.fields = fields
    values = {name: tuple(cat.entries) for name, cat in lists.items()}
    predicates = _load_predicates(ld, root, fields, values)
    rules = _load_rules(ld, root, fields, predicates, registry, values)

    from screening.spatial.layers import load_layers  # shapely: only when the rules are read

    zones, zone_problems = load_layers(root / "zones")
    ld.problems.extend(zone_problems)
    ld.files.update(zones.files)
    if ld.problems:
        raise RulebookError(ld.problems)
    assert registry is not None
    digest = hashlib.sha256()
    for name in sorted(ld.files):
        digest.update(name.encode() + b"\0" + ld.files[name] + b"\0")
    return Rulebook(
        root=str(root), digest=digest.hexdigest(), documents=dict(registry.documents),
        clauses=dict(registry.clauses), parameters=parameters,
        catalogues=Catalogues(**catalogues, lists=lists), fields=fields, rules=rules,
        overlays=overlays, files=ld.files, zones=zones,
        basis_documents=dict(ld.documents),
        excerpts={key: excerpt for key, (excerpt, _) in ld.excerpts.items()},
        clause_strengths=dict(ld.clause_strengths), fidelity=list(ld.fidelity))


_WEAKNESS = {Confidence.READ: 0, Confidence.PARTIAL: 1, Confidence.UNVERIFIED: 2}


def _load_basis(ld: _Loader, root: Path) -> None:
    """Higher-level documents and the excerpts of them rules rest on (both optional files).

    Every excerpt must be found verbatim in its document's text file, and be no
    more certain than its document.
    """
    doc_path, exc_path = root / "policy" / "documents.yaml", root / "policy" / "basis.yaml"
    if doc_path.is_file():
        loaded, lines = ld.read(doc_path, DocumentList)
        for index, document in enumerate(loaded.root if loaded else []):
            if document.id in ld.documents:
                ld.problem(f"duplicate document id '{document.id}'", doc_path, lines,
                           (index, "id"), expected="each document id once")
                continue
            ld.documents[document.id] = document
    texts: dict[str, str] = {}
    for index, (key, document) in enumerate(ld.documents.items()):
        text_path = root / "policy" / document.text
        if not ld.inside(text_path) or not text_path.is_file():
            where = "lies outside the rules folder" if text_path.exists() else "not found"
            ld.problem(f"text of document '{key}' {where}: {document.text}", doc_path,
                       ld_lines(ld, doc_path), (index, "text"),
                       expected="a file under rules/policy/ with the excerpts as read")
            continue
        text = _read_text(ld, root, text_path)
        if text is not None:
            texts[key] = text
    if not exc_path.is_file():
        return
    loaded_excerpts, lines = ld.read(exc_path, BasisList)
    for index, excerpt in enumerate(loaded_excerpts.root if loaded_excerpts else []):
        if excerpt.id in ld.excerpts:
            ld.problem(f"duplicate excerpt id '{excerpt.id}'", exc_path, lines, (index, "id"),
                       expected="each excerpt id once")
            continue
        strength, issues = excerpt_issues(index, excerpt, ld.documents, texts)
        for issue in issues:
            suggestion = (did_you_mean(excerpt.document, ld.documents)
                          if issue.loc[-1] == "document" else None)
            ld.problem(issue.message, exc_path, lines, issue.loc, expected=issue.expected,
                       suggestion=suggestion)
        if strength is not None:
            ld.excerpts[excerpt.id] = (excerpt, strength)


def _read_text(ld: _Loader, root: Path, text_path: Path) -> str | None:
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


def ld_lines(ld: _Loader, path: Path) -> LineMap:
    """The line map of a file already read (read again; only used on errors)."""
    return read_document(path)[1]


def _load_clauses(ld: _Loader, root: Path) -> ClauseRegistry | None:
    """Documents and clauses from policy/clauses.yaml and any policy/clauses-*.yaml.

    Every quote must be found verbatim in its document's text.
    """
    main_path = root / "policy" / "clauses.yaml"
    registry, main_lines = _required(ld, main_path, ClauseRegistry)
    if registry is None:
        return None
    texts: dict[str, str] = {}
    for key, doc in registry.documents.items():
        text_path = root / "policy" / doc.text
        if not ld.inside(text_path):
            ld.problem(f"text of document '{key}' lies outside the rules folder: {doc.text}",
                       main_path, main_lines, ("documents", key, "text"),
                       expected="a file under rules/policy/, named relative to it")
            continue
        if not text_path.is_file():
            ld.problem(f"text of document '{key}' not found: {doc.text}", main_path, main_lines,
                       ("documents", key, "text"))
            continue
        text = _read_text(ld, root, text_path)
        if text is not None:
            texts[key] = text
    clauses = dict(registry.clauses)
    sections: dict[str, dict[str, Section]] = {}
    sources = [(main_path, main_lines, registry.clauses)]
    for path in sorted((root / "policy").glob("clauses-*.yaml")):
        extra, lines = ld.read(path, ClauseFile)
        if extra is None:
            continue
        for key in extra.clauses:
            if key in clauses:
                ld.problem(f"duplicate clause id '{key}'", path, lines, ("clauses", key),
                           expected="each clause id once across policy/clauses*.yaml")
        clauses.update(extra.clauses)
        sources.append((path, lines, extra.clauses))
    for path, lines, entries in sources:
        for key, clause in entries.items():
            strength, problem = resolved(clause.quote, clause.strength, clause.strength_reason)
            ld.clause_strengths[key] = strength
            if problem:
                ld.problem(f"clause '{key}': {problem}", path, lines, ("clauses", key, "strength"),
                           expected="a strength no stronger than the wording, or a "
                                    "strength_reason")
            if clause.document not in registry.documents:
                ld.problem(f"clause '{key}' names unknown document '{clause.document}'", path,
                           lines, ("clauses", key, "document"),
                           suggestion=did_you_mean(clause.document, registry.documents))
            elif clause.document in texts and clause.quote not in texts[clause.document]:
                ld.problem(f"quote of clause '{key}' is not found verbatim in "
                           f"{registry.documents[clause.document].text}",
                           path, lines, ("clauses", key, "quote"),
                           expected="the exact characters of the policy text "
                                    "(quotes “”, full-width punctuation, spaces)")
            elif clause.document in texts:
                _check_section(ld, path, lines, key, clause, texts[clause.document],
                               registry.documents[clause.document].text, sections)
    return ClauseRegistry.model_construct(description=registry.description,
                                          documents=registry.documents, clauses=clauses)


def _check_section(ld: _Loader, path: Path, lines: LineMap, key: str, clause: Clause,
                   text: str, text_name: str, cache: dict[str, dict[str, Section]]) -> None:
    """The clause's section exists in its document, and the quote lies inside it."""
    found = cache.get(clause.document)
    if found is None:
        found = cache[clause.document] = parse_sections(text)
    if not found:  # a text without numbered sections: nothing to check the path against
        return
    section = found.get(clause.section)
    if section is None:
        ld.problem(f"clause '{key}' cites section '{clause.section}', which {text_name} "
                   "does not have", path, lines, ("clauses", key, "section"),
                   field=f"clauses.{key}.section",
                   expected="a section path of the text such as 二(一)3 or 六",
                   suggestion=did_you_mean(clause.section, found))
        return
    at = text.find(clause.quote)
    while at >= 0:
        if section.start <= at and at + len(clause.quote) <= section.end:
            return
        at = text.find(clause.quote, at + 1)
    where = section_of(found, text, clause.quote)
    ld.problem(f"the quote of clause '{key}' is not in section {clause.section} of "
               f"{text_name}" + (f" but in {where}" if where else ""), path, lines,
               ("clauses", key, "section"), field=f"clauses.{key}.section",
               expected="the section the quoted sentence stands in",
               suggestion=where)


def _required(ld: _Loader, path: Path, model: type[M]) -> tuple[M | None, LineMap]:
    if not path.is_file():
        ld.problems.append(Problem("required file is missing", file=ld.rel(path)))
        return None, LineMap()
    return ld.read(path, model)


def _load_parameters(ld: _Loader, root: Path,
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


def _check_range(ld: _Loader, path: Path, lines: LineMap, key: str, param: Parameter,
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


def _load_predicates(ld: _Loader, root: Path, fields: dict[str, FieldSpec],
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


def _rule_files(root: Path) -> list[Path]:
    out = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if rel.parts[0] in NOT_RULES or rel.name == "predicates.yaml" \
                or rel.name.startswith("predicates-"):
            continue
        out.append(path)
    return out


def _substitute(text: str, variables: dict[str, str]) -> str:
    for name, value in variables.items():
        text = text.replace("${" + name + "}", value)
    return text


def _load_rules(ld: _Loader, root: Path, fields: dict[str, FieldSpec],
                predicates: dict[str, Cond], registry: ClauseRegistry | None,
                lists: dict[str, tuple[str, ...]]) -> list[CompiledRule]:
    rules: list[CompiledRule] = []
    seen: dict[str, str] = {}
    for path in _rule_files(root):
        loaded, lines = ld.read(path, RuleFile)
        if loaded is None:
            continue
        for index, rule in enumerate(loaded.rules):
            for variables in rule.for_each or [{}]:
                compiled = _compile_rule(ld, path, lines, index, rule, variables, fields,
                                         predicates, registry, lists)
                if compiled is None:
                    continue
                where = f"{ld.rel(path)}:{compiled.line}"
                if compiled.id in seen:
                    ld.problem(f"duplicate rule id '{compiled.id}' (first at {seen[compiled.id]})",
                               path, lines, ("rules", index, "id"),
                               expected="each rule id once in the whole rulebook")
                    continue
                seen[compiled.id] = where
                rules.append(compiled)
    return rules


def _compile_rule(ld: _Loader, path: Path, lines: LineMap, index: int, rule: Rule,
                  variables: dict[str, str], fields: dict[str, FieldSpec],
                  predicates: dict[str, Cond], registry: ClauseRegistry | None,
                  lists: dict[str, tuple[str, ...]]) -> CompiledRule | None:
    loc = ("rules", index)
    rule_id = _substitute(rule.id, variables)
    ok = True
    if "${" in rule_id:
        ld.problem(f"rule id '{rule_id}' has an unexpanded ${{...}} variable", path, lines,
                   (*loc, "id"), expected="a for_each entry defining it")
        ok = False
    clause = registry.clauses.get(rule.clause) if registry else None
    if registry is not None and clause is None:
        ld.problem(f"unknown clause '{rule.clause}'", path, lines, (*loc, "clause"),
                   expected="a key of rules/policy/clauses.yaml",
                   suggestion=did_you_mean(rule.clause, registry.clauses))
        ok = False
    when = _substitute(rule.when, variables)
    condition: Cond | None = None
    try:
        condition = Parser(fields, predicates, lists).parse(when)
    except ConditionError as exc:
        ld.problems.append(exc.problem(file=ld.rel(path), line=lines.line_of((*loc, "when")),
                                       field=f"{rule_id}.when"))
        ok = False
    zh, en = _substitute(rule.message.zh, variables), _substitute(rule.message.en, variables)
    for lang, template in (("zh", zh), ("en", en)):
        for problem in _check_template(template, fields):
            ld.problem(problem[0], path, lines, (*loc, "message", lang),
                       field=f"{rule_id}.message.{lang}", suggestion=problem[1],
                       expected="{fact.field} or {param.file.name}, optionally {x:.2f}")
            ok = False
    basis: list[BasisCitation] = []
    for position, excerpt_id in enumerate(rule.basis):
        found = ld.excerpts.get(excerpt_id)
        if found is None:
            ld.problem(f"rule '{rule_id}' names unknown basis excerpt '{excerpt_id}'", path,
                       lines, (*loc, "basis", position), field=f"{rule_id}.basis",
                       expected="an id of rules/policy/basis.yaml",
                       suggestion=did_you_mean(excerpt_id, ld.excerpts))
            ok = False
            continue
        excerpt, strength = found
        basis.append(BasisCitation(excerpt_id, ld.documents[excerpt.document], excerpt,
                                   strength))
    if not ok or condition is None or clause is None or registry is None:
        return None
    _fidelity(ld, path, lines, loc, rule_id, rule, when, condition, basis)
    document = registry.documents[clause.document]
    start = (rule.in_force.from_ if rule.in_force and rule.in_force.from_ else document.effective)
    end = rule.in_force.to if rule.in_force else None
    own_end, window_end = end, None
    ends = [citation.document.in_force_to for citation in basis]
    if not basis or all(e is not None and e <= document.period_to for e in ends):
        # plan-only (or resting only on documents that end with the plan): in force
        # only inside the plan's window
        window_end = document.period_to
        end = window_end if end is None else min(end, window_end)
    elif all(e is not None for e in ends):  # in force while one of its documents is
        last = max(e for e in ends if e is not None)
        end = last if end is None else min(end, last)
    always = frozenset(name for name, spec in fields.items() if spec.always)
    matches = rule_matches(condition, start, end, always)
    if matches is None:
        ld.problem(f"condition of '{rule_id}' is too large for durable_rules", path, lines,
                   (*loc, "when"), expected=f"at most {EXPRESSION_LIMIT} and/or/field-to-field "
                   "entries: split it into two rules or a predicate with fewer alternatives")
        return None
    title = type(rule.title)(zh=_substitute(rule.title.zh, variables),
                             en=_substitute(rule.title.en, variables))
    return CompiledRule(
        id=rule_id, title=title, clause_id=rule.clause, clause=clause, document=document,
        effect=rule.effect, when=when, condition=condition,
        message=type(rule.message)(zh=zh, en=en), in_force_from=start, in_force_to=end,
        file=ld.rel(path), line=lines.line_of(loc), fields=tuple(fields_of(condition)),
        matches=tuple(matches), rationale=rule.rationale, tags=tuple(rule.tags),
        basis=tuple(basis), clause_strength=ld.clause_strengths.get(rule.clause),
        window_end=window_end, own_end=own_end)


def _fidelity(ld: _Loader, path: Path, lines: LineMap, loc: tuple[Any, ...], rule_id: str,
              rule: Rule, when: str, condition: Cond, basis: list[BasisCitation]) -> None:
    """Effect no stronger than the texts cited; a reject only on texts and numbers read.

    What is wrong goes to ``ld.fidelity``: `rules check` fails on it; the rulebook
    still loads, so a policy editor sees every such problem at once.
    """
    found: list[Problem] = []
    clause_strength = ld.clause_strengths.get(rule.clause)
    if clause_strength is not None:
        why = stronger_than_texts(rule.effect, clause_strength,
                                  [(b.id, b.strength) for b in basis])
        if why:
            found.append(Problem(why, file=ld.rel(path), line=lines.line_of((*loc, "effect")),
                                 field=f"{rule_id}.effect",
                                 expected="an effect no stronger than the wording of its "
                                          "clause, or `basis:` naming an excerpt whose "
                                          "wording supports it"))
    support: list[tuple[str, Confidence]] = []
    for citation in basis:
        support.append((f"basis {citation.id}", citation.excerpt.confidence))
        support.append((f"document {citation.document.number}",
                        citation.document.confidence))
    support += [(name, ld.confidence[name]) for name in fields_of(condition)
                if name in ld.confidence]
    # lists the rule's own condition names, and lists derived facts it reads come from;
    # predicates are shared scope tests (who is asked), not what a reject rests on
    lists = catalogues_of(when, {})
    for name in fields_of(condition):
        spec = ld.fields.get(name)
        if spec is not None and spec.catalogue and spec.catalogue not in lists:
            lists.append(spec.catalogue)
    support += [(f"catalogue.{name}", ld.confidence[f"catalogue.{name}"]) for name in lists
                if f"catalogue.{name}" in ld.confidence]
    why = unread_support(rule.effect, support)
    if why:
        found.append(Problem(why, file=ld.rel(path), line=lines.line_of((*loc, "effect")),
                             field=f"{rule_id}.effect",
                             expected="effect: refer, with a message saying which number or "
                                      "list is not yet confirmed (or the source read and its "
                                      "confidence set to read)"))
    ld.fidelity.extend(found)


def engine_problems(rules: list[CompiledRule]) -> list[Problem]:
    """Rules durable_rules could not register or run (measured limits, engine/limits.py).

    ``rules check`` runs this; the engine runs the same check before it registers a
    rulebook, so a rulebook that would hang or crash durable_rules never reaches it.
    """
    by_id = {rule.id: rule for rule in rules}
    problems = []
    for rule_id, why in rulebook_problems(rules):
        rule = by_id.get(rule_id or "")
        problems.append(Problem(
            f"rule '{rule_id}' cannot run in durable_rules: {why}" if rule_id else why,
            file=rule.file if rule else None, line=rule.line if rule else None,
            field=f"{rule_id}.when" if rule_id else None,
            expected="shorter `in [...]` lists (a catalogue division instead of its codes), "
                     "or conditions that share less: split the rule, or start it with a "
                     "test that tells its projects apart"))
    return problems


def _check_template(template: str, fields: dict[str, FieldSpec]) -> list[tuple[str, str | None]]:
    problems: list[tuple[str, str | None]] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return [(f"message template is malformed: {exc}", None)]
    for _, name, _, _ in parsed:
        if name is None or name == "":
            if name == "":
                problems.append(("empty {} in message", None))
            continue
        if name not in fields:
            problems.append((f"message names unknown fact or parameter '{name}'",
                             did_you_mean(name, fields)))
    return problems



def load_rulebook_cached(root: Path | str, overlays: tuple[str, ...] = ()) -> Rulebook:
    """``load_rulebook``, taken from the user's cache when every file under ``root`` is
    byte for byte what a rulebook stored there was loaded from (screening/rulebook/cache.py).
    """
    from screening.rulebook.cache import cached
    from screening.spatial.deferred import portable

    return cached(Path(root), overlays, load_rulebook, portable)
