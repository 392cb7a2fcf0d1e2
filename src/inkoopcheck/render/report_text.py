"""The report in the terminal: one rich table per directie, then the summary.

Every cell from the data is a `rich.text.Text`, never a markup string, so a
title like ``[bold]x[/bold]`` or ``:smile:`` is printed as written (stronger
than `rich.markup.escape`, which leaves emoji codes alone). Control characters
were stripped when the overview was built.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from inkoopcheck.fmt import euro, mark
from inkoopcheck.render.report_common import (
    DIRECTIE,
    LEADBUYER,
    OPDRACHT,
    PROCEDURE,
    REDEN,
    SOCIAL_RETURN_HEADERS,
    SOCIAL_RETURN_SUMMARY_HEADERS,
    SUMMARY_HEADERS,
    WAARDE,
    ZEKERHEID,
    intro,
    social_return_cells,
    social_return_summary_cells,
    summary_cells,
    theme_count_headers,
    zekerheid,
)
from inkoopcheck.report import Overview, Row

# The directie Inkoop's columns, then procedure (and the theme marks).
TEXT_HEADERS = (OPDRACHT, LEADBUYER, WAARDE, ZEKERHEID, PROCEDURE)
RIGHT = {"Schatting contractwaarde", "Contractwaarde", "Bedrag social return", "Percentage"}


def _table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    centred: Sequence[str] = (),
    numbers: bool = False,
    sections: Sequence[int] = (),
) -> Table:
    """A table whose columns never break a word: each column is at least as wide
    as its longest word (amounts: the whole amount), so rich wraps between words.
    `numbers`: every column after the first is a count or amount (summaries);
    `sections`: row indexes that start a new section (the totals)."""
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    for i, h in enumerate(headers):
        if h in centred:
            table.add_column(Text(h), justify="center", overflow="fold")
        elif h in RIGHT or (numbers and i > 0):
            table.add_column(Text(h), justify="right", overflow="fold")
        else:
            table.add_column(Text(h), overflow="fold")
    for n, row in enumerate(rows):
        if n in sections:
            table.add_section()
        table.add_row(*(Text(v) for v in row))
    return table


def _row_cells(row: Row, overview: Overview) -> list[str]:
    # The quarter or date goes above the certainty label: one column less to fit.
    when = "\n".join(x for x in (row.publicatie, zekerheid(row.zekerheid)) if x)
    return [
        row.titel,
        row.leadbuyer or "",
        euro(row.contractwaarde),
        when or "onbekend",
        row.procedure_text,
        *(mark(row.theme(t.key)) for t in overview.themas),
    ]


def _main_tables(overview: Overview) -> list[RenderableType]:
    labels = [t.label for t in overview.themas]
    out: list[RenderableType] = []
    for directie in overview.directies():
        rows = overview.rows_of(directie)
        if rows:
            cells = [_row_cells(r, overview) for r in rows]
            title = f"{directie} ({len(rows)})"
            out.append(_table(title, [*TEXT_HEADERS, *labels], cells, centred=labels))
    if overview.te_beoordelen:
        cells = [
            [r.directie, *_row_cells(r, overview)[: len(TEXT_HEADERS)], r.reden]
            for r in overview.te_beoordelen
        ]
        title = f"Te beoordelen ({len(overview.te_beoordelen)})"
        out.append(_table(title, [DIRECTIE, *TEXT_HEADERS, REDEN], cells))
    return out


def _summary(overview: Overview) -> Table:
    cells = summary_cells(overview)
    headers = [*SUMMARY_HEADERS, *theme_count_headers(overview)]
    return _table("Per directie", headers, cells, numbers=True, sections=[len(cells) - 1])


def _social_return(overview: Overview) -> list[RenderableType]:
    if not overview.social_return:
        return [Text("Geen aanbestedingen met social return.")]
    rows = [social_return_cells(r) for r in overview.social_return]
    totals = social_return_summary_cells(overview)
    return [
        _table(f"Social return ({len(rows)})", SOCIAL_RETURN_HEADERS, rows),
        _table(
            "Social return per directie",
            SOCIAL_RETURN_SUMMARY_HEADERS,
            totals,
            numbers=True,
            sections=[len(totals) - 1],
        ),
    ]


def _parts(overview: Overview, social_return_only: bool) -> list[RenderableType]:
    if social_return_only:
        title = Text(f"Social return — peildatum {overview.peildatum}", style="bold")
        return [title, *_social_return(overview)]
    parts: list[RenderableType] = [
        Text(overview.title, style="bold"),
        Text(intro(overview)),
    ]
    if not overview.europees:
        parts.append(Text("Geen aanbestedingen in deze periode."))
    parts.extend(_main_tables(overview))
    if overview.per_directie:
        parts.append(_summary(overview))
    if overview.social_return:
        parts.extend(_social_return(overview))
    return parts


def text(
    overview: Overview, *, width: int = 120, color: bool = False, social_return_only: bool = False
) -> str:
    """The report as terminal text. Every column folds rather than cuts, so a
    narrow terminal breaks words but never loses a value."""
    parts = _parts(overview, social_return_only)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        emoji=False,
        highlight=False,
        markup=False,
        legacy_windows=False,
    )
    for i, part in enumerate(parts):
        if i > 1 or (i == 1 and social_return_only):
            console.print()
        console.print(part)
    # rich pads table titles to the full width; trailing blanks only get in the way
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
