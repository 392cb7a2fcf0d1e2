"""`inkoopcheck import`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import EXIT_DATA, app, out
from inkoopcheck.cli.common import (
    DataOption,
    DateOption,
    _opt,
    data_folder,
    fail,
    kader_or_fail,
    peildatum,
)


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(help="De inkoopkalender (.xlsx).", metavar="BESTAND", show_default=False),
    ],
    sheet: Annotated[
        str | None,
        _opt("Het blad (standaard: het eerste met een herkenbare kopregel).", "--sheet", "NAAM"),
    ] = None,
    all_sheets: Annotated[
        bool, typer.Option("--all-sheets", help="Importeer elk blad met een herkenbare kopregel.")
    ] = False,
    directie: Annotated[
        str | None,
        _opt(
            "De directie voor regels zonder directie (of een blad zonder die kolom).",
            "--directie",
            "NAAM",
        ),
    ] = None,
    kwartaal: Annotated[
        str | None,
        _opt(
            "Het publicatiekwartaal voor regels zonder kwartaal of datum.", "--kwartaal", "JJJJ-Qn"
        ),
    ] = None,
    zekerheid: Annotated[
        str | None,
        _opt("De zekerheid voor regels zonder zekerheid.", "--zekerheid", "ZEKERHEID"),
    ] = None,
    procedure: Annotated[
        str | None,
        _opt(
            "De procedure voor regels zonder procedure, bijvoorbeeld europees.",
            "--procedure",
            "PROCEDURE",
        ),
    ] = None,
    soort: Annotated[
        str | None, _opt("De soort voor regels zonder soort.", "--soort", "SOORT")
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Werk bestaande aanbestedingen bij met de waarden uit het blad (en toon wat "
            "verandert); zonder --update worden ze overgeslagen. Ook een regel die op een "
            "hernoemde aanbesteding lijkt, werkt dat bestand bij.",
        ),
    ] = False,
    nieuw: Annotated[
        bool,
        typer.Option(
            "--nieuw",
            help="Schrijf een regel die op een hernoemde aanbesteding lijkt (zelfde directie, "
            "publicatie en waarde, andere titel) toch als nieuw bestand.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Schrijf niets; toon wat er geschreven zou worden.")
    ] = False,
    data: DataOption = None,
    when: DateOption = None,
) -> None:
    """Zet een inkoopkalender uit Excel om in aanbestedingsbestanden.

    Zoekt de kopregel (ook als die niet bovenaan staat), herkent kolommen als
    'Opdracht omschrijving', 'Schatting contractwaarde' en 'Waarschijnlijkheid
    publicatiedatum', en meldt per overgeslagen regel het blad, het rijnummer en
    de reden. Bestaande bestanden worden nooit overschreven. Exitcode 0: alles
    gelukt, 1: een of meer regels mislukt, 2: het bestand is niet te lezen.

    Voorbeeld: inkoopcheck import kalender-2025.xlsx --directie Bedrijfsvoering --dry-run
    """
    from inkoopcheck.cli.interact import ImportProgress
    from inkoopcheck.importer import Options, run_import
    from inkoopcheck.importrow import Defaults
    from inkoopcheck.newtender import sentence
    from inkoopcheck.render.directies import imported, sheets_read
    from inkoopcheck.tenderfile import index
    from inkoopcheck.values import ValueProblem
    from inkoopcheck.workbook import ImportFileError

    day = peildatum(when)
    root = data_folder(data)
    kader = kader_or_fail(root)
    try:
        defaults = Defaults.parse(
            kader,
            directie=directie,
            kwartaal=kwartaal,
            zekerheid=zekerheid,
            procedure=procedure,
            soort=soort,
        )
    except ValueProblem as exc:
        fail(sentence(str(exc)))
    options = Options(
        sheet=sheet,
        all_sheets=all_sheets,
        defaults=defaults,
        update=update,
        dry_run=dry_run,
        nieuw=nieuw,
    )
    progress = ImportProgress()
    try:
        result = run_import(file, root, kader, options, day, index(root, kader), progress)
    except ImportFileError as exc:
        fail(str(exc))
    finally:
        progress.stop()
    sys.stderr.write(sheets_read(result))
    out(imported(result, dry_run=dry_run, update=update))
    if result.failed:
        raise typer.Exit(EXIT_DATA)
