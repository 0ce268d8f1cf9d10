"""The proposal's facts as the JSON members durable_rules is given, types checked on the way.

durable_rules compares a string with a number as strings (``"9" > 10`` holds), so
every value must have the type its field's kind declares before it is asserted.
``member_writer`` compiles, once per rulebook, one straight-line statement per field
some rule reads: the usual value (a finite float or an int for a number, a bool, a
str) is written at once; anything else goes to ``checked_member``, which either
writes it (an int subclass such as an IntEnum, say) or raises EngineError naming the
field. Unread fields are not asserted at all: durable_rules' cost grows with the
size of the fact. A loop over the fields did the same at twice the cost
(bench/throughput.py); ``checked_member`` is that loop's body, and a test holds the
two to the same output.

Text goes in with every character past ASCII escaped (``"\\u65b0\\u5efa"`` for 新建),
in the facts and in the rulesets (``dumps``) alike. durable_rules compares text as
written, without decoding escapes, so equal texts are equal bytes on both sides; the
rule language only tests texts for (in)equality, never orders them. An ASCII fact is
encoded for the C engine, and each match read back, on Python's fast path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from screening.cachefiles import compiled
from screening.errors import EngineError
from screening.rulebook.conditions import BOOL, NUMBER

MemberWriter = Callable[[Mapping[str, Any]], list[str]]
_encode = json.JSONEncoder().encode
#: integers beyond this are written as floats: durable_rules holds numbers as 64-bit
#: integers or doubles, and a double compares a huge integer as both engines' floats do
_EXACT = 2 ** 53


def float_text(value: float) -> str:
    """A finite float as durable_rules' parser reads it.

    Python writes 0.00001 as ``1e-05`` and 1e16 as ``1e+16``; durable_rules refuses a
    number with an exponent but no decimal point (error 204), so a ``.0`` goes in
    front of the exponent: ``1.0e-05``, the same double.
    """
    text = float.__repr__(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            text = f"{mantissa}.0e{exponent}"
    return text


def int_text(value: int) -> str:
    """An int as durable_rules reads it (past 2**53 as the float both engines compare)."""
    if -_EXACT <= value <= _EXACT:
        return int.__repr__(value)
    return float_text(float(value))


def dumps(value: Any) -> str:
    """JSON for durable_rules (a ruleset, say): numbers as ``float_text``, text ASCII."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{encode_basestring_ascii(str(k))}:{dumps(v)}"
                              for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if value is True or value is False or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        return int_text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a number durable_rules can read")
        return float_text(value)
    return str(encode_basestring_ascii(str(value)))


def checked_member(name: str, key: str, kind: str, value: Any) -> str:
    """``"key":value`` for one fact, or EngineError if the value is not of ``kind``."""
    if kind == NUMBER:
        ok = isinstance(value, int | float) and not isinstance(value, bool) \
            and math.isfinite(value)
    elif kind == BOOL:
        ok = isinstance(value, bool)
    else:
        ok = isinstance(value, str)
    if not ok:
        raise EngineError.single(f"fact '{name}' has value {value!r}", field=name, expected=kind)
    if kind == NUMBER:
        return f'"{key}":' + (int_text(value) if isinstance(value, int) else float_text(value))
    return f'"{key}":' + _encode(value)


def member_writer(asserted: Mapping[str, tuple[str, str]]) -> MemberWriter:
    """A function: flat facts → the JSON members of the fields in ``asserted``.

    ``asserted`` maps each field name to (the short key it is asserted under, its kind).
    It is ``grouped_writer`` with one group holding every key.
    """
    write = grouped_writer(asserted, [frozenset(key for key, _ in asserted.values())])

    def members(facts: Mapping[str, Any]) -> list[str]:
        return write(facts)[0]

    return members


GroupWriter = Callable[[Mapping[str, Any]], list[list[str]]]


def grouped_writer(asserted: Mapping[str, tuple[str, str]],
                   groups: list[frozenset[str]],
                   values: Mapping[str, Mapping[str, str]] | None = None) -> GroupWriter:
    """``member_writer`` for several rulesets at once: the members of each group's keys.

    Each value is written once and added to the list of every group whose key set
    holds its short key; a field no group reads is still type-checked, not written.
    A valued field (``values``: field → {text → value name}, names.py) with one of
    those texts also gets ``"<value name>":true``, in the groups that test that name.
    """
    lines = ["def write(facts):", f"    out = [[] for _ in range({len(groups)})]",
             "    get = facts.get"]
    lines += [f"    add{index} = out[{index}].append" for index in range(len(groups))]
    valued = values or {}
    by_value: list[dict[str, tuple[str, tuple[int, ...]]]] = []
    for index, (name, (key, kind)) in enumerate(asserted.items()):
        member = f'"{key}":'
        adds = [f"add{g}(m)" for g, keys in enumerate(groups) if key in keys]
        put = "; ".join(adds) if adds else "pass"
        slow = f"m = checked(*SLOW[{index}], v); {put}"
        lines += [f"    v = get({name!r})", "    if v is not None:"]
        if kind == NUMBER:
            # float_text and int_text inlined for the usual value (a call apiece costs
            # about as much as the text); only an exponent or a huge integer calls them
            lines += ["        c = v.__class__",
                      "        if c is float and isfinite(v):",
                      "            t = float_repr(v)",
                      f"            m = {member!r} + (t if 'e' not in t else float_text(v)); "
                      f"{put}",
                      f"        elif c is int: m = {member!r} + (int_repr(v) if -EXACT <= v <= "
                      f"EXACT else int_text(v)); {put}",
                      f"        else: {slow}"]
        elif kind == BOOL:
            lines += [f"        if v is True: m = {member + 'true'!r}; {put}",
                      f"        elif v is False: m = {member + 'false'!r}; {put}",
                      f"        else: {slow}"]
        else:
            lines += [f"        if v.__class__ is str: m = {member!r} + text(v); {put}",
                      f"        else: {slow}; v = str.__str__(v)"]
            table = _value_members(valued.get(name, {}), groups)
            if table:
                lines += [f"        w = VALUES[{len(by_value)}].get(v)",
                          "        if w is not None:",
                          "            for g in w[1]: out[g].append(w[0])"]
                by_value.append(table)
    lines.append("    return out")
    namespace: dict[str, Any] = {
        "isfinite": math.isfinite, "float_text": float_text, "int_text": int_text,
        "float_repr": float.__repr__, "int_repr": int.__repr__, "EXACT": _EXACT,
        "text": encode_basestring_ascii, "checked": checked_member,
        "SLOW": [(name, key, kind) for name, (key, kind) in asserted.items()],
        "VALUES": by_value,
    }
    exec(compiled("\n".join(lines), "<fact members by ruleset>"), namespace)
    writer: GroupWriter = namespace["write"]
    return writer


def _value_members(names: Mapping[str, str], groups: list[frozenset[str]]
                   ) -> dict[str, tuple[str, tuple[int, ...]]]:
    """text → (its value property's member, the groups that test it), for the texts
    some group tests."""
    where: dict[str, list[int]] = {}
    wanted = set(names.values())
    for index, keys in enumerate(groups):
        for name in wanted.intersection(keys):
            where.setdefault(name, []).append(index)
    return {text: (f'"{name}":true', tuple(where[name]))
            for text, name in names.items() if name in where}
