"""The plan's binding sentences, sections 二 to 五, and which ones rules cite.

Coverage is counted per sentence, not per numbered item: an item such as 二(一)1
holds a dozen sentences, some binding a project, some setting district targets.
Sentences are split from the plan's text at 。！？; a sentence is *cited* when the
quote of a clause some rule cites overlaps it (a clause may quote part of a
sentence, or several sentences). Every other sentence needs a reason in
``rules/policy/not-admission.yaml``: its section is marked (``sections:``), or the
sentence itself (``sentences:`` — section and a verbatim part of the sentence that
picks it out). Headings (二、…, （一）…, the first sentence after 1、) bind nothing
and are counted apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from screening.errors import Problem
from screening.rulebook.models import Text

#: the plan's sections whose sentences are counted (一 is ideas and targets, 六 organisation)
COUNTED = ("二", "三", "四", "五")
_NUMERAL = "[一二三四五六七八九十]+"
_PREFIX = re.compile(rf"^\s*(?:{_NUMERAL}、|[（(]{_NUMERAL}[）)]|\d+、)\s*")
_SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the plan: the section it lies in, its place and its text."""

    section: str
    index: int  # 1-based within its section
    text: str
    start: int
    end: int
    heading: bool = False

    @property
    def key(self) -> str:
        return f"{self.section}#{self.index}"


@dataclass(frozen=True)
class SentenceMark:
    """A sentence marked not an admission clause: where, the part that picks it, why."""

    section: str
    text: str
    reason: Text
    line: int | None = None


def split_sentences(text: str, sections: dict[str, object]) -> list[Sentence]:
    """Every sentence of sections 二–五, each in the deepest section whose own text holds it."""
    owned: list[tuple[int, int, str, bool]] = []
    for path, section in sections.items():
        if not path.startswith(COUNTED):
            continue
        start, end = section.start, section.end  # type: ignore[attr-defined]
        children = section.children  # type: ignore[attr-defined]
        if children:
            end = sections[children[0]].start  # type: ignore[attr-defined]
        owned.append((start, end, path, not children))
    out: list[Sentence] = []
    for start, end, path, leaf in sorted(owned):
        found = _split(text, start, end, path)
        if leaf and len(found) == 1 and found[0].heading:  # an item of one sentence: content
            found = [Sentence(path, 1, found[0].text, found[0].start, found[0].end)]
        out += found
    return out


def _split(text: str, start: int, end: int, path: str) -> list[Sentence]:
    """The sentences of ``text[start:end]``; the first after a section number is a heading."""
    out: list[Sentence] = []
    index, offset = 0, start
    for line in text[start:end].splitlines(keepends=True):
        prefix = _PREFIX.match(line)
        first = prefix is not None
        for match in _SENTENCE.finditer(line, prefix.end() if prefix else 0):
            raw = match.group(0)
            sentence = raw.strip()
            if not sentence or not re.search(r"[\u4e00-\u9fff]", sentence):
                continue
            index += 1
            at = offset + match.start() + (len(raw) - len(raw.lstrip()))
            out.append(Sentence(path, index, sentence, at, at + len(sentence), first))
            first = False
        offset += len(line)
    return out


def cited_by(sentences: list[Sentence], text: str,
             quotes: dict[str, str]) -> dict[str, list[str]]:
    """Sentence key → the rules whose clause quote overlaps it (quote found in ``text``)."""
    spans = []
    for rule, quote in quotes.items():
        at = text.find(quote)
        if at >= 0:
            spans.append((at, at + len(quote), rule))
    out: dict[str, list[str]] = {}
    for sentence in sentences:
        rules = [rule for a, b, rule in spans if a < sentence.end and sentence.start < b]
        if rules:
            out[sentence.key] = rules
    return out


def resolve_marks(sentences: list[Sentence], marks: list[SentenceMark],
                  file: str) -> tuple[dict[str, SentenceMark], list[Problem]]:
    """Sentence key → its mark; a mark that picks no sentence, or several, is a problem."""
    by_section: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_section.setdefault(sentence.section, []).append(sentence)
    found: dict[str, SentenceMark] = {}
    problems: list[Problem] = []
    for position, mark in enumerate(marks):
        field = f"sentences.{position}.text"
        matching = [s for s in by_section.get(mark.section, []) if mark.text in s.text]
        if len(matching) != 1:
            what = "no sentence" if not matching else f"{len(matching)} sentences"
            problems.append(Problem(
                f"'{mark.text}' picks {what} of {mark.section}", file=file, line=mark.line,
                field=field, expected="a verbatim part of exactly one sentence of that "
                                      "section (sections 二–五)"))
            continue
        found[matching[0].key] = mark
    return found, problems
