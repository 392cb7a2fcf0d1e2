"""Pydantic's validation errors, told in plain Dutch with the user's own words.

Each error becomes a `Problem` at the line of the key (or, for a missing key,
of the block that lacks it), quoting the value as written (``no``, not
``False``) and naming what is allowed.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from inkoopcheck.fmt import display_path
from inkoopcheck.names import suggest
from inkoopcheck.yamlsafe import Problem, SourceMap

_EXPECTED = {
    "string_type": "tekst",
    "int_type": "een heel getal",
    "float_type": "een getal",
    "bool_type": "ja of nee",
    "list_type": "een lijst, bijvoorbeeld [a, b] of regels die met '- ' beginnen",
    "dict_type": "een blok met 'naam: waarde'-regels eronder, één stap ingesprongen",
    "model_type": "een blok met 'naam: waarde'-regels eronder, één stap ingesprongen",
    "model_attributes_type": "een blok met 'naam: waarde'-regels eronder, één stap ingesprongen",
    "date_type": "een datum als JJJJ-MM-DD",
}


def loc_text(loc: Sequence[str | int]) -> str:
    """``('cpv', 1)`` -> ``cpv[2]`` (1-based for people); ``('publicatie', 'datum')`` ->
    ``publicatie.datum``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or "bestand"


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional / Annotated / list / dict annotations."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in get_args(annotation) for t in _unwrap(a)]
    return [annotation]


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that describes the block at `loc`, if there is one."""
    current: Any = model
    i = 0
    while i < len(loc):
        part = loc[i]
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        nxt: Any = None
        for t in _unwrap(field.annotation):
            origin = get_origin(t)
            if isinstance(t, type) and issubclass(t, BaseModel):
                nxt = t
            elif origin in (list, dict) and i + 1 < len(loc):
                inner = [x for x in _unwrap(get_args(t)[-1]) if isinstance(x, type)]
                if inner and issubclass(inner[0], BaseModel):
                    nxt = inner[0]
                    i += 1  # skip the list index / dict key
        current = nxt
        i += 1
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _literal_options(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The allowed values at `loc`: of the field itself, or of the items of the
    list or dict it stands in (``themas.representatie``)."""
    for cut in (1, 2):
        if len(loc) < cut:
            break
        parent = _model_at(model, loc[:-cut])
        if parent is None:
            continue
        name = loc[-cut]
        field = next((f for n, f in parent.model_fields.items() if (f.alias or n) == name), None)
        if field is None:
            return []
        for t in _unwrap(field.annotation):
            if cut == 1 and get_origin(t) is Literal:
                return [str(a) for a in get_args(t)]
            if get_origin(t) in (list, dict):
                for inner in _unwrap(get_args(t)[-1]):
                    if get_origin(inner) is Literal:
                        return [str(a) for a in get_args(inner)]
        return []
    return []


def _visible(text: str) -> str:
    """A value as the user would type it in quotes: ``"abc\\n"`` shows as ``abc\\n``, so
    a newline or escape character in a value never breaks the one-line message."""
    text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return display_path(text)


def _written(source: SourceMap, loc: tuple[str | int, ...], value: Any) -> str:
    raw = source.written(loc)
    if raw is not None:
        return _visible(raw)
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else _visible(str(value))


def _internal(part: str | int) -> bool:
    """pydantic's own steps in a loc ('[key]', 'constrained-int', 'function-after[...]'),
    which mean nothing to someone reading the file."""
    return isinstance(part, str) and (
        part == "[key]" or part.startswith(("constrained-", "function-", "literal[", "union["))
    )


def _bad_key(loc: tuple[str | int, ...], source: SourceMap, options: list[str]) -> Problem:
    key = str(loc[-1])
    line, col = source.position(loc)
    message = f"{loc_text(loc[:-1])}: sleutel '{key}' is niet toegestaan" + suggest(key, options)
    return Problem("IC102", line, col, message, f"Toegestane sleutels: {', '.join(options)}.")


