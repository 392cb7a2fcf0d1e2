"""`inkoopcheck validate`: parse the options, call the core, print."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import EXIT_DATA, app, out
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
    warn_cache,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Alleen deze bestanden of mappen melden (de samenhang wordt over alles bepaald).",
            metavar="PAD",
            show_default=False,
            readable=False,  # an unreadable file or folder is a finding (IC001), like in tenders/
        ),
    ] = None,
    data: DataOption = None,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            help="text, json of github (standaard github als GITHUB_ACTIONS=true, anders text).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Waarschuwingen tellen als fout.")
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF|JJJJ-MM-DD",
            help="Alleen bestanden melden die deze tak sinds deze git-referentie (of datum) "
            "veranderde, gerekend vanaf de merge-base: wat een pull request wijzigt.",
            show_default=False,
        ),
    ] = None,
    when: DateOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Controleer de aanbestedingen en kader.yaml.

    Meldt per probleem bestand, regel, code en wat je eraan doet. Exitcode 0: in
    orde (waarschuwingen mogen), 1: fouten (of waarschuwingen met --strict),
    2: kon niet draaien.

    Voorbeeld: inkoopcheck validate --changed-since origin/main
    """
    from inkoopcheck.analysis import SelectionError, analyse, select
    from inkoopcheck.render.findings import FindingsFormat, render_findings

    day = peildatum(when)
    root = data_folder(data)
    chosen = (
        fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    try:
        focus, extra = select(root, paths or [], changed_since)
    except SelectionError as exc:
        fail(str(exc))
    with progress_bar() as progress:
        analysis = analyse(
            root,
            day,
            extra,
            cache_dir=cache_location(no_cache, cache_dir),
            need_kader=False,
            progress=progress,
        )
    warn_cache(analysis)
    findings, files = analysis.reported(focus)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out(render_findings(FindingsFormat(chosen), findings, files, color=color))
    errors = any(f.is_error for f in findings)
    if errors or (strict and findings):
        raise typer.Exit(EXIT_DATA)
