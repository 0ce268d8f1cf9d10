"""The short names the proposal's facts are asserted under (f0, f1, ...), chosen so that
durable_rules finds them quickly.

durable_rules keeps the next tests of a node in a table of 512 slots, but starts
looking for a property at slot ``hash & 31`` of the property's name and walks on
until an empty slot (events.c, ``handleAlpha``). Every property of the fact is
looked up so at every node the fact reaches. A field tested against a list of
values (an industry code ``in`` a catalogue) puts one test per value in the same
node, side by side from its slot on: every other property whose slot falls inside
that run walks through all of it, at almost every screening. Such listed fields get
names whose slot is the last one (31), where their run starts after every other
property's slot; all other fields get names of the other 31 slots.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from screening.rulebook.conditions import And, Cond, In, Not, Or

#: a field tested against this many values in one ``in`` gets a name of the last slot
LISTED = 5
_LAST_SLOT = 31


def durable_hash(name: str) -> int:
    """durable_rules' hash of a property name (fnv1Hash32 in state.c: FNV-1a, 32 bits,
    over the bytes as signed chars)."""
    value = 0x811C9DC5
    for byte in name.encode():
        value = ((value ^ (byte - 256 if byte > 127 else byte)) * 16777619) & 0xFFFFFFFF
    return value


def listed_fields(conditions: Iterable[Cond]) -> set[str]:
    """The fields some condition tests against at least ``LISTED`` values at once."""
    out: set[str] = set()
    stack = list(conditions)
    while stack:
        node = stack.pop()
        if isinstance(node, In):
            if len(node.values) >= LISTED:
                out.add(node.field.name)
        elif isinstance(node, And | Or):
            stack.extend(node.children)
        elif isinstance(node, Not):
            stack.append(node.child)
    return out


def short_names(fields: list[str], listed: set[str]) -> dict[str, str]:
    """field → its short name: ``listed`` fields in the last slot, the others not."""

    def candidates(last: bool) -> Iterator[str]:
        index = 0
        while True:
            name = f"f{index:x}"
            if (durable_hash(name) & 31 == _LAST_SLOT) == last:
                yield name
            index += 1

    last, other = candidates(True), candidates(False)
    return {name: next(last) if name in listed else next(other) for name in fields}
