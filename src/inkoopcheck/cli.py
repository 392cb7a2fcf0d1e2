"""The command line. Thin: it parses options and calls the core.

Imports of the core happen inside each command, so `inkoopcheck --help` and
`--version` load neither pydantic models, rich tables nor openpyxl.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from inkoopcheck import __version__

if TYPE_CHECKING:
    from inkoopcheck.analysis import Analysis, Progress


class _DutchHelp:
    """The --help option, described in Dutch like everything else."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option


class _Group(_DutchHelp, TyperGroup):
    pass


class _Command(_DutchHelp, TyperCommand):
    pass


app = typer.Typer(
    cls=_Group,
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


ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Vervang een bestaand uitvoerbestand."),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Controleer alles opnieuw, zonder de cache te gebruiken."),
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Map voor de cache (standaard $INKOOPCHECK_CACHE_DIR, anders ~/.cache/inkoopcheck).",
        show_default=False,
    ),
]


def cache_location(no_cache: bool, cache_dir: Path | None) -> Path | None:
    if no_cache or os.environ.get("INKOOPCHECK_NO_CACHE"):
        return None
    if cache_dir is not None:
        return cache_dir
    from inkoopcheck.cache import default_dir

    return default_dir()


@contextmanager
def progress_bar() -> Iterator[Progress | None]:
    """A progress bar on stderr for long runs, only for a person at a terminal:
    never in CI logs or when stderr is piped."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    state: dict[str, Any] = {}

    def start(todo: int, total: int) -> Callable[[int], None] | None:
        if todo < 500:
            return None
        from rich.console import Console
        from rich.progress import Progress as Bar

        bar = Bar(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task(f"{todo} van {total} bestanden controleren", total=todo)
        state["bar"] = bar
        return lambda n: bar.advance(task, n)

    try:
        yield start
    finally:
        if "bar" in state:
            state["bar"].stop()


def output_allowed(path: Path, suffixes: list[str], root: Path | None, force: bool) -> None:
    """The one rule for every --output (outputs.py); exit 2 when it says no."""
    from inkoopcheck.outputs import OutputRefused, check_output

    try:
        check_output(path, suffixes=suffixes, data_root=root, force=force)
    except OutputRefused as exc:
        fail(str(exc))


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
    from inkoopcheck.periods import parse_day

    day = parse_day(option)
    if day is None:
        fail(f"'{option}' is geen datum; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2024-12-09.")
    return day


def usable(analysis: Analysis) -> None:
    """triage, report and friends need a kader they can use."""
    from inkoopcheck.render.findings import text

    if analysis.kader is None or any(f.is_error for f in analysis.kader_findings()):
        sys.stderr.write(text(analysis.kader_findings(), 1))
        fail(
            "kader.yaml bevat fouten; herstel die eerst (zie hierboven of 'inkoopcheck validate')."
        )
    if analysis.layout_findings():
        sys.stderr.write(text(analysis.layout_findings(), 1))
        fail("de datamap klopt niet; herstel dat eerst (zie hierboven).")


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
            metavar="PAD",
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
    from inkoopcheck.render.findings import FindingsFormat, render

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
            payloads=False,
            progress=progress,
        )
    findings, files = analysis.reported(focus)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out(render(FindingsFormat(chosen), findings, files, color=color))
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
    from inkoopcheck.schema import render
    from inkoopcheck.tenderfile import usable_kader

    root = data_folder(data)
    kader, problems = usable_kader(root)
    if kader is None:
        sys.stderr.write(problems)
        fail("kader.yaml bevat fouten; herstel die eerst.")
    out(render(kader))


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
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.history import changes_since, paths_since
    from inkoopcheck.render.triage import TriageFormat, render
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
    result = replace(result, since=since, skipped=analysis.invalid_count())
    color = fmt is TriageFormatOption.text and sys.stdout.isatty()
    width = 160
    if sys.stdout.isatty():
        import shutil

        width = shutil.get_terminal_size((160, 40)).columns
    out(render(TriageFormat(fmt.value), result, kader, color=color, width=width))


def check_output(output: Path, suffixes: dict[str, str]) -> str:
    """The format an --output file asks for by its suffix, or a usage error that
    says which suffixes there are. Nothing is written yet."""
    from inkoopcheck.loader import show

    kind = suffixes.get(output.suffix.lower())
    if kind is None:
        what = f"'{output.suffix}'" if output.suffix else "geen extensie"
        fail(f"--output {show(output)}: {what} past niet; kies " + ", ".join(suffixes) + ".")
    if output.is_dir():
        fail(f"--output {show(output)} is een map; geef een bestandsnaam.")
    if not output.parent.is_dir():
        fail(f"--output: de map '{show(output.parent)}' bestaat niet; maak haar eerst aan.")
    return kind


def write_output(output: Path, text: str) -> None:
    """Write a whole file atomically (an existing one is replaced), or say why not."""
    from inkoopcheck.atomic import write_atomic
    from inkoopcheck.loader import show

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        from inkoopcheck.oserrors import reason

        fail(f"kan '{show(output)}' niet schrijven: {reason(exc)}.", EXIT_DATA)


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
            "(een bestaand bestand wordt vervangen).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    when: DateOption = None,
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
    from inkoopcheck.names import did_you_mean
    from inkoopcheck.render.advice import AdviesFormat, render
    from inkoopcheck.triage import triage as run_triage

    if (tender_id is None) == (directie is None):
        fail(
            "geef een id of --directie, niet allebei en niet geen van beide. Bijvoorbeeld: "
            "inkoopcheck advies arbodienstverlening-2025, of inkoopcheck advies --directie BV."
        )
    chosen = fmt.value if fmt is not None else None
    if output is not None:
        kind = check_output(output, {".md": "markdown", ".json": "json", ".txt": "text"})
        chosen = chosen or kind
    day = peildatum(when)
    root = data_folder(data)
    analysis = analyse(root, day)
    usable(analysis)
    assert analysis.kader is not None
    kader = analysis.kader
    tenders = analysis.valid_tenders()
    canonical = None
    if directie is not None:
        canonical = kader.resolve_directie(directie)
        if canonical is None:
            fail(kader.unknown_directie_message(directie))
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
            broken = [r for r in analysis.files if r.tender_id == tender_id]
            if broken:
                fail(
                    f"'{tender_id}' heeft fouten ({broken[0].display}); herstel die eerst, "
                    "zie 'inkoopcheck validate'.",
                    EXIT_DATA,
                )
            guess = did_you_mean(str(tender_id), [t.id for t in tenders])
            fail(
                f"geen aanbesteding met id '{tender_id}'"
                + (f" — bedoel je '{guess}'?" if guess else ".")
                + " Het id is de bestandsnaam zonder .yaml."
            )
        chosen_tenders = match
    triaged = run_triage(tenders, kader, day)
    adviezen = [build(t, kader, day, triaged) for t in chosen_tenders]
    rendered = render(AdviesFormat(chosen or "text"), adviezen, day, canonical)
    if output is not None:
        write_output(output, rendered)
        sys.stderr.write(f"Advies ({len(adviezen)} aanbesteding(en)) geschreven naar {output}.\n")
    else:
        out(rendered)


class KaderFormatOption(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command()
def kader(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="BESTAND",
            help="Schrijf het document naar een bestand: .md of .html "
            "(een bestaand bestand wordt vervangen).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        KaderFormatOption | None,
        typer.Option(
            "--format",
            help="markdown of html (standaard markdown; met --output naar de extensie).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Het handelingskader als leesbaar document voor de directies.

    Thema's met voorbeelden van wensen en eisen en de grondslag, de regels in
    gewone woorden, social return, de Europese drempels, de instellingen van de
    triage en wie je kunt vragen. Gemaakt uit kader.yaml, dus altijd actueel. De
    HTML is één bestand met inhoudsopgave, ook leesbaar op een telefoon.

    Voorbeeld: inkoopcheck kader --output handelingskader.html
    """
    from inkoopcheck.kaderdoc import build
    from inkoopcheck.render.kaderdoc import html_document, markdown
    from inkoopcheck.tenderfile import usable_kader

    chosen = fmt.value if fmt is not None else None
    if output is not None:
        kind = check_output(output, {".md": "markdown", ".html": "html", ".htm": "html"})
        chosen = chosen or kind
    root = data_folder(data)
    loaded, problems = usable_kader(root)
    if loaded is None:
        sys.stderr.write(problems)
        fail("kader.yaml bevat fouten; herstel die eerst (zie hierboven).")
    doc = build(loaded)
    rendered = html_document(doc) if chosen == "html" else markdown(doc)
    if output is not None:
        write_output(output, rendered)
        sys.stderr.write(f"Handelingskader geschreven naar {output}.\n")
    else:
        out(rendered)


