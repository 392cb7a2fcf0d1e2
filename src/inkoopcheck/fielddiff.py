"""What changed in a tender file, field by field: ``contractwaarde: € 400.000 →
€ 800.000``. Pure: two versions of a file's fields in, the differences out.

The fields come from the YAML as written (yamlsafe.parse), not from the model, so
a file that has errors in one version still shows what changed in it. Nested
fields are named with a dot (``publicatie.kwartaal``, ``themas.toegankelijkheid``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from inkoopcheck.fmt import clean, decimal, euro
from inkoopcheck.models import TENDER_FIELDS
from inkoopcheck.yamlsafe import parse

_MONEY = ("contractwaarde",)
_LONGEST = 120  # characters of a long text shown before "…"


@dataclass(frozen=True, slots=True)
class FieldChange:
    veld: str  # "publicatie.kwartaal"
    oud: str | None  # None: the field was not there
    nieuw: str | None  # None: the field is gone


def fields_of(data: bytes) -> dict[str, Any] | None:
    """The fields of a tender file's bytes; None when they do not parse into fields."""
    parsed = parse(data)
    return parsed.data if parsed.ok and isinstance(parsed.data, dict) else None


def _flat(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping) and (value or not prefix):
        for k, v in value.items():
            _flat(v, f"{prefix}.{k}" if prefix else str(k), out)
    else:
        out[prefix] = value


def show_value(field: str, value: Any) -> str:
    """A value as people read it: money in euro, ja/nee, a decimal comma, lists
    joined; long text shortened."""
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int) and field.endswith(_MONEY):
        return euro(value)
    if isinstance(value, float):
        return decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(show_value(field, v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{}"
    text = " ".join(clean(str(value)).split())
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _order(field: str) -> tuple[int, str]:
    top = field.split(".", 1)[0]
    return (TENDER_FIELDS.index(top) if top in TENDER_FIELDS else len(TENDER_FIELDS), field)


def field_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> tuple[FieldChange, ...]:
    """Every field that was added, removed or changed, in the order of the tender
    model's fields (unknown fields last)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _flat(old or {}, "", before)
    _flat(new or {}, "", after)
    out = []
    for field in sorted(before.keys() | after.keys(), key=_order):
        a, b = before.get(field), after.get(field)
        if field in before and field in after and type(a) is type(b) and a == b:
            continue
        old_shown = show_value(field, a) if field in before else None
        new_shown = show_value(field, b) if field in after else None
        if old_shown == new_shown:
            continue  # 5 and 5.0, or two texts that differ only in spacing
        out.append(FieldChange(field, old_shown, new_shown))
    return tuple(out)
