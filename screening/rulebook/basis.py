"""Higher-level documents and the excerpts rules rest on, and the checks that keep a
rule's effect as strong as its texts and a reject on texts and numbers that were read.

`rules/policy/documents.yaml` lists the documents (number, issuer, dates in force,
where read, confidence); `rules/policy/basis.yaml` the excerpts, each quoted
verbatim from the document's text file under `rules/policy/`. A rule names the
excerpts its force rests on in `basis:`; a rule without one exists only because of
the plan and is in force only inside the plan's window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from screening.rulebook.models import BasisDocument, BasisExcerpt, Confidence, Effect
from screening.rulebook.strength import RANK, resolved, stronger

_ORDER = {Confidence.READ: 0, Confidence.PARTIAL: 1, Confidence.UNVERIFIED: 2}
_CATALOGUE = re.compile(r"\bcatalogue\.([A-Za-z0-9_]+)")
_PREDICATE = re.compile(r"\bpred\.([A-Za-z0-9_]+)")


@dataclass(frozen=True)
class Issue:
    """A problem found in the registry: message, where (path inside the file), hint."""

    message: str
    loc: tuple[str, ...]
    expected: str | None = None


def excerpt_issues(index: int, excerpt: BasisExcerpt, documents: dict[str, BasisDocument],
                   texts: dict[str, str]) -> tuple[Effect | None, list[Issue]]:
    """An excerpt's strength, and what is wrong with it (unknown document, quote not in
    its text, confidence above the document's, an unexplained stronger strength)."""
    loc = (str(index),)
    document = documents.get(excerpt.document)
    if document is None:
        return None, [Issue(f"excerpt '{excerpt.id}' names unknown document "
                            f"'{excerpt.document}'", (*loc, "document"),
                            "an id of rules/policy/documents.yaml")]
    issues: list[Issue] = []
    text = texts.get(excerpt.document)
    if text is not None and excerpt.quote not in text:
        issues.append(Issue(f"quote of excerpt '{excerpt.id}' is not found verbatim in "
                            f"{document.text}", (*loc, "quote"),
                            "the exact characters of the document's text as read"))
    if _ORDER[excerpt.confidence] < _ORDER[document.confidence]:
        issues.append(Issue(f"excerpt '{excerpt.id}' is '{excerpt.confidence}' but its "
                            f"document {document.number} is only '{document.confidence}'",
                            (*loc, "confidence"),
                            f"at most '{document.confidence}' (the document's confidence)"))
    strength, problem = resolved(excerpt.quote, excerpt.strength, excerpt.strength_reason)
    if problem:
        issues.append(Issue(f"excerpt '{excerpt.id}': {problem}", (*loc, "strength"),
                            "a strength no stronger than the wording, or a strength_reason"))
    return strength, issues


def catalogues_of(when: str, predicates: dict[str, str]) -> list[str]:
    """Catalogue lists a condition names, directly or through its predicates."""
    found: list[str] = []
    seen: set[str] = set()

    def walk(text: str) -> None:
        for name in _CATALOGUE.findall(text):
            if name not in found:
                found.append(name)
        for name in _PREDICATE.findall(text):
            if name not in seen and name in predicates:
                seen.add(name)
                walk(predicates[name])

    walk(when)
    return found


def stronger_than_texts(effect: Effect, clause_strength: Effect,
                        basis: Iterable[tuple[str, Effect]]) -> str | None:
    """Why ``effect`` is stronger than every text the rule cites, or None if one supports it."""
    texts = [("clause", clause_strength), *basis]
    if any(not stronger(effect, strength) for _, strength in texts):
        return None
    shown = ", ".join(f"{name} {strength}" for name, strength in texts)
    return f"effect '{effect}' is stronger than every text it cites ({shown})"


def unread_support(effect: Effect, items: Iterable[tuple[str, Confidence]]) -> str | None:
    """Why a reject may not rest on these texts and numbers, or None."""
    if effect != Effect.REJECT:
        return None
    weak = [f"{name} ({confidence})" for name, confidence in items
            if confidence != Confidence.READ]
    if not weak:
        return None
    return "a reject rests on texts or numbers that were not read: " + ", ".join(weak)


def strength_rank(effect: Effect | str) -> int:
    return RANK[str(effect)]
