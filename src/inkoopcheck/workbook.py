"""Reading an inkoopkalender workbook for `import`: the file guarded against zip
bombs, the sheet streamed cell by cell (only cells that exist), hidden rows and
columns recorded, merged cells filled down, and the header row found by name."""

from __future__ import annotations

import os
import stat
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from inkoopcheck.fmt import clean
from inkoopcheck.kader import Kader
from inkoopcheck.loader import show
from inkoopcheck.oserrors import reason
from inkoopcheck.values import (
    find_quarter,
    fold,
    words,
)

MAX_FILE_BYTES = 25_000_000
MAX_UNPACKED_BYTES = 250_000_000  # a small .xlsx that unpacks to gigabytes is a zip bomb
HEADER_SEARCH_ROWS = 30

# Header spellings, folded (see values.fold). The first column that matches wins.
HEADERS: dict[str, tuple[str, ...]] = {
    "titel": (
        "opdrachtomschrijving",
        "omschrijvingopdracht",
        "omschrijving",
        "titel",
        "wat",
        "onderwerp",
        "aanbesteding",
        "inkooptraject",
    ),
    "directie": (
        "directie",
        "directiestadsdeel",
        "stadsdeel",
        "opdrachtgever",
        "opdrachtgevendedirectie",
        "directieafdeling",
        "directieofafdeling",
        "diropdrachtgever",
    ),
    "leadbuyer": ("leadbuyer", "leadbuyers", "leadinkoper"),
    "contractwaarde": (
        "schattingcontractwaarde",
        "geschattecontractwaarde",
        "contractwaarde",
        "waarde",
        "geschattewaarde",
        "opdrachtwaarde",
        "raming",
        "bedrag",
    ),
    "zekerheid": (
        "waarschijnlijkheidpublicatiedatum",
        "waarschijnlijkheidpublicatie",
        "waarschijnlijkheid",
        "zekerheid",
        "zekerheidpublicatie",
    ),
    "publicatie": (
        "publicatie",
        "publicatiedatum",
        "publicatiekwartaal",
        "kwartaal",
        "verwachtepublicatie",
        "geplandepublicatie",
        "datumpublicatie",
    ),
    "soort": ("soort", "soortopdracht", "typeopdracht"),
    "cpv": ("cpv", "cpvcode", "cpvcodes"),
    "procedure": ("procedure", "aanbestedingsprocedure", "procedurevorm", "soortprocedure"),
    "personeel": ("personeel", "inzetpersoneel"),
    "status": ("status",),
    "contact": ("contact", "contactadres"),
    "opmerkingen": ("opmerkingen", "opmerking"),
    # an id column matches rows with the tenders of an earlier import
    "id": (
        "id",
        "kenmerk",
        "nummer",
        "nr",
        "zaaknummer",
        "inkoopnummer",
        "projectnummer",
        "referentie",
        "kenmerknummer",
    ),
}
_UNIT_SUFFIXES = ("exclbtw", "inclbtw", "ineuro", "ineuros", "euro", "eur")
TOTALS = ("totaal", "subtotaal", "total", "som", "eindtotaal", "generaaltotaal")

# What --update may change: values the sheet gives that are one-line keys in the file.


class ImportFileError(Exception):
    """The file cannot be read as a workbook (exit 2); the message is Dutch."""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(clean(str(value)).split())


def is_empty_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- reading the workbook --------------------------------------------------------------


