"""The one way we write CSV: every cell of every row, headers included, goes
through the same guard, so no text a spreadsheet would read as a formula (`=`,
`+`, `-`, `@`, tab, carriage return: `fmt.looks_like_formula`) reaches it live.
The guard is OWASP's advice against CSV injection: a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from inkoopcheck.export import SOCIAL_RETURN_COLUMNS
from inkoopcheck.fmt import clean, looks_like_formula


def inert(value: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates. A lone "-" (our mark for
    "no") is text to every spreadsheet already."""
    return "'" + value if value != "-" and looks_like_formula(value) else value


def csv_text(
    rows: Iterable[Sequence[str]], *, delimiter: str = ",", lineterminator: str = "\n"
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([inert(cell) for cell in row])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return clean(str(value))


def social_return_csv(rows: list[dict[str, Any]]) -> str:
    """The social-return export (columns: docs/social-return.md)."""
    table = [list(SOCIAL_RETURN_COLUMNS)]
    table += [[_cell(row[c]) for c in SOCIAL_RETURN_COLUMNS] for row in rows]
    return csv_text(table)
