"""`inkoopcheck export ics`: parse the options, call the core, write."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from inkoopcheck.cli.common import (
    DataOption,
    DateOption,
    ForceOption,
    data_folder,
    directie_or_fail,
    output_allowed,
    peildatum,
    usable,
    warn_invalid,
    write_output,
)
from inkoopcheck.cli.export import export_app


@export_app.command("ics")
def export_ics(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Het .ics-bestand om te schrijven (een bestaand bestand alleen met --force).",
            show_default=False,
        ),
    ],
    directie: Annotated[
        str | None,
        typer.Option(
            "--directie",
            help="Alleen de aanbestedingen van deze directie (naam of alias): haar eigen agenda.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    when: DateOption = None,
    force: ForceOption = False,
) -> None:
    """De deadlines als agenda (iCalendar): importeer of abonneer in Outlook of Google.

    Per aanbesteding waar het team of de directie werk heeft: 'Wensen en eisen
    vast' (voorbereiding_weken voor de publicatie) en de verwachte publicatie; per
    social-returnafspraak de evaluatie. Hele-dag-afspraken; elke afspraak houdt
    zijn UID, dus opnieuw importeren werkt bij in plaats van te verdubbelen.

    Voorbeeld: inkoopcheck export ics --output inclusief-inkopen.ics
    """
    from inkoopcheck.analysis import analyse
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.history import committed_versions, standing_rulings
    from inkoopcheck.ics import calendar, events
    from inkoopcheck.loader import show
    from inkoopcheck.triage import triage as run_triage

    day = peildatum(when)
    root = data_folder(data)
    output_allowed(output, [".ics"], root, force)
    analysis = analyse(root, day)
    kader = usable(analysis)
    warn_invalid(analysis)
    canonical = directie_or_fail(kader, directie)
    tenders = analysis.valid_tenders()
    standing, note = standing_rulings(root, analysis.overleggen, tenders, kader, day)
    triaged = run_triage(tenders, kader, day, rulings=standing)
    try:
        history = committed_versions(root)
    except GitError as exc:
        history = {}
        note = f"{exc}; SEQUENCE is 0 (er is geen geschiedenis om verschuivingen uit te tellen)"
    base = root.absolute().parent
    paths = {}
    for r in analysis.files:
        if r.tender_id is not None:
            p = Path(r.path).absolute()
            paths[r.tender_id] = (
                p.relative_to(base).as_posix() if p.is_relative_to(base) else r.display
            )
    organisation = (kader.organisatie.ocid_prefix if kader.organisatie else None) or "inkoopcheck"
    found = events(
        tenders,
        kader,
        {d.tender.id: d for d in triaged.decisions},
        history,
        paths,
        directie=canonical,
        organisation=organisation,
    )
    name = "Inclusief inkopen" + (f" — {canonical}" if canonical else "")
    write_output(output, calendar(found, name))
    if note:
        sys.stderr.write(f"inkoopcheck: let op: {note}.\n")
    sys.stderr.write(f"{len(found)} afspraak/afspraken geschreven naar {show(output)}.\n")
