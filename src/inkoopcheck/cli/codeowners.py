"""`inkoopcheck codeowners`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from inkoopcheck.cli.app import EXIT_DATA, app, out
from inkoopcheck.cli.common import (
    DataOption,
    ForceOption,
    _opt,
    data_folder,
    fail,
    kader_or_fail,
    output_allowed,
)


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
        codeowners_file,
        data_relative,
        diff,
        repository_root,
    )
    from inkoopcheck.loader import show
    from inkoopcheck.oserrors import reason

    root = data_folder(data)
    kader = kader_or_fail(root)
    repo = repository_root(root)
    try:
        made = codeowners_file(kader, data_relative(root, repo))
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
