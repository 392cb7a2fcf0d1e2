"""`inkoopcheck kader`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    DataOption,
    ForceOption,
    data_folder,
    kader_or_fail,
    output_allowed,
    write_output,
)


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
    force: ForceOption = False,
) -> None:
    """Het handelingskader als leesbaar document voor de directies.

    Thema's met voorbeelden van wensen en eisen en de grondslag, de regels in
    gewone woorden, social return, de Europese drempels, de instellingen van de
    triage en wie je kunt vragen. Gemaakt uit kader.yaml, dus altijd actueel. De
    HTML is één bestand met inhoudsopgave, ook leesbaar op een telefoon.

    Voorbeeld: inkoopcheck kader --output handelingskader.html
    """
    from inkoopcheck.kaderdoc import build
    from inkoopcheck.loader import show
    from inkoopcheck.render.kaderdoc import html_document, markdown

    chosen = fmt.value if fmt is not None else None
    root = data_folder(data)
    if output is not None:
        kinds = {".md": "markdown", ".html": "html", ".htm": "html"}
        output_allowed(output, list(kinds), root, force)
        chosen = chosen or kinds[output.suffix.lower()]
    loaded = kader_or_fail(root)
    doc = build(loaded)
    rendered = html_document(doc) if chosen == "html" else markdown(doc)
    if output is not None:
        write_output(output, rendered)
        sys.stderr.write(f"Handelingskader geschreven naar {show(output)}.\n")
    else:
        out(rendered)
