"""`inkoopcheck import`: an inkoopkalender in Excel -> tender files.

Real calendars are messy, so the reader looks for the header row (not always
the first), matches headers without regard to case, spaces and punctuation,
fills merged cells down, skips blank and totals rows, and reads amounts and
certainty labels as people type them. Every row becomes a valid tender, or a
line in the report that says which sheet, which row and what was wrong.

Nothing is ever overwritten: a row whose tender exists is skipped, unless
`update` is asked for, and then only the values the sheet gives are changed,
line by line (`tenderedit`). openpyxl is imported here only.
"""

from __future__ import annotations

import os
import stat
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from inkoopcheck.atomic import write_atomic
from inkoopcheck.fmt import clean
from inkoopcheck.kader import Kader, normalise
from inkoopcheck.loader import load_tender, show
from inkoopcheck.models import Tender
from inkoopcheck.names import did_you_mean
from inkoopcheck.oserrors import reason
from inkoopcheck.tenderedit import Edit, EditRefused, apply
from inkoopcheck.tenderfile import (
    Existing,
    TenderFields,
    TenderIndex,
    check_text,
    destination,
    render,
    scalar,
    write_new,
)
from inkoopcheck.values import (
    ValueProblem,
    check_id,
    find_quarter,
    fold,
    is_unknown,
    parse_amount,
    parse_cpv,
    parse_ja_nee,
    parse_procedure,
    parse_publicatie,
    parse_soort,
    parse_status,
    parse_thema_mark,
    propose_id,
    slug,
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
_TOTALS = ("totaal", "subtotaal", "total", "som", "eindtotaal", "generaaltotaal")

# What --update may change: values the sheet gives that are one-line keys in the file.
UPDATABLE = (
    "titel",
    "leadbuyer",
    "soort",
    "cpv",
    "contractwaarde",
    "procedure",
    "personeel",
    "status",
)


class ImportFileError(Exception):
    """The file cannot be read as a workbook (exit 2); the message is Dutch."""


class Outcome(StrEnum):
    NIEUW = "nieuw"
    BIJGEWERKT = "bijgewerkt"
    OVERGESLAGEN = "overgeslagen"
    MISLUKT = "mislukt"
    GENEGEERD = "genegeerd"


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RowResult:
    sheet: str
    row: int
    outcome: Outcome
    message: str
    path: Path | None = None
    text: str | None = None  # what was (or would be) written
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """What was read from one sheet, and every column and row that was not used."""

    name: str
    header_row: int
    columns: tuple[tuple[str, str], ...]  # (field, header as written)
    kwartaal_from_title: str | None
    title_rows: tuple[int, ...] = ()  # rows whose empty publication it filled
    ignored: tuple[str, ...] = ()  # "'Contactpersoon' (kolom E)"
    choices: tuple[str, ...] = ()  # which of two columns filled a field, and why
    hidden_columns: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Gone:
    """A tender from an earlier import of this sheet whose row is gone now."""

    sheet: str
    path: Path
    titel: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    sheets: tuple[SheetInfo, ...]
    rows: tuple[RowResult, ...]
    gone: tuple[Gone, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def failed(self) -> bool:
        return any(r.outcome is Outcome.MISLUKT for r in self.rows)


@dataclass(frozen=True, slots=True)
class Defaults:
    """Values for rows whose sheet does not give them (from the options)."""

    directie: str | None = None  # canonical
    kwartaal: str | None = None
    zekerheid: str | None = None
    procedure: str | None = None
    soort: str | None = None


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
        if _empty(cell):
            continue
        text = _text(cell)
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
            filled = [(c["column"] - 1, c["value"]) for c in cells if not _empty(c["value"])]
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


def _title_quarter(rows: list[tuple[int, list[Any]]], header: int) -> str | None:
    """'Aanstaande Europese aanbestedingen Q1 2025' above the header sets the quarter."""
    for _, cells in rows[:header]:
        for cell in cells:
            if isinstance(cell, str):
                found = find_quarter(cell)
                if found is not None:
                    return found
    return None


# --- one row -> tender fields ----------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(clean(str(value)).split())


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(slots=True)
class _Row:
    """What one row gives; `given` holds the fields its cells provide."""

    fields: TenderFields
    given: set[str] = field(default_factory=set)
    themas: dict[str, str] = field(default_factory=dict)
    from_title: bool = False  # the publication quarter came from the sheet's title


def _read_row(
    cells: list[Any],
    columns: dict[str, int],
    kader: Kader,
    defaults: Defaults,
    title_quarter: str | None,
    marks: dict[int, str] | None = None,
) -> _Row:
    """Raises ValueProblem with every problem of the row, joined. `marks` are
    columns that hold X and - but name no theme: a mark there fails the row, for
    it must not become 'open' without a word."""

    def cell(name: str) -> Any:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    problems: list[str] = []
    given: set[str] = set()
    values: dict[str, Any] = {}

    def read(name: str, parse: Callable[[Any], Any], label: str | None) -> None:
        raw = cell(name)
        if _empty(raw):
            return
        try:
            value = parse(raw)
        except ValueProblem as exc:
            problems.append(f"{label}: {exc}" if label else str(exc))
            return
        if value is not None:
            values[name] = value
            given.add(name)

    titel = _text(cell("titel"))
    if titel:
        given.add("titel")  # changes only when the row matched by id or as renamed
    read("directie", lambda v: _resolve(kader, "directie", _text(v)), None)
    read("leadbuyer", lambda v: _resolve(kader, "leadbuyer", _text(v)), None)
    read("contractwaarde", parse_amount, "waarde")
    read("soort", lambda v: parse_soort(_text(v)), "soort")
    read("cpv", parse_cpv, "CPV")
    read("procedure", lambda v: parse_procedure(_text(v)), "procedure")
    read("personeel", parse_ja_nee, "personeel")
    read("status", lambda v: parse_status(_text(v)), "status")
    read("contact", lambda v: _text(v) or None, "contact")
    read("opmerkingen", lambda v: clean(str(v)).strip() or None, "opmerkingen")
    read("id", _id_value, "id")
    for i, header in (marks or {}).items():
        if i < len(cells) and not _empty(cells[i]):
            problems.append(
                f"kolom '{header}' heeft '{_text(cells[i])}', maar die kop is geen thema uit "
                f"kader.yaml; noem de kolom naar een thema ({_theme_names(kader)}) of haal "
                "de markering weg"
            )

    kwartaal: str | None = None
    datum: date | None = None
    zekerheid: str | None = None
    unreadable_publicatie = False
    for name in ("publicatie", "zekerheid"):
        raw = cell(name)
        if _empty(raw):
            continue
        try:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                raise ValueProblem(f"'{_text(raw)}' is geen kwartaal, datum of zekerheid")
            q, d, z = parse_publicatie(raw)
        except ValueProblem as exc:
            problems.append(f"publicatie: {exc}")
            unreadable_publicatie = True
            continue
        kwartaal, datum, zekerheid = q or kwartaal, d or datum, z or zekerheid
    if kwartaal or datum:
        given.add("publicatie.tijd")
    if zekerheid:
        given.add("publicatie.zekerheid")
    themas: dict[str, str] = {}
    for key in kader.themas:
        raw = cell(f"themas.{key}")
        try:
            mark = parse_thema_mark(raw)
        except ValueProblem as exc:
            problems.append(f"{kader.themas[key].label}: {exc}")
            continue
        if mark is not None:
            themas[key] = mark

    # --directie is for rows that name none; a row that names one keeps it, and a
    # directie that is unknown fails the row rather than falling back on the option
    named = not _empty(cell("directie"))
    directie = values.get("directie") if named else defaults.directie
    if not titel:
        problems.insert(0, "geen opdrachtomschrijving")
    if named and directie is None and defaults.directie is not None:
        problems.append("--directie geldt alleen voor regels zonder directie")
    elif directie is None and not named:
        problems.append("geen directie: vul de kolom Directie in of geef --directie")
    from_title = False
    if kwartaal is None and datum is None:
        from_title = defaults.kwartaal is None and title_quarter is not None
        kwartaal = defaults.kwartaal or title_quarter
    zekerheid = zekerheid or defaults.zekerheid
    if unreadable_publicatie:
        pass  # said above; what follows from it would only repeat it
    elif (kwartaal or datum) and zekerheid is None:
        problems.append(
            "geen zekerheid van de publicatie: voeg een kolom Waarschijnlijkheid toe of geef "
            "--zekerheid"
        )
    elif zekerheid not in (None, "zeer-onzeker") and not (kwartaal or datum):
        problems.append(
            "geen publicatiekwartaal of -datum: voeg een kolom Publicatie toe of geef --kwartaal"
        )
    if problems:
        raise ValueProblem("; ".join(problems))
    assert directie is not None
    year = datum.year if datum else int(kwartaal[:4]) if kwartaal else None
    fields = TenderFields(
        id=values.get("id") or propose_id(titel, year),
        titel=titel,
        directie=directie,
        status=values.get("status", "kalender"),
        leadbuyer=values.get("leadbuyer"),
        soort=values.get("soort") or defaults.soort,
        cpv=values.get("cpv", ()),
        contractwaarde=values.get("contractwaarde"),
        procedure=values.get("procedure") or defaults.procedure,
        kwartaal=kwartaal,
        datum=datum,
        zekerheid=zekerheid,
        personeel=values.get("personeel"),
        themas=tuple(themas.items()),
        contact=values.get("contact"),
        opmerkingen=values.get("opmerkingen"),
    )
    return _Row(fields, given, themas, from_title)


def _theme_names(kader: Kader) -> str:
    return ", ".join(t.label for t in kader.themas.values())


def _id_value(value: Any) -> str | None:
    """An id column (`Kenmerk`, `Nummer`): the value as an id, `INK-2025/017` ->
    `ink-2025-017`; a bare number gets 'nr-' before it; 'n.t.b.' is no id yet."""
    text = _text(value)
    if is_unknown(text):
        return None
    try:
        return check_id(text)
    except ValueProblem:
        pass
    made = slug(text)
    if (made and len(made) < 3) or made.isdigit():
        made = f"nr-{made}"
    return check_id(made) if made else check_id(text)


def _resolve(kader: Kader, what: str, name: str) -> str:
    if is_unknown(name):
        raise ValueProblem(f"de {what} is niet ingevuld")
    if what == "directie":
        found = kader.resolve_directie(name)
        spellings = kader.directie_names()
    else:
        found = kader.resolve_leadbuyer(name)
        spellings = list(kader.leadbuyers)
    if found is None:
        guess = did_you_mean(name, spellings)
        raise ValueProblem(
            f"onbekende {what} '{name}'" + (f" — bedoel je '{guess}'?" if guess else "")
        )
    return found


def _is_totals(cells: list[Any], columns: dict[str, int]) -> bool:
    """'Totaal' (or a bare sum under the amount column), with nothing else filled in."""
    filled = {name for name, i in columns.items() if i < len(cells) and not _empty(cells[i])}
    if filled == {"contractwaarde"}:
        return True
    first = next((c for c in cells if not _empty(c)), None)
    label = words(first) if isinstance(first, str) else []
    return bool(label) and label[0] in _TOTALS and filled <= {"titel", "contractwaarde"}


# --- comparing with what exists -----------------------------------------------------------


def _show(value: Any) -> str:
    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _yaml(value: Any) -> str:
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


def _planned_edits(
    old: Tender, row: _Row, kader: Kader
) -> tuple[list[Change], list[Edit], dict[str, Any]]:
    """What the row would change in `old`: the changes to show, the line edits,
    and the model update to verify the edited file against."""
    new = row.fields
    changes: list[Change] = []
    edits: list[Edit] = []
    update: dict[str, Any] = {}
    for name in UPDATABLE:
        if name not in row.given:
            continue
        value: Any = getattr(new, name)
        current: Any = getattr(old, name)
        if name == "titel":
            same = normalise(current) == normalise(value)
        elif name == "leadbuyer" and current is not None:
            same = kader.resolve_leadbuyer(current) == value
        elif name == "cpv":
            same = tuple(current) == tuple(value)
            value = list(value)
        else:
            same = current == value
        if not same:
            changes.append(Change(name, _show(current), _show(value)))
            edits.append(Edit((name,), _yaml(value)))
            update[name] = value
    pub = old.publicatie
    kw: str | None = pub.kwartaal if pub else None
    dt: date | None = pub.datum if pub else None
    zk: str | None = pub.zekerheid if pub else None
    new_kw, new_dt, new_zk = kw, dt, zk
    if "publicatie.tijd" in row.given:
        new_kw, new_dt = new.kwartaal, new.datum
    if "publicatie.zekerheid" in row.given:
        new_zk = new.zekerheid
    for key, before, after in (("kwartaal", kw, new_kw), ("datum", dt, new_dt)):
        if before != after:
            changes.append(Change(f"publicatie.{key}", _show(before), _show(after)))
            edits.append(Edit(("publicatie", key), None if after is None else _yaml(after)))
    if zk != new_zk:
        changes.append(Change("publicatie.zekerheid", _show(zk), _show(new_zk)))
        edits.append(Edit(("publicatie", "zekerheid"), _yaml(new_zk)))
    if (kw, dt, zk) != (new_kw, new_dt, new_zk):
        update["publicatie"] = {"kwartaal": new_kw, "datum": new_dt, "zekerheid": new_zk}
    themas: dict[str, str] = dict(old.themas)
    for key, mark in row.themas.items():
        if old.theme(key) != mark:
            changes.append(Change(f"themas.{key}", old.theme(key), mark))
            edits.append(Edit(("themas", key), mark))
            themas[key] = mark
    if themas != old.themas:
        update["themas"] = themas
    # canonical order, so inserted keys land where the shipped files have them
    edits.sort(key=lambda e: _FIELD_ORDER.get(str(e.loc[0]), 99))
    return changes, edits, update


_FIELD_ORDER = {name: i for i, name in enumerate(Tender.model_fields)}


# --- the import -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    sheet: str | None = None
    all_sheets: bool = False
    defaults: Defaults = field(default_factory=Defaults)
    update: bool = False
    dry_run: bool = False
    bron: str | None = None
    nieuw: bool = False  # write rows that look like a renamed tender as new ones


def sheet_names(workbook: Any) -> list[str]:
    return [str(ws.title) for ws in workbook.worksheets]


@dataclass(frozen=True, slots=True)
class _Sheet:
    data: SheetData
    header: int  # index in data.rows
    match: HeaderMatch


def choose_sheets(workbook: Any, kader: Kader, options: Options) -> list[_Sheet]:
    """The sheets to import with their rows, header row and columns, or
    ImportFileError when there is nothing to import."""
    names = sheet_names(workbook)
    if options.sheet is not None:
        wanted = [
            ws for ws in workbook.worksheets if normalise(ws.title) == normalise(options.sheet)
        ]
        if not wanted:
            raise ImportFileError(
                f"blad '{options.sheet}' bestaat niet; de bladen zijn: {', '.join(names)}."
            )
    else:
        wanted = list(workbook.worksheets)
    chosen = []
    for ws in wanted:
        if not hasattr(ws, "_get_source"):
            continue  # a chart sheet
        data = read_sheet(workbook, ws)
        found = find_header(data.rows, kader)
        if found is None:
            if options.sheet is not None:
                raise ImportFileError(
                    f"blad '{ws.title}' heeft geen herkenbare kopregel. {_HEADER_HELP}"
                )
            continue
        chosen.append(_Sheet(data, found[0], found[1]))
        if not options.all_sheets and options.sheet is None:
            break
    if not chosen:
        raise ImportFileError(f"geen blad met een herkenbare kopregel gevonden. {_HEADER_HELP}")
    return chosen


_HEADER_HELP = (
    "Ik zoek in de eerste 30 regels naar een kolom 'Opdracht omschrijving' (of "
    "'Omschrijving', 'Titel') en minstens één andere bekende kolom, zoals 'Directie', "
    "'Leadbuyer', 'Schatting contractwaarde' of 'Waarschijnlijkheid publicatiedatum'."
)


def _data_rows(sheet: _Sheet) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cells) of the rows below the header that hold anything."""
    wanted = sorted(set(sheet.match.used.values()))
    for number, cells in sheet.data.rows[sheet.header + 1 :]:
        if all(_empty(cells[c]) if c < len(cells) else True for c in wanted):
            continue  # a blank row (or one with only notes beside the table)
        yield number, cells


def _column(i: int) -> str:
    return get_column_letter(i + 1)


def _named(header: Any, i: int) -> str:
    return f"'{_text(header)}' (kolom {_column(i)})"


def _is_mark(value: Any) -> bool:
    try:
        return parse_thema_mark(value) in ("ja", "nee")
    except ValueProblem:
        return False


@dataclass(slots=True)
class _SheetWork:
    """One sheet during the import: what the report says about it."""

    sheet: _Sheet
    quarter: str | None
    marks: dict[int, str]
    ignored: list[str]
    choices: list[str]
    title_rows: list[int] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # normalised titles of all its rows

    def info(self) -> SheetInfo:
        data, match = self.sheet.data, self.sheet.match
        header = data.rows[self.sheet.header]
        cells = header[1]
        hidden_header = data.hidden_headers.get(header[0], {})
        return SheetInfo(
            data.title,
            header[0],
            tuple((name, _text(cells[i])) for name, i in match.used.items()),
            self.quarter,
            tuple(self.title_rows),
            tuple(self.ignored),
            tuple(self.choices),
            tuple(_named(v, i) for i, v in sorted(hidden_header.items())),
            tuple(n for n in data.hidden_rows if n > header[0]),
        )


def _sheet_work(sheet: _Sheet, kader: Kader) -> _SheetWork:
    """Every column of the sheet: used, or said why not."""
    cells = sheet.data.rows[sheet.header][1]
    match = sheet.match
    headed = {i for i, c in enumerate(cells) if not _empty(c)}
    body = sheet.data.rows[sheet.header + 1 :]
    filled: set[int] = set()
    for _, row in body:
        filled.update(i for i, v in enumerate(row) if not _empty(v))
    ignored = [_named(cells[i], i) for i in match.unknown]
    ignored += [f"kolom {_column(i)} (zonder kop)" for i in sorted(filled - headed)]
    marks = {}
    for i in match.unknown:
        values = [row[i] for _, row in body if i < len(row) and not _empty(row[i])]
        if all(_any_mark(v) for v in values) and any(_is_mark(v) for v in values):
            marks[i] = _text(cells[i])
    choices = []
    for c in match.choices:
        others = " en ".join(_named(cells[i], i) for i in c.others)
        choices.append(
            f"{_named(cells[c.used], c.used)} gebruikt voor {c.field.removeprefix('themas.')}, "
            f"niet {others}: {c.why}"
        )
    return _SheetWork(sheet, _title_quarter(sheet.data.rows, sheet.header), marks, ignored, choices)


def _any_mark(value: Any) -> bool:
    """Whether `value` is any theme mark (X, -, open)."""
    try:
        return parse_thema_mark(value) is not None
    except ValueProblem:
        return False


def _slot(
    directie: str | None, kwartaal: str | None, datum: date | None, waarde: int | None
) -> Any:
    """What a renamed tender keeps: directie, publication and value (all known)."""
    if directie is None or waarde is None or (kwartaal is None and datum is None):
        return None
    return directie, kwartaal, datum, waarde


def _slots(existing: TenderIndex, kader: Kader) -> dict[Any, list[Existing]]:
    found: dict[Any, list[Existing]] = {}
    seen: set[Path] = set()
    for e in existing.by_id.values():
        t = e.tender
        if t is None or e.path in seen:
            continue
        seen.add(e.path)
        pub = t.publicatie
        key = _slot(
            kader.resolve_directie(t.directie),
            pub.kwartaal if pub else None,
            pub.datum if pub else None,
            t.contractwaarde,
        )
        if key is not None:
            found.setdefault(key, []).append(e)
    return found


def run_import(
    path: Path,
    data_root: Path,
    kader: Kader,
    options: Options,
    peildatum: date,
    existing: TenderIndex,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import every usable row; ImportFileError when the file cannot be read."""
    workbook = open_workbook(path)
    try:
        chosen = choose_sheets(workbook, kader, options)
    finally:
        workbook.close()
    sheets = [_sheet_work(sheet, kader) for sheet in chosen]
    if options.defaults.directie is None:
        for sw in sheets:
            if "directie" not in sw.sheet.match.used:
                raise ImportFileError(
                    f"blad '{sw.sheet.data.title}' heeft geen kolom Directie; geef de directie "
                    "op met --directie NAAM (bijvoorbeeld --directie Inkoop). --directie geldt "
                    "alleen voor regels zonder directie."
                )
    bron = options.bron or f"Import uit {path.name}"
    before = list({e.path: e for e in existing.by_id.values()}.values())
    # first every row read, and what it matches by id or title: a tender that a row
    # still names is no candidate for another row's 'renamed'
    # per row: what it gives, or why not (a problem, 'totaalregel', None = hidden)
    parsed: list[tuple[_SheetWork, int, _Row | ValueProblem | str | None]] = []
    claimed: set[Path] = set()
    for sw in sheets:
        hidden = set(sw.sheet.data.hidden_rows)
        work = [(n, c) for n, c in _data_rows(sw.sheet)]
        work += [(n, []) for n in sorted(hidden) if n > sw.sheet.data.rows[sw.sheet.header][0]]
        work.sort(key=lambda item: item[0])
        for number, cells in work:
            if number in hidden:
                parsed.append((sw, number, None))
                continue
            t = sw.sheet.match.used["titel"]
            titel = cells[t] if t < len(cells) else None
            if not _empty(titel):
                sw.titles.add(normalise(_text(titel)))
            if _is_totals(cells, sw.sheet.match.used):
                parsed.append((sw, number, "totaalregel"))
                continue
            try:
                read = _read_row(
                    cells, sw.sheet.match.used, kader, options.defaults, sw.quarter, sw.marks
                )
            except ValueProblem as exc:
                parsed.append((sw, number, exc))
                continue
            parsed.append((sw, number, read))
            match = _match(read.fields, "id" in read.given, kader, existing)
            if match is not None:
                claimed.add(match.path)
    slots = _slots(existing, kader)
    results: list[RowResult] = []
    for done, (sw, number, got) in enumerate(parsed, 1):
        sheet = sw.sheet.data.title
        if got is None:
            results.append(RowResult(sheet, number, Outcome.GENEGEERD, "verborgen regel"))
        elif isinstance(got, str):
            results.append(RowResult(sheet, number, Outcome.GENEGEERD, got))
        elif isinstance(got, ValueProblem):
            results.append(RowResult(sheet, number, Outcome.MISLUKT, str(got)))
        else:
            if got.from_title:
                sw.title_rows.append(number)
            results.append(
                _import_row(
                    sheet, number, got, kader, options, bron, data_root, peildatum, existing,
                    slots, claimed,
                )
            )  # fmt: skip
        if progress is not None:
            progress(done, len(parsed))
    if not options.dry_run and any(
        r.outcome in (Outcome.NIEUW, Outcome.BIJGEWERKT) for r in results
    ):
        os.sync()  # one sync for the whole batch instead of an fsync per file
    touched = claimed | {r.path for r in results if r.path is not None}
    gone = [
        Gone(sw.sheet.data.title, e.path, e.tender.titel)
        for sw in sheets
        for e in before
        if e.tender is not None
        and e.tender.bron == f"{bron}, blad {sw.sheet.data.title}"
        and e.path not in touched
        and normalise(e.tender.titel) not in sw.titles
    ]
    return ImportResult(tuple(sw.info() for sw in sheets), tuple(results), tuple(gone))


def _match(
    fields: TenderFields, by_id: bool, kader: Kader, existing: TenderIndex
) -> Existing | None:
    """The existing tender a row is: by its id column first, else by directie and title."""
    if by_id:
        found = existing.find(fields.id)
        if found is not None and _same_directie(found, fields.directie, kader):
            return found
    return existing.find_title(fields.directie, fields.titel)


def _import_row(
    sheet: str,
    number: int,
    row: _Row,
    kader: Kader,
    options: Options,
    bron: str,
    data_root: Path,
    peildatum: date,
    existing: TenderIndex,
    slots: dict[Any, list[Existing]],
    claimed: set[Path],
) -> RowResult:
    def result(outcome: Outcome, message: str, **kw: Any) -> RowResult:
        return RowResult(sheet, number, outcome, message, **kw)

    fields = replace(row.fields, bron=f"{bron}, blad {sheet}")
    match = _match(fields, "id" in row.given, kader, existing)
    if match is None and "id" not in row.given:
        by_id = existing.find(fields.id)
        if by_id is not None and _same_directie(by_id, fields.directie, kader):
            match = by_id
        elif by_id is not None:  # the same title at another directie: its own id
            fields = replace(fields, id=_free_id(fields, kader, existing))
    elif match is None and existing.find(fields.id) is not None:
        other = existing.find(fields.id)
        assert other is not None
        return result(
            Outcome.MISLUKT,
            f"id '{fields.id}' hoort bij {show(other.path)}, van een andere directie; "
            "controleer de directie of het kenmerk",
        )
    if match is None and "id" not in row.given and not options.nieuw:
        key = _slot(fields.directie, fields.kwartaal, fields.datum, fields.contractwaarde)
        renamed = [e for e in slots.get(key, []) if e.path not in claimed]
        if renamed:
            old = renamed[0]
            claimed.add(old.path)
            if not options.update:
                assert old.tender is not None
                return result(
                    Outcome.OVERGESLAGEN,
                    f"mogelijk hernoemd: {show(old.path)} (zelfde directie, publicatie en "
                    f"waarde; daar heet hij '{old.tender.titel}'). --update werkt dat bestand "
                    "bij; --nieuw maakt toch een nieuw bestand",
                    path=old.path,
                )
            match = old
    if match is not None:
        return _existing_row(result, match, row, kader, options, data_root, peildatum)
    dest = destination(data_root, kader, fields.directie, fields.id)
    text = render(fields, kader)
    checked = check_text(text, dest, data_root, kader, peildatum)
    if checked.errors:
        return result(Outcome.MISLUKT, "; ".join(f.message for f in checked.errors))
    if not options.dry_run:
        try:
            write_new(dest, text, durable=False)  # synced once, at the end of run_import
        except FileExistsError:
            return result(Outcome.OVERGESLAGEN, f"bestaat al: {show(dest)}", path=dest)
        except OSError as exc:
            return result(Outcome.MISLUKT, f"kon {show(dest)} niet schrijven: {reason(exc)}")
    existing.add(Existing(dest, checked.tender), kader)
    return result(Outcome.NIEUW, show(dest), path=dest, text=text)


def _same_directie(found: Existing, directie: str, kader: Kader) -> bool:
    return found.tender is None or kader.resolve_directie(found.tender.directie) == directie


def _free_id(fields: TenderFields, kader: Kader, existing: TenderIndex) -> str:
    base = f"{fields.id}-{kader.directies[fields.directie].slug}"[:77].rstrip("-")
    candidate, n = base, 2
    while existing.find(candidate) is not None:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _existing_row(
    result: Callable[..., RowResult],
    match: Existing,
    row: _Row,
    kader: Kader,
    options: Options,
    data_root: Path,
    peildatum: date,
) -> RowResult:
    where = show(match.path)
    old = match.tender
    if old is None:
        return result(
            Outcome.OVERGESLAGEN, f"bestaat al: {where} (dat bestand heeft fouten)", path=match.path
        )
    changes, edits, update = _planned_edits(old, row, kader)
    if not changes:
        return result(Outcome.OVERGESLAGEN, f"bestaat al en is gelijk: {where}", path=match.path)
    if not options.update:
        names = ", ".join(c.field for c in changes)
        return result(
            Outcome.OVERGESLAGEN,
            f"bestaat al: {where} (het blad wijkt af in {names}; --update werkt dat bij)",
            path=match.path,
            changes=tuple(changes),
        )
    try:
        text = update_file(
            match.path, old, edits, update, data_root, kader, peildatum, write=not options.dry_run
        )
    except UpdateFailed as exc:
        if exc.written:
            return result(Outcome.MISLUKT, str(exc))
        return result(Outcome.MISLUKT, str(exc), path=match.path, changes=tuple(changes))
    return result(Outcome.BIJGEWERKT, where, path=match.path, text=text, changes=tuple(changes))


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
) -> str:
    """Apply `edits` to the file of `old` line by line, check that the result
    loads and passes the checks as exactly `old` with `update`, and write it
    atomically (unless `write` is false). The new text; UpdateFailed otherwise."""
    where = show(path)
    try:
        original = path.read_text(encoding="utf-8")
        source = load_tender(path).source
        text = apply(original, source, edits)
    except (EditRefused, OSError, UnicodeDecodeError) as exc:
        raise UpdateFailed(
            f"kan {where} niet veilig bijwerken ({exc}); pas het met de hand aan"
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
            write_atomic(path, text.encode("utf-8"), durable=False)
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
