"""The report as an Excel workbook, to open, filter and send round.

Sheets: the main list, te beoordelen, per directie (with a bar chart), the
theme matrix of all tenders, social return and a toelichting. Every sheet has a
bold frozen header, an autofilter, fitted column widths and a landscape,
fit-to-width page setup; amounts are numbers with a euro format, dates are
dates.

The sheets are described by `xlsx_sheet.Sheet` (text from tender files is
always a string cell, with a quote prefix when it looks like a formula; text over
Excel's 32,767 characters per cell is cut with a visible marker and reported as
a warning, never silently) and written by `xlsx_write`. That module is imported
only when a workbook is asked for (render/report_formats), so other commands do
not pay for XlsxWriter. The workbook is returned as bytes; the caller writes it
atomically.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from inkoopcheck.fmt import MARK_WORDS, euro, half_up, percent
from inkoopcheck.fmt import ZEKERHEID_LABELS as LABELS
from inkoopcheck.render.report_common import (
    DIRECTIE,
    LABEL_LEGEND,
    LEADBUYER,
    MATRIX_HEADERS,
    OPDRACHT,
    PROCEDURE,
    PUBLICATIE,
    REDEN,
    SOCIAL_RETURN_HEADERS,
    SOCIAL_RETURN_SUMMARY_HEADERS,
    SUMMARY_HEADERS,
    WAARDE,
    ZEKERHEID,
    zekerheid,
)
from inkoopcheck.render.xlsx_sheet import (
    CENTRE,
    DATE_FORMAT,
    HEADER,
    PLAIN,
    RIGHT,
    WRAP,
    Chart,
    Look,
    Range,
    Series,
    Sheet,
)
from inkoopcheck.render.xlsx_write import workbook
from inkoopcheck.report import Overview, Provenance, Row
from inkoopcheck.thresholds import NEAR_RANGE

if TYPE_CHECKING:
    from inkoopcheck.workload import Werklast

MAIN_SHEET = "Europese aanbestedingen"
ALL_SHEET = "Aanbestedingen"  # with --all the list is not only European
REVIEW_SHEET = "Te beoordelen"
SUMMARY_SHEET = "Per directie"
MATRIX_SHEET = "Thema's"
SOCIAL_RETURN_SHEET = "Social return"
NOTES_SHEET = "Toelichting"
WORKLOAD_SHEET = "Werklast"

VROEGST = "Vroegste publicatiedatum"
_HEADING = Look(bold=True)  # a section heading in the toelichting
_LEFT_DAY = Look(horizontal="left", vertical="top", number_format=DATE_FORMAT)


@dataclass(frozen=True, slots=True)
class XlsxResult:
    data: bytes
    warnings: tuple[str, ...]


def _list_headers(overview: Overview, extra: Sequence[str] = ()) -> list[str]:
    return [
        DIRECTIE,
        OPDRACHT,
        LEADBUYER,
        WAARDE,
        ZEKERHEID,
        PUBLICATIE,
        VROEGST,
        PROCEDURE,
        "Status",
        *extra,
        *(t.label for t in overview.themas),
        "Id",
    ]


def _list_sheet(
    s: Sheet, overview: Overview, rows: Sequence[Row], with_reason: bool = False
) -> None:
    headers = _list_headers(overview, [REDEN] if with_reason else [])
    s.header(headers)
    for n, r in enumerate(rows, start=2):
        s.text(n, 1, r.directie)
        s.text(n, 2, r.titel)
        s.text(n, 3, r.leadbuyer or "")
        s.amount(n, 4, r.contractwaarde)
        s.text(n, 5, zekerheid(r.zekerheid))
        s.text(n, 6, r.publicatie)
        s.day(n, 7, r.publicatie_start)
        s.text(n, 8, r.procedure_text)
        s.text(n, 9, r.status)
        col = 10
        if with_reason:
            s.text(n, col, r.reden)
            col += 1
        for t in overview.themas:
            s.mark(n, col, r.theme(t.key))
            col += 1
        s.text(n, col, r.id)
    if not rows:  # say so, rather than leave a bare header
        s.text(
            2, 1, "Niets te beoordelen." if with_reason else "Geen aanbestedingen in deze periode."
        )
    s.finish(len(headers), len(rows))


def _summary_sheet(s: Sheet, overview: Overview) -> None:
    theme_headers = [f"{t.label} {m}" for t in overview.themas for m in MARK_WORDS]
    headers = [*SUMMARY_HEADERS, *theme_headers]
    s.header(headers)
    rows = overview.per_directie
    for n, d in enumerate((*rows, overview.totaal), start=2):
        if d is overview.totaal:
            n += 1  # a blank row keeps the total out of the filter and the chart
        s.text(n, 1, d.directie)
        s.number(n, 2, d.aantal)
        s.amount(n, 3, d.waarde_totaal)
        s.number(n, 4, d.waarde_onbekend)
        s.number(n, 5, d.te_beoordelen)
        col = 6
        for t in overview.themas:
            count = d.themas[t.key]
            for stand in ("ja", "nee", "open"):
                s.number(n, col, count.get(stand))
                col += 1
        if d is overview.totaal:
            s.bold(n)
    s.finish(len(headers), len(rows) + 2, filter_rows=len(rows))
    if rows:
        last = 1 + len(rows)
        s.chart(
            Chart(
                "bar",  # horizontal: long directie names stay readable
                "Aanbestedingen per directie",
                (Series(1, Range(2, 2, last), Range(1, 2, last)),),
                anchor=(len(rows) + 5, 1),
                width=18,
                height=max(6.0, 1.0 + 0.8 * len(rows)),
                x_title="Directie",
                y_title="Aantal",
                reverse_categories=True,  # same order as the table
                legend=False,
                gridlines=False,
            )
        )


def _matrix_sheet(s: Sheet, overview: Overview) -> None:
    headers = [*MATRIX_HEADERS, *(t.label for t in overview.themas), "Status", "Id"]
    s.header(headers)
    for n, m in enumerate(overview.matrix, start=2):
        s.text(n, 1, m.titel)
        s.text(n, 2, m.opdracht)
        s.text(n, 3, m.directie)
        col = 4
        for t in overview.themas:
            s.mark(n, col, m.theme(t.key))
            col += 1
        s.text(n, col, m.status)
        s.text(n, col + 1, m.id)
    s.finish(len(headers), len(overview.matrix))


# The screen's columns, with the rest the workbook has room for.
SOCIAL_RETURN_COLUMNS = (
    *SOCIAL_RETURN_HEADERS[:-1],  # up to Voorstel
    "Leverancier",
    "Gestart",
    SOCIAL_RETURN_HEADERS[-1],  # Evaluatie
    "Status",
    "Id",
)


def _social_return_sheet(s: Sheet, overview: Overview) -> None:
    s.header(SOCIAL_RETURN_COLUMNS)
    rows = overview.social_return
    for n, r in enumerate(rows, start=2):
        s.text(n, 1, r.directie)
        s.text(n, 2, r.titel)
        s.text(n, 3, r.werkwijze)
        s.percentage(n, 4, r.percentage)
        s.amount(n, 5, r.contractwaarde)
        s.amount(n, 6, r.bedrag)
        s.text(n, 7, ", ".join(r.doelgroepen))
        s.text(n, 8, r.voorstel or "")
        s.text(n, 9, r.leverancier or "")
        s.day(n, 10, r.gestart)
        s.day(n, 11, r.evaluatie)
        s.text(n, 12, r.status)
        s.text(n, 13, r.id)
    n = len(rows) + 2
    if not rows:
        s.text(n, 1, "Geen aanbestedingen met social return.")
    # The totals per directie sit under the list, outside its filter.
    top = n + 2
    for col, h in enumerate(SOCIAL_RETURN_SUMMARY_HEADERS, start=1):
        s.text(top, col, h, HEADER)
    totals = (*overview.social_return_per_directie, overview.social_return_totaal)
    for i, d in enumerate(totals, start=top + 1):
        s.text(i, 1, d.directie)
        s.number(i, 2, d.aantal)
        s.number(i, 3, d.traditioneel)
        s.number(i, 4, d.maatwerk)
        s.amount(i, 5, d.bedrag_totaal)
        s.number(i, 6, d.bedrag_onbekend)
        s.number(i, 7, d.geaccepteerd)
        if d is overview.social_return_totaal:
            s.bold(i, upto=7)
    s.finish(len(SOCIAL_RETURN_COLUMNS), top + len(totals), filter_rows=len(rows))


def _notes_sheet(s: Sheet, overview: Overview, source: Provenance) -> None:
    o = overview
    selectie = (
        "alle procedures (--all)"
        if o.selection.all_procedures
        else "procedure europees, of geen procedure en een waarde vanaf de Europese drempel "
        "voor de soort en de publicatiedatum"
    )
    lines: list[tuple[str, str | date]] = [
        ("Rapport", o.title),
        ("Peildatum", o.peildatum),
        ("Periode", _period_text(o)),
        ("Selectie", selectie),
        ("Directie", o.selection.directie or "alle directies"),
        ("Datamap", source.data_folder),
        ("Commit van de data", source.commit or "onbekend (de datamap staat niet in git)"),
        ("Gemaakt met", f"inkoopcheck {source.version}"),
        (
            "Aantallen",
            f"{len(o.europees)} in de lijst, {len(o.te_beoordelen)} te beoordelen, "
            f"{len(o.matrix)} in het thema-overzicht, {len(o.social_return)} met social return",
        ),
        ("", ""),
        ("Welke aanbestedingen", ""),
        (
            MAIN_SHEET,
            "Niet afgerond (gegund, afgerond en ingetrokken tellen niet) en met een "
            "publicatie (kwartaal of datum) die in de periode valt of haar overlapt.",
        ),
        (
            REVIEW_SHEET,
            "Nooit stilzwijgend weggelaten: procedure en waarde onbekend, soort onbekend, "
            f"waarde net onder de drempel ({NEAR_RANGE}), publicatiedatum onbekend, of publicatie "
            "verstreken terwijl de status nog kalender of voorbereiding is.",
        ),
        (
            MATRIX_SHEET,
            "Alle aanbestedingen, ongeacht procedure, status en periode. Opdracht = de directie "
            "zoals in het bestand geschreven.",
        ),
        (
            SOCIAL_RETURN_SHEET,
            "Alle aanbestedingen met social return (behalve ingetrokken), ongeacht de periode. "
            "Bedrag = percentage x contractwaarde.",
        ),
        ("", ""),
        ("Europese drempels (excl. btw)", ""),
    ]
    for d in o.drempels:
        amounts = "; ".join(f"{soort} {euro(v)}" for soort, v in d.per_soort.items())
        lines.append((f"{d.vanaf.isoformat()} t/m {d.tot.isoformat()}", amounts))
    lines += [("", ""), (ZEKERHEID, "")]
    lines += [(label, f"zekerheid: {key} in het bestand") for key, label in LABELS.items()]
    lines += [("", ""), ("Thema's", "")]
    lines += [(t.label, f"{t.naam}: {t.omschrijving}".rstrip(": ")) for t in o.themas]
    lines += [("", ""), ("Tekens", "")]
    lines += [(k, v) for k, v in LABEL_LEGEND]
    lines.append(("net onder drempel", f"de waarde ligt op {NEAR_RANGE} van de Europese drempel"))
    sr = o.social_return_settings
    vanaf = "de Europese drempel voor diensten" if sr.drempel == "eu-diensten" else euro(sr.drempel)
    lines += [
        ("", ""),
        (
            "Social return",
            f"verwacht vanaf {vanaf} voor {', '.join(sr.soorten)}; gebruikelijk "
            f"{percent(sr.percentage)} van de contractwaarde",
        ),
    ]
    s.header(["Onderwerp", "Toelichting"])
    for n, (key, value) in enumerate(lines, start=2):
        s.text(n, 1, key, _HEADING if key and value == "" else PLAIN)
        if isinstance(value, date):
            s.day(n, 2, value, _LEFT_DAY)
        elif value:
            s.text(n, 2, value, WRAP)
    s.widths[2] = 97  # room for the explanations; longer ones wrap
    s.finish(2, len(lines), filter_rows=0)


def _workload_sheet(s: Sheet, w: Werklast) -> None:
    """Per month: aanschuiven and relevant tenders in preparation at once, the
    capacity, and which tenders collide; a column chart with capacity as a line."""
    from inkoopcheck.workload import month_name

    headers = [
        "Maand",
        "Aanschuiven (tegelijk)",
        "Relevant, niet aanschuiven",
        "Capaciteit",
        "Schatting",
        "Over capaciteit: deze aanbestedingen botsen",
    ]
    s.header(headers)
    for n, m in enumerate(w.months, start=2):
        s.text(n, 1, month_name(m.first))
        s.put(n, 2, half_up(m.aanschuiven, 1), RIGHT)
        s.put(n, 3, half_up(m.relevant, 1), RIGHT)
        s.number(n, 4, m.capaciteit)
        s.text(n, 5, "ja" if m.schatting or m.relevant_schatting else "nee", CENTRE)
        if m.over:
            s.text(n, 6, ", ".join(f"{d.tender.titel} ({d.tender.id})" for d in m.botsing), WRAP)
    last = len(w.months) + 1
    note = last + 2
    s.put(
        note,
        1,
        f"Het grootste aantal aanbestedingen dat op één dag van de maand in voorbereiding is "
        f"({w.voorbereiding_weken} weken voor de publicatie tot de publicatie). Schatting: "
        "van een aanbesteding is alleen het kwartaal bekend; ze telt mee naar de kans dat ze "
        "dan in voorbereiding is.",
    )
    s.finish(len(headers), len(w.months))
    if w.months:
        months = Range(1, 2, last)
        s.chart(
            Chart(
                "col",
                "Werklast per maand",
                (Series(1, Range(2, 2, last), months), Series(1, Range(3, 2, last), months)),
                anchor=(note + 2, 1),
                width=22,
                height=9,
                y_title="Aanbestedingen tegelijk",
                lines=(Series(1, Range(4, 2, last), months),),  # the capacity
            )
        )


def _period_text(o: Overview) -> str:
    w = o.window
    until = f"t/m {w.end.isoformat()}" if w.end else "zonder einddatum"
    return f"{w.label} (publicatie vanaf {w.start.isoformat()} {until})"


def sheets(overview: Overview, source: Provenance, warnings: list[str]) -> Iterator[Sheet]:
    """The workbook's sheets as descriptions, in order, each made when the one
    before is written (only one is in memory at a time); cut text is told in
    `warnings`."""
    main = ALL_SHEET if overview.selection.all_procedures else MAIN_SHEET
    s = Sheet(main, warnings)
    _list_sheet(s, overview, overview.europees)
    yield s
    s = Sheet(REVIEW_SHEET, warnings)
    _list_sheet(s, overview, overview.te_beoordelen, with_reason=True)
    yield s
    s = Sheet(SUMMARY_SHEET, warnings)
    _summary_sheet(s, overview)
    yield s
    s = Sheet(MATRIX_SHEET, warnings)
    _matrix_sheet(s, overview)
    yield s
    s = Sheet(SOCIAL_RETURN_SHEET, warnings)
    _social_return_sheet(s, overview)
    yield s
    if overview.werklast is not None:
        s = Sheet(WORKLOAD_SHEET, warnings)
        _workload_sheet(s, overview.werklast)
        yield s
    s = Sheet(NOTES_SHEET, warnings)
    _notes_sheet(s, overview, source)
    yield s


def render_xlsx(overview: Overview, source: Provenance) -> XlsxResult:
    warnings: list[str] = []
    data = workbook(overview.title, sheets(overview, source, warnings))
    return XlsxResult(data, tuple(warnings))
