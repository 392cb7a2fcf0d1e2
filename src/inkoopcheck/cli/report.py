"""`inkoopcheck report`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inkoopcheck import __version__
from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    CacheDirOption,
    DataOption,
    DateOption,
    ForceOption,
    NoCacheOption,
    cache_location,
    data_folder,
    directie_or_fail,
    fail,
    output_allowed,
    peildatum,
    progress_bar,
    terminal_width,
    usable,
    warn_cache,
    warn_invalid,
    write_output,
)
from inkoopcheck.render.report_formats import FILE_SUFFIXES, FORMATS, SCREEN_FORMATS

if TYPE_CHECKING:
    from inkoopcheck.analysis import Analysis
    from inkoopcheck.kader import Kader
    from inkoopcheck.workload import Werklast


def _either(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + " of " + names[-1]


def _screen_format(value: str | None) -> str | None:
    """--format takes the formats of the registry that go to the screen."""
    if value is not None and value not in SCREEN_FORMATS:
        choices = ", ".join(f"'{n}'" for n in SCREEN_FORMATS)
        raise typer.BadParameter(f"'{value}' is geen keuze; kies uit {choices}.")
    return value


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
            help=f"Schrijf het overzicht naar een bestand: {_either(FILE_SUFFIXES)} "
            "(een bestaand bestand alleen met --force).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="[" + "|".join(SCREEN_FORMATS) + "]",
            callback=_screen_format,
            help=f"{_either(SCREEN_FORMATS)} op het scherm (standaard text; met --output "
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
    from dataclasses import replace

    from inkoopcheck.analysis import analyse
    from inkoopcheck.history import provenance
    from inkoopcheck.loader import show
    from inkoopcheck.periods import PeriodError, window_from
    from inkoopcheck.render.report_formats import Medium, for_suffix
    from inkoopcheck.report import Selection, build
    from inkoopcheck.triage import assess_ahead

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
    if output is not None:
        output_allowed(output, list(FILE_SUFFIXES), root, force)
    try:
        window = window_from(period, van, tot, day)
    except PeriodError as exc:
        fail(str(exc))
    # the workbook's Werklast sheet needs the triage: its per-tender part in the workers
    workbook = output is not None and FORMATS[for_suffix(output.suffix)].suffix == ".xlsx"
    with progress_bar() as progress:
        analysis = analyse(
            root,
            day,
            cache_dir=cache_location(no_cache, cache_dir),
            assess=assess_ahead if workbook else None,
            progress=progress,
        )
    warn_cache(analysis)
    kader = usable(analysis)
    warn_invalid(analysis)
    canonical = directie_or_fail(kader, directie)
    overview = build(
        analysis.valid_tenders(), kader, day, window, Selection(all_procedures, canonical)
    )
    if output is not None:
        kind = FORMATS[for_suffix(output.suffix)]
        if kind.suffix == ".xlsx":  # the workbook gets the workload ahead (sheet Werklast)
            overview = replace(overview, werklast=_werklast(analysis, root, kader, day, canonical))
        source = provenance(root, __version__, with_commit=kind.provenance)
        written = kind.render(overview, Medium(source=source))
        write_output(output, written.data)
        for warning in written.warnings:
            sys.stderr.write(f"inkoopcheck: waarschuwing: {warning}\n")
        sys.stderr.write(
            f"Overzicht geschreven naar {show(output)}: {len(overview.europees)} "
            f"aanbesteding(en), {len(overview.te_beoordelen)} te beoordelen.\n"
        )
    if output is None or fmt is not None:
        chosen = fmt or "text"
        color = chosen == "text" and sys.stdout.isatty()
        shown = FORMATS[chosen].render(overview, Medium(terminal_width(), color, social_return))
        assert isinstance(shown.data, str), "screen formats are text"
        out(shown.data)


def _werklast(
    analysis: Analysis, root: Path, kader: Kader, day: date, directie: str | None
) -> Werklast:
    """The workload ahead for the workbook: the triage's roles, decided ones first."""
    from inkoopcheck.history import standing_rulings
    from inkoopcheck.triage import Assessments
    from inkoopcheck.triage import triage as run_triage
    from inkoopcheck.workload import workload

    tenders = analysis.valid_tenders()
    standing, _ = standing_rulings(root, analysis.overleggen, tenders, kader, day)
    ahead = Assessments(kader, day, analysis.assessed())
    triaged = run_triage(tenders, kader, day, directie=directie, rulings=standing, ahead=ahead)
    return workload(triaged, kader.triage.voorbereiding_weken)
