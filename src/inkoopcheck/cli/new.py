"""`inkoopcheck new`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    DataOption,
    DateOption,
    _opt,
    data_folder,
    fail,
    kader_or_fail,
    peildatum,
)


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
    when: DateOption = None,
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

    from inkoopcheck.cli.interact import Prompter
    from inkoopcheck.loader import show
    from inkoopcheck.newtender import Answers, CheckFailed, NewError, gather_checked, write
    from inkoopcheck.render.directies import written
    from inkoopcheck.tenderfile import index

    day = peildatum(when)
    root = data_folder(data)
    kader = kader_or_fail(root)
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
        prepared = gather_checked(answers, kader, root, existing, day, asker)
        if dry_run:
            out(prepared.text)
            sys.stderr.write(
                "Proefrun: er is niets geschreven. "
                f"Dit bestand zou in {show(prepared.path)} komen.\n"
            )
            return
        write(prepared)
    except CheckFailed as exc:
        from inkoopcheck.render.findings import lines

        fail(f"{exc}\n{lines(exc.errors)}", exc.code)
    except NewError as exc:
        fail(str(exc), exc.code)
    except typer.Abort:
        fail("gestopt; er is niets geschreven.")
    same = show(prepared.same_title) if prepared.same_title is not None else None
    out(written(prepared, show(prepared.path), same))
