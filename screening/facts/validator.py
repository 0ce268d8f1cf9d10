"""The proposal's validator, kept in the user's cache so that a short run builds no model.

The proposal's models are declared ``defer_build``: pydantic generates a model's core
schema and builds its validator the first time it validates, which for the
proposal is a tenth of a short run (and brings in pydantic's plugin scan). The
validator pydantic builds is stored in the user's cache (screening/cachefiles.py:
owner, mode, key and SHA-256 checked) as its core schema and config, pickled, under
a key of the package's source files and the Python, pydantic and pydantic-core
versions; a later process builds the same validator from that schema in
pydantic-core, without pydantic's schema generation. The schema is stored without
its ``metadata`` entries, which hold pydantic's notes for the JSON Schema and which
pydantic-core does not read. A proposal validated either way is the same object,
and a bad one gets the same errors (tests/facts/test_validator.py).

Only a plain validator is stored: with a pydantic plugin installed pydantic wraps
its validator, and then the model's own is used every time.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import sys
from typing import Any

import pydantic
import pydantic_core
from pydantic_core import SchemaValidator

from screening import cachefiles
from screening.facts.proposal import Proposal

#: the layout of a stored validator; changing what is stored means a new number
FORMAT = b"proposal-validator 2\n"
SUFFIX = ".validator"


def validate(data: Any) -> Proposal:
    """``Proposal.model_validate(data)``: the proposal, or pydantic's ValidationError."""
    proposal: Proposal = validator().validate_python(data)
    return proposal


@functools.cache
def validator() -> Any:
    """The proposal's validator: from the cache, else built by pydantic (and stored)."""
    key = key_of()
    if key is not None:
        found = stored(key)
        if found is not None:
            return found
    Proposal.model_rebuild()
    built = Proposal.__pydantic_validator__
    if type(built) is SchemaValidator:
        schema, config = built.__reduce__()[1][:2]  # pydantic-core's own pickling support
        built = SchemaValidator(with_member_values(schema), config)
        if key is not None:
            store(key, built)
    return built


def key_of() -> str | None:
    """The key the validator of this code is kept under; None when the cache is off."""
    if cachefiles.folder() is None:
        return None
    digest = hashlib.sha256(FORMAT + cachefiles.source_stamp())
    for part in (sys.version, pydantic.VERSION, pydantic_core.__version__):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def without_metadata(schema: Any) -> Any:
    """A core schema without its ``metadata`` entries (JSON Schema notes, not validation)."""
    if isinstance(schema, dict):
        return {key: without_metadata(value) for key, value in schema.items()
                if key != "metadata"}
    if isinstance(schema, list):
        return [without_metadata(value) for value in schema]
    return schema


#: how pydantic takes a member's value (``use_enum_values``): ``Enum.value`` is a
#: Python property, ``_value_`` the attribute it reads
_VALUE = "operator.attrgetter('value')"


def with_member_values(schema: Any) -> Any:
    """The schema with each enum's member value read as the attribute ``_value_`` instead
    of through the ``value`` property: the same text, without a Python call per value."""
    if isinstance(schema, dict):
        found = {key: with_member_values(value) for key, value in schema.items()}
        function = found.get("function")
        if found.get("type") == "function-after" and isinstance(function, dict) \
                and repr(function.get("function")) == _VALUE \
                and found.get("schema", {}).get("type") == "enum":
            found["function"] = {**function, "function": operator.attrgetter("_value_")}
        return found
    if isinstance(schema, list):
        return [with_member_values(value) for value in schema]
    return schema


def stored(key: str) -> SchemaValidator | None:
    """The validator stored under ``key``, or None when there is none that checks."""
    body = cachefiles.read_bytes(key, SUFFIX)
    if body is None:
        return None
    try:
        schema, config = cachefiles.unpickle(body)
        if not isinstance(schema, dict) or not isinstance(config, dict | None):
            return None
        return SchemaValidator(schema, config)
    except Exception:  # an entry of another layout of the classes: built again
        return None


def store(key: str, built: SchemaValidator) -> bool:
    """Keep ``built`` (its schema and config) under ``key``; False when it could not be."""
    import pickle

    schema, config = built.__reduce__()[1][:2]  # pydantic-core's own pickling support
    try:
        body = pickle.dumps((without_metadata(schema), config),
                            protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return cachefiles.write_bytes(key, body, SUFFIX)
