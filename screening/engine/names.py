"""The short names the proposal's facts are asserted under (f0, f1, ...), chosen so that
durable_rules finds them quickly, and the names of the values some rules test by equality.

durable_rules keeps the next tests of a node in a table of 512 slots, but starts
looking for a property at slot ``hash & 31`` of the property's name and walks on
until an empty slot (events.c, ``handleAlpha``). Every property of the fact is
looked up so at every node the fact reaches, and each test of that property met on
the way is evaluated. A field tested against a list of values (an industry code
``in`` a catalogue) puts one test per value in the same node, side by side from its
slot on: every other property whose slot falls inside that run walks through all of
it, at almost every screening. Such listed fields (when their lists are not tested
by value, below: numbers, say) get names whose slot is the last one (31), where their
run starts after every other property's slot; all other fields get names of the
other 31 slots.

durable_rules files a node's next tests by property name only, so a fact reaching
the node of ``industry.code in [...]`` used to evaluate one equality test per code.
A text field some rule tests against two values or more at once (a *valued* field)
is therefore also asserted as one property named for the value it has (``"v0HL":
true``, say, when its value is C3011), and each equality test of it against a text
becomes a test of that property (plans.py); at such a node the fact's value property
meets only the names in the node's run, not one test per value. Inequality, absence
and a text no rule names still test the field itself, which is asserted as before.
Value names are all of slot 31 (a run of value tests at another slot would be walked
by every property whose slot precedes it: 698 k instructions a file in the engine
against 596 k), and the valued field's own name is then one of the other slots, as
its lists are tested by value (596 k against 605 k). They are made, not searched
for: the low five bits of durable_rules' hash depend only on the low five bits of
each byte, so a name of ``v``, two-letter blocks that each bring those bits back to
where ``v`` left them, and one last letter has slot 31 whatever its blocks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from screening.rulebook.conditions import And, Compare, Cond, Const, In, Not, Or

#: a field tested against this many values in one ``in`` gets a name of the last slot
LISTED = 5
#: a text field tested against this many values in one ``in`` is also asserted by value
VALUED = 2
_LAST_SLOT = 31
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_VALUE_PREFIX = "v"
#: FNV-1a's offset basis and prime (32 bits), as durable_rules' fnv1Hash32 uses them
_FNV_OFFSET, _FNV_PRIME = 0x811C9DC5, 16777619
#: the prime's low five bits, and their inverse modulo 32 (19 * 27 = 513 = 1 + 16 * 32):
#: a name's slot one byte on is ``((slot ^ byte) * 19) & 31``, and back ``* 27``
_SLOT_PRIME, _SLOT_INVERSE = _FNV_PRIME & 31, 27


def durable_hash(name: str) -> int:
    """durable_rules' hash of a property name (fnv1Hash32 in state.c: FNV-1a, 32 bits,
    over the bytes as signed chars)."""
    value = _FNV_OFFSET
    for byte in name.encode():
        value = ((value ^ (byte - 256 if byte > 127 else byte)) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def _slot_after(start: int, char: str) -> int:
    """The slot of a name one ``char`` longer than a name of slot ``start``: FNV-1a's low
    five bits depend only on the low five bits of each byte (16777619 & 31 is 19)."""
    return ((start ^ ord(char)) * _SLOT_PRIME) & 31


def field_uses(conditions: Iterable[Cond]
               ) -> tuple[set[str], dict[str, dict[str, None]]]:
    """(listed, valued) in one walk of the conditions: the fields some condition tests
    against at least ``LISTED`` values at once, and each valued field (a text tested
    against at least ``VALUED`` texts in one ``in``) with every text a condition tests
    it against by ``in``, ``==`` or ``!=`` (as keys, in the order first met).

    The parser holds every value of an ``in`` to its field's kind, so the first value
    tells a list of texts.
    """
    listed: set[str] = set()
    valued: set[str] = set()
    lists: dict[str, list[tuple[str, ...]]] = {}  # field → its ``in`` lists of texts
    compared: list[tuple[str, str]] = []  # (field, text) of every comparison with a text
    stack = list(conditions)
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        kind = node.__class__
        if kind is And or kind is Or:
            extend(node.children)
        elif kind is Compare:
            right = node.right
            if right.__class__ is Const and right.value.__class__ is str:
                compared.append((node.left.name, right.value))
        elif kind is In:
            values, name = node.values, node.field.name
            count = len(values)
            if count >= LISTED:
                listed.add(name)
            if count and values[0].__class__ is str:
                if count >= VALUED:
                    valued.add(name)
                lists.setdefault(name, []).append(values)
        elif kind is Not:
            push(node.child)
    # in the order of the walk, the same in every process (sets of text are not)
    texts = {name: dict.fromkeys(itertools.chain.from_iterable(own))
             for name, own in lists.items() if name in valued}
    for name, text in compared:
        if name in texts:
            texts[name][text] = None
    return listed, texts


def _name_levels(prefix: str) -> Iterator[list[tuple[str, int]]]:
    """(``prefix`` + the hex digits of 0, 1, 2, ..., its slot), in that order, a list per
    number of digits: each name's slot is worked out from that of the name one digit
    shorter."""
    start = _slot_after(_FNV_OFFSET & 31, prefix)
    digits = [(digit, ord(digit)) for digit in "0123456789abcdef"]
    level = [(prefix + digit, ((start ^ code) * _SLOT_PRIME) & 31) for digit, code in digits]
    yield level
    level = level[1:]  # no name of two digits or more starts with a 0
    while True:
        level = [(name + digit, ((slot ^ code) * _SLOT_PRIME) & 31)
                 for name, slot in level for digit, code in digits]
        yield level


def short_names(fields: list[str], listed: set[str]) -> dict[str, str]:
    """field → its short name (f0, f1, ... in turn): ``listed`` fields in the last slot,
    the others not."""
    wanted = len(listed.intersection(fields))
    last: list[str] = []
    other: list[str] = []
    for level in _name_levels("f"):
        last += [name for name, slot in level if slot == _LAST_SLOT]
        other += [name for name, slot in level if slot != _LAST_SLOT]
        if len(last) >= wanted and len(other) >= len(fields) - wanted:
            break
    lasts, others = iter(last), iter(other)
    return {name: next(lasts) if name in listed else next(others) for name in fields}


def _value_parts() -> tuple[list[str], str]:
    """(the two-letter blocks that leave the slot of ``v`` as it was, the last letter that
    takes it to slot 31)."""
    start = _slot_after(_FNV_OFFSET & 31, _VALUE_PREFIX)
    back = (start * _SLOT_INVERSE) & 31  # the slot before the last step
    by_slot: dict[int, list[str]] = {}
    for char in _ALNUM:
        by_slot.setdefault(ord(char) & 31, []).append(char)
    blocks = [first + second for first in _ALNUM
              for second in by_slot.get(_slot_after(start, first) ^ back, ())]
    return blocks, by_slot[start ^ ((_LAST_SLOT * _SLOT_INVERSE) & 31)][0]


def value_name_list(count: int) -> list[str]:
    """The first ``count`` value names, all of slot 31: ``v``, one block and the last
    letter for the first 117, then two blocks (and so on)."""
    blocks, last = _value_parts()
    out: list[str] = []
    for length in itertools.count(1):
        names = itertools.product((_VALUE_PREFIX,), *[blocks] * length, (last,))
        out += map("".join, itertools.islice(names, count - len(out)))
        if len(out) >= count:
            return out
    raise AssertionError("unreachable")


def value_names(valued: dict[str, dict[str, None]]) -> dict[str, dict[str, str]]:
    """valued field → {text → the name of the property asserted when it has that text},
    every name distinct, given out in the order of ``valued`` (the same in every process:
    the rulesets kept in the cache, plans.py, hold these names)."""
    names = iter(value_name_list(sum(map(len, valued.values()))))
    return {field: dict(zip(texts, names, strict=False)) for field, texts in valued.items()}
