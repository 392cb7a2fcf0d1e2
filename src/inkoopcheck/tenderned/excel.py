"""TenderNed's Excel dataset: one row per notice, on a sheet like "Dataset
2016-2024". The columns differ between releases, so they are found by name (any
case, spacing, accents; any order), and the ones used, not used and missing are
told by name. openpyxl reads the sheet in read-only mode: row by row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl

from inkoopcheck.loader import show
from inkoopcheck.periods import add_months
from inkoopcheck.tenderned.notice import (
    NOTICE_URL,
    Broken,
    Notice,
    NoticeFileError,
    Soort,
    SourceInfo,
    short,
)
from inkoopcheck.tenderned.read import Opened, Progress
from inkoopcheck.values import ValueProblem, fold, is_unknown, parse_amount, parse_cpv, parse_datum

HEADER_ROWS = 10

# field -> header spellings, folded (values.fold). The first column that matches wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "publicatie_id": ("idpublicatie", "publicatieid"),
    "kenmerk": ("tendernedkenmerk", "kenmerk"),
    "datum": ("publicatiedatum", "datumpublicatie"),
    "koper_naam": ("naamaanbestedendedienst",),
    "koper_officieel": ("officielenaamaanbestedendedienst",),
    "koper_id": ("nationaalidentificatienummer", "kvknummeraanbestedendedienst"),
    "titel": ("naamaanbesteding", "titel", "titelaanbesteding"),
    "omschrijving": ("omschrijvingaanbesteding", "korteomschrijving"),
    "url": ("urltenderned", "url"),
    "aanvang": ("aanvangopdracht",),
    "einde": ("voltooiingopdracht",),
    "gunning": ("datumgunning",),
    "besluit_gunning": ("datumbesluitgunning",),
    "winnaar": ("officielebenaming", "naamgegundepartij"),
    "waarde": ("waardebedrag", "geschattewaarde", "waarde"),
    "valuta": ("waardevaluta", "valuta"),
    "termijn": ("termijnvoltooiingopdracht", "looptijd"),
    "eenheid": ("tijdseenheidperiodevoltooiingopdracht", "tijdseenheid"),
    "cpv": ("cpvcode", "hoofdcpvcode", "cpvcodes", "cpv"),
    "soort": ("typeopdracht", "soortopdracht"),
    "procedure": ("procedure", "typeprocedure", "soortprocedure"),
    "type_publicatie": ("typepublicatie", "soortpublicatie", "publicatietype"),
}
# Without these the rows cannot be told apart or kept: not a dataset we can use.
REQUIRED = ("titel",)
# Named in the report when absent: the matching is weaker without them.
EXPECTED = ("publicatie_id", "kenmerk", "datum", "koper_naam", "koper_id", "einde", "url")
_SHOWN = {
    "publicatie_id": "Id publicatie",
    "kenmerk": "Tenderned kenmerk",
    "datum": "Publicatiedatum",
    "koper_naam": "Naam Aanbestedende dienst",
    "koper_id": "Nationaal identificatienummer",
    "einde": "Voltooiing opdracht",
    "url": "URL TenderNed",
    "titel": "Naam aanbesteding",
}
_SOORT: dict[str, Soort] = {"lever": "leveringen", "dienst": "diensten", "werk": "werken"}


def _columns(cells: tuple[Any, ...]) -> dict[str, int]:
    lookup = {spelling: name for name, spellings in COLUMNS.items() for spelling in spellings}
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if isinstance(cell, str):
            name = lookup.get(fold(cell))
            if name is not None:
                found.setdefault(name, i)
    return found


def open_excel(path: Path, progress: Progress | None) -> Opened:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, TypeError) as exc:
        raise NoticeFileError(
            f"'{show(path)}' is geen leesbare Excel-werkmap ({type(exc).__name__}). "
            "Download de dataset opnieuw van TenderNed, of open hem in Excel en sla hem op "
            "als Excel-werkmap (.xlsx)."
        ) from None
    for ws in workbook.worksheets:
        if not hasattr(ws, "iter_rows"):
            continue  # a chart sheet
        for number, cells in enumerate(ws.iter_rows(max_row=HEADER_ROWS, values_only=True), 1):
            columns = _columns(cells)
            if all(r in columns for r in REQUIRED) and len(columns) >= 3:
                info = SourceInfo("excel", sheet=str(ws.title), header_row=number)
                used = set(columns.values())
                for i, cell in enumerate(cells):
                    if cell is None or not str(cell).strip():
                        continue
                    (info.used if i in used else info.unused).append(" ".join(str(cell).split()))
                info.missing = [_SHOWN[n] for n in EXPECTED if n not in columns]
                total = ws.max_row or 0
                return Opened(info, _rows(workbook, ws, number, columns, total, progress))
    workbook.close()
    raise NoticeFileError(
        f"'{show(path)}' is een Excel-werkmap, maar geen blad heeft in de eerste "
        f"{HEADER_ROWS} regels de kolommen van de TenderNed-dataset (zoals 'Naam aanbesteding', "
        "'Tenderned kenmerk', 'Publicatiedatum' en 'Naam Aanbestedende dienst'). "
        "Download de dataset van TenderNed en geef dat bestand op."
    )


def _rows(
    workbook: Any,
    ws: Any,
    header_row: int,
    columns: dict[str, int],
    total: int,
    progress: Progress | None,
) -> Iterator[Notice | Broken]:
    try:
        for number, cells in enumerate(
            ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1
        ):
            if progress is not None and number % 500 == 0:
                progress(number, total)
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            yield _row(cells, columns, f"rij {number}")
    finally:
        workbook.close()


def _cell(cells: tuple[Any, ...], columns: dict[str, int], name: str) -> Any:
    i = columns.get(name)
    if i is None or i >= len(cells):
        return None
    value = cells[i]
    if isinstance(value, str) and (not value.strip() or is_unknown(value)):
        return None
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _row(cells: tuple[Any, ...], columns: dict[str, int], where: str) -> Notice | Broken:
    def text(name: str) -> str | None:
        return _text(_cell(cells, columns, name))

    def day(name: str) -> date | None:
        value = _cell(cells, columns, name)
        if value is None:
            return None
        try:
            return parse_datum(value)
        except ValueProblem:
            raise ValueProblem(f"{_header(name)} '{_text(value)}' is geen datum") from None

    try:
        titel = text("titel")
        if titel is None:
            return Broken(where, "'Naam aanbesteding' is leeg")
        publicatie_id = text("publicatie_id")
        kenmerk = text("kenmerk")
        if publicatie_id is None and kenmerk is None and "kenmerk" in columns:
            return Broken(where, "'Id publicatie' en 'Tenderned kenmerk' zijn leeg")
        valuta = text("valuta")
        waarde_cell = _cell(cells, columns, "waarde")
        try:
            waarde = parse_amount(waarde_cell) if valuta in (None, "EUR") else None
        except ValueProblem:
            raise ValueProblem(f"'Waarde - bedrag' '{_text(waarde_cell)}' is geen bedrag") from None
        try:
            cpv = parse_cpv(_cell(cells, columns, "cpv"))
        except ValueProblem as exc:
            raise ValueProblem(f"CPV: {exc}") from None
        aanvang, einde = day("aanvang"), day("einde")
        if einde is None and aanvang is not None:
            einde = _end(aanvang, _cell(cells, columns, "termijn"), text("eenheid"))
        gunning = day("gunning") or day("besluit_gunning")
        winnaar = text("winnaar")
        soort_text = fold(text("soort") or "")
        type_publicatie = fold(text("type_publicatie") or "")
        koper = [n for n in (text("koper_naam"), text("koper_officieel")) if n]
        return Notice(
            where=where,
            publicatie_id=publicatie_id,
            kenmerk=kenmerk,
            datum=day("datum"),
            koper_namen=tuple(dict.fromkeys(koper)),
            koper_ids=tuple(i for i in (text("koper_id"),) if i),
            titel=short(titel),
            omschrijving=short(text("omschrijving") or ""),
            url=text("url") or (NOTICE_URL.format(publicatie_id) if publicatie_id else None),
            cpv=cpv,
            soort=next((s for stem, s in _SOORT.items() if soort_text.startswith(stem)), None),
            waarde=waarde,
            gegund=bool(
                gunning or winnaar or "gegund" in type_publicatie or "gunning" in type_publicatie
            ),
            gunning=gunning,
            aanvang=aanvang,
            einde=einde,
            winnaar=winnaar,
            procedure=text("procedure"),
        )
    except ValueProblem as exc:
        return Broken(where, str(exc))


def _header(name: str) -> str:
    return _SHOWN.get(name) or {
        "aanvang": "Aanvang opdracht",
        "gunning": "Datum gunning",
        "besluit_gunning": "Datum besluit gunning",
    }.get(name, name)


def _end(start: date, termijn: Any, eenheid: str | None) -> date | None:
    """Aanvang + Termijn voltooiing opdracht in its Tijdseenheid."""
    if isinstance(termijn, str):
        termijn = termijn.strip()
        termijn = int(termijn) if termijn.isdigit() else None
    if not isinstance(termijn, int | float) or isinstance(termijn, bool) or termijn <= 0:
        return None
    unit = fold(eenheid or "")
    n = int(termijn)
    if unit.startswith(("maand", "month")):
        return add_months(start, n)
    if unit.startswith(("jaar", "jaren", "year")):
        return add_months(start, 12 * n)
    if unit.startswith(("dag", "day")):
        return start + timedelta(days=n)
    return None
