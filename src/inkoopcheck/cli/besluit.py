"""`inkoopcheck besluit`: parse the options, call the core, print."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from inkoopcheck.cli.app import EXIT_DATA, app, out
from inkoopcheck.cli.common import DataOption, _opt, data_folder, fail, peildatum, usable

ROLES = ("aanschuiven", "achtervang", "geen")


@app.command()
def besluit(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="ID... ROL",
            help="Een of meer aanbestedingen (hun id) en dan de rol: aanschuiven, achtervang "
            "of geen.",
            show_default=False,
        ),
    ],
    toelichting: Annotated[
        str | None, _opt("Waarom (komt bij elk genoemd besluit).", "--toelichting", "TEKST")
    ] = None,
    datum: Annotated[
        str | None,
        _opt("De datum van het overleg (standaard: vandaag).", "--datum", "JJJJ-MM-DD"),
    ] = None,
    tot: Annotated[
        str | None,
        _opt("Het besluit geldt tot deze datum; daarna weer de triage.", "--tot", "JJJJ-MM-DD"),
    ] = None,
    aanwezig: Annotated[
        list[str] | None,
        _opt(
            "Wie er waren (een rol of team; herhaal de optie). Alleen voor een nieuw "
            "overlegbestand; standaard het team uit kader.yaml.",
            "--aanwezig",
            "ROL",
        ),
    ] = None,
    data: DataOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Toon het bestand in plaats van het te schrijven.")
    ] = False,
) -> None:
    """Leg besluiten van het overleg vast in data/overleg/JJJJ-MM-DD.yaml.

    Voegt per aanbesteding het besluit toe, of wijzigt het als dit overleg er al
    een had; commentaar en de rest van het bestand blijven staan. Het bestand is
    van het team (CODEOWNERS); de triage gebruikt het laatste besluit per
    aanbesteding.

    Voorbeeld: inkoopcheck besluit arbodienstverlening-2025 aanschuiven --datum 2024-12-09
    --toelichting "Personeel, veel inhuur"
    """
    from inkoopcheck.analysis import analyse
    from inkoopcheck.decisions import on_record
    from inkoopcheck.loader import show
    from inkoopcheck.names import did_you_mean
    from inkoopcheck.overlegfile import BesluitError, plan, write
    from inkoopcheck.periods import parse_day

    if len(args) < 2 or args[-1] not in ROLES:
        last = args[-1] if args else ""
        guess = did_you_mean(last, ROLES) if last else None
        fail(
            "geef eerst een of meer id's en dan de rol (aanschuiven, achtervang of geen)"
            + (f"; '{last}' is geen rol — bedoel je '{guess}'?" if guess else ".")
            + " Bijvoorbeeld: inkoopcheck besluit arbodienstverlening-2025 aanschuiven."
        )
    *ids, rol = args
    if any(i in ROLES for i in ids):
        fail("geef één rol, als laatste: inkoopcheck besluit ID [ID...] ROL.")
    day = peildatum(datum)
    until: date | None = None
    if tot is not None:
        until = parse_day(tot)
        if until is None:
            fail(f"--tot '{tot}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-06-30.")
        if until <= day:
            fail(f"--tot {until} ligt niet na het overleg van {day}: dan geldt het besluit nooit.")
    if toelichting is not None and not toelichting.strip():
        fail("--toelichting is leeg; schrijf waarom, of laat de optie weg.")
    root = data_folder(data)
    analysis = analyse(root, day)
    kader = usable(analysis)
    tenders = analysis.valid_tenders()
    known = {r.tender_id for r in analysis.files if r.tender_id}
    for tid in ids:
        if tid not in known:
            guess = did_you_mean(tid, sorted(known))
            fail(
                f"geen aanbesteding met id '{tid}'"
                + (f" — bedoel je '{guess}'?" if guess else ".")
                + " Het id is de bestandsnaam zonder .yaml. Er is niets geschreven."
            )
    team = [kader.team.naam] if kader.team.naam else []
    try:
        planned = plan(
            root,
            day,
            ids,
            rol,  # type: ignore[arg-type]  # checked against ROLES above
            toelichting=toelichting.strip() if toelichting else None,
            tot=until,
            aanwezig=[a.strip() for a in aanwezig or [] if a.strip()] or team,
        )
    except BesluitError as exc:
        fail(str(exc), EXIT_DATA)
    earlier = [f for f in analysis.overleggen if f.overleg and f.overleg.datum < day]
    before = on_record(earlier, tenders, day)
    where = show(planned.path)
    lines = []
    for c in planned.changes:
        was = (
            f"in dit overleg was het {c.before.rol}"
            if c.before is not None
            else f"eerder besloten: {before[c.id].rol} ({before[c.id].datum or 'in het bestand'})"
            if c.id in before
            else "nieuw besluit"
        )
        lines.append(f"  {c.id}: {c.after.rol} ({was})\n")
    if dry_run:
        out(planned.text)
        sys.stderr.write(
            f"Proefrun: er is niets geschreven. {where} zou worden:\n" + "".join(lines)
        )
        return
    try:
        write(planned)
    except FileExistsError:
        fail(f"{where} is net door iemand anders gemaakt; probeer het opnieuw.", EXIT_DATA)
    except OSError as exc:
        from inkoopcheck.oserrors import reason

        fail(f"kan '{where}' niet schrijven: {reason(exc)}. Er is niets geschreven.", EXIT_DATA)
    out(
        f"{'Gemaakt' if planned.created else 'Bijgewerkt'}: {where}\n"
        + "".join(lines)
        + f"Leg het vast: git add {where} && git commit -m 'Overleg {day}'\n"
    )
