"""Writing tender files: the text (with the schema line and a short Dutch comment
per field), the check before writing, atomic writes that never overwrite, and
an index of the tenders that already exist. Shared by `new` and `import`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from inkoopcheck.atomic import write_atomic
from inkoopcheck.checks import check_tender
from inkoopcheck.findings import Finding
from inkoopcheck.kader import Kader, normalise
from inkoopcheck.loader import TENDERS_DIR, load_tender, show, tender_files
from inkoopcheck.models import Tender
from inkoopcheck.periods import publication_year
from inkoopcheck.yamlsafe import parse

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/tender.schema.json"


@dataclass(frozen=True, slots=True)
class TenderFields:
    """What a new tender file says. `directie` is the kader's canonical name."""

    id: str
    titel: str
    directie: str
    status: str = "kalender"
    leadbuyer: str | None = None
    soort: str | None = None
    cpv: tuple[str, ...] = ()
    contractwaarde: int | None = None
    procedure: str | None = None
    kwartaal: str | None = None
    datum: date | None = None
    zekerheid: str | None = None
    personeel: bool | None = None
    themas: tuple[tuple[str, str], ...] = ()
    contact: str | None = None
    bron: str | None = None
    tenderned_kenmerk: str | None = None
    tenderned_url: str | None = None
    opmerkingen: str | None = None

    @property
    def year(self) -> int | None:
        return publication_year(self.kwartaal, self.datum)


def scalar(value: str) -> str:
    """A string as YAML: plain when our own loader reads it back unchanged (so
    ``Nee``, ``1:30`` or ``@org/team`` get quotes), else double-quoted."""
    if value and value == value.strip() and "\n" not in value and " #" not in value:
        line = f"k: {value}\n"
        parsed = parse(line.encode())
        if parsed.ok and not parsed.problems and parsed.data == {"k": value}:
            # and a YAML 1.1 reader (other tools) must agree: 'no' is not false
            try:
                other = yaml.load(line, Loader=_Loader)
            except yaml.YAMLError:
                other = None
            if other == {"k": value}:
                return value
    return json.dumps(value, ensure_ascii=False)


def _either(options: list[str]) -> str:
    return ", ".join(options[:-1]) + " of " + options[-1] if len(options) > 1 else options[0]


def tender_yaml(t: TenderFields, kader: Kader) -> str:
    """The tender file's text, in the order and style of the shipped data."""
    lines = [SCHEMA_LINE]

    def add(key: str, value: str, comment: str, indent: str = "") -> None:
        lines.append(f"{indent}{key}: {value}  # {comment}")

    add("id", t.id, "gelijk aan de bestandsnaam; verander het niet meer")
    add("titel", scalar(t.titel), "de opdrachtomschrijving")
    add("directie", scalar(t.directie), "de opdrachtgevende directie (zie kader.yaml)")
    if t.leadbuyer is not None:
        add("leadbuyer", scalar(t.leadbuyer), _either(list(kader.leadbuyers) or ["leadbuyer"]))
    if t.soort is not None:
        add("soort", t.soort, "leveringen, diensten, werken of sociale-diensten")
    if t.cpv:
        add("cpv", "[" + ", ".join(t.cpv) + "]", "CPV-codes, bijvoorbeeld [85147000-1]")
    add(
        "contractwaarde",
        "null" if t.contractwaarde is None else str(t.contractwaarde),
        "nog niet bekend (N.n.b.); vul hele euro's in zonder punten"
        if t.contractwaarde is None
        else "geschatte waarde in hele euro's, zonder punten",
    )
    if t.procedure is not None:
        add("procedure", t.procedure, "europees, nationaal, meervoudig- of enkelvoudig-onderhands")
    if t.kwartaal is not None or t.datum is not None or t.zekerheid is not None:
        lines.append("publicatie:  # wanneer de aanbesteding naar verwachting wordt gepubliceerd")
        if t.datum is not None:
            add("datum", t.datum.isoformat(), "JJJJ-MM-DD (of kwartaal: JJJJ-Qn)", "  ")
        elif t.kwartaal is not None:
            add("kwartaal", t.kwartaal, "JJJJ-Qn (of datum: JJJJ-MM-DD)", "  ")
        if t.zekerheid is not None:
            add("zekerheid", t.zekerheid, "zeker, waarschijnlijk, onzeker of zeer-onzeker", "  ")
    if t.personeel is not None:
        add(
            "personeel",
            "ja" if t.personeel else "nee",
            "gaat het om (inzet van) personeel of de ondersteuning ervan?",
        )
    themas = dict(t.themas)
    if kader.themas:
        lines.append("themas:  # ja = wensen/eisen opgenomen, nee = bewust niet, open = nog niet")
        for key in kader.themas:
            lines.append(f"  {key}: {themas.get(key, 'open')}")
    add("status", t.status, "kalender, voorbereiding, gepubliceerd, gegund, afgerond, ingetrokken")
    if t.contact is not None:
        add("contact", scalar(t.contact), "een functie- of teamadres, geen naam van een persoon")
    if t.bron is not None:
        add("bron", scalar(t.bron), "waar deze gegevens vandaan komen")
    if t.tenderned_kenmerk is not None:
        lines.append("tenderned:  # de procedure op TenderNed")
        add("kenmerk", scalar(t.tenderned_kenmerk), "het Tenderned kenmerk", "  ")
        if t.tenderned_url is not None:
            add("url", scalar(t.tenderned_url), "de aankondiging", "  ")
    if t.opmerkingen is not None:
        lines.append("opmerkingen: |")
        lines.extend(f"  {line}".rstrip() for line in t.opmerkingen.splitlines())
    return "\n".join(lines) + "\n"


