"""What every report renderer shows the same way: column headers, labels, marks.

The headers follow the directie Inkoop's list ("Aanstaande Europese
aanbestedingen"), so a reader recognises the table.
"""

from __future__ import annotations

from datetime import date

from inkoopcheck.fmt import MARK_WORDS, THEME_MARKS, UNKNOWN, ZEKERHEID_LABELS, euro, percent
from inkoopcheck.report import Overview, SocialReturnRow, SocialReturnSummary, ThemeCount

OPDRACHT = "Opdracht omschrijving"
LEADBUYER = "Leadbuyer"
WAARDE = "Schatting contractwaarde"
ZEKERHEID = "Waarschijnlijkheid publicatiedatum"
PUBLICATIE = "Publicatie"
PROCEDURE = "Procedure"
DIRECTIE = "Directie"
REDEN = "Reden"

# The main list: the note's four columns, then what the note leaves implicit.
MAIN_HEADERS = (OPDRACHT, LEADBUYER, WAARDE, ZEKERHEID, PUBLICATIE, PROCEDURE)

SUMMARY_HEADERS = (
    "Directie",
    "Aantal",
    "Totaal bekende waarde",
    "Waarde onbekend",
    "Te beoordelen",
)

MATRIX_HEADERS = ("Wat", "Opdracht", "Directie")

SOCIAL_RETURN_HEADERS = (
    DIRECTIE,
    OPDRACHT,
    "Werkwijze",
    "Percentage",
    "Contractwaarde",
    "Bedrag social return",
    "Doelgroepen",
    "Voorstel",
    "Evaluatie",
)

SOCIAL_RETURN_SUMMARY_HEADERS = (
    "Directie",
    "Aantal",
    "Traditioneel",
    "Maatwerk",
    "Totaal bedrag social return",
    "Bedrag onbekend",
    "Proeftuin geaccepteerd",
)

LABEL_LEGEND = (
    (THEME_MARKS["ja"], "ja: wensen of eisen voor dit thema zijn opgenomen"),
    (THEME_MARKS["nee"], "nee: bewust niet (met toelichting in het bestand)"),
    (THEME_MARKS["open"] or "(leeg)", "open: nog niet beoordeeld"),
    (UNKNOWN, "nog niet bekend (contractwaarde of bedrag)"),
)


def zekerheid(value: str | None) -> str:
    return ZEKERHEID_LABELS.get(value or "", "")


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def counts(c: ThemeCount) -> str:
    """ja / nee / open, in the order of the marks X / - / blank (MARK_WORDS)."""
    return f"{c.ja}/{c.nee}/{c.open}"


def theme_count_headers(overview: Overview) -> list[str]:
    return [f"{t.label} {'/'.join(MARK_WORDS)}" for t in overview.themas]


def social_return_cells(r: SocialReturnRow) -> list[str]:
    return [
        r.directie,
        r.titel,
        r.werkwijze,
        percent(r.percentage),
        euro(r.contractwaarde),
        euro(r.bedrag),
        ", ".join(r.doelgroepen),
        r.voorstel or "",
        day(r.evaluatie),
    ]


def summary_cells(overview: Overview) -> list[list[str]]:
    """Per directie, then the total: the rows under SUMMARY_HEADERS + theme counts."""
    return [
        [
            s.directie,
            str(s.aantal),
            euro(s.waarde_totaal),
            str(s.waarde_onbekend),
            str(s.te_beoordelen),
            *(counts(s.themas[t.key]) for t in overview.themas),
        ]
        for s in (*overview.per_directie, overview.totaal)
    ]


def social_return_summary_cells(overview: Overview) -> list[list[str]]:
    """Per directie, then the total: the rows under SOCIAL_RETURN_SUMMARY_HEADERS."""
    rows: tuple[SocialReturnSummary, ...] = (
        *overview.social_return_per_directie,
        overview.social_return_totaal,
    )
    return [
        [
            s.directie,
            str(s.aantal),
            str(s.traditioneel),
            str(s.maatwerk),
            euro(s.bedrag_totaal),
            str(s.bedrag_onbekend),
            str(s.geaccepteerd),
        ]
        for s in rows
    ]


def intro(overview: Overview) -> str:
    """One line under the title: peildatum and what is in the lists."""
    n, m = len(overview.europees), len(overview.te_beoordelen)
    what = "aanbesteding" if n == 1 else "aanbestedingen"
    parts = [
        f"Peildatum {overview.peildatum.isoformat()}",
        f"periode {overview.window.label}",
        f"{n} {what}",
        f"{m} te beoordelen",
    ]
    if overview.selection.directie:
        parts.append(f"directie {overview.selection.directie}")
    return " · ".join(parts)
