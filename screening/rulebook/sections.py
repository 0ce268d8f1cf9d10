"""The plan's own structure: its sections 一…六, (一)…, numbered items, and which are
admission clauses.

The inventory is read from the plan's text (the same file clause quotes are
checked against), so every numbered item of the plan is counted. Items that
bind no project (guiding ideas, district targets, organisation, subsidies) are
marked in ``rules/policy/not-admission.yaml`` with a reason; every other item is
an admission clause that needs at least one rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from screening.errors import Problem, RulebookError, did_you_mean
from screening.facts.yamlio import read_document
from screening.rulebook.book import Rulebook
from screening.rulebook.models import Text
from screening.rulebook.sentences import Sentence, SentenceMark, resolve_marks, split_sentences

NOT_ADMISSION = Path("policy") / "not-admission.yaml"
_TOP = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
_SUB = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$")
_ITEM = re.compile(r"^(\d+)、\s*(.*)$")


@dataclass
class Section:
    """A section of the plan: path as cited (二(一)3), heading, and where its text lies."""

    path: str
    heading: str
    start: int
    end: int = -1
    children: list[str] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return not self.children


def _heading(text: str) -> str:
    first = re.split(r"[。；]", text, maxsplit=1)[0]
    return first[:40]


def parse_sections(text: str) -> dict[str, Section]:
    """Sections by path, in document order; the text before 一、 is not a section."""
    sections: dict[str, Section] = {}
    top = sub = None
    offset = 0
    open_paths: list[str] = []

    def open_section(path: str, heading: str, parent: str | None, depth: int) -> None:
        while len(open_paths) > depth:
            sections[open_paths.pop()].end = offset
        sections[path] = Section(path, _heading(heading), offset)
        if parent:
            sections[parent].children.append(path)
        open_paths.append(path)

    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if (m := _TOP.match(stripped)) is not None:
            top, sub = m.group(1), None
            open_section(top, m.group(2), None, 0)
        elif top is not None and (m := _SUB.match(stripped)) is not None:
            sub = f"{top}({m.group(1)})"
            open_section(sub, m.group(2), top, 1)
        elif top is not None and (m := _ITEM.match(stripped)) is not None:
            parent = sub or top
            open_section(f"{parent}{m.group(1)}", m.group(2), parent, 2 if sub else 1)
        offset += len(line)
    while open_paths:
        sections[open_paths.pop()].end = offset
    return sections


def section_of(sections: dict[str, Section], text: str, quote: str) -> str | None:
    """The deepest section whose text contains ``quote``; None if it is not in the text."""
    at = text.find(quote)
    if at < 0:
        return None
    found = [s for s in sections.values() if s.start <= at and at + len(quote) <= s.end]
    return min(found, key=lambda s: s.end - s.start).path if found else None


class _SentenceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    section: str
    text: str = Field(min_length=2, description="a verbatim part of the sentence")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class _NotAdmissionFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    description: Text
    document: str
    sections: dict[str, Text]
    sentences: list[_SentenceEntry] = Field(default_factory=list)


@dataclass
class Inventory:
    """The plan's leaf sections, and the reason for each one that is not an admission clause."""

    document: str  # the plan's number
    text: str
    sections: dict[str, Section]
    not_admission: dict[str, Text]
    #: sentences of sections 二–五, and the ones marked not an admission clause
    sentences: list[Sentence] = field(default_factory=list)
    sentence_marks: dict[str, SentenceMark] = field(default_factory=dict)

    def leaves(self) -> list[Section]:
        return [s for s in self.sections.values() if s.is_leaf]

    def reason(self, path: str) -> Text | None:
        """Why a section is not an admission clause (marked itself or through a parent)."""
        for marked, why in self.not_admission.items():
            if path == marked or (path.startswith(marked) and path[len(marked)] in "(0123456789"):
                return why
        return None


def load_inventory(rulebook: Rulebook) -> Inventory:
    """The plan's sections and not-admission marks; RulebookError with file:line if wrong."""
    plan = rulebook.plan
    root = Path(rulebook.root)
    text = (root / "policy" / plan.text).read_text(encoding="utf-8")
    sections = parse_sections(text)
    path = root / NOT_ADMISSION
    marks: dict[str, Text] = {}
    sentences = split_sentences(text, sections)  # type: ignore[arg-type]
    if not path.is_file():
        return Inventory(plan.number, text, sections, marks, sentences)
    rel = str(path)
    data, lines, problems = read_document(path)
    for p in problems:
        p.file = rel
    if problems:
        raise RulebookError(problems)
    try:
        loaded = _NotAdmissionFile.model_validate(data)
    except ValidationError as exc:
        raise RulebookError([Problem(e["msg"], file=rel, line=lines.line_of(
            tuple(str(x) for x in e["loc"])), field=".".join(str(x) for x in e["loc"]))
            for e in exc.errors()]) from None
    key = next((k for k, d in rulebook.documents.items() if d.number == plan.number), None)
    errors = []
    if loaded.document != key:
        errors.append(Problem(f"document '{loaded.document}' is not the plan", file=rel,
                              line=lines.line_of(("document",)), field="document",
                              expected=f"'{key}' ({plan.number})"))
    for section in loaded.sections:
        if section not in sections:
            errors.append(Problem(f"no section '{section}' in {plan.text}", file=rel,
                                  line=lines.line_of(("sections", section)),
                                  field=f"sections.{section}",
                                  expected="a section path of the plan such as 二(一)3 or 六",
                                  suggestion=did_you_mean(section, sections)))
    entries = [SentenceMark(e.section, e.text, Text(zh=e.zh, en=e.en),
                            lines.line_of(("sentences", str(i), "text")))
               for i, e in enumerate(loaded.sentences)]
    for entry in entries:
        if entry.section not in sections:
            errors.append(Problem(f"no section '{entry.section}' in {plan.text}", file=rel,
                                  line=entry.line, field="sentences.section",
                                  suggestion=did_you_mean(entry.section, sections)))
    sentence_marks, problems = resolve_marks(
        sentences, [e for e in entries if e.section in sections], rel)
    errors += problems
    if errors:
        raise RulebookError(errors)
    return Inventory(plan.number, text, sections, dict(loaded.sections), sentences,
                     sentence_marks)
