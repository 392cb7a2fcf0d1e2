"""`inkoopcheck triage`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    CacheDirOption,
    DataOption,
    DateOption,
    NoCacheOption,
    cache_location,
    data_folder,
    fail,
    peildatum,
    progress_bar,
    usable,
    warn_cache,
    warn_invalid,
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
            help="Markeer wat nieuw of gewijzigd is sinds deze git-referentie of datum "
            "(bijvoorbeeld het vorige overleg).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        TriageFormatOption,
        typer.Option("--format", help="text, markdown (agenda voor het overleg) of json."),
    ] = TriageFormatOption.text,
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
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Wat wel en wat niet: rangschik de aanbestedingen binnen de horizon.

    Per aanbesteding een rol (aanschuiven, achtervang of geen), een score en
    waarom, met signalen als 'te laat', 'urgent' en 'waarde onbekend'.

    Voorbeeld: inkoopcheck triage --date 2024-12-09 --since 2024-12-02
    """
    from dataclasses import replace

    from inkoopcheck.analysis import analyse
    from inkoopcheck.fmt import display_path
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.history import changes_since, paths_since
    from inkoopcheck.render.triage import TriageFormat, render_triage
    from inkoopcheck.triage import triage as run_triage

    day = peildatum(when)
    root = data_folder(data)
    try:  # before the long run: a mistake here stops the command (exit 2)
        found = paths_since(root, since) if since is not None else None
    except GitError as exc:
        fail(f"--since: {exc}.")
    with progress_bar() as progress:
        analysis = analyse(
            root, day, cache_dir=cache_location(no_cache, cache_dir), progress=progress
        )
    warn_cache(analysis)
    usable(analysis)
    warn_invalid(analysis)
    assert analysis.kader is not None
    kader = analysis.kader
    if directie is not None and kader.resolve_directie(directie) is None:
        fail(kader.unknown_directie_message(directie))
    result = run_triage(
        analysis.valid_tenders(),
        kader,
        day,
        capaciteit=capacity,
        directie=directie,
        changes=changes_since(found, analysis.files) if found is not None else None,
    )
    shown_since = display_path(since) if since is not None else None
    result = replace(result, since=shown_since, skipped=analysis.invalid_count())
    color = fmt is TriageFormatOption.text and sys.stdout.isatty()
    width = 160
    if sys.stdout.isatty():
        import shutil

        width = shutil.get_terminal_size((160, 40)).columns
    out(render_triage(TriageFormat(fmt.value), result, kader, color=color, width=width))
