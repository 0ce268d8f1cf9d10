"""Load and validate everything under ``rules/`` before anything is screened.

All problems are collected and reported together, each with file, line and what
was expected: unknown keys, duplicate keys or rule ids, unknown clauses, facts or
parameters (with did-you-mean), and clause quotes not found verbatim in the
policy text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from screening.derive.core import fact_fields
from screening.errors import RulebookError
from screening.load.loader import CATALOGUES, WEAKNESS, Loader, ld_lines, required
from screening.load.parameters import load_parameters, load_predicates
from screening.load.policy import load_basis, load_clauses
from screening.load.rules import engine_problems, load_rules
from screening.rulebook.book import Catalogues, Rulebook
from screening.rulebook.conditions import NUMBER, FieldSpec
from screening.rulebook.models import ListCatalogue

__all__ = ["engine_problems", "ld_lines", "load_rulebook", "load_rulebook_cached"]


def load_rulebook(root: Path | str, overlays: tuple[str, ...] = ()) -> Rulebook:
    """Load, validate and resolve the rulebook at ``root``; raise RulebookError if broken."""
    root = Path(root)
    if not root.is_dir():
        raise RulebookError.single("rules folder not found", file=str(root),
                                   expected="a folder with policy/, parameters/, catalogues/")
    ld = Loader(root, overlays)

    registry = load_clauses(ld, root)
    load_basis(ld, root)

    catalogues: dict[str, Any] = {}
    lists: dict[str, ListCatalogue] = {}
    for name, model in CATALOGUES.items():
        catalogues[name], _ = required(ld, root / "catalogues" / f"{name}.yaml", model)
    cat_dir = root / "catalogues"
    if cat_dir.is_dir():
        for path in sorted(cat_dir.glob("*.yaml")):
            if path.stem not in CATALOGUES:
                loaded, _ = ld.read(path, ListCatalogue)
                if loaded is not None:
                    lists[path.stem] = loaded

    for name, listed in lists.items():
        ld.confidence[f"catalogue.{name}"] = listed.reference.confidence
    fuel_groups = catalogues["fuels"].groups if catalogues["fuels"] else {}
    fields = fact_fields(fuel_groups)
    parameters = load_parameters(ld, root, fields)
    for name, layered in parameters.items():
        confidences = [layered.base.reference.confidence,
                       *(param.reference.confidence for _, param, _ in layered.layers)]
        ld.confidence[name] = max(confidences, key=lambda c: WEAKNESS[c])
        fields[name] = FieldSpec(NUMBER, unit=layered.unit,
                                 label_zh=layered.base.description.zh,
                                 label_en=layered.base.description.en)

    ld.fields = fields
    values = {name: tuple(cat.entries) for name, cat in lists.items()}
    predicates = load_predicates(ld, root, fields, values)
    rules = load_rules(ld, root, fields, predicates, registry, values)

    from screening.spatial.layers import load_layers  # shapely: only when the rules are read

    zones, zone_problems = load_layers(root / "zones")
    ld.problems.extend(zone_problems)
    ld.files.update(zones.files)
    if ld.problems:
        raise RulebookError(ld.problems)
    assert registry is not None
    digest = hashlib.sha256()
    for name in sorted(ld.files):
        digest.update(name.encode() + b"\0" + ld.files[name] + b"\0")
    return Rulebook(
        root=str(root), digest=digest.hexdigest(), documents=dict(registry.documents),
        clauses=dict(registry.clauses), parameters=parameters,
        catalogues=Catalogues(**catalogues, lists=lists), fields=fields, rules=rules,
        overlays=overlays, files=ld.files, zones=zones,
        basis_documents=dict(ld.documents),
        excerpts={key: excerpt for key, (excerpt, _) in ld.excerpts.items()},
        clause_strengths=dict(ld.clause_strengths), fidelity=list(ld.fidelity))


def load_rulebook_cached(root: Path | str, overlays: tuple[str, ...] = ()) -> Rulebook:
    """``load_rulebook``, taken from the user's cache when every file under ``root`` is
    byte for byte what a rulebook stored there was loaded from (screening/rulebook/cache.py).
    """
    from screening.rulebook.cache import cached
    from screening.spatial.deferred import portable

    return cached(Path(root), overlays, load_rulebook, portable)