export_app = typer.Typer(
    cls=_Group,
    help="Exporteer gegevens voor andere systemen.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")


@export_app.command("social-return")
def export_social_return(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Het CSV-bestand om te schrijven (een bestaand bestand alleen met --force).",
            show_default=False,
        ),
    ],
    data: DataOption = None,
    when: DateOption = None,
    force: ForceOption = False,
) -> None:
    """De social-returnlijst voor het monitoringsysteem, als CSV.

    Eén regel per aanbesteding met social return; vaste kolomnamen, datums als
    JJJJ-MM-DD, bedragen als gewone getallen (zie docs/social-return.md).

    Voorbeeld: inkoopcheck export social-return --output social-return.csv
    """
    from inkoopcheck.analysis import analyse
    from inkoopcheck.atomic import write_atomic
    from inkoopcheck.export import social_return_rows
    from inkoopcheck.render.csvdoc import social_return_csv

    day = peildatum(when)
    root = data_folder(data)
    output_allowed(output, [".csv"], root, force)
    analysis = analyse(root, day)
    usable(analysis)
    warn_invalid(analysis)
    assert analysis.kader is not None
    rows = social_return_rows(analysis.valid_tenders(), analysis.kader)
    try:
        write_atomic(output, social_return_csv(rows).encode("utf-8"))
    except OSError as exc:
        from inkoopcheck.oserrors import reason

        fail(f"kan '{output}' niet schrijven: {reason(exc)}.")
    sys.stderr.write(f"{len(rows)} aanbesteding(en) met social return geschreven naar {output}.\n")


