"""`inkoopcheck report`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inkoopcheck import __version__

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    CacheDirOption,
    DataOption,
    DateOption,
    ForceOption,
    NoCacheOption,
    cache_location,
    data_folder,
    fail,
    output_allowed,
    peildatum,
    progress_bar,
    usable,
    warn_cache,
    warn_invalid,
)


class ReportFormatOption(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def report(
    data: DataOption = None,
    when: DateOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="KWARTAAL|JAAR",
            help="De periode van publicatie: een kwartaal (2025-Q1) of een jaar (2025).",
            show_default=False,
        ),
    ] = None,
    van: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="KWARTAAL|JAAR|DATUM",
            help="Begin van de periode (standaard: het kwartaal van de peildatum).",
            show_default=False,
        ),
    ] = None,
    tot: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="KWARTAAL|JAAR|DATUM",
            help="Einde van de periode (standaard: geen einde).",
            show_default=False,
        ),
    ] = None,
    all_procedures: Annotated[
        bool,
        typer.Option("--all", help="Alle procedures, niet alleen de Europese aanbestedingen."),
    ] = False,
    directie: Annotated[
        str | None,
        typer.Option(
            "--directie", help="Alleen deze directie (naam of alias).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="BESTAND",
            help="Schrijf het overzicht naar een bestand: .xlsx, .md, .json of .csv "
            "(een bestaand bestand alleen met --force).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormatOption | None,
        typer.Option(
            "--format",
            help="text, markdown of json op het scherm (standaard text; met --output "
            "alleen als je het vraagt).",
            show_default=False,
        ),
    ] = None,
    social_return: Annotated[
        bool,
        typer.Option("--social-return", help="Toon op het scherm alleen het deel social return."),
    ] = False,
    force: ForceOption = False,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Overzicht van de aanstaande Europese aanbestedingen, per directie.

    Met de kolommen van de lijst van directie Inkoop (opdracht, leadbuyer,
    schatting contractwaarde, waarschijnlijkheid publicatiedatum), procedure en
    de thema's. Wat niet te beoordelen is (procedure en waarde onbekend, datum
    onbekend) staat apart onder 'Te beoordelen'. Zonder --period of --from/--to:
    vanaf het huidige kwartaal.

    Voorbeeld: inkoopcheck report --period 2025-Q1 --output overzicht.xlsx
    """
    from inkoopcheck.analysis import analyse
    from inkoopcheck.loader import show
    from inkoopcheck.render.report_output import FileKind, ReportFormat, render, write_report
    from inkoopcheck.report import PeriodError, Selection, build, window_from

    if social_return and output is not None:
        fail(
            "--social-return en --output gaan niet samen: --social-return geldt alleen voor "
            "het scherm, een bestand krijgt altijd het hele overzicht. Laat --output weg om "
            "alleen social return te zien, of gebruik 'inkoopcheck export social-return "
            "--output BESTAND.csv' voor de social-returnlijst als bestand. Er is niets "
            "geschreven."
        )
    day = peildatum(when)
    root = data_folder(data)
    kind: FileKind | None = None
    if output is not None:
        output_allowed(output, [k.value for k in FileKind], root, force)
        kind = FileKind.of(output.suffix)
    try:
        window = window_from(period, van, tot, day)
    except PeriodError as exc:
        fail(str(exc))
    with progress_bar() as progress:
        analysis = analyse(
            root, day, cache_dir=cache_location(no_cache, cache_dir), progress=progress
        )
    warn_cache(analysis)
    usable(analysis)
    warn_invalid(analysis)
    kader = analysis.kader
    assert kader is not None
    canonical = None
    if directie is not None:
        canonical = kader.resolve_directie(directie)
        if canonical is None:
            fail(kader.unknown_directie_message(directie))
    overview = build(
        analysis.valid_tenders(), kader, day, window, Selection(all_procedures, canonical)
    )
    if output is not None and kind is not None:
        try:
            written = write_report(output, kind, overview, root, __version__)
        except OSError as exc:
            from inkoopcheck.oserrors import reason

            fail(f"kan '{show(output)}' niet schrijven: {reason(exc)}.")
        for warning in written.warnings:
            sys.stderr.write(f"inkoopcheck: waarschuwing: {warning}\n")
        sys.stderr.write(
            f"Overzicht geschreven naar {show(output)}: {len(overview.europees)} "
            f"aanbesteding(en), {len(overview.te_beoordelen)} te beoordelen.\n"
        )
    if output is None or fmt is not None:
        chosen = ReportFormat((fmt or ReportFormatOption.text).value)
        color = chosen is ReportFormat.TEXT and sys.stdout.isatty()
        width = 160
        if sys.stdout.isatty():
            import shutil

            width = shutil.get_terminal_size((160, 40)).columns
        out(render(chosen, overview, width=width, color=color, social_return_only=social_return))