def problems_from(exc: ValidationError, source: SourceMap, model: type[BaseModel]) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not _internal(p))
        kind = err["type"]
        if err["loc"] and err["loc"][-1] == "[key]" and kind in ("literal_error", "enum"):
            options = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
            problems.append(_bad_key(loc, source, options))
            continue
        field = loc_text(loc)
        line, col = source.position(loc)
        value = err.get("input")
        written = _written(source, loc, value)
        ctx = err.get("ctx") or {}
        hint: str | None = None
        if kind.startswith("IC"):
            code = kind
            message = str(ctx.get("bericht", err["msg"])).replace("{waarde}", written)
            message = f"{field}: {message}" if loc else message
            hint = str(ctx.get("hint") or "") or None
        elif kind == "missing":
            code = "IC101"
            parent = loc_text(loc[:-1])
            message = f"verplicht veld '{loc[-1]}' ontbreekt" + (
                f" in '{parent}'" if len(loc) > 1 else ""
            )
            hint = f"Voeg een regel '{loc[-1]}: ...' toe."
        elif kind == "extra_forbidden":
            code = "IC102"
            key = str(loc[-1])
            parent_model = _model_at(model, loc[:-1])
            allowed = _field_names(parent_model) if parent_model else []
            message = f"onbekend veld '{key}'" + (
                f" in '{loc_text(loc[:-1])}'" if len(loc) > 1 else ""
            )
            message += suggest(key, allowed)
            if allowed:
                hint = "Toegestane velden hier: " + ", ".join(allowed) + "."
        elif kind in ("literal_error", "enum"):
            code = "IC104"
            options = _literal_options(model, loc)
            message = f"{field}: '{written}' is geen geldige waarde"
            message += suggest(written, options) if written else ""
            hint = "Kies uit: " + ", ".join(options) + "." if options else None
            if loc and loc[0] == "themas":
                hint = (
                    "Kies ja (wensen/eisen opgenomen, X), nee (bewust niet, -) of open "
                    "(nog niet beoordeeld)."
                )
        elif kind in _EXPECTED:
            code = "IC103"
            expected = _EXPECTED[kind]
            if value is None:
                message = f"{field} is leeg; hier hoort {expected}"
                hint = (
                    "Vul een waarde in, of laat de hele regel weg als het veld niet verplicht is."
                )
            else:
                message = f"{field}: '{written}' is niet goed; hier hoort {expected}"
                if kind == "string_type" and isinstance(value, (int, float, bool, date)):
                    hint = f"Bedoel je de tekst '{written}'? Zet hem dan tussen aanhalingstekens."
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            code = "IC111"
            bound = next(iter(ctx.values()), "")
            bound = f"{bound:g}" if isinstance(bound, float) else bound
            word = {
                "greater_than_equal": "minstens",
                "greater_than": "groter dan",
                "less_than_equal": "hoogstens",
                "less_than": "kleiner dan",
            }[kind]
            message = f"{field}: '{written}' is buiten bereik; moet {word} {bound} zijn"
        elif kind == "too_short":
            code = "IC111"
            need = ctx.get("min_length", 1)
            message = f"{field} is leeg; hier hoort er minstens {need}"
            hint = "Vul dit blok of deze lijst; een leeg kader of een lege lijst werkt niet."
        elif kind in ("string_too_long", "too_long"):
            code = "IC113"
            message = f"{field} is te lang (hoogstens {ctx.get('max_length')} tekens)"
            hint = "Houd de titel kort; zet uitleg in 'opmerkingen'."
        elif kind == "string_pattern_mismatch":
            code = "IC106"
            message = f"{field}: '{written}' heeft niet de juiste vorm ({ctx.get('pattern')})"
            hint = "Gebruik kleine letters, cijfers en streepjes."
        else:
            code = "IC103"
            message = f"{field}: '{written}' is niet goed ({err['msg']})"
        problems.append(Problem(code, line, col, message, hint))
    return problems
