"""What changed in a tender between two versions, field by field (old -> new), in
the words and formats people see elsewhere (money as € 1.000.000, ja/nee)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inkoopcheck.fmt import decimal, euro
from inkoopcheck.models import TENDER_FIELDS, Tender


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # "contractwaarde", "publicatie.kwartaal", "themas.representatie"
    old: str  # "(leeg)" when the field was not there
    new: str


EMPTY = "(leeg)"


def _show(name: str, value: Any) -> str:
    if value is None or value == [] or value == {}:
        return EMPTY
    if name == "contractwaarde" and isinstance(value, int):
        return euro(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return decimal(value)  # a percentage of 2.5 reads 2,5
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return " ".join(str(value).split())  # one line: multi-line text is shown on one


def _flat(t: Tender) -> dict[str, Any]:
    data = t.model_dump(mode="json")
    out: dict[str, Any] = {}
    for name in TENDER_FIELDS:
        value = data.get(name)
        if isinstance(value, dict):
            for key, sub in value.items():
                out[f"{name}.{key}"] = sub
        else:
            out[name] = value
    return out


def changes(old: Tender, new: Tender) -> list[FieldChange]:
    """Every field whose value differs, in the order of the tender file."""
    before, after = _flat(old), _flat(new)
    names = list(before) + [n for n in after if n not in before]
    order = {n: i for i, n in enumerate(TENDER_FIELDS)}
    names.sort(key=lambda n: order.get(n.split(".")[0], len(order)))
    return [
        FieldChange(n, _show(n, before.get(n)), _show(n, after.get(n)))
        for n in names
        if _show(n, before.get(n)) != _show(n, after.get(n))
    ]