@export_app.command("ocds")
def export_ocds(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Het JSON-bestand om te schrijven (wordt vervangen).",
            show_default=False,
        ),
    ],
    uri: Annotated[
        str | None,
        typer.Option(
            "--uri",
            help="Waar het bestand gepubliceerd wordt (standaard een urn uit de ocid-prefix).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    when: DateOption = None,
) -> None:
    """De planning als open data: een OCDS 1.1 release package.

    Eén planning-release per open aanbesteding (status kalender of
    voorbereiding): titel, soort, waarde in euro, CPV-codes, verwachte
    publicatie, de gemeente als koper, en met de sustainability-extensie de
    sociale doelen van de thema's met 'ja' en van social return. Koper en
    ocid-prefix komen uit 'organisatie' in kader.yaml.

    Voorbeeld: inkoopcheck export ocds --output plan.json --date 2024-12-09
    """
    import json

    from inkoopcheck.analysis import analyse
    from inkoopcheck.ocds import NoOrganisation, release_package

    check_output(output, {".json": "json"})
    day = peildatum(when)
    root = data_folder(data)
    analysis = analyse(root, day)
    usable(analysis)
    warn_invalid(analysis)
    assert analysis.kader is not None
    try:
        package = release_package(analysis.valid_tenders(), analysis.kader, day, uri)
    except NoOrganisation:
        fail(
            "kader.yaml heeft geen sectie 'organisatie' (naam, aliassen, identificatie, "
            "ocid_prefix); zonder koper en ocid-prefix is er geen OCDS-export. Voeg die toe "
            "(zie docs/handleiding.md). Er is niets geschreven.",
            EXIT_DATA,
        )
    if not package["releases"]:
        fail(
            "er zijn geen open aanbestedingen (status kalender of voorbereiding); een OCDS "
            "release package heeft minstens één release. Er is niets geschreven.",
            EXIT_DATA,
        )
    write_output(output, json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    sys.stderr.write(
        f"{len(package['releases'])} geplande aanbesteding(en) geschreven naar {output} (OCDS).\n"
    )


def _opt(help_text: str, name: str, metavar: str | None = None) -> typer.models.OptionInfo:
    option: typer.models.OptionInfo = typer.Option(
        name, help=help_text, metavar=metavar, show_default=False
    )
    return option


@app.command()
def new(
    titel: Annotated[str | None, _opt("De opdrachtomschrijving.", "--titel", "TEKST")] = None,
    directie: Annotated[
        str | None, _opt("De directie (een naam of alias uit kader.yaml).", "--directie", "NAAM")
    ] = None,
    soort: Annotated[
        str | None, _opt("leveringen, diensten, werken of sociale-diensten.", "--soort", "SOORT")
    ] = None,
    waarde: Annotated[
        str | None,
        _opt(
            "Geschatte contractwaarde: 2500000, '€ 2.500.000', '2,5 mln' of 'N.n.b.'.",
            "--waarde",
            "BEDRAG",
        ),
    ] = None,
    kwartaal: Annotated[
        str | None, _opt("Verwachte publicatie, als kwartaal.", "--kwartaal", "JJJJ-Qn")
    ] = None,
    datum: Annotated[
        str | None, _opt("Verwachte publicatie, als datum.", "--datum", "JJJJ-MM-DD")
    ] = None,
    zekerheid: Annotated[
        str | None,
        _opt("zeker, waarschijnlijk, onzeker of zeer-onzeker.", "--zekerheid", "ZEKERHEID"),
    ] = None,
    procedure: Annotated[
        str | None,
        _opt(
            "europees, nationaal, meervoudig-onderhands of enkelvoudig-onderhands.",
            "--procedure",
            "PROCEDURE",
        ),
    ] = None,
    leadbuyer: Annotated[
        str | None, _opt("Een leadbuyer uit kader.yaml.", "--leadbuyer", "NAAM")
    ] = None,
    personeel: Annotated[
        str | None,
        _opt(
            "ja als het gaat om (inzet van) personeel of de ondersteuning ervan, anders nee.",
            "--personeel",
            "JA/NEE",
        ),
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="kalender, voorbereiding, gepubliceerd, gegund, afgerond of ingetrokken.",
        ),
    ] = "kalender",
    contact: Annotated[
        str | None,
        _opt("Een functie- of teamadres (geen naam van een persoon).", "--contact", "ADRES"),
    ] = None,
    tender_id: Annotated[
        str | None,
        _opt("Het id en de bestandsnaam (standaard: uit titel en jaar).", "--id", "ID"),
    ] = None,
    data: DataOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Toon het bestand in plaats van het te schrijven.")
    ] = False,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive",
            help="Vraag naar wat ontbreekt (standaard: alleen als er een terminal is).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Maak een nieuw aanbestedingsbestand in tenders/<directie>/.

    Geef de gegevens als opties, of beantwoord de vragen (in een terminal). Het
    bestand wordt eerst gecontroleerd zoals 'inkoopcheck validate' dat doet, en
    nooit over een bestaand bestand heen geschreven.

    Voorbeeld: inkoopcheck new --titel Arbodienstverlening --directie Bedrijfsvoering
    --soort diensten --waarde 2500000 --kwartaal 2026-Q1 --zekerheid waarschijnlijk
    """

    from inkoopcheck.interact import Prompter
    from inkoopcheck.loader import show
    from inkoopcheck.newtender import Answers, NewError, gather, prepare, write
    from inkoopcheck.render.directies import written
    from inkoopcheck.tenderfile import index, usable_kader

    root = data_folder(data)
    kader, problems = usable_kader(root)
    if kader is None:
        sys.stderr.write(problems)
        fail("kader.yaml bevat fouten; herstel die eerst (zie hierboven).")
    if directie is not None and directie.strip() and kader.resolve_directie(directie) is None:
        fail(kader.unknown_directie_message(directie.strip()))
    existing = index(root, kader)
    ask = sys.stdin.isatty() if interactive is None else interactive
    answers = Answers(
        titel=titel,
        directie=directie,
        soort=soort,
        waarde=waarde,
        kwartaal=kwartaal,
        datum=datum,
        zekerheid=zekerheid,
        procedure=procedure,
        leadbuyer=leadbuyer,
        personeel=personeel,
        status=status,
        contact=contact,
        id=tender_id,
    )
    try:
        asker = Prompter() if ask else None
        fields = gather(answers, kader, lambda i: existing.find(i) is not None, asker)
        prepared = prepare(fields, root, kader, existing, date.today())
        if dry_run:
            out(prepared.text)
            sys.stderr.write(
                "Proefrun: er is niets geschreven. "
                f"Dit bestand zou in {show(prepared.path)} komen.\n"
            )
            return
        write(prepared)
    except NewError as exc:
        fail(str(exc), exc.code)
    except typer.Abort:
        fail("gestopt; er is niets geschreven.")
    same = show(prepared.same_title) if prepared.same_title is not None else None
    out(written(prepared, show(prepared.path), same))


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="De inkoopkalender (.xlsx).", show_default=False)],
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
            "verandert); zonder --update worden ze overgeslagen.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Schrijf niets; toon wat er geschreven zou worden.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Zet een inkoopkalender uit Excel om in aanbestedingsbestanden.

    Zoekt de kopregel (ook als die niet bovenaan staat), herkent kolommen als
    'Opdracht omschrijving', 'Schatting contractwaarde' en 'Waarschijnlijkheid
    publicatiedatum', en meldt per overgeslagen regel het blad, het rijnummer en
    de reden. Bestaande bestanden worden nooit overschreven. Exitcode 0: alles
    gelukt, 1: een of meer regels mislukt, 2: het bestand is niet te lezen.

    Voorbeeld: inkoopcheck import kalender-2025.xlsx --directie Bedrijfsvoering --dry-run
    """
    from inkoopcheck.importer import Defaults, ImportFileError, Options, run_import
    from inkoopcheck.interact import ImportProgress
    from inkoopcheck.newtender import NewError, sentence
    from inkoopcheck.render.directies import imported, sheets_read
    from inkoopcheck.tenderfile import index, usable_kader
    from inkoopcheck.values import (
        ValueProblem,
        parse_kwartaal,
        parse_procedure,
        parse_soort,
        parse_zekerheid,
    )

    root = data_folder(data)
    kader, problems = usable_kader(root)
    if kader is None:
        sys.stderr.write(problems)
        fail("kader.yaml bevat fouten; herstel die eerst (zie hierboven).")
    try:
        if directie is not None and kader.resolve_directie(directie) is None:
            raise NewError(kader.unknown_directie_message(directie))
        defaults = Defaults(
            directie=kader.resolve_directie(directie) if directie else None,
            kwartaal=parse_kwartaal(kwartaal) if kwartaal else None,
            zekerheid=parse_zekerheid(zekerheid) if zekerheid else None,
            procedure=parse_procedure(procedure) if procedure else None,
            soort=parse_soort(soort) if soort else None,
        )
    except (ValueProblem, NewError) as exc:
        fail(sentence(str(exc)))
    options = Options(
        sheet=sheet, all_sheets=all_sheets, defaults=defaults, update=update, dry_run=dry_run
    )
    progress = ImportProgress()
    try:
        result = run_import(file, root, kader, options, date.today(), index(root, kader), progress)
    except ImportFileError as exc:
        fail(str(exc))
    finally:
        progress.stop()
    sys.stderr.write(sheets_read(result))
    out(imported(result, dry_run=dry_run, update=update))
    if result.failed:
        raise typer.Exit(EXIT_DATA)


class TenderNedFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    xlsx = "xlsx"


@app.command()
def tenderned(
    file: Annotated[
        Path,
        typer.Argument(
            help="De open data van TenderNed: OCDS (JSON of JSON lines) of de Excel-dataset.",
            show_default=False,
        ),
    ],
    format_: Annotated[
        TenderNedFormat, typer.Option("--format", help="text, markdown, json of xlsx.")
    ] = TenderNedFormat.text,
    output: Annotated[
        Path | None,
        _opt(
            "Schrijf naar dit bestand (nodig bij xlsx; een bestaand bestand alleen met --force).",
            "--output",
            "BESTAND",
        ),
    ] = None,
    sinds: Annotated[
        str | None,
        _opt(
            "Lijst 2 vanaf deze publicatiedatum (standaard: de horizon van de triage terug).",
            "--sinds",
            "JJJJ-MM-DD",
        ),
    ] = None,
    apply_: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Schrijf de updates van lijst 1 in de aanbestedingsbestanden (alleen zekere "
            "koppelingen).",
        ),
    ] = False,
    nieuw: Annotated[
        bool,
        typer.Option("--nieuw", help="Maak aanbestedingsbestanden voor de items met --id."),
    ] = False,
    ids: Annotated[
        list[str] | None,
        _opt("Een item van lijst 2 of 4 voor --nieuw (mag vaker).", "--id", "ID"),
    ] = None,
    directie: Annotated[
        str | None,
        _opt("De directie voor --nieuw, als de aankondiging er geen noemt.", "--directie", "NAAM"),
    ] = None,
    day: DateOption = None,
    data: DataOption = None,
    force: ForceOption = False,
) -> None:
    """Houd het register tegen de open data van TenderNed.

    Vier lijsten: gekoppeld (met wat het register moet bijwerken), gepubliceerd
    maar niet in het register, gepland maar niet gepubliceerd, en heraanbesteding
    verwacht (contracten die binnen de horizon plus voorbereidingstijd aflopen).
    Zonder --apply of --nieuw wordt niets geschreven. Exitcode 0: gelukt, 1: een
    bestand kon niet worden bijgewerkt of geschreven, 2: het bestand of een optie
    is niet bruikbaar.

    Voorbeeld: inkoopcheck tenderned tenderned-2024.json --format xlsx --output tenderned.xlsx
    """
    from inkoopcheck.atomic import write_atomic
    from inkoopcheck.interact import ImportProgress
    from inkoopcheck.loader import show
    from inkoopcheck.oserrors import reason
    from inkoopcheck.periods import add_months
    from inkoopcheck.render import tenderned as render
    from inkoopcheck.tenderfile import index, usable_kader
    from inkoopcheck.tenderned.buyer import Own
    from inkoopcheck.tenderned.match import group
    from inkoopcheck.tenderned.notice import NoticeFileError
    from inkoopcheck.tenderned.read import open_notices
    from inkoopcheck.tenderned.reconcile import (
        ChoiceError,
        apply_links,
        choose,
        collect,
        create_new,
        reconcile,
    )

    peil = peildatum(day)
    if format_ is TenderNedFormat.xlsx and output is None:
        fail("xlsx heeft een bestand nodig: geef --output overzicht.xlsx op.")
    if (ids or directie) and not nieuw:
        fail("--id en --directie horen bij --nieuw: geef --nieuw --id ID op.")
    if nieuw and not ids:
        fail("--nieuw heeft een of meer items nodig: geef --id ID op (uit lijst 2 of 4).")
    root = data_folder(data)
    kader, problems = usable_kader(root)
    if kader is None:
        sys.stderr.write(problems)
        fail("kader.yaml bevat fouten; herstel die eerst (zie hierboven).")
    if kader.organisatie is None:
        fail(
            "kader.yaml zegt niet welke organisatie de eigen is. Voeg toe:\n"
            "organisatie:\n  naam: Gemeente Voorbeeld       # de officiële naam op TenderNed\n"
            "  aliassen: []\n  identificatie: null          # het KvK-nummer, als je het weet\n"
            "  ocid_prefix: ocds-voorbeeld"
        )
    if directie is not None and kader.resolve_directie(directie) is None:
        fail(kader.unknown_directie_message(directie))
    if output is not None:
        output_allowed(output, [], root, force)
    since = add_months(peil, -kader.triage.horizon_maanden)
    if sinds is not None:
        since = peildatum(sinds)
    progress = ImportProgress("TenderNed lezen", min_total=5_000_000)
    try:
        opened = open_notices(file, progress)
        got = collect(opened.items, Own.of(kader.organisatie))
    except NoticeFileError as exc:
        fail(str(exc))
    finally:
        progress.stop()
    existing = index(root, kader)
    result = reconcile(
        group(got.notices),
        existing,
        kader,
        peil,
        since,
        opened.info,
        got.read,
        len(got.notices),
        got.broken,
    )
    chosen = []
    if nieuw:
        try:
            chosen = choose(
                result, ids or [], kader.resolve_directie(directie) if directie else None
            )
        except ChoiceError as exc:
            fail(str(exc))
    if format_ is TenderNedFormat.xlsx:
        body: bytes = render.xlsx(result, kader)
    else:
        shown = {
            TenderNedFormat.text: render.text,
            TenderNedFormat.markdown: render.markdown,
            TenderNedFormat.json: render.as_json,
        }[format_](result, kader)
        body = shown.encode("utf-8")
    if output is not None:
        try:
            write_atomic(output, body)
        except OSError as exc:
            fail(f"kon {show(output)} niet schrijven: {reason(exc)}.")
        sys.stderr.write(f"Geschreven: {show(output)}\n")
    else:
        out(body.decode("utf-8"))
    if result.broken:
        sys.stderr.write(
            f"inkoopcheck: {len(result.broken)} aankondiging(en) niet te lezen en overgeslagen "
            "(zie 'Niet te lezen').\n"
        )
    done = []
    if apply_:
        done += apply_links(result, root, kader, peil)
    if nieuw:
        done += create_new(
            chosen,
            kader.resolve_directie(directie) if directie else None,
            root,
            kader,
            peil,
            existing,
        )
    if apply_ or nieuw:
        sys.stderr.write(render.written(done) or "Niets te schrijven: het register is bij.\n")
    if any(not w.ok for w in done):
        raise typer.Exit(EXIT_DATA)


