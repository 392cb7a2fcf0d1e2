"""`inkoopcheck schema`: parse the options, call the core, print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    DataOption,
    data_folder,
    kader_or_fail,
)


@app.command()
def schema(
    data: DataOption = None,
    overleg: Annotated[
        bool,
        typer.Option(
            "--overleg", help="Het schema van een overlegbestand (data/overleg/JJJJ-MM-DD.yaml)."
        ),
    ] = False,
) -> None:
    """Het JSON Schema van een aanbestedingsbestand, voor de editor.

    De directies, thema's en leadbuyers komen uit kader.yaml, zodat een editor
    (met yaml-language-server) ze aanvult en controleert. Met --overleg het schema
    van een overlegbestand.

    Voorbeeld: inkoopcheck schema > schema/tender.schema.json
    """
    from inkoopcheck.schema import render_overleg, schema_json

    if overleg:
        out(render_overleg())
        return

    root = data_folder(data)
    kader = kader_or_fail(root)
    out(schema_json(kader))
