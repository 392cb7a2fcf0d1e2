"""The weekly overleg on record: one file per overleg, `data/overleg/JJJJ-MM-DD.yaml`,
with who was there and the decisions on the team's role.

The decisions belong to the team (CODEOWNERS gives it this folder), not to the
directie whose tender file it is. Loading never raises on bad data: every file
gives its model or the findings that say why there is none, like the tenders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import Field

from inkoopcheck.codes import severity_of
from inkoopcheck.findings import Finding
from inkoopcheck.fmt import display_path
from inkoopcheck.loader import OVERLEG_DIR, Located, load_model, show
from inkoopcheck.models import Datum, Rol, Strict, TenderId, Text
from inkoopcheck.names import did_you_mean
from inkoopcheck.periods import parse_day
from inkoopcheck.yamlsafe import SourceMap

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/overleg.schema.json"
_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.yaml\Z")


class Besluit(Strict):
    """Wat het overleg besloot over één aanbesteding."""

    id: TenderId
    rol: Rol
    toelichting: Text | None = None
    tot: Datum | None = Field(
        default=None, description="Tot deze datum geldt het besluit; daarna weer de triage."
    )


class Overleg(Strict):
    datum: Datum
    aanwezig: list[Text] = Field(
        default_factory=list, description="Wie er waren: rollen of teams, geen namen."
    )
    besluiten: list[Besluit] = Field(default_factory=list)


OVERLEG_FIELDS: tuple[str, ...] = tuple(Overleg.model_fields)
BESLUIT_FIELDS: tuple[str, ...] = tuple(Besluit.model_fields)


@dataclass(frozen=True, slots=True)
class OverlegFile:
    path: Path
    display: str
    overleg: Overleg | None
    findings: tuple[Finding, ...]
    source: SourceMap

    @property
    def where(self) -> Located:
        return Located(self.display, self.source)

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


def folder(root: Path) -> Path:
    return root / OVERLEG_DIR


def path_for(root: Path, day: date) -> Path:
    return folder(root) / f"{day.isoformat()}.yaml"


def file_date(path: Path) -> date | None:
    """The date a file's name says, or None when the name is no JJJJ-MM-DD.yaml."""
    m = _NAME.match(path.name)
    return parse_day(m.group(1)) if m else None


def load(path: Path, display: str | None = None, data: bytes | None = None) -> OverlegFile:
    display = display if display is not None else show(path)
    model, findings, source = load_model(path, display, Overleg, data)
    assert model is None or isinstance(model, Overleg)
    return OverlegFile(path, display, model, tuple(findings), source)


def overleg_files(root: Path) -> Iterator[tuple[Path, Finding | None]]:
    """Every file in data/overleg/, sorted; a finding for one that cannot be an
    overleg file (a name that is no date, a *.yml, a folder)."""
    where = folder(root)
    if not where.is_dir():
        return
    for name in sorted(os.listdir(where)):
        path = where / name
        if name.startswith("."):
            continue
        if path.is_dir() or not name.endswith((".yaml", ".yml")) or file_date(path) is None:
            yield (
                path,
                Finding(
                    show(path),
                    0,
                    0,
                    "IC501",
                    severity_of("IC501"),
                    f"'{display_path(name)}' is geen overlegbestand",
                    "In data/overleg/ staat per overleg één bestand JJJJ-MM-DD.yaml met de "
                    "datum van het overleg, bijvoorbeeld 2024-12-09.yaml. Hernoem of verplaats "
                    "het.",
                ),
            )
            continue
        yield path, None


def load_all(root: Path) -> tuple[list[OverlegFile], list[Finding]]:
    """Every overleg file (oldest first) and the findings about names in the folder."""
    files: list[OverlegFile] = []
    problems: list[Finding] = []
    for path, problem in overleg_files(root):
        if problem is not None:
            problems.append(problem)
        else:
            files.append(load(path))
    return files, problems


def check(f: OverlegFile, known: set[str], peildatum: date) -> Iterator[Finding]:
    """What validate says about one overleg file that loaded: its date (the name,
    not in the future), unknown or repeated ids, `tot` and who was there. `known`
    holds every tender id, also of files with errors (their name counts): such
    a tender exists, its file needs fixing first."""
    o = f.overleg
    if o is None:
        return
    at = f.where
    named = file_date(f.path)
    if named is not None and named != o.datum:
        yield at.finding(
            ("datum",),
            "IC502",
            f"datum {o.datum} is niet de datum van de bestandsnaam ({f.path.name})",
            f"Zet 'datum: {named}' of hernoem het bestand naar {o.datum}.yaml.",
        )
    if o.datum > peildatum:
        yield at.finding(
            ("datum",),
            "IC503",
            f"het overleg van {o.datum} ligt na de peildatum {peildatum}",
            "Een besluit neem je in of na het overleg, niet vooraf: controleer de datum. "
            "Tot die datum telt het besluit niet mee.",
        )
    if not o.aanwezig:
        yield at.finding(
            ("aanwezig",) if ("aanwezig",) in f.source.positions else (),
            "IC507",
            "er staat niet bij wie er bij het overleg waren",
            "Zet onder 'aanwezig:' de rollen of teams, bijvoorbeeld "
            "'aanwezig: [Team inclusief inkopen, Directie Inkoop]' (geen namen van personen).",
        )
    seen: dict[str, int] = {}
    for i, b in enumerate(o.besluiten):
        loc = ("besluiten", i, "id")
        if b.id not in known:
            guess = did_you_mean(b.id, sorted(known))
            yield at.finding(
                loc,
                "IC504",
                f"er is geen aanbesteding met id '{b.id}'"
                + (f" — bedoel je '{guess}'?" if guess else ""),
                "Het id is de bestandsnaam van de aanbesteding zonder .yaml.",
            )
        if b.id in seen:
            line = f.source.position(("besluiten", seen[b.id]))[0]
            yield at.finding(
                loc,
                "IC505",
                f"'{b.id}' staat twee keer in dit overleg (ook op regel {line})",
                "Eén besluit per aanbesteding per overleg: haal er één weg, of pas het eerste "
                "aan ('inkoopcheck besluit' doet dat voor je).",
            )
        else:
            seen[b.id] = i
        if b.tot is not None and b.tot <= o.datum:
            yield at.finding(
                ("besluiten", i, "tot"),
                "IC506",
                f"'tot: {b.tot}' ligt niet na het overleg van {o.datum}: het besluit geldt nooit",
                "Zet een datum na het overleg, of haal 'tot' weg.",
            )


def check_all(files: Iterable[OverlegFile], known: set[str], peildatum: date) -> Iterator[Finding]:
    for f in files:
        yield from f.findings
        yield from check(f, known, peildatum)