@app.command()
def codeowners(
    output: Annotated[
        Path | None,
        _opt(
            "Waar het bestand komt (standaard: .github/CODEOWNERS in de repository).",
            "--output",
            "PAD",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Schrijf niets; exitcode 1 als het bestand niet (meer) klopt. Handig in CI.",
        ),
    ] = False,
    data: DataOption = None,
    force: ForceOption = False,
) -> None:
    """Schrijf een CODEOWNERS-bestand uit de eigenaars in kader.yaml.

    Eén regel per directiemap, zodat elke directie de wijzigingen in haar eigen
    aanbestedingen goedkeurt; kader.yaml hoort bij het team.

    Voorbeeld: inkoopcheck codeowners --check
    """
    from inkoopcheck.atomic import write_atomic
    from inkoopcheck.codeowners import (
        DEFAULT_OUTPUT,
        CodeownersError,
        data_relative,
        diff,
        render,
        repository_root,
    )
    from inkoopcheck.loader import show
    from inkoopcheck.oserrors import reason
    from inkoopcheck.tenderfile import usable_kader

    root = data_folder(data)
    kader, problems = usable_kader(root)
    if kader is None:
        sys.stderr.write(problems)
        fail("kader.yaml bevat fouten; herstel die eerst (zie hierboven).")
    repo = repository_root(root)
    try:
        made = render(kader, data_relative(root, repo))
    except CodeownersError as exc:
        fail(str(exc))
    if made.problems:
        for p in made.problems:
            sys.stderr.write(
                f"inkoopcheck: eigenaar '{p.owner}' bij {p.where} in kader.yaml is geen "
                "@gebruiker, @organisatie/team of e-mailadres.\n"
            )
        fail("herstel de eigenaars in kader.yaml; er is niets geschreven.", EXIT_DATA)
    dest = output if output is not None else repo / DEFAULT_OUTPUT
    try:
        current: str | None = dest.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except UnicodeDecodeError:
        fail(f"kan '{show(dest)}' niet lezen: het is geen UTF-8-tekst.")
    except OSError as exc:
        fail(f"kan '{show(dest)}' niet lezen: {reason(exc)}.")
    if output is not None and not check:
        # a CODEOWNERS this command made may be brought up to date; anything else
        # only with --force, and never a file in the data folder
        ours = current is not None and current.startswith(made.text.split("\n", 1)[0])
        output_allowed(output, [], root, force or ours)
    if check:
        if current == made.text:
            out(f"{show(dest)} klopt met kader.yaml.\n")
            return
        out(diff(current, made.text, show(dest)))
        what = "bestaat niet" if current is None else "klopt niet meer met kader.yaml"
        fail(f"{show(dest)} {what}; draai 'inkoopcheck codeowners' en leg het vast.", EXIT_DATA)
    if current == made.text:
        out(f"{show(dest)} was al bij.\n")
        return
    try:
        if output is None:  # its own place, .github/, may be made
            dest.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(dest, made.text.encode("utf-8"))
    except OSError as exc:
        fail(f"kan '{show(dest)}' niet schrijven: {reason(exc)}.")
    out(
        f"Geschreven: {show(dest)}\n"
        f"Leg het vast met git add {show(dest)} en zet in GitHub bij de hoofdtak "
        "'Require review from Code Owners' aan.\n"
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
    from inkoopcheck.report import Options, PeriodError, build, window_from

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
        analysis.valid_tenders(), kader, day, window, Options(all_procedures, canonical)
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


def _dutch_help(typer_app: typer.Typer) -> None:
    """Every command gets the Dutch --help (set once here, not on each decorator)."""
    for info in typer_app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = _Command
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _dutch_help(group.typer_instance)


def _quick_app() -> typer.Typer:
    """The same top-level command list, with parameterless stand-ins for the
    commands: typer inspects every signature to build the real app (about 30 ms),
    which the top-level help does not need. Its output is the same (tested)."""
    from typer.main import get_command_name

    quick = typer.Typer(
        cls=_Group,
        name=app.info.name,
        help=app.info.help,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
    )
    quick.callback()(_main)
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or get_command_name(info.callback.__name__)

        def stand_in() -> None:  # pragma: no cover - never invoked, only listed
            pass

        stand_in.__doc__ = info.callback.__doc__
        quick.command(name, help=info.help, hidden=info.hidden, cls=_Command)(stand_in)
    for group in app.registered_groups:
        assert group.typer_instance is not None
        quick.add_typer(group.typer_instance, name=group.name)
    return quick


# Patterns compiled only when there is a mistake to explain (not for every run).
_VALUE_PATTERNS = (
    (
        r"(?:Value error, )?(.*) is not one of (.*)\.$",
        r"\1 is geen keuze; kies uit \2.",
    ),
    (r"Value (.*) is not a valid integer\.?$", r"\1 is geen geheel getal."),
    (r".* is not a valid integer(?: range)?\.?$", "geen geheel getal."),
    (r".* is not in the range x>=(\S+?)\.?$", r"moet minstens \1 zijn."),
    (r"Input should be a valid integer.*$", "geen geheel getal."),
    (r"Input should be greater than or equal to (\S+)$", r"moet minstens \1 zijn."),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$",
        r"onverwacht extra argument: \1.",
    ),
    (
        r"No such command '(.*)'\. Did you mean '(.*)'\?$",
        r"onbekend commando '\1' — bedoel je '\2'?",
    ),
    (r"No such command '(.*)'\.$", r"onbekend commando '\1'."),
)


