"""Screening under hypothetical parameter values ("what if the ratio were 2:1?").

The real mechanism is used: a copy of rules/ gets an overlay ``what-if`` whose
parameter files set the given values from the given dates, and the rulebook is
loaded with that overlay, exactly as ``screening screen --overlay`` would. For a
parameter keyed by 两高 type only the named key changes; the other keys keep
their values (an overlay's table replaces the base table as a whole). Each
distinct set of overrides builds one Screener per session.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from screening.load import load_rulebook
from screening.rulebook.book import Rulebook
from screening.screen import Screener

OVERLAY = "what-if"


@dataclass(frozen=True)
class Override:
    """Parameter ``name`` (``file.key``) has ``value`` from ``since``, for ``key`` if keyed."""

    name: str
    key: str | None
    since: date
    value: Any


class WhatIf:
    """Screeners for sets of overrides, built on demand and kept for the session."""

    def __init__(self, rulebook: Rulebook, workdir: Path) -> None:
        self.rulebook = rulebook
        self.workdir = workdir
        self._screeners: dict[tuple[Override, ...], Screener] = {}

    def check(self, override: Override) -> Override:
        """The override with a canonical name; AssertionError if it names nothing."""
        name = override.name.removeprefix("param.")
        param = self.rulebook.parameters.get(f"param.{name}")
        known = ", ".join(n.removeprefix("param.") for n in self.rulebook.parameters)
        assert param is not None, f"没有参数 '{override.name}'；已有参数：{known}"
        keyed = param.base.keyed_by is not None
        assert keyed == (override.key is not None), (
            f"参数 '{name}' " + (f"按 {param.base.keyed_by} 分档，须写明档位（… 中 \"水泥熟料\" …）"
                                 if keyed else "不分档，不能写档位"))
        return Override(name, override.key, override.since, override.value)

    def screener(self, overrides: tuple[Override, ...]) -> Screener:
        key = tuple(sorted(overrides, key=repr))
        if key not in self._screeners:
            root = self.workdir / f"rules-{len(self._screeners) + 1}"
            shutil.copytree(self.rulebook.root, root)
            self._write_overlay(root / "overlays" / OVERLAY / "parameters", key)
            self._screeners[key] = Screener(load_rulebook(root, (OVERLAY,)))
        return self._screeners[key]

    def _write_overlay(self, folder: Path, overrides: tuple[Override, ...]) -> None:
        folder.mkdir(parents=True)
        files: dict[str, dict[str, Any]] = {}
        for name in sorted({o.name for o in overrides}):
            stem, key = name.split(".", 1)
            mine = [o for o in overrides if o.name == name]
            base = self.rulebook.parameters[f"param.{name}"].base
            files.setdefault(stem, {})[key] = {
                "description": base.description.model_dump(),
                "unit": base.unit,
                "reference": {"document": "假设情景（features/ 中的场景）",
                              "confidence": "unverified",
                              "note": "hypothetical value set by an executable-policy scenario"},
                "keyed_by": base.keyed_by,
                "values": _values(base.values, mine, keyed=base.keyed_by is not None),
            }
        for stem, params in files.items():
            document = {"description": {"zh": "特性场景中的假设参数",
                                        "en": "Hypothetical parameters of a feature scenario"},
                        "parameters": params}
            (folder / f"{stem}.yaml").write_text(
                yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _values(base: dict[date, Any], overrides: list[Override], keyed: bool) -> dict[date, Any]:
    if not keyed:
        return {o.since: o.value for o in overrides}
    start = min(o.since for o in overrides)
    out: dict[date, Any] = {}
    for day in sorted({*base, *(o.since for o in overrides)}):
        if day < start:
            continue
        in_force = [d for d in base if d <= day]
        table = dict(base[max(in_force)]) if in_force else {}
        for o in overrides:
            if o.since <= day:
                table[o.key] = o.value
        out[day] = table
    return out
