"""`inkoopcheck validate`: parse the options, call the core, print."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from inkoopcheck.analysis import Analysis
    from inkoopcheck.decisions import Ruling
    from inkoopcheck.findings import Finding
    from inkoopcheck.models import Tender

from inkoopcheck.cli.app import EXIT_DATA, app, out
from inkoopcheck.cli.common import (
    CacheDirOption,
    DataOption,
    DateOption,
    ForceOption,
    NoCacheOption,
    append_step_summary,
    cache_location,
    data_folder,
    fail,
    output_allowed,
    peildatum,
    progress_bar,
    warn_cache,
    write_output,
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
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            metavar="BESTAND.md",
            help="Schrijf ook een samenvatting in Markdown: alle meldingen per bestand en, met "
            "--changed-since, wat de wijziging betekent voor het team. In GitHub Actions "
            "gaat die vanzelf naar de samenvatting van de job ($GITHUB_STEP_SUMMARY).",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
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
    if summary is not None:
        output_allowed(summary, [".md"], root, force, option="--summary")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY") or None
    meaning = changed_since is not None and (summary is not None or step_summary is not None)
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
            need_kader=meaning,  # what a pull request means needs the kader
            # and the tenders; the duplicates check reads each file's brief instead
            payloads=meaning,
            progress=progress,
        )
    warn_cache(analysis)
    findings, files = analysis.reported(focus)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out(render_findings(FindingsFormat(chosen), findings, files, color=color))
    if summary is not None or step_summary is not None:
        text = _summary(analysis, findings, files, changed_since if meaning else None)
        if summary is not None:
            write_output(summary, text)
        if step_summary is not None:
            append_step_summary(Path(step_summary), text)
    errors = any(f.is_error for f in findings)
    if errors or (strict and findings):
        raise typer.Exit(EXIT_DATA)


def _summary(
    analysis: Analysis, findings: list[Finding], files: int, changed_since: str | None
) -> str:
    """The Markdown summary: the findings, and with `changed_since` what the pull
    request means (summary.py)."""
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.history import standing_rulings
    from inkoopcheck.prfiles import pull_request_files
    from inkoopcheck.render.summary import markdown
    from inkoopcheck.summary import build, pull_request

    pr, note = None, None
    if changed_since is not None:
        kader = analysis.kader
        if kader is None or any(f.is_error for f in analysis.kader_findings()):
            note = (
                "kader.yaml heeft fouten: wat deze wijziging betekent volgt als die hersteld zijn."
            )
        else:
            try:
                found = pull_request_files(analysis.root, changed_since)
            except GitError as exc:
                fail(f"--changed-since: {exc}.")
            current = {r.display: None if r.has_errors else r.tender() for r in analysis.files}
            notes: list[str] = []

            def rulings(tenders: Sequence[Tender]) -> Mapping[str, Ruling]:
                # the overleg's decisions, as the triage and the agenda use them
                standing, why = standing_rulings(
                    analysis.root, analysis.overleggen, tenders, kader, analysis.peildatum
                )
                if why and why not in notes:
                    notes.append(why)
                return standing

            pr = pull_request(
                changed_since,
                found.files,
                current,
                kader,
                analysis.peildatum,
                rulings=rulings,
                kader_gewijzigd=found.kader_changed,
            )
            note = " ".join(notes) or None
    return markdown(build(findings, files, pr, note), analysis.peildatum.isoformat())
