"""Validation errors in the officer's language, from one message catalogue.

Every problem with a proposal (pydantic's validation errors and ours: YAML
syntax, an industry code of no division …) carries its kind (``code``) and the
values it names. Its message in English and Chinese comes from the gettext
catalogue ``locale/zh/LC_MESSAGES/screening.po`` (msgid = English, msgctxt = the
kind), and names the field by its label and unit: "新增煤炭消费（吨标准煤/年）须为不小于
0 的数". The CLI prints these (``--lang``); the web app shows them beside the field.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from screening.derive.labels import field_label, unit_of
from screening.errors import Problem, ScreeningError

if TYPE_CHECKING:  # babel reads the catalogue only when a message is wanted
    from babel.messages.catalog import Catalog

CATALOGUE = Path(__file__).resolve().parent / "locale" / "zh" / "LC_MESSAGES" / "screening.po"
LANGS = ("zh", "en")

#: pydantic error types that read like another in the catalogue
ALIASES = {
    "float_type": "float_parsing", "int_type": "int_parsing", "bool_type": "bool_parsing",
    "literal_error": "enum", "date_type": "date_parsing",
    "date_from_datetime_parsing": "date_parsing", "date_from_datetime_inexact": "date_parsing",
    "dict_type": "model_type", "model_attributes_type": "model_type",
    "is_instance_of": "model_type", "too_short": "string_too_short",
}


@dataclass(frozen=True, slots=True)
class FieldError:
    """One validation error: the field (dotted path) and what is expected, in zh and en."""

    field: str
    zh: str
    en: str
    code: str
    line: int | None = None
    file: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("field", self.field), ("zh", self.zh), ("en", self.en),
                                  ("code", self.code), ("line", self.line),
                                  ("file", self.file)) if v is not None}


@functools.cache
def catalogue() -> Catalog:
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        return read_po(handle, locale="zh_CN")


@functools.cache
def _entries() -> dict[str, tuple[str, str]]:
    """kind → (English template, Chinese template)."""
    return {str(m.context): (str(m.id), str(m.string)) for m in catalogue()
            if m.id and m.context}


def kinds() -> set[str]:
    """The kinds of problem the catalogue has messages for."""
    return set(_entries())


def text(kind: str, lang: str, /, **values: Any) -> str:
    en, zh = _entries()[kind]
    return (zh or en if lang == "zh" else en).format(**values)


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: what the whole document is called in a message about one of its top-level keys
_DOCUMENT_NAMES = {"": {"zh": "申报文件", "en": "the proposal"},
                   "source": {"zh": "替代来源文件", "en": "the source file"}}


def label_in(path: str, lang: str, document: str | None = None) -> str:
    """A field's name in ``lang``, with its unit (zh) where it has one (``document``:
    whose labels, see ``Problem.document``)."""
    name = field_label(path, document)[lang]
    unit = unit_of(path, document)
    if unit and lang == "zh" and "（" not in name:
        return text("unit", lang, label=name, unit=unit)
    return name


def _choices(expected: str, lang: str) -> str:
    found = re.findall(r"'([^']*)'", expected)
    if not found:
        return expected
    return text("list_sep", lang).join(found) if lang == "zh" else ", ".join(found)


def _kind_of(problem: Problem) -> str:
    code = problem.code or "invalid"
    code = ALIASES.get(code, code)
    if code == "string_pattern_mismatch" and (problem.field or "").endswith("industry.code"):
        return "industry_code_pattern"
    return code if code in _entries() else "invalid"


def message(problem: Problem, lang: str) -> str:
    """What is wrong, in ``lang``, naming the field by its label."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r}: expected one of {LANGS}")
    params: dict[str, Any] = {k: _num(v) for k, v in (problem.params or {}).items()
                              if not isinstance(v, list)}
    for key in [k for k in params if k.endswith(f"_{lang}")]:
        params[key.removesuffix(f"_{lang}")] = params[key]  # a value given per language
    kind = _kind_of(problem)
    if problem.code is None and kind == "invalid":
        params["msg"] = problem.message
    params.setdefault("msg", problem.message)
    field = problem.field or ""
    params["label"] = label_in(field, lang, problem.document) if field else ""
    if kind == "extra_forbidden":
        parent = field.rpartition(".")[0]
        params["parent"] = label_in(parent, lang, problem.document) if parent else (
            _DOCUMENT_NAMES.get(problem.document or "", _DOCUMENT_NAMES[""])[lang])
        allowed = (problem.params or {}).get("allowed") or []
        params["allowed"] = (text("list_sep", lang) if lang == "zh" else ", ").join(
            str(a) for a in allowed)
    if kind == "enum":
        params["expected"] = _choices(str(params.get("expected", "")), lang)
    try:
        out = text(kind, lang, **params)
    except (KeyError, IndexError):
        out = text("invalid", lang, **{"label": params["label"], "msg": problem.message})
    if problem.suggestion:
        out = text("did_you_mean", lang, message=out, suggestion=problem.suggestion)
    return out


Errors = ValidationError | ScreeningError | Iterable[Problem] | Iterable[Mapping[str, Any]]


def problems(errors: Errors, skip: int = 0) -> list[Problem]:
    """Problems from a ValidationError, a ScreeningError, problems, or pydantic error dicts
    (as a web framework reports them; ``skip`` leading location parts such as ``body``)."""
    from screening.facts.files import problems_from

    if isinstance(errors, ValidationError):
        return problems_from(errors.errors(), skip=skip)
    if isinstance(errors, ScreeningError):
        return list(errors.problems)
    items = list(errors)
    if items and isinstance(items[0], Mapping):
        return problems_from(items, skip=skip)  # type: ignore[arg-type]
    return items  # type: ignore[return-value]


def field_errors(errors: Errors, prefix: str = "", skip: int = 0) -> list[FieldError]:
    """Each error as its field and a Chinese and an English message (for a form or an API)."""
    out = []
    for problem in problems(errors, skip):
        field = f"{prefix}{problem.field}" if problem.field else prefix.rstrip(".")
        out.append(FieldError(field, message(problem, "zh"), message(problem, "en"),
                              problem.code or "invalid", problem.line, problem.file))
    return out


def by_field(errors: Errors, skip: int = 0) -> dict[str, list[dict[str, str]]]:
    """field → its messages as ``{"zh": …, "en": …}``, to show beside each form field
    (``""`` for a problem of the whole document)."""
    out: dict[str, list[dict[str, str]]] = {}
    for error in field_errors(errors, skip=skip):
        out.setdefault(error.field, []).append({"zh": error.zh, "en": error.en})
    return out


def render(problem: Problem, lang: str) -> str:
    """One problem as a line for the terminal: file:line: message (field) in ``lang``."""
    where = problem.file or ""
    if problem.line:
        where += f":{problem.line}"
    field = f" [{problem.field}]" if problem.field else ""
    return f"{where + ': ' if where else ''}{message(problem, lang)}{field}"


def preferred_language(environ: Mapping[str, str] | None = None) -> str:
    """zh when the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) is Chinese, else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
