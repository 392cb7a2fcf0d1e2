"""`inkoopcheck advies`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import EXIT_DATA, app, out
from inkoopcheck.cli.common import (
    DataOption,
    DateOption,
    ForceOption,
    data_folder,
    directie_or_fail,
    fail,
    output_allowed,
    peildatum,
    usable,
    warn_invalid,
    write_output,
)


class AdviesFormatOption(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def advies(
    tender_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID", help="Het id van de aanbesteding (de bestandsnaam zonder .yaml)."
        ),
    ] = None,
    directie: Annotated[
        str | None,
        typer.Option(
            "--directie",
            help="Advies voor alle open aanbestedingen van deze directie (naam of alias).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        AdviesFormatOption | None,
        typer.Option(
            "--format",
            help="text, markdown of json (standaard text; met --output naar de extensie).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="BESTAND",
            help="Schrijf het advies naar een bestand: .md, .json of .txt "
            "(een bestaand bestand alleen met --force).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    when: DateOption = None,
    force: ForceOption = False,
) -> None:
    """Wat het handelingskader vraagt van een aanbesteding, voor de directie.

    De relevante thema's en waarom, voorbeelden van wensen en eisen, de
    grondslag, wat er op de aankondiging komt (eForms BT-754 en BT-775), social
    return, wanneer de wensen en eisen vast moeten staan, de rol van het team en
    wat nog open staat.

    Voorbeeld: inkoopcheck advies arbodienstverlening-2025 --date 2024-12-09
    --output advies.md
    """
    from inkoopcheck.advice import build
    from inkoopcheck.analysis import analyse
    from inkoopcheck.loader import show
    from inkoopcheck.names import suggest
    from inkoopcheck.render.advice import AdviesFormat, render_advies
    from inkoopcheck.triage import triage as run_triage

    if (tender_id is None) == (directie is None):
        fail(
            "geef een id of --directie, niet allebei en niet geen van beide. Bijvoorbeeld: "
            "inkoopcheck advies arbodienstverlening-2025, of inkoopcheck advies --directie BV."
        )
    chosen = fmt.value if fmt is not None else None
    day = peildatum(when)
    root = data_folder(data)
    if output is not None:
        kinds = {".md": "markdown", ".json": "json", ".txt": "text"}
        output_allowed(output, list(kinds), root, force)
        chosen = chosen or kinds[output.suffix.lower()]
    analysis = analyse(root, day)
    kader = usable(analysis)
    tenders = analysis.valid_tenders()
    canonical = directie_or_fail(kader, directie)
    if canonical is not None:
        warn_invalid(analysis)
        chosen_tenders = [
            t
            for t in tenders
            if not t.finished and (kader.resolve_directie(t.directie) or t.directie) == canonical
        ]
        chosen_tenders.sort(
            key=lambda t: (
                t.publicatie.start if t.publicatie and t.publicatie.start else date.max,
                t.id,
            )
        )
    else:
        match = [t for t in tenders if t.id == tender_id]
        if not match:
            # a file whose model did not load has no tender_id: its name is the id
            broken = [
                r
                for r in analysis.files
                if r.tender_id == tender_id or Path(r.display).stem == tender_id
            ]
            if broken:
                fail(
                    f"'{tender_id}' heeft fouten ({broken[0].display}); herstel die eerst, "
                    "zie 'inkoopcheck validate'.",
                    EXIT_DATA,
                )
            fail(
                f"geen aanbesteding met id '{tender_id}'"
                + (suggest(str(tender_id), [t.id for t in tenders]) or ".")
                + " Het id is de bestandsnaam zonder .yaml."
            )
        chosen_tenders = match
    from inkoopcheck.history import standing_rulings

    standing, _ = standing_rulings(root, analysis.overleggen, tenders, kader, day)
    triaged = run_triage(tenders, kader, day, rulings=standing)
    adviezen = [build(t, kader, day, triaged) for t in chosen_tenders]
    rendered = render_advies(AdviesFormat(chosen or "text"), adviezen, day, canonical)
    if output is not None:
        write_output(output, rendered)
        sys.stderr.write(
            f"Advies ({len(adviezen)} aanbesteding(en)) geschreven naar {show(output)}.\n"
        )
    else:
        out(rendered)