def _nl(message: str) -> str:
    """typer's own messages about options, in Dutch where we know them."""
    for pattern, replacement in _VALUE_PATTERNS:
        if re.match(pattern, message):
            text = re.sub(pattern, replacement, message)
            if "Did you mean" in pattern:  # several: 'validate' of 'kader'
                text = text.replace("', '", "' of '")
            return text
    return message


def _click_exceptions() -> Any:
    """click's exceptions: vendored inside newer typer releases, a dependency of older ones."""
    try:
        from typer._click import exceptions
    except ImportError:
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


def _usage_error(exc: Any) -> str:
    """A mistyped command line, told in Dutch from the error's own fields."""
    ce = _click_exceptions()
    param = getattr(exc, "param", None)
    name = (
        (param.opts[0] if param is not None and param.opts else None)
        or getattr(exc, "param_hint", None)
        or "?"
    )
    if isinstance(exc, ce.NoSuchOption):
        text = f"onbekende optie '{exc.option_name}'"
        if exc.possibilities:
            text += " — bedoel je " + " of ".join(f"'{p}'" for p in sorted(exc.possibilities)) + "?"
        return text
    if isinstance(exc, ce.MissingParameter):
        return f"'{name}' ontbreekt."
    if isinstance(exc, ce.BadParameter):
        return f"ongeldige waarde voor '{name}': {_nl(exc.message)}"
    if isinstance(exc, ce.BadOptionUsage) and "requires an argument" in exc.message:
        return f"optie '{exc.option_name}' heeft een waarde nodig."
    unknown = re.match(r"No such command '(.*)'\.$", exc.message)
    ctx = getattr(exc, "ctx", None)
    if unknown and ctx is not None and hasattr(ctx.command, "list_commands"):
        # older click says no "did you mean"; say it ourselves
        import difflib

        close = difflib.get_close_matches(unknown.group(1), ctx.command.list_commands(ctx), 1)
        if close:
            return f"onbekend commando '{unknown.group(1)}' — bedoel je '{close[0]}'?"
    return _nl(exc.message)