def _guard(path: Path) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ImportFileError(f"'{show(path)}' bestaat niet.") from None
    except OSError as exc:
        raise ImportFileError(f"'{show(path)}' is niet te lezen: {reason(exc)}.") from None
    if not stat.S_ISREG(st.st_mode):
        raise ImportFileError(f"'{show(path)}' is geen gewoon bestand.")
    if st.st_size > MAX_FILE_BYTES:
        raise ImportFileError(f"'{show(path)}' is groter dan 25 MB; is dit een inkoopkalender?")
    name = path.name.casefold()
    if name.endswith(".xls"):
        raise ImportFileError(
            f"'{show(path)}' is een oud Excel-bestand (.xls). Open het in Excel en kies "
            "Opslaan als > Excel-werkmap (.xlsx)."
        )
    if name.endswith((".csv", ".ods")):
        raise ImportFileError(
            f"'{show(path)}' is geen Excel-werkmap. Open het in Excel of LibreOffice en sla "
            "het op als Excel-werkmap (.xlsx)."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(
            f"'{show(path)}' is geen Excel-werkmap (.xlsx) of is beschadigd. Sla de kalender "
            "in Excel op als Excel-werkmap (.xlsx) en probeer het opnieuw."
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(f"'{show(path)}' pakt uit tot meer dan 250 MB; dat lees ik niet.")


def open_workbook(path: Path) -> Any:
    """The workbook, or ImportFileError: openpyxl raises many kinds of exception
    on files that are not what they say, and none of them may reach the user.

    Read-only: the normal mode builds a cell object for every cell of the sheet's
    claimed size and of every merged range (one formatted cell at XFD1048576 or a
    merge G1:G1048576 is a million of them); `read_sheet` reads what exists."""
    _guard(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # the boundary with a file from anywhere
        raise ImportFileError(
            f"'{show(path)}' is geen leesbare Excel-werkmap (.xlsx). Open het in Excel, "
            "kies Opslaan als > Excel-werkmap (.xlsx) en probeer het opnieuw."
        ) from None


def _header_key(text: str) -> str:
    key = fold(text)
    for suffix in _UNIT_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key.removesuffix(suffix)
            break
    return key


def _theme_abbreviation(header: str, kader: Kader) -> str | None:
    """The theme a shortened header names: `Toegank.`, `Soc. veiligh.`, `Repr.`
    (each word the start of the theme's name, at least four letters in all), or
    the initials of its name (`SV`). None when no theme or more than one fits."""
    hw = words(header)
    if not hw:
        return None
    found: set[str] = set()
    for key, thema in kader.themas.items():
        for name in (thema.naam, key.replace("_", " "), thema.label):
            nw = words(name)
            if (
                len(hw) == len(nw)
                and sum(map(len, hw)) >= 4
                and all(n.startswith(h) for h, n in zip(hw, nw, strict=True))
            ):
                found.add(key)
        initials = "".join(w[0] for w in words(thema.naam))
        if len(initials) >= 2 and fold(header) == initials:
            found.add(key)
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Choice:
    """Two or more columns could fill one field: which one is used, and why."""

    field: str
    used: int
    others: tuple[int, ...]
    why: str


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    used: dict[str, int]  # field -> column index (0-based)
    choices: tuple[Choice, ...]
    unknown: tuple[int, ...]  # columns whose header names no field


def header_columns(cells: Sequence[Any], kader: Kader) -> HeaderMatch:
    """Which column fills which field. Where two columns could, the better
    spelling (the order of HEADERS: 'Schatting contractwaarde' before 'Waarde')
    wins, and on a tie the leftmost."""
    lookup: dict[str, tuple[str, int]] = {}
    for name, spellings in HEADERS.items():
        for rank, s in enumerate(spellings):
            lookup.setdefault(s, (name, rank))
    for key, thema in kader.themas.items():
        for rank, spelling in enumerate((key, thema.label, thema.naam)):
            lookup.setdefault(fold(spelling), (f"themas.{key}", rank))
    candidates: dict[str, list[tuple[int, int]]] = {}
    unknown: list[int] = []
    for i, cell in enumerate(cells):
        if is_empty_cell(cell):
            continue
        text = cell_text(cell)
        matched = lookup.get(_header_key(text))
        if matched is None:
            theme = _theme_abbreviation(text, kader)
            matched = (f"themas.{theme}", 10) if theme else None
        if matched is None:
            unknown.append(i)
        else:
            candidates.setdefault(matched[0], []).append((matched[1], i))
    used: dict[str, int] = {}
    choices: list[Choice] = []
    for name, found in candidates.items():
        found.sort()
        used[name] = found[0][1]
        if len(found) > 1:
            why = "de meest linkse kolom" if found[0][0] == found[1][0] else "die kop past het best"
            choices.append(Choice(name, found[0][1], tuple(i for _, i in found[1:]), why))
    return HeaderMatch(used, tuple(choices), tuple(unknown))


def match_headers(cells: Sequence[Any], kader: Kader) -> dict[str, int]:
    """field -> column index (0-based) for the recognised headers of one row."""
    return header_columns(cells, kader).used


MAX_FILLED_ROWS = 100_000  # a calendar has hundreds of rows; this is not one
MAX_GRID_CELLS = 5_000_000  # the filled rows times their width, as held in memory
_HIDDEN = ("1", "true")


@dataclass(slots=True)
class SheetData:
    """What a sheet holds: only the rows with a value, each from column A up to
    its last value, vertically merged cells filled down. Hidden rows and columns
    are not data: they are left out, and kept aside to be reported."""

    title: str
    rows: list[tuple[int, list[Any]]]  # (1-based row number, values)
    hidden_rows: list[int]  # hidden rows that hold a value
    hidden_columns: set[int]  # 0-based
    hidden_headers: dict[int, dict[int, Any]]  # row -> column -> value, top rows only


def _bounded(ws: Any, count: int, cells: int) -> None:
    if count > MAX_FILLED_ROWS or cells > MAX_GRID_CELLS:
        raise ImportFileError(
            f"blad '{ws.title}' bevat meer dan {MAX_FILLED_ROWS:,} gevulde regels of "
            f"{MAX_GRID_CELLS:,} cellen; dat is geen inkoopkalender die ik inlees. Kopieer "
            "alleen de tabel naar een nieuwe werkmap en importeer die.".replace(",", ".")
        )


def read_sheet(workbook: Any, ws: Any) -> SheetData:
    """Stream the sheet's XML once: cells that hold a value, hidden rows and
    columns, merged ranges. Never the sheet's claimed size (see open_workbook)."""
    parser = WorkSheetParser(
        ws._get_source(),
        ws._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    rows: list[tuple[int, list[Any]]] = []
    hidden_rows: list[int] = []
    hidden_cells: dict[int, dict[int, Any]] = {}
    hidden_spans: list[tuple[int, int]] | None = None
    total = 0
    try:
        for number, cells in parser.parse():
            if hidden_spans is None:  # <cols> comes before the rows
                hidden_spans = [
                    (int(a["min"]) - 1, int(a["max"]) - 1)
                    for a in parser.column_dimensions.values()
                    if str(a.get("hidden", "")).casefold() in _HIDDEN
                ]
            filled = [(c["column"] - 1, c["value"]) for c in cells if not is_empty_cell(c["value"])]
            if not filled:
                continue
            if str(parser.row_dimensions.get(str(number), {}).get("hidden", "")) in _HIDDEN:
                hidden_rows.append(number)
                _bounded(ws, len(rows) + len(hidden_rows), total)
                continue
            values: list[Any] = []
            for col, value in filled:
                if any(lo <= col <= hi for lo, hi in hidden_spans):
                    if number <= HEADER_SEARCH_ROWS:
                        hidden_cells.setdefault(number, {})[col] = value
                    continue
                if col >= len(values):
                    values.extend([None] * (col + 1 - len(values)))
                values[col] = value
            if values:
                rows.append((number, values))
                total += len(values)
                _bounded(ws, len(rows) + len(hidden_rows), total)
        merged = parser.merged_cells
    except ImportFileError:
        raise
    except Exception:  # a damaged sheet: the boundary with a file from anywhere
        raise ImportFileError(
            f"blad '{ws.title}' is beschadigd en niet te lezen. Open de werkmap in Excel, "
            "sla haar opnieuw op als Excel-werkmap (.xlsx) en probeer het opnieuw."
        ) from None
    hidden_columns: set[int] = set()
    for lo, hi in hidden_spans or ():
        hidden_columns.update(range(lo, min(hi, 16383) + 1))
    _fill_down(rows, merged)
    return SheetData(str(ws.title), rows, hidden_rows, hidden_columns, hidden_cells)


def _fill_down(rows: list[tuple[int, list[Any]]], merged: Any) -> None:
    """A directie written once beside a group of rows belongs to each of them:
    the value of a vertically merged range goes to the filled rows it spans."""
    if merged is None:
        return
    numbers = [n for n, _ in rows]
    for item in merged.mergeCell:
        try:
            area = CellRange(item.ref)
        except (TypeError, ValueError):
            continue
        top = bisect_left(numbers, area.min_row)
        if top == len(numbers) or numbers[top] != area.min_row:
            continue  # the top cell is empty or hidden
        col = area.min_col - 1
        first = rows[top][1]
        value = first[col] if col < len(first) else None
        if value is None:
            continue
        for k in range(top + 1, bisect_right(numbers, area.max_row)):
            cells = rows[k][1]
            if col >= len(cells):
                cells.extend([None] * (col + 1 - len(cells)))
            cells[col] = value


def find_header(rows: list[tuple[int, list[Any]]], kader: Kader) -> tuple[int, HeaderMatch] | None:
    """(index in rows, columns) of the first row in the top 30 that names a title
    and one more field."""
    for i, (number, cells) in enumerate(rows):
        if number > HEADER_SEARCH_ROWS:
            break
        found = header_columns(cells, kader)
        if "titel" in found.used and len(found.used) >= 2:
            return i, found
    return None


def title_quarter(rows: list[tuple[int, list[Any]]], header: int) -> str | None:
    """'Aanstaande Europese aanbestedingen Q1 2025' above the header sets the quarter."""
    for _, cells in rows[:header]:
        for cell in cells:
            if isinstance(cell, str):
                found = find_quarter(cell)
                if found is not None:
                    return found
    return None
