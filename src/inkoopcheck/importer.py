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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

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
    "id": ("id",),
}
_UNIT_SUFFIXES = ("exclbtw", "inclbtw", "ineuro", "ineuros", "euro", "eur")
_TOTALS = ("totaal", "subtotaal", "total", "som", "eindtotaal", "generaaltotaal")

# What --update may change: values the sheet gives that are one-line keys in the file.
UPDATABLE = ("leadbuyer", "soort", "cpv", "contractwaarde", "procedure", "personeel", "status")


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
    name: str
    header_row: int
    columns: tuple[tuple[str, str], ...]  # (field, header as written)
    kwartaal_from_title: str | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    sheets: tuple[SheetInfo, ...]
    rows: tuple[RowResult, ...]

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
    on files that are not what they say, and none of them may reach the user."""
    _guard(path)
    try:
        # not read_only: merged cell ranges are only known in the normal mode
        return openpyxl.load_workbook(path, data_only=True)
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


def match_headers(cells: Sequence[Any], kader: Kader) -> dict[str, int]:
    """field -> column index (0-based) for the recognised headers of one row."""
    lookup: dict[str, str] = {}
    for name, spellings in HEADERS.items():
        for s in spellings:
            lookup.setdefault(s, name)
    for key, thema in kader.themas.items():
        for spelling in (key, thema.label, thema.naam):
            lookup.setdefault(fold(spelling), f"themas.{key}")
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if isinstance(cell, str) and cell.strip():
            matched = lookup.get(_header_key(cell))
            if matched is not None:
                found.setdefault(matched, i)
    return found


def _grid(ws: Worksheet) -> list[list[Any]]:
    """The sheet's values, with vertically merged cells filled down (a directie
    written once beside a group of rows belongs to each of them)."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        col = merged.min_col - 1
        top = merged.min_row - 1
        if top >= len(rows) or col >= len(rows[top]):
            continue
        value = rows[top][col]
        for r in range(merged.min_row, min(merged.max_row, len(rows))):
            if col < len(rows[r]):
                rows[r][col] = value
    return rows


def find_header(rows: list[list[Any]], kader: Kader) -> tuple[int, dict[str, int]] | None:
    """(row index, columns) of the first row that names a title and one more field."""
    for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = match_headers(cells, kader)
        if "titel" in found and len(found) >= 2:
            return i, found
    return None


def _title_quarter(rows: list[list[Any]], header: int) -> str | None:
    """'Aanstaande Europese aanbestedingen Q1 2025' above the header sets the quarter."""
    for cells in rows[:header]:
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


def _read_row(
    cells: list[Any],
    columns: dict[str, int],
    kader: Kader,
    defaults: Defaults,
    title_quarter: str | None,
) -> _Row:
    """Raises ValueProblem with every problem of the row, joined."""

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
    read("id", lambda v: check_id(_text(v)), "id")

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

    directie = values.get("directie") or defaults.directie
    if not titel:
        problems.insert(0, "geen opdrachtomschrijving")
    if directie is None and not any(p.startswith("onbekende directie") for p in problems):
        problems.append("geen directie: vul de kolom Directie in of geef --directie")
    if kwartaal is None and datum is None:
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
    return _Row(fields, given, themas)


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
        if name == "leadbuyer" and current is not None:
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
    edits.sort(key=lambda e: _FIELD_ORDER.get(e.loc[0], 99))
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


def sheet_names(workbook: Any) -> list[str]:
    return [str(ws.title) for ws in workbook.worksheets]


def choose_sheets(
    workbook: Any, kader: Kader, options: Options
) -> list[tuple[Worksheet, list[list[Any]], int, dict[str, int]]]:
    """The sheets to import with their grid, header row and columns, or
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
        if not isinstance(ws, Worksheet):
            continue  # a chart sheet
        rows = _grid(ws)
        found = find_header(rows, kader)
        if found is None:
            if options.sheet is not None:
                raise ImportFileError(
                    f"blad '{ws.title}' heeft geen herkenbare kopregel. {_HEADER_HELP}"
                )
            continue
        chosen.append((ws, rows, found[0], found[1]))
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


def _data_rows(
    rows: list[list[Any]], header: int, columns: dict[str, int]
) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cells) of the rows below the header that hold anything."""
    wanted = sorted(set(columns.values()))
    for i in range(header + 1, len(rows)):
        cells = rows[i]
        if all(_empty(cells[c]) if c < len(cells) else True for c in wanted):
            continue  # a blank row (or one with only notes beside the table)
        yield i + 1, cells


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
        infos: list[SheetInfo] = []
        work: list[tuple[str, int, list[Any], dict[str, int], str | None]] = []
        for ws, rows, header, columns in chosen:
            quarter = _title_quarter(rows, header) if "publicatie" not in columns else None
            header_cells = rows[header]
            infos.append(
                SheetInfo(
                    ws.title,
                    header + 1,
                    tuple((name, _text(header_cells[i])) for name, i in columns.items()),
                    quarter,
                )
            )
            for number, cells in _data_rows(rows, header, columns):
                work.append((ws.title, number, cells, columns, quarter))
    finally:
        workbook.close()
    if options.defaults.directie is None:
        for info in infos:
            if "directie" not in {name for name, _ in info.columns}:
                raise ImportFileError(
                    f"blad '{info.name}' heeft geen kolom Directie; geef de directie op met "
                    "--directie NAAM (bijvoorbeeld --directie Inkoop)."
                )
    bron = options.bron or f"Import uit {path.name}"
    results: list[RowResult] = []
    for done, (sheet, number, cells, columns, quarter) in enumerate(work, 1):
        results.append(
            _import_row(
                sheet,
                number,
                cells,
                columns,
                quarter,
                kader,
                options,
                bron,
                data_root,
                peildatum,
                existing,
            )
        )
        if progress is not None:
            progress(done, len(work))
    return ImportResult(tuple(infos), tuple(results))


def _import_row(
    sheet: str,
    number: int,
    cells: list[Any],
    columns: dict[str, int],
    quarter: str | None,
    kader: Kader,
    options: Options,
    bron: str,
    data_root: Path,
    peildatum: date,
    existing: TenderIndex,
) -> RowResult:
    def result(outcome: Outcome, message: str, **kw: Any) -> RowResult:
        return RowResult(sheet, number, outcome, message, **kw)

    if _is_totals(cells, columns):
        return result(Outcome.GENEGEERD, "totaalregel")
    try:
        row = _read_row(cells, columns, kader, options.defaults, quarter)
    except ValueProblem as exc:
        return result(Outcome.MISLUKT, str(exc))
    fields = replace(row.fields, bron=f"{bron}, blad {sheet}")
    match = existing.find_title(fields.directie, fields.titel)
    if match is None:
        by_id = existing.find(fields.id)
        if by_id is not None and _same_directie(by_id, fields.directie, kader):
            match = by_id
        elif by_id is not None:  # the same title at another directie: its own id
            fields = replace(fields, id=_free_id(fields, kader, existing))
    if match is not None:
        return _existing_row(result, match, row, kader, options, data_root, peildatum)
    dest = destination(data_root, kader, fields.directie, fields.id)
    text = render(fields, kader)
    checked = check_text(text, dest, data_root, kader, peildatum)
    if checked.errors:
        return result(Outcome.MISLUKT, "; ".join(f.message for f in checked.errors))
    if not options.dry_run:
        try:
            write_new(dest, text)
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
            write_atomic(path, text.encode("utf-8"))
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
