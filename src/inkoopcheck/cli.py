"""The command line. Thin: it parses options and calls the core.

Imports of the core happen inside each command, so `inkoopcheck --help` and
`--version` load neither pydantic models, rich tables nor openpyxl.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from inkoopcheck import __version__

if TYPE_CHECKING:
    from inkoopcheck.analysis import Analysis

app = typer.Typer(
    name="inkoopcheck",
    help=(
        "Inclusief inkopen: controleer aanbestedingen tegen het handelingskader, "
        "bepaal waar het team aanschuift en maak het overzicht van Europese aanbestedingen.\n\n"
        "Begin met: inkoopcheck triage --date 2024-12-09"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="De datamap (met kader.yaml en tenders/). Standaard: "
        "$INKOOPCHECK_DATA, anders de dichtstbijzijnde map 'data' met een kader.yaml.",
        show_default=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="JJJJ-MM-DD", help="Peildatum (standaard: vandaag).", show_default=False
    ),
]


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """A message for the user on stderr, and out."""
    sys.stderr.write(f"inkoopcheck: {message}\n")
    raise typer.Exit(code)


def out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def data_folder(option: Path | None) -> Path:
    from inkoopcheck.loader import DataFolderError, find_data_folder

    try:
        return find_data_folder(option, os.environ.get("INKOOPCHECK_DATA"), Path.cwd())
    except DataFolderError as exc:
        fail(str(exc))


def peildatum(option: str | None) -> date:
    if option is None:
        return date.today()
    try:
        return date.fromisoformat(option)
    except ValueError:
        fail(f"'{option}' is geen datum; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2024-12-09.")


def usable(analysis: Analysis) -> None:
    """triage, report and friends need a kader they can use."""
    from inkoopcheck.render.findings import text

    if analysis.kader is None or any(f.is_error for f in analysis.kader_findings()):
        sys.stderr.write(text(analysis.kader_findings(), 1))
        fail(
            "kader.yaml bevat fouten; herstel die eerst (zie hierboven of 'inkoopcheck validate')."
        )


def warn_invalid(analysis: Analysis) -> None:
    skipped = analysis.invalid_count()
    if skipped:
        noun = "aanbesteding" if skipped == 1 else "aanbestedingen"
        sys.stderr.write(
            f"inkoopcheck: {skipped} {noun} met fouten overgeslagen; zie 'inkoopcheck validate'.\n"
        )


def _version(value: bool) -> None:
    if value:
        out(f"inkoopcheck {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie en stop."),
    ] = False,
) -> None:
    """Inclusief inkopen."""


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Alleen deze bestanden of mappen melden (de samenhang wordt over alles bepaald).",
            show_default=False,
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
            metavar="REF",
            help="Alleen bestanden melden die sinds deze git-referentie zijn gewijzigd.",
            show_default=False,
        ),
    ] = None,
    when: DateOption = None,
) -> None:
    """Controleer de aanbestedingen en kader.yaml.

    Meldt per probleem bestand, regel, code en wat je eraan doet. Exitcode 0: in
    orde (waarschuwingen mogen), 1: fouten (of waarschuwingen met --strict),
    2: kon niet draaien.

    Voorbeeld: inkoopcheck validate --changed-since origin/main
    """
    from inkoopcheck.analysis import analyse
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.gitutil import changed_since as git_changed
    from inkoopcheck.loader import show
    from inkoopcheck.render.findings import FindingsFormat, render

    root = data_folder(data)
    day = peildatum(when)
    chosen = (
        fmt.value if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    focus: set[str] | None = None
    extra: list[Path] = []
    if paths:
        focus = set()
        for p in paths:
            if p.is_dir() and not p.is_symlink():
                from inkoopcheck.loader import tender_files

                for f, _ in tender_files(p):
                    focus.add(show(f))
                    extra.append(f)
            elif os.path.lexists(p):
                focus.add(show(p))
                extra.append(p)
            else:
                fail(f"'{show(p)}' bestaat niet.")
    if changed_since is not None:
        try:
            changed = git_changed(root, changed_since)
        except GitError as exc:
            fail(f"--changed-since: {exc}.")
        shown = {show(p) for p in changed}
        focus = shown if focus is None else focus & shown
    analysis = analyse(root, day, extra)
    findings = analysis.findings
    files = len(analysis.files) + 1  # + kader.yaml
    if focus is not None:
        kader_shown = analysis.kader_result.display
        findings = [f for f in findings if f.path in focus or f.path == kader_shown]
        files = len({show(r.path) for r in analysis.files} & focus) + 1
    out(render(FindingsFormat(chosen), findings, files))
    errors = any(f.is_error for f in findings)
    if errors or (strict and findings):
        raise typer.Exit(EXIT_DATA)


@app.command()
def schema(data: DataOption = None) -> None:
    """Print het JSON Schema van een aanbestedingsbestand.

    De directies, thema's en leadbuyers komen uit kader.yaml, zodat een editor
    (met yaml-language-server) ze aanvult en controleert.

    Voorbeeld: inkoopcheck schema > schema/tender.schema.json
    """
    from inkoopcheck.loader import KADER_FILE, load_kader
    from inkoopcheck.render.findings import text
    from inkoopcheck.schema import render

    root = data_folder(data)
    result = load_kader(root / KADER_FILE)
    if result.kader is None:
        sys.stderr.write(text(result.findings, 1))
        fail("kader.yaml bevat fouten; herstel die eerst.")
    out(render(result.kader))


@app.command()
def explain(
    code: Annotated[
        str | None, typer.Argument(help="Een code, bijvoorbeeld IC102.", show_default=False)
    ] = None,
) -> None:
    """Leg een meldingscode uit (zonder code: alle codes).

    Voorbeeld: inkoopcheck explain IC102
    """
    from inkoopcheck.codes import CODES

    if code is None:
        for c in CODES.values():
            out(f"{c.code}  {c.severity:<12} {c.titel}\n")
        return
    found = CODES.get(code.upper())
    if found is None:
        fail(f"code '{code}' bestaat niet; 'inkoopcheck explain' toont alle codes.")
    out(f"{found.code} ({found.severity}): {found.titel}\n\n{found.uitleg}\n")


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
) -> None:
    """Wat wel en wat niet: rangschik de aanbestedingen binnen de horizon.

    Per aanbesteding een rol (aanschuiven, achtervang of geen), een score en
    waarom, met signalen als 'te laat', 'urgent' en 'waarde onbekend'.

    Voorbeeld: inkoopcheck triage --date 2024-12-09 --since 2024-12-02
    """
    from dataclasses import replace

    from inkoopcheck.analysis import analyse
    from inkoopcheck.history import changes_since
    from inkoopcheck.render.triage import TriageFormat, render
    from inkoopcheck.triage import triage as run_triage

    root = data_folder(data)
    day = peildatum(when)
    analysis = analyse(root, day)
    usable(analysis)
    warn_invalid(analysis)
    assert analysis.kader is not None
    kader = analysis.kader
    if directie is not None and kader.resolve_directie(directie) is None:
        fail(f"directie '{directie}' staat niet in kader.yaml.")
    changes, note = changes_since(root, since, analysis.files) if since else (None, None)
    result = run_triage(
        analysis.valid_tenders(),
        kader,
        day,
        capaciteit=capacity,
        directie=directie,
        changes=changes,
    )
    result = replace(
        result,
        since=since if since and note is None else None,
        since_note=note,
        skipped=analysis.invalid_count(),
    )
    color = fmt is TriageFormatOption.text and sys.stdout.isatty()
    width = 160
    if sys.stdout.isatty():
        import shutil

        width = shutil.get_terminal_size((160, 40)).columns
    out(render(TriageFormat(fmt.value), result, kader, color=color, width=width))


export_app = typer.Typer(
    help="Exporteer gegevens voor andere systemen.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(export_app, name="export")


@export_app.command("social-return")
def export_social_return(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Het CSV-bestand om te schrijven (wordt vervangen).",
        show_default=False)],
    data: DataOption = None,
    when: DateOption = None,
) -> None:
    """De social-returnlijst voor het monitoringsysteem, als CSV.

    Eén regel per aanbesteding met social return; vaste kolomnamen, datums als
    JJJJ-MM-DD, bedragen als gewone getallen (zie docs/social-return.md).

    Voorbeeld: inkoopcheck export social-return --output social-return.csv
    """
    from inkoopcheck.analysis import analyse
    from inkoopcheck.atomic import write_atomic
    from inkoopcheck.export import social_return_csv, social_return_rows

    if output.suffix.lower() != ".csv":
        fail(f"'{output}' eindigt niet op .csv; de export is een CSV-bestand.")
    if not output.parent.is_dir():
        fail(f"de map '{output.parent}' bestaat niet.")
    root = data_folder(data)
    analysis = analyse(root, peildatum(when))
    usable(analysis)
    warn_invalid(analysis)
    assert analysis.kader is not None
    rows = social_return_rows(analysis.valid_tenders(), analysis.kader)
    try:
        write_atomic(output, social_return_csv(rows).encode("utf-8"))
    except OSError as exc:
        fail(f"kan '{output}' niet schrijven: {exc.strerror}.")
    sys.stderr.write(f"{len(rows)} aanbesteding(en) met social return geschreven naar {output}.\n")


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("inkoopcheck: afgebroken.\n")
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException as exc:  # a bug of ours, not the user's data
        if os.environ.get("INKOOPCHECK_DEBUG"):
            raise
        sys.stderr.write(
            f"inkoopcheck: interne fout ({type(exc).__name__}: {exc}).\n"
            "Dit is een fout in inkoopcheck, niet in je gegevens. Meld het aan het team, "
            "met de opdracht die je gaf; INKOOPCHECK_DEBUG=1 toont de details.\n"
        )
        sys.exit(3)
