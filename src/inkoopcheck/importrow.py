"""One row of a calendar sheet -> the fields of a tender, and what that row would
change in an existing tender; the result values of an import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from inkoopcheck.fmt import clean
from inkoopcheck.kader import Kader, normalise
from inkoopcheck.models import Tender
from inkoopcheck.names import did_you_mean
from inkoopcheck.periods import publication_year
from inkoopcheck.tenderedit import Edit
from inkoopcheck.tenderfile import (
    TenderFields,
)
from inkoopcheck.update import show_value, yaml_value
from inkoopcheck.values import (
    ValueProblem,
    check_id,
    is_unknown,
    parse_amount,
    parse_cpv,
    parse_ja_nee,
    parse_kwartaal,
    parse_procedure,
    parse_publicatie,
    parse_soort,
    parse_status,
    parse_thema_mark,
    parse_zekerheid,
    propose_id,
    slug,
    words,
)
from inkoopcheck.workbook import TOTALS, cell_text, is_empty_cell

UPDATABLE = (
    "titel",
    "leadbuyer",
    "soort",
    "cpv",
    "contractwaarde",
    "procedure",
    "personeel",
    "status",
)


class Outcome(StrEnum):
    NIEUW = "nieuw"
    BIJGEWERKT = "bijgewerkt"
    OVERGESLAGEN = "overgeslagen"
    MISLUKT = "mislukt"
    GENEGEERD = "genegeerd"


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RowResult:
    sheet: str
    row: int
    outcome: Outcome
    message: str
    path: Path | None = None
    text: str | None = None  # what was (or would be) written
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """What was read from one sheet, and every column and row that was not used."""

    name: str
    header_row: int
    columns: tuple[tuple[str, str], ...]  # (field, header as written)
    kwartaal_from_title: str | None
    title_rows: tuple[int, ...] = ()  # rows whose empty publication it filled
    ignored: tuple[str, ...] = ()  # "'Contactpersoon' (kolom E)"
    choices: tuple[str, ...] = ()  # which of two columns filled a field, and why
    hidden_columns: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Gone:
    """A tender from an earlier import of this sheet whose row is gone now."""

    sheet: str
    path: Path
    titel: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    sheets: tuple[SheetInfo, ...]
    rows: tuple[RowResult, ...]
    gone: tuple[Gone, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def failed(self) -> bool:
        return any(r.outcome is Outcome.MISLUKT for r in self.rows)


@dataclass(frozen=True, slots=True)
class Defaults:
    """Values for rows whose sheet does not give them (from the options)."""

    directie: str | None = None  # canonical
    kwartaal: str | None = None
    zekerheid: str | None = None
    procedure: str | None = None
    soort: str | None = None

    @classmethod
    def parse(
        cls,
        kader: Kader,
        *,
        directie: str | None = None,
        kwartaal: str | None = None,
        zekerheid: str | None = None,
        procedure: str | None = None,
        soort: str | None = None,
    ) -> Defaults:
        """The options as typed -> defaults; ValueProblem says what is wrong."""
        canonical = kader.resolve_directie(directie) if directie else None
        if directie and canonical is None:
            raise ValueProblem(kader.unknown_directie_message(directie))
        return cls(
            directie=canonical,
            kwartaal=parse_kwartaal(kwartaal) if kwartaal else None,
            zekerheid=parse_zekerheid(zekerheid) if zekerheid else None,
            procedure=parse_procedure(procedure) if procedure else None,
            soort=parse_soort(soort) if soort else None,
        )


# --- one row -> tender fields ----------------------------------------------------------


@dataclass(slots=True)
class SheetRow:
    """What one row gives; `given` holds the fields its cells provide."""

    fields: TenderFields
    given: set[str] = field(default_factory=set)
    themas: dict[str, str] = field(default_factory=dict)
    from_title: bool = False  # the publication quarter came from the sheet's title


def read_row(
    cells: list[Any],
    columns: dict[str, int],
    kader: Kader,
    defaults: Defaults,
    title_quarter: str | None,
    marks: dict[int, str] | None = None,
) -> SheetRow:
    """Raises ValueProblem with every problem of the row, joined. `marks` are
    columns that hold X and - but name no theme: a mark there fails the row, for
    it must not become 'open' without a word."""

    def cell(name: str) -> Any:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    problems: list[str] = []
    given: set[str] = set()
    values: dict[str, Any] = {}

    def read(name: str, parse: Callable[[Any], Any], label: str | None) -> None:
        raw = cell(name)
        if is_empty_cell(raw):
            return
        try:
            value = parse(raw)
        except ValueProblem as exc:
            problems.append(f"{label}: {exc}" if label else str(exc))
            return
        if value is not None:
            values[name] = value
            given.add(name)

    titel = cell_text(cell("titel"))
    if titel:
        given.add("titel")  # changes only when the row matched by id or as renamed
    read("directie", lambda v: _resolve(kader, "directie", cell_text(v)), None)
    read("leadbuyer", lambda v: _resolve(kader, "leadbuyer", cell_text(v)), None)
    read("contractwaarde", parse_amount, "waarde")
    read("soort", lambda v: parse_soort(cell_text(v)), "soort")
    read("cpv", parse_cpv, "CPV")
    read("procedure", lambda v: parse_procedure(cell_text(v)), "procedure")
    read("personeel", parse_ja_nee, "personeel")
    read("status", lambda v: parse_status(cell_text(v)), "status")
    read("contact", lambda v: cell_text(v) or None, "contact")
    read("opmerkingen", lambda v: clean(str(v)).strip() or None, "opmerkingen")
    read("id", _id_value, "id")
    for i, header in (marks or {}).items():
        if i < len(cells) and not is_empty_cell(cells[i]):
            problems.append(
                f"kolom '{header}' heeft '{cell_text(cells[i])}', maar die kop is geen thema uit "
                f"kader.yaml; noem de kolom naar een thema ({_theme_names(kader)}) of haal "
                "de markering weg"
            )

    kwartaal: str | None = None
    datum: date | None = None
    zekerheid: str | None = None
    unreadable_publicatie = False
    for name in ("publicatie", "zekerheid"):
        raw = cell(name)
        if is_empty_cell(raw):
            continue
        try:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                raise ValueProblem(f"'{cell_text(raw)}' is geen kwartaal, datum of zekerheid")
            q, d, z = parse_publicatie(raw)
        except ValueProblem as exc:
            problems.append(f"publicatie: {exc}")
            unreadable_publicatie = True
            continue
        kwartaal, datum, zekerheid = q or kwartaal, d or datum, z or zekerheid
    if kwartaal or datum:
        given.add("publicatie.tijd")
    if zekerheid:
        given.add("publicatie.zekerheid")
    themas: dict[str, str] = {}
    for key in kader.themas:
        raw = cell(f"themas.{key}")
        try:
            mark = parse_thema_mark(raw)
        except ValueProblem as exc:
            problems.append(f"{kader.themas[key].label}: {exc}")
            continue
        if mark is not None:
            themas[key] = mark

    # --directie is for rows that name none; a row that names one keeps it, and a
    # directie that is unknown fails the row rather than falling back on the option
    named = not is_empty_cell(cell("directie"))
    directie = values.get("directie") if named else defaults.directie
    if not titel:
        problems.insert(0, "geen opdrachtomschrijving")
    if named and directie is None and defaults.directie is not None:
        problems.append("--directie geldt alleen voor regels zonder directie")
    elif directie is None and not named:
        problems.append("geen directie: vul de kolom Directie in of geef --directie")
    from_title = False
    if kwartaal is None and datum is None:
        from_title = defaults.kwartaal is None and title_quarter is not None
        kwartaal = defaults.kwartaal or title_quarter
    zekerheid = zekerheid or defaults.zekerheid
    if unreadable_publicatie:
        pass  # said above; what follows from it would only repeat it
    elif (kwartaal or datum) and zekerheid is None:
        problems.append(
            "geen zekerheid van de publicatie: voeg een kolom Waarschijnlijkheid toe of geef "
            "--zekerheid"
        )
    elif zekerheid not in (None, "zeer-onzeker") and not (kwartaal or datum):
        problems.append(
            "geen publicatiekwartaal of -datum: voeg een kolom Publicatie toe of geef --kwartaal"
        )
    if problems:
        raise ValueProblem("; ".join(problems))
    assert directie is not None
    year = publication_year(kwartaal, datum)
    fields = TenderFields(
        id=values.get("id") or propose_id(titel, year),
        titel=titel,
        directie=directie,
        status=values.get("status", "kalender"),
        leadbuyer=values.get("leadbuyer"),
        soort=values.get("soort") or defaults.soort,
        cpv=values.get("cpv", ()),
        contractwaarde=values.get("contractwaarde"),
        procedure=values.get("procedure") or defaults.procedure,
        kwartaal=kwartaal,
        datum=datum,
        zekerheid=zekerheid,
        personeel=values.get("personeel"),
        themas=tuple(themas.items()),
        contact=values.get("contact"),
        opmerkingen=values.get("opmerkingen"),
    )
    return SheetRow(fields, given, themas, from_title)


def _theme_names(kader: Kader) -> str:
    return ", ".join(t.label for t in kader.themas.values())


def _id_value(value: Any) -> str | None:
    """An id column (`Kenmerk`, `Nummer`): the value as an id, `INK-2025/017` ->
    `ink-2025-017`; a bare number gets 'nr-' before it; 'n.t.b.' is no id yet."""
    text = cell_text(value)
    if is_unknown(text):
        return None
    try:
        return check_id(text)
    except ValueProblem:
        pass
    made = slug(text)
    if (made and len(made) < 3) or made.isdigit():
        made = f"nr-{made}"
    return check_id(made) if made else check_id(text)


def _resolve(kader: Kader, what: str, name: str) -> str:
    if is_unknown(name):
        raise ValueProblem(f"de {what} is niet ingevuld")
    if what == "directie":
        found = kader.resolve_directie(name)
        spellings = kader.directie_names()
    else:
        found = kader.resolve_leadbuyer(name)
        spellings = list(kader.leadbuyers)
    if found is None:
        guess = did_you_mean(name, spellings)
        raise ValueProblem(
            f"onbekende {what} '{name}'" + (f" — bedoel je '{guess}'?" if guess else "")
        )
    return found


def is_totals(cells: list[Any], columns: dict[str, int]) -> bool:
    """'Totaal' (or a bare sum under the amount column), with nothing else filled in."""
    filled = {name for name, i in columns.items() if i < len(cells) and not is_empty_cell(cells[i])}
    if filled == {"contractwaarde"}:
        return True
    first = next((c for c in cells if not is_empty_cell(c)), None)
    label = words(first) if isinstance(first, str) else []
    return bool(label) and label[0] in TOTALS and filled <= {"titel", "contractwaarde"}


def planned_edits(
    old: Tender, row: SheetRow, kader: Kader
) -> tuple[list[Change], list[Edit], dict[str, Any]]:
    """What the row would change in `old`: the changes to show, the line edits,
    and the model update to verify the edited file against."""
    new = row.fields
    changes: list[Change] = []
    edits: list[Edit] = []
    update: dict[str, Any] = {}
    for name in UPDATABLE:
        if name not in row.given:
            continue
        value: Any = getattr(new, name)
        current: Any = getattr(old, name)
        if name == "titel":
            same = normalise(current) == normalise(value)
        elif name == "leadbuyer" and current is not None:
            same = kader.resolve_leadbuyer(current) == value
        elif name == "cpv":
            same = tuple(current) == tuple(value)
            value = list(value)
        else:
            same = current == value
        if not same:
            changes.append(Change(name, show_value(current), show_value(value)))
            edits.append(Edit((name,), yaml_value(value)))
            update[name] = value
    pub = old.publicatie
    kw: str | None = pub.kwartaal if pub else None
    dt: date | None = pub.datum if pub else None
    zk: str | None = pub.zekerheid if pub else None
    new_kw, new_dt, new_zk = kw, dt, zk
    if "publicatie.tijd" in row.given:
        new_kw, new_dt = new.kwartaal, new.datum
    if "publicatie.zekerheid" in row.given:
        new_zk = new.zekerheid
    for key, before, after in (("kwartaal", kw, new_kw), ("datum", dt, new_dt)):
        if before != after:
            changes.append(Change(f"publicatie.{key}", show_value(before), show_value(after)))
            edits.append(Edit(("publicatie", key), None if after is None else yaml_value(after)))
    if zk != new_zk:
        changes.append(Change("publicatie.zekerheid", show_value(zk), show_value(new_zk)))
        edits.append(Edit(("publicatie", "zekerheid"), yaml_value(new_zk)))
    if (kw, dt, zk) != (new_kw, new_dt, new_zk):
        update["publicatie"] = {"kwartaal": new_kw, "datum": new_dt, "zekerheid": new_zk}
    themas: dict[str, str] = dict(old.themas)
    for key, mark in row.themas.items():
        if old.theme(key) != mark:
            changes.append(Change(f"themas.{key}", old.theme(key), mark))
            edits.append(Edit(("themas", key), mark))
            themas[key] = mark
    if themas != old.themas:
        update["themas"] = themas
    # canonical order, so inserted keys land where the shipped files have them
    edits.sort(key=lambda e: _FIELD_ORDER.get(str(e.loc[0]), 99))
    return changes, edits, update


_FIELD_ORDER = {name: i for i, name in enumerate(Tender.model_fields)}
