"""`inkoopcheck tenderned`: hold the register against TenderNed's open data."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from inkoopcheck.cli.app import EXIT_DATA, app, out
from inkoopcheck.cli.common import (
    DataOption,
    DateOption,
    ForceOption,
    _opt,
    data_folder,
    directie_or_fail,
    fail,
    kader_or_fail,
    output_allowed,
    peildatum,
    write_output,
)


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
    from inkoopcheck.cli.interact import ImportProgress
    from inkoopcheck.loader import show
    from inkoopcheck.periods import add_months
    from inkoopcheck.render import tenderned as render
    from inkoopcheck.tenderfile import index
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
    kader = kader_or_fail(root)
    if kader.organisatie is None:
        fail(
            "kader.yaml zegt niet welke organisatie de eigen is. Voeg toe:\n"
            "organisatie:\n  naam: Gemeente Voorbeeld       # de officiële naam op TenderNed\n"
            "  aliassen: []\n  identificatie: null          # het KvK-nummer, als je het weet\n"
            "  ocid_prefix: ocds-voorbeeld"
        )
    directie_or_fail(kader, directie)
    if output is not None:
        suffix = {
            TenderNedFormat.text: ".txt",
            TenderNedFormat.markdown: ".md",
            TenderNedFormat.json: ".json",
            TenderNedFormat.xlsx: ".xlsx",
        }[format_]
        output_allowed(output, [suffix], root, force)
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
        write_output(output, body)
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