# --- checking before writing -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checked:
    tender: Tender | None
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_error)


def check_text(text: str, dest: Path, data_root: Path, kader: Kader, peildatum: date) -> Checked:
    """Load `text` with the real loader and run the real checks on it, as if it
    stood at `dest`, without touching the disk: the loader takes the bytes (a
    scratch folder per row cost a 10,000-row import over a minute in rmdir alone)."""
    tenders = data_root / TENDERS_DIR
    try:
        rel = dest.relative_to(tenders)
    except ValueError:
        rel = Path(dest.name)
    result = load_tender(tenders / rel, show(dest), text.encode("utf-8"))
    findings = [*result.findings, *check_tender(result, kader, peildatum, tenders)]
    return Checked(result.tender, tuple(findings))


def write_new(path: Path, text: str, *, durable: bool = True) -> None:
    """Write a new tender file atomically; FileExistsError rather than overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"), overwrite=False, durable=durable)


# --- what exists already -----------------------------------------------------------------


def title_key(directie: str, titel: str) -> tuple[str, str]:
    return normalise(directie), normalise(titel)


@dataclass(frozen=True, slots=True)
class Existing:
    path: Path
    tender: Tender | None


@dataclass(slots=True)
class TenderIndex:
    """The tenders under tenders/, by id (file name and id field) and by
    canonical directie + title."""

    by_id: dict[str, Existing] = field(default_factory=dict)
    by_title: dict[tuple[str, str], Existing] = field(default_factory=dict)

    def add(self, existing: Existing, kader: Kader) -> None:
        self.by_id.setdefault(existing.path.name.removesuffix(".yaml"), existing)
        t = existing.tender
        if t is not None:
            self.by_id.setdefault(t.id, existing)
            canonical = kader.resolve_directie(t.directie) or t.directie
            self.by_title.setdefault(title_key(canonical, t.titel), existing)

    def find(self, tender_id: str) -> Existing | None:
        return self.by_id.get(tender_id)

    def find_title(self, directie: str, titel: str) -> Existing | None:
        return self.by_title.get(title_key(directie, titel))


def _yaml_files(tenders: Path) -> Iterator[Path]:
    if tenders.is_dir():
        for path, problem in tender_files(tenders):
            if problem is None:
                yield path


def index(data_root: Path, kader: Kader) -> TenderIndex:
    found = TenderIndex()
    for path in _yaml_files(data_root / TENDERS_DIR):
        found.add(Existing(path, load_tender(path).tender), kader)
    return found


def destination(data_root: Path, kader: Kader, directie: str, tender_id: str) -> Path:
    """data/tenders/<directie-slug>/<id>.yaml"""
    return data_root / TENDERS_DIR / kader.directies[directie].slug / f"{tender_id}.yaml"
