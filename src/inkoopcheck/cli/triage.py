"""`inkoopcheck triage`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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


class TriageFormatOption(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def triage(
    data: DataOption = None,
    when: DateOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REF|JJJJ-MM-DD",
            help="Nieuw of gewijzigd sinds deze git-referentie of datum (standaard: de datum "
            "van het vorige overleg in data/overleg/).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        TriageFormatOption | None,
        typer.Option(
            "--format",
            help="text, markdown (agenda voor het overleg) of json (standaard text; met "
            "--output naar de extensie).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="BESTAND",
            help="Schrijf de agenda naar een bestand: .md, .txt of .json (een bestaand bestand "
            "alleen met --force).",
            show_default=False,
        ),
    ] = None,
    capacity: Annotated[
        int | None,
        typer.Option(
            "--capacity",
            min=0,
            help="Wat als het team zoveel trajecten kan aanschuiven "
            "(standaard: triage.capaciteit uit kader.yaml).",
            show_default=False,
        ),
    ] = None,
    directie: Annotated[
        str | None,
        typer.Option(
            "--directie", help="Toon alleen deze directie (naam of alias).", show_default=False
        ),
    ] = None,
    force: ForceOption = False,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Wat wel en wat niet: de agenda van het wekelijkse overleg.

    Te bespreken (nieuw en gewijzigd sinds het vorige overleg, veld voor veld, en
    besluiten om te herzien), per rol (aanschuiven, achtervang of geen) met score,
    waarom en signalen, bijwerken, social return en de werklast per maand.
    Besluiten uit data/overleg/ tellen mee (zie 'inkoopcheck besluit').

    Voorbeeld: inkoopcheck triage --date 2024-12-09 --format markdown --output agenda.md
    """
    from inkoopcheck.agenda import build as build_agenda
    from inkoopcheck.agenda import previous_overleg
    from inkoopcheck.analysis import analyse
    from inkoopcheck.fmt import display_path
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.history import paths_since, standing_rulings, week
    from inkoopcheck.loader import show
    from inkoopcheck.render.agenda import AgendaFormat, render_agenda
    from inkoopcheck.triage import Assessments, assess_ahead
    from inkoopcheck.triage import triage as run_triage

    suffixes = {".md": "markdown", ".txt": "text", ".json": "json"}
    day = peildatum(when)
    root = data_folder(data)
    if output is not None:
        output_allowed(output, list(suffixes), root, force)
    chosen = fmt.value if fmt else suffixes[output.suffix.lower()] if output else "text"
    try:  # before the long run: a mistake here stops the command (exit 2)
        found = paths_since(root, since) if since is not None else None
    except GitError as exc:
        fail(f"--since: {exc}.")
    with progress_bar() as progress:
        analysis = analyse(
            root,
            day,
            cache_dir=cache_location(no_cache, cache_dir),
            assess=assess_ahead,  # in the workers: this command only hands out the places
            progress=progress,
        )
    warn_cache(analysis)
    kader = usable(analysis)
    warn_invalid(analysis)
    directie_or_fail(kader, directie)
    tenders = analysis.valid_tenders()
    standing, note = standing_rulings(root, analysis.overleggen, tenders, kader, day)
    previous = previous_overleg(analysis.overleggen, day)
    counted_from = since or (previous.isoformat() if previous else None)
    changed = week(root, found, counted_from, analysis.files, tenders)
    result = run_triage(
        tenders,
        kader,
        day,
        capaciteit=capacity,
        directie=directie,
        changes=changed.changes,
        rulings=standing,
        since=display_path(changed.counted_from) if changed.counted_from else None,
        ahead=Assessments(kader, day, analysis.assessed()),
        skipped=analysis.invalid_count(),
    )
    agenda = build_agenda(
        result,
        kader.triage.voorbereiding_weken,
        changed.diffs,
        previous if since is None and changed.changes is not None else None,
        [*([note] if note else []), *changed.notes],
    )
    to_terminal = output is None and sys.stdout.isatty()
    width = terminal_width() if to_terminal else 160
    color = chosen == "text" and to_terminal
    rendered = render_agenda(AgendaFormat(chosen), agenda, kader, color=color, width=width)
    if output is None:
        out(rendered)
        return
    write_output(output, rendered)
    sys.stderr.write(
        f"Agenda geschreven naar {show(output)}: {len(agenda.te_bespreken)} te bespreken, "
        f"{len(result.decisions)} aanbesteding(en).\n"
    )
