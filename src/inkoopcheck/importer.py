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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from inkoopcheck.importrow import (
    Defaults,
    Gone,
    ImportResult,
    Outcome,
    RowResult,
    SheetInfo,
    SheetRow,
    is_totals,
    planned_edits,
    read_row,
)
from inkoopcheck.kader import Kader, normalise
from inkoopcheck.loader import show
from inkoopcheck.oserrors import reason
from inkoopcheck.tenderfile import (
    Existing,
    TenderFields,
    TenderIndex,
    check_text,
    destination,
    tender_yaml,
    write_new,
)
from inkoopcheck.update import UpdateFailed, update_file
from inkoopcheck.values import (
    ValueProblem,
    free_id,
    parse_thema_mark,
)
from inkoopcheck.workbook import (
    HeaderMatch,
    ImportFileError,
    SheetData,
    cell_text,
    find_header,
    is_empty_cell,
    open_workbook,
    read_sheet,
    title_quarter,
)

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
        if all(is_empty_cell(cells[c]) if c < len(cells) else True for c in wanted):
            continue  # a blank row (or one with only notes beside the table)
        yield number, cells


def _column(i: int) -> str:
    return get_column_letter(i + 1)


def _named(header: Any, i: int) -> str:
    return f"'{cell_text(header)}' (kolom {_column(i)})"


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
            tuple((name, cell_text(cells[i])) for name, i in match.used.items()),
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
    headed = {i for i, c in enumerate(cells) if not is_empty_cell(c)}
    body = sheet.data.rows[sheet.header + 1 :]
    filled: set[int] = set()
    for _, row in body:
        filled.update(i for i, v in enumerate(row) if not is_empty_cell(v))
    ignored = [_named(cells[i], i) for i in match.unknown]
    ignored += [f"kolom {_column(i)} (zonder kop)" for i in sorted(filled - headed)]
    marks = {}
    for i in match.unknown:
        values = [row[i] for _, row in body if i < len(row) and not is_empty_cell(row[i])]
        if all(_any_mark(v) for v in values) and any(_is_mark(v) for v in values):
            marks[i] = cell_text(cells[i])
    choices = []
    for c in match.choices:
        others = " en ".join(_named(cells[i], i) for i in c.others)
        choices.append(
            f"{_named(cells[c.used], c.used)} gebruikt voor {c.field.removeprefix('themas.')}, "
            f"niet {others}: {c.why}"
        )
    return _SheetWork(sheet, title_quarter(sheet.data.rows, sheet.header), marks, ignored, choices)


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
    parsed: list[tuple[_SheetWork, int, SheetRow | ValueProblem | str | None]] = []
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
            if not is_empty_cell(titel):
                sw.titles.add(normalise(cell_text(titel)))
            if is_totals(cells, sw.sheet.match.used):
                parsed.append((sw, number, "totaalregel"))
                continue
            try:
                read = read_row(
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
    row: SheetRow,
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
    text = tender_yaml(fields, kader)
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
    return free_id(base, lambda candidate: existing.find(candidate) is not None)


def _existing_row(
    result: Callable[..., RowResult],
    match: Existing,
    row: SheetRow,
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
    changes, edits, update = planned_edits(old, row, kader)
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
            match.path,
            old,
            edits,
            update,
            data_root,
            kader,
            peildatum,
            write=not options.dry_run,
            durable=False,  # run_import syncs once at the end
        )
    except UpdateFailed as exc:
        if exc.written:
            return result(Outcome.MISLUKT, str(exc))
        return result(Outcome.MISLUKT, str(exc), path=match.path, changes=tuple(changes))
    return result(Outcome.BIJGEWERKT, where, path=match.path, text=text, changes=tuple(changes))
