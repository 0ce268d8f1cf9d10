"""What the audit holds the log's side tables to, given their rows (no database code).

Shared by audit.py (any database, through SQLAlchemy) and fileaudit.py (an SQLite
file read directly): the stored rule files against their hashes, the files stored
under each rulebook against the rulebook's hash, each decision's rulebook stored;
and each decision's rulebook read from its body while the chain is verified.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from screening.store.hashing import Verdict


@dataclass
class Audit:
    chain: Verdict
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.problems


class DecisionRulebooks:
    """Each decision's rulebook, read from its body while ``verify_chain`` has the bytes.

    A body whose only ``"rulebook"`` is a key followed by a string of 71 characters is
    filed under that string, unless it holds a ``\\u`` escape (a key can be spelled
    only literally then). Such a decision needs no further look when the string is a
    stored rulebook's hash: whatever object the key sits in, the decision's own
    rulebook is either that one or absent (and an absent rulebook is not checked).
    Every other decision is read the exact way (``_decision_rulebooks``).
    """

    KEY = b'"rulebook"'

    def __init__(self) -> None:
        self.filed: dict[bytes, list[int]] = {}
        self.unread: list[int] = []

    def __call__(self, seq: int, data: bytes) -> None:
        at = data.find(self.KEY)
        if at >= 0 and data.find(self.KEY, at + 1) < 0 and data[at + 10:at + 12] == b':"' \
                and data[at + 83:at + 84] == b'"' \
                and (data.find(b"\\") < 0 or data.find(b"\\u") < 0):
            self.filed.setdefault(data[at + 12:at + 83], []).append(seq)
        else:
            self.unread.append(seq)

    def merge(self, other: DecisionRulebooks) -> None:
        """Take in what another copy read (the later records, in a second process)."""
        for value, seqs in other.filed.items():
            self.filed.setdefault(value, []).extend(seqs)
        self.unread.extend(other.unread)

    def to_read(self, stored: set[str]) -> list[int]:
        """The decisions whose rulebook is still to be read exactly, in order."""
        later = list(self.unread)
        for value, seqs in self.filed.items():
            if value.decode("utf-8", "replace") not in stored:
                later.extend(seqs)
        return sorted(later)


def blob_problems(rows: Iterable[Any]) -> list[str]:
    """Every stored rule file (sha256, content) against its hash."""
    return [f"stored rule file {sha[:12]} does not match its hash" for sha, content in rows
            if hashlib.sha256(bytes(content)).hexdigest() != sha]


def stored_rulebooks(rows: Iterable[Any]) -> dict[str, list[tuple[str, bytes]]]:
    """The files stored under each rulebook, from rows (rulebook, path, content or None)."""
    files: dict[str, list[tuple[str, bytes]]] = {}
    for rulebook, path, content in rows:
        files.setdefault(rulebook, []).append((path, b"" if content is None else bytes(content)))
    return files


def rulebook_problems(files: dict[str, list[tuple[str, bytes]]],
                      decided: Iterable[tuple[int, Any]]) -> list[str]:
    """Each stored rulebook's files add up to its hash; each decision's rulebook (the
    (record, rulebook) pairs ``decided``) is stored."""
    problems = []
    for rulebook, entries in sorted(files.items()):
        digest = hashlib.sha256()
        for path, content in sorted(entries):
            digest.update(path.encode() + b"\0" + content + b"\0")
        if f"sha256:{digest.hexdigest()}" != rulebook:
            problems.append(f"the rule files stored for rulebook {rulebook[:19]}… do not add "
                            "up to its hash: a file was changed, added, removed or re-pointed")
    for seq, rulebook in decided:
        if rulebook is not None and rulebook not in files:
            problems.append(f"record {seq}: the rule files of its rulebook "
                            f"{str(rulebook)[:19]}… are not stored")
    return problems
