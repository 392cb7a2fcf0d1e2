"""The report as Markdown (for a pull request, a wiki or an e-mail): the same
tables as the Excel file. Data is escaped so that a title cannot break a table
or become a link, emphasis or HTML."""

from __future__ import annotations

from collections.abc import Sequence

from inkoopcheck.fmt import euro, mark
from inkoopcheck.render.markdown import escape
from inkoopcheck.render.report_common import (
    DIRECTIE,
    LABEL_LEGEND,
    MAIN_HEADERS,
    MATRIX_HEADERS,
    REDEN,
    SOCIAL_RETURN_HEADERS,
    SOCIAL_RETURN_SUMMARY_HEADERS,
    SUMMARY_HEADERS,
    intro,
    social_return_cells,
    social_return_summary_cells,
    summary_cells,
    theme_count_headers,
    zekerheid,
)
from inkoopcheck.report import Overview, Row


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
    centre: Sequence[int] = (),
) -> str:
    align = [
        "---:" if i in right else ":---:" if i in centre else "---" for i in range(len(headers))
    ]
    lines = [
        "| " + " | ".join(escape(h) for h in headers) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _row_cells(row: Row, overview: Overview) -> list[str]:
    return [
        row.titel,
        row.leadbuyer or "",
        euro(row.contractwaarde),
        zekerheid(row.zekerheid),
        row.publicatie or "onbekend",
        row.procedure_text,
        *(mark(row.theme(t.key)) for t in overview.themas),
    ]


def _main(overview: Overview) -> list[str]:
    labels = [t.label for t in overview.themas]
    parts: list[str] = []
    for directie in overview.directies():
        rows = overview.rows_of(directie)
        if rows:
            parts.append(f"## {escape(directie)} ({len(rows)})\n")
            cells = [_row_cells(r, overview) for r in rows]
            marks = range(len(MAIN_HEADERS), len(MAIN_HEADERS) + len(labels))
            parts.append(_table([*MAIN_HEADERS, *labels], cells, right=[2], centre=marks))
    if overview.te_beoordelen:
        parts.append(f"## Te beoordelen ({len(overview.te_beoordelen)})\n")
        cells = [
            [r.directie, *_row_cells(r, overview)[: len(MAIN_HEADERS)], r.reden]
            for r in overview.te_beoordelen
        ]
        parts.append(_table([DIRECTIE, *MAIN_HEADERS, REDEN], cells, right=[3]))
    return parts


def _summary(overview: Overview) -> list[str]:
    if not overview.per_directie:
        return []
    cells = summary_cells(overview)
    headers = [*SUMMARY_HEADERS, *theme_count_headers(overview)]
    return ["## Per directie\n", _table(headers, cells, right=range(1, len(headers)))]


def _matrix(overview: Overview) -> list[str]:
    if not overview.matrix:
        return []
    cells = [
        [m.titel, m.opdracht, m.directie, *(mark(m.theme(t.key)) for t in overview.themas)]
        for m in overview.matrix
    ]
    headers = [*MATRIX_HEADERS, *(t.label for t in overview.themas)]
    marks = range(len(MATRIX_HEADERS), len(headers))
    return [f"## Thema's ({len(cells)} trajecten)\n", _table(headers, cells, centre=marks)]


def social_return(overview: Overview) -> list[str]:
    if not overview.social_return:
        return ["## Social return\n", "Geen aanbestedingen met social return.\n"]
    cells = [social_return_cells(r) for r in overview.social_return]
    totals = social_return_summary_cells(overview)
    return [
        f"## Social return ({len(cells)})\n",
        _table(SOCIAL_RETURN_HEADERS, cells, right=[3, 4, 5]),
        "### Social return per directie\n",
        _table(SOCIAL_RETURN_SUMMARY_HEADERS, totals, right=range(1, 7)),
    ]


def _legend(overview: Overview) -> list[str]:
    themes = "; ".join(f"{escape(t.label)} = {escape(t.naam)}" for t in overview.themas)
    marks = "; ".join(f"{escape(k)} = {escape(v)}" for k, v in LABEL_LEGEND)
    return [f"Thema's: {themes}. Tekens: {marks}.\n"]


def markdown(overview: Overview, *, social_return_only: bool = False) -> str:
    if social_return_only:
        head = f"# Social return\n\nPeildatum {overview.peildatum.isoformat()}\n"
        return "\n".join([head, *social_return(overview)])
    parts = [f"# {escape(overview.title)}\n", escape(intro(overview)) + "\n"]
    if not overview.europees:
        parts.append("Geen aanbestedingen in deze periode.\n")
    parts += _main(overview)
    parts += _summary(overview)
    parts += _matrix(overview)
    parts += social_return(overview)
    parts += _legend(overview)
    return "\n".join(parts)
