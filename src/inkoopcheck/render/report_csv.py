"""The main list as CSV for Dutch Excel: ``;``-separated, UTF-8 with a BOM
(without it Excel reads UTF-8 as Windows-1252), CRLF line ends.

The te-beoordelen rows follow the europees rows, with their reason in the last
column, so nothing the xlsx shows on its second sheet is lost. Text that starts
like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return:
`fmt.looks_like_formula`) gets a leading apostrophe, the OWASP advice against CSV
injection.
"""

from __future__ import annotations

from inkoopcheck.fmt import mark, whole
from inkoopcheck.render.csvdoc import csv_text
from inkoopcheck.render.report_common import DIRECTIE, MAIN_HEADERS, zekerheid
from inkoopcheck.report import Overview, Row

BOM = "\ufeff"


def headers(overview: Overview) -> list[str]:
    return [
        DIRECTIE,
        *MAIN_HEADERS,
        "Status",
        *(t.label for t in overview.themas),
        "Id",
        "Te beoordelen",
    ]


def _cells(r: Row, overview: Overview) -> list[str]:
    # Amounts as plain whole numbers: Excel reads them as numbers in any locale.
    return [
        r.directie,
        r.titel,
        r.leadbuyer or "",
        whole(r.contractwaarde),
        zekerheid(r.zekerheid),
        r.publicatie,
        r.procedure_text,
        r.status,
        *(mark(r.theme(t.key)) for t in overview.themas),  # ours: a lone "-" is inert
        r.id,
        r.reden,
    ]


def as_csv(overview: Overview) -> str:
    rows = [headers(overview)]
    rows += [_cells(r, overview) for r in (*overview.europees, *overview.te_beoordelen)]
    return BOM + csv_text(rows, delimiter=";", lineterminator="\r\n")