def _interrupted() -> int:
    """Ctrl-C: one Dutch line that tells the truth about what was written; exit 130."""
    from inkoopcheck.atomic import remove_pending, written

    remove_pending()
    done = written()
    if not done:
        sys.stderr.write("inkoopcheck: afgebroken; er is niets geschreven.\n")
    else:
        from inkoopcheck.loader import show

        names = ", ".join(show(p) for p in done[:5]) + (" …" if len(done) > 5 else "")
        sys.stderr.write(
            f"inkoopcheck: afgebroken; {len(done)} bestand(en) waren al helemaal geschreven "
            f"({names}), de rest niet.\n"
        )
    return 130


def _dutch_usage(usage: str) -> str:
    """click's usage line in Dutch."""
    for english, dutch in (
        ("Usage:", "Gebruik:"),
        ("[OPTIONS]", "[OPTIES]"),
        ("COMMAND [ARGS]...", "COMMANDO [ARGUMENTEN]..."),
    ):
        usage = usage.replace(english, dutch)
    return usage


def _run() -> int:
    """Run the app without click's own error printing, so mistakes on the command
    line are explained in Dutch too."""
    ce = _click_exceptions()
    try:
        code = app(standalone_mode=False)
    except ce.NoArgsIsHelpError as exc:
        exc.show()
        return EXIT_USAGE
    except ce.UsageError as exc:
        if exc.ctx is not None:
            sys.stderr.write(
                f"{_dutch_usage(exc.ctx.get_usage())}\n"
                f"Probeer '{exc.ctx.command_path} --help' voor hulp.\n\n"
            )
        sys.stderr.write(f"inkoopcheck: {_usage_error(exc)}\n")
        return EXIT_USAGE
    except typer.Abort:
        return _interrupted()
    if code == 130:  # typer turns Ctrl-C into a quiet exit 130: say it
        return _interrupted()
    return code if isinstance(code, int) else EXIT_OK


_dutch_help(app)


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    args = sys.argv[1:]
    try:
        if args == ["--version"]:  # answer before typer builds anything
            out(f"inkoopcheck {__version__}\n")
            return
        if args in ([], ["--help"]):
            _quick_app()()
            return
        sys.exit(_run())
    except KeyboardInterrupt:
        sys.exit(_interrupted())
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
    finally:
        from inkoopcheck.atomic import remove_pending

        remove_pending()
