"""Listings of the rulebook for policy staff: rules with clauses, unverified sources."""

from __future__ import annotations

from typing import Any

from screening.rulebook.book import Rulebook


def rule_rows(rulebook: Rulebook) -> list[dict[str, Any]]:
    """One row per rule: id, effect, the strength of each text it cites, clause, basis,
    dates in force (plan-only rules end with the plan's window), title, file."""
    return [{
        "id": rule.id, "effect": str(rule.effect), "clause": rule.citation(),
        "clause_id": rule.clause_id,
        "texts": [{"text": rule.clause_id, "kind": "clause",
                   "strength": str(rule.clause_strength) if rule.clause_strength else None},
                  *({"text": b.id, "kind": "basis", "strength": str(b.strength),
                     "confidence": str(b.excerpt.confidence)} for b in rule.basis)],
        "basis": rule.basis_citations(), "plan_only": rule.plan_only,
        "in_force": {"from": rule.in_force_from.isoformat(),
                     "to": rule.in_force_to.isoformat() if rule.in_force_to else None},
        "title": {"zh": rule.title.zh, "en": rule.title.en}, "when": rule.when,
        "file": f"{rule.file}:{rule.line}",
    } for rule in rulebook.rules]


def unverified_rows(rulebook: Rulebook) -> list[dict[str, Any]]:
    """Parameters (every layer) and catalogue entries whose source is not confirmed."""
    rows: list[dict[str, Any]] = []
    for name, layered in rulebook.parameters.items():
        for layer, param, file in (("base", layered.base, layered.file), *layered.layers):
            if str(param.reference.confidence) != "read":
                rows.append({"name": name, "kind": "parameter", "layer": layer, "file": file,
                             "confidence": str(param.reference.confidence),
                             "document": param.reference.document,
                             "description": {"zh": param.description.zh,
                                             "en": param.description.en}})
    cats = rulebook.catalogues
    for entry in cats.two_high.types:
        if str(entry.confidence) != "read":
            rows.append({"name": f"catalogue.two_high.{entry.name}", "kind": "catalogue",
                         "layer": "base", "file": "rules/catalogues/two_high.yaml",
                         "confidence": str(entry.confidence),
                         "document": cats.two_high.reference.document,
                         "description": {"zh": f"{entry.name}：行业代码 {', '.join(entry.codes)}",
                                         "en": f"{entry.name}: codes {', '.join(entry.codes)}"}})
    for label, listed in sorted(cats.lists.items()):
        if str(listed.reference.confidence) != "read":
            rows.append({"name": f"catalogue.{label}", "kind": "catalogue", "layer": "base",
                         "file": f"rules/catalogues/{label}.yaml",
                         "confidence": str(listed.reference.confidence),
                         "document": listed.reference.document,
                         "description": {"zh": listed.description.zh,
                                         "en": listed.description.en}})
    for label, cat in (("industries", cats.industries), ("heavy_polluting", cats.heavy_polluting)):
        if str(cat.reference.confidence) != "read":
            rows.append({"name": f"catalogue.{label}", "kind": "catalogue", "layer": "base",
                         "file": f"rules/catalogues/{label}.yaml",
                         "confidence": str(cat.reference.confidence),
                         "document": cat.reference.document,
                         "description": {"zh": cat.description.zh, "en": cat.description.en}})
    return rows
