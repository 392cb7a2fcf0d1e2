"""`inkoopcheck export`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import EXIT_DATA, _Group, app
from inkoopcheck.cli.common import (
    DataOption,
    DateOption,
    ForceOption,
    data_folder,
    fail,
    output_allowed,
    peildatum,
    usable,
    warn_invalid,
    write_output,
)

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
    from inkoopcheck.export import social_return_rows
    from inkoopcheck.loader import show
    from inkoopcheck.render.csvdoc import social_return_csv

    day = peildatum(when)
    root = data_folder(data)
    output_allowed(output, [".csv"], root, force)
    analysis = analyse(root, day)
    kader = usable(analysis)
    warn_invalid(analysis)
    rows = social_return_rows(analysis.valid_tenders(), kader)
    write_output(output, social_return_csv(rows))
    sys.stderr.write(
        f"{len(rows)} aanbesteding(en) met social return geschreven naar {show(output)}.\n"
    )


@export_app.command("ocds")
def export_ocds(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Het JSON-bestand om te schrijven (een bestaand bestand alleen met --force).",
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
    force: ForceOption = False,
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
    from inkoopcheck.loader import show
    from inkoopcheck.ocds import NoOrganisation, release_package

    day = peildatum(when)
    root = data_folder(data)
    output_allowed(output, [".json"], root, force)
    analysis = analyse(root, day)
    kader = usable(analysis)
    warn_invalid(analysis)
    try:
        package = release_package(analysis.valid_tenders(), kader, day, uri)
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
        f"{len(package['releases'])} geplande aanbesteding(en) geschreven naar "
        f"{show(output)} (OCDS).\n"
    )
