"""The one safe way to change a tender file: plan the line edits, apply them
keeping comments and layout (`tenderedit`), check that the result loads as
exactly the intended tender, and only then write it atomically. Used by
`import --update` and `tenderned --apply`; the next command that edits a field
uses it too."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from inkoopcheck.atomic import write_atomic
from inkoopcheck.kader import Kader
from inkoopcheck.loader import load_tender, show
from inkoopcheck.models import Tender
from inkoopcheck.oserrors import reason
from inkoopcheck.tenderedit import Edit, EditRefused, apply
from inkoopcheck.tenderfile import (
    check_text,
    scalar,
)


def show_value(value: Any) -> str:
    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def yaml_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(value) + "]"
    return scalar(str(value))


class UpdateFailed(Exception):
    """The file was not changed; the message says why and what to do (Dutch).
    `written`: it failed at the write itself."""

    def __init__(self, message: str, written: bool = False) -> None:
        super().__init__(message)
        self.written = written


def update_file(
    path: Path,
    old: Tender,
    edits: list[Edit],
    update: dict[str, Any],
    data_root: Path,
    kader: Kader,
    peildatum: date,
    *,
    write: bool = True,
    durable: bool = True,
) -> str:
    """Apply `edits` to the file of `old` line by line, check that the result
    loads and passes the checks as exactly `old` with `update`, and write it
    atomically (unless `write` is false; `durable=False` leaves the fsync to a
    batch that syncs once). The new text; UpdateFailed otherwise."""
    where = show(path)
    try:
        original = path.read_text(encoding="utf-8")
        source = load_tender(path).source
        text = apply(original, source, edits)
    except (EditRefused, OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, OSError):  # strerror is English
            why = reason(exc)
        elif isinstance(exc, UnicodeDecodeError):
            why = "het is geen UTF-8-tekst"
        else:
            why = str(exc)
        raise UpdateFailed(
            f"kan {where} niet veilig bijwerken ({why}); pas het met de hand aan"
        ) from None
    checked = check_text(text, path, data_root, kader, peildatum)
    expected = _expected(old, update)
    if (
        checked.errors
        or checked.tender is None
        or expected is None
        or checked.tender.model_dump() != expected.model_dump()
    ):
        why = "; ".join(f.message for f in checked.errors) or "het resultaat klopt niet"
        raise UpdateFailed(f"kan {where} niet veilig bijwerken ({why}); pas het met de hand aan")
    if write:
        try:
            write_atomic(path, text.encode("utf-8"), durable=durable)
        except OSError as exc:
            raise UpdateFailed(f"kon {where} niet schrijven: {reason(exc)}", written=True) from None
    return text


def _expected(old: Tender, update: dict[str, Any]) -> Tender | None:
    """`old` with `update` applied, validated like a file would be."""
    data = old.model_dump(mode="python", exclude_none=True)
    for key, value in update.items():
        if key == "publicatie":
            value = {k: v for k, v in value.items() if v is not None}
        data[key] = value
    try:
        return Tender.model_validate(data)
    except Exception:  # then the edit is not one we can vouch for
        return None
