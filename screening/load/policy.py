"""The texts behind the rules: the plan's clause registry (each quote found verbatim in
its section) and the higher-level basis documents and their excerpts."""

from __future__ import annotations

from pathlib import Path

from pydantic import RootModel

from screening.errors import did_you_mean
from screening.facts.yamlio import LineMap
from screening.load.loader import Loader, ld_lines, read_text, required
from screening.rulebook.basis import (
    excerpt_issues,
)
from screening.rulebook.models import (
    BasisDocument,
    BasisExcerpt,
    Clause,
    ClauseFile,
    ClauseRegistry,
)
from screening.rulebook.sections import Section, parse_sections, section_of
from screening.rulebook.strength import resolved


# The two list files' models live here, not in rulebook/models.py: a parametrised
# RootModel is built as it is defined, and this module is only imported when the
# rulebook is read from its files (not when it comes from the cache).
class DocumentList(RootModel[list[BasisDocument]]):
    """rules/policy/documents.yaml: a list of higher-level documents."""


class BasisList(RootModel[list[BasisExcerpt]]):
    """rules/policy/basis.yaml: a list of excerpts."""


def load_basis(ld: Loader, root: Path) -> None:
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
        text = read_text(ld, root, text_path)
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


def load_clauses(ld: Loader, root: Path) -> ClauseRegistry | None:
    """Documents and clauses from policy/clauses.yaml and any policy/clauses-*.yaml.

    Every quote must be found verbatim in its document's text.
    """
    main_path = root / "policy" / "clauses.yaml"
    registry, main_lines = required(ld, main_path, ClauseRegistry)
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
        text = read_text(ld, root, text_path)
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


def _check_section(ld: Loader, path: Path, lines: LineMap, key: str, clause: Clause,
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
