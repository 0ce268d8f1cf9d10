"""The rulesets registered for a rulebook and its parameter values, written once and kept.

Before the first screening of a process, the engine writes the parameter values in
force into the rules (specialise.py), lays the durable rules out in rulesets within
durable_rules' limits (limits.py), gives each fact its short name (and each equality
test of a valued field its value property, names.py) and writes each ruleset's JSON:
about half of a short run's first screening. What comes out (each ruleset's JSON as
given to durable_rules' ``create_ruleset``, which of its durable rules stands for
which rulebook rule, and the facts and value properties it tests) depends only on
the rulebook's files (its digest), the overlays, the values written in and this code
(the value names are worked out from the rulebook's conditions, names.py). It is
kept in the user's cache (screening/cachefiles.py: owner, mode, key and SHA-256
checked) as JSON under a key of all of those, and a later process registers the
same rulesets from it. An entry that does not fit the rulebook (a rule it does not
have, a fact or value property it does not assert) is not used; an edited rule file
is a new digest, so a new key."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from typing import Any

from screening import cachefiles
from screening.engine.compiler import AS_OF
from screening.engine.fact_json import dumps
from screening.engine.limits import shards

#: each durable rule's settings, written as durable_rules takes them when they are left
#: out (priority 0, one match per action, distinct facts): create_ruleset looks for each
#: setting among a rule's members in turn, twice (checking, then building), reading the
#: whole match expression past every one left out; stated first, each is found at once
SETTINGS = {"pri": 0, "count": 1, "dist": 1}
#: the layout of a stored entry; changing what is stored means a new number
FORMAT = b"durable-rulesets 2\n"
SUFFIX = ".rulesets"
#: the entry of values that cannot be written into the rules: the general rulesets answer
GENERAL = "general"
Hit = tuple[str, str]
_JUNCTIONS = ("$and", "$or")


@dataclass(frozen=True)
class Ruleset:
    """One ruleset as durable_rules is given it."""

    #: the JSON given to ``create_ruleset``
    text: str
    #: durable rule name → (rulebook rule id, fired|undetermined)
    hits: dict[str, Hit]
    #: the short fact keys its rules test
    keys: frozenset[str]


Plan = list[Ruleset]


def rulesets(definitions: list[tuple[str, str, Any]], names: dict[str, str],
             values: dict[str, dict[str, str]] | None = None) -> Plan:
    """The durable rules laid out in rulesets (limits.py), each fact key given its short
    name from ``names`` and each equality test of a valued field (fact key → {text →
    value name}, names.py) against one of its texts made a test of that text's property.

    The layout is worked out on the rules as compiled: a value test stands where its
    equality test stood, one for one, so durable_rules builds the same network of
    nodes and the limits checked on it hold (a fact has one value property per valued
    field, as it had one value, so at most one of a field's value tests matches).
    """
    plan: Plan = []
    valued = values or {}
    for chunk in shards(definitions):
        ruleset: dict[str, Any] = {}
        hits: dict[str, Hit] = {}
        keys: set[str] = set()
        for index, (rule_id, status, match) in enumerate(chunk):
            short = _shorten(match, names, valued, True)
            _keys_of(short, keys)
            ruleset[f"r{index}"] = {**SETTINGS, "all": [{"m": short}]}
            hits[f"r{index}"] = (rule_id, status)
        plan.append(Ruleset(dumps(ruleset), hits, frozenset(keys)))
    return plan


def _shorten(match: Any, names: dict[str, str], values: dict[str, dict[str, str]],
             test: bool) -> Any:
    """A compiled match expression with each fact key replaced by its short name and,
    where ``match`` is a test (``test``: not an operand), an equality with a text of a
    valued field replaced by a test that the text's value property is true."""
    if isinstance(match, list):
        return [_shorten(part, names, values, test) for part in match]
    if not isinstance(match, dict):
        return match
    out: dict[str, Any] = {}
    for key, value in match.items():
        if key == "$m":  # the other field of a field-to-field comparison
            out[key] = names.get(value, value)
            continue
        if test and value.__class__ is str:
            named = values.get(key, {}).get(value)
            if named is not None:
                out[named] = True
                continue
        out[names.get(key, key)] = _shorten(value, names, values, key in _JUNCTIONS)
    return out


def _keys_of(match: Any, out: set[str]) -> None:
    """Every fact key a (shortened) match expression tests, into ``out``."""
    if isinstance(match, list):
        for part in match:
            _keys_of(part, out)
    elif isinstance(match, dict):
        for key, value in match.items():
            if key == "$m":
                out.add(value)
            elif not key.startswith("$"):
                out.add(key)
            _keys_of(value, out)


def key_of(digest: str, overlays: tuple[str, ...], values: str | None) -> str | None:
    """The key of the rulesets of the rulebook ``digest`` for ``values`` (the parameter
    members as written in the fact; None: the general rulesets); None when the cache is off."""
    if cachefiles.folder() is None:
        return None
    hashed = hashlib.sha256(FORMAT + cachefiles.source_stamp())
    for part in (digest, "\0".join(overlays), sys.version,
                 "\0general" if values is None else values):
        hashed.update(b"\0" + part.encode())
    return hashed.hexdigest()


def load(key: str, rule_ids: set[str], fact_keys: set[str]) -> Plan | str | None:
    """The rulesets (or ``GENERAL``) stored under ``key``, or None when there is no entry
    that checks and fits rules ``rule_ids`` and asserted facts ``fact_keys`` (the as-of
    date besides)."""
    body = cachefiles.read_bytes(key, SUFFIX)
    if body is None:
        return None
    try:
        entry = json.loads(body)
    except ValueError:
        return None
    if entry == GENERAL:
        return GENERAL
    return _plan(entry, rule_ids, {*fact_keys, AS_OF})


def _plan(entry: Any, rule_ids: set[str], fact_keys: set[str]) -> Plan | None:
    if not isinstance(entry, list) or not entry:
        return None
    plan: Plan = []
    for item in entry:
        if not (isinstance(item, dict) and set(item) == {"text", "hits", "keys"}
                and isinstance(item["text"], str) and isinstance(item["hits"], dict)
                and isinstance(item["keys"], list) and set(item["keys"]) <= fact_keys):
            return None
        hits: dict[str, Hit] = {}
        for name, hit in item["hits"].items():
            if (isinstance(hit, list) and len(hit) == 2 and hit[0] in rule_ids
                  and hit[1] in ("fired", "undetermined")):
                hits[name] = (hit[0], hit[1])
            else:
                return None
        plan.append(Ruleset(item["text"], hits, frozenset(item["keys"])))
    return plan


def save(key: str, plan: Plan | None) -> bool:
    """Keep ``plan`` (None: these values run on the general rulesets) under ``key``."""
    entry: Any = GENERAL if plan is None else [
        {"text": ruleset.text, "hits": {name: list(hit) for name, hit in ruleset.hits.items()},
         "keys": sorted(ruleset.keys)} for ruleset in plan]
    return cachefiles.write_bytes(key, json.dumps(entry, ensure_ascii=False).encode(), SUFFIX)
