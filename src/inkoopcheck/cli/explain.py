"""`inkoopcheck explain`: parse the options, call the core, print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import app, out
from inkoopcheck.cli.common import (
    fail,
)


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
