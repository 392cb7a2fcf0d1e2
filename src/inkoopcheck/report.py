"""The overview of upcoming Europese aanbestedingen, per directie.

Pure: tenders + kader + peildatum + window + selection in, a frozen `Overview`
out. Rendering (terminal, Markdown, JSON, CSV, xlsx) lives in `render/`; the
CLI only parses options. All text from tender files is cleaned of control
characters here, once, so no renderer can forget it.

Which tenders (docs/report.md, "Welke aanbestedingen"):

- europees: procedure ``europees``, or no procedure and a value that reaches
  the EU threshold for the soort and publication date; with ``--all`` every
  procedure.
- te beoordelen, never silently dropped: procedure and value (or soort)
  unknown; no procedure and a value at 80-100 % of the threshold; publication
  date unknown; publication passed while the status still says it has not
  happened (only when the window includes the peildatum, otherwise it would
  vanish from the default view).
- finished tenders (gegund, afgerond, ingetrokken) are not upcoming: they are
  left out of both lists but stay in the theme matrix.
- the theme matrix and the social-return list ignore procedure and window: the
  matrix is the record of what was looked at, and social return is monitored
  while a contract runs. The social-return list leaves out ingetrokken tenders
  (no contract, nothing to monitor: `social_return.active`); `social_return_rows`
  is the one builder, shared with `inkoopcheck export social-return`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from inkoopcheck.fmt import clean
from inkoopcheck.kader import Kader, normalise
from inkoopcheck.models import Tender, ThemaStand
from inkoopcheck.periods import Window
from inkoopcheck.social_return import active, implied_amount
from inkoopcheck.thresholds import assess
from inkoopcheck.timing import overdue

# Lone surrogates cannot come from valid UTF-8, but a sheet or a JSON encoder
# would choke on one; they are removed with the control characters.
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: str) -> str:
    """Tender text made safe for every output: no control characters."""
    return _SURROGATE.sub("", clean(value))


if TYPE_CHECKING:
    from inkoopcheck.workload import Werklast

# --- the overview ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """Which tenders the report covers."""

    all_procedures: bool = False
    directie: str | None = None  # canonical name; None = every directie


@dataclass(frozen=True, slots=True)
class Theme:
    key: str
    label: str  # column header, as in the note: Repr, Toeg, SV
    naam: str
    omschrijving: str


@dataclass(frozen=True, slots=True)
class Threshold:
    vanaf: date
    tot: date
    per_soort: Mapping[str, int]


SOORTEN = ("leveringen", "diensten", "werken", "sociale-diensten")
Verdict = Literal["europees", "niet-europees", "onbekend"]


@dataclass(frozen=True, slots=True)
class Row:
    """One tender in the europees or te-beoordelen list."""

    id: str
    titel: str
    directie: str  # canonical
    opdracht: str  # the directie as written in the file
    leadbuyer: str | None
    soort: str | None
    contractwaarde: int | None
    zekerheid: str | None
    publicatie: str  # 2025-Q1 or 2025-03-01 as written; "" unknown
    publicatie_start: date | None
    procedure: str | None
    verdict: Verdict
    drempel: int | None
    net_onder: bool
    status: str
    themas: Mapping[str, ThemaStand]
    reden: str = ""  # why it is te beoordelen

    def theme(self, key: str) -> ThemaStand:
        return self.themas.get(key, "open")

    @property
    def procedure_text(self) -> str:
        """The procedure as written, or what the threshold says when none is given."""
        if self.procedure is not None:
            base = self.procedure
        elif self.verdict == "europees":
            base = "europees (boven drempel)"
        else:
            base = "onbekend"
        return f"{base}, net onder drempel" if self.net_onder else base


@dataclass(frozen=True, slots=True)
class ThemeCount:
    ja: int = 0
    nee: int = 0
    open: int = 0

    def get(self, stand: ThemaStand) -> int:
        return {"ja": self.ja, "nee": self.nee, "open": self.open}[stand]


@dataclass(frozen=True, slots=True)
class DirectieSummary:
    directie: str
    aantal: int
    waarde_totaal: int  # of the known values
    waarde_onbekend: int  # how many have no value
    te_beoordelen: int
    themas: Mapping[str, ThemeCount]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One line of the theme matrix (the note's table of trajecten)."""

    id: str
    titel: str  # "Wat"
    opdracht: str  # "Opdracht": the directie as written in the file
    directie: str  # canonical
    status: str
    themas: Mapping[str, ThemaStand]

    def theme(self, key: str) -> ThemaStand:
        return self.themas.get(key, "open")


@dataclass(frozen=True, slots=True)
class SocialReturnRow:
    """One tender with a social-return agreement: the report's social-return list
    and the export for the monitoring (export.py) are made of these."""

    id: str
    titel: str
    directie: str  # canonical
    soort: str | None
    procedure: str | None
    status: str
    publicatie: str | None  # 2025-Q1 or 2025-03-01 as written; None unknown
    zekerheid: str | None
    contractwaarde: int | None
    werkwijze: str
    percentage: float | None
    bedrag: int | None  # percentage x contractwaarde; None when either is unknown
    doelgroepen: tuple[str, ...]
    voorstel: str | None
    leverancier: str | None
    gestart: date | None
    evaluatie: date | None
    contact: str | None


@dataclass(frozen=True, slots=True)
class SocialReturnSummary:
    directie: str
    aantal: int
    traditioneel: int
    maatwerk: int
    bedrag_totaal: int  # of the known amounts
    bedrag_onbekend: int
    geaccepteerd: int  # proeftuinen whose proposal is accepted


@dataclass(frozen=True, slots=True)
class SocialReturnSettings:
    drempel: int | Literal["eu-diensten"]  # eu-diensten: the EU services threshold
    percentage: float
    soorten: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    peildatum: date
    window: Window
    selection: Selection
    themas: tuple[Theme, ...]
    drempels: tuple[Threshold, ...]
    europees: tuple[Row, ...]
    te_beoordelen: tuple[Row, ...]
    per_directie: tuple[DirectieSummary, ...]
    totaal: DirectieSummary
    matrix: tuple[MatrixRow, ...]
    social_return: tuple[SocialReturnRow, ...]
    social_return_per_directie: tuple[SocialReturnSummary, ...]
    social_return_totaal: SocialReturnSummary
    social_return_settings: SocialReturnSettings
    werklast: Werklast | None = None  # the workload ahead (workload.py), for the workbook

    @property
    def period(self) -> str:
        return self.window.label

    @property
    def title(self) -> str:
        what = (
            "Aanbestedingen (alle procedures)"
            if self.selection.all_procedures
            else ("Europese aanbestedingen")
        )
        return f"{what} {self.window.label}"

    def directies(self) -> list[str]:
        """The directies that have rows, in report order."""
        return [s.directie for s in self.per_directie]

    def rows_of(self, directie: str) -> list[Row]:
        return [r for r in self.europees if r.directie == directie]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the data came from, for the Toelichting sheet (found by the CLI)."""

    data_folder: str
    commit: str | None
    version: str


# --- building it ------------------------------------------------------------------


_NOT_ALNUM = re.compile("[^0-9a-z]+")  # normalise() leaves lower-case ASCII only


@lru_cache(maxsize=1 << 16)  # a directie's name is a key of every row it has
def sort_key(name: str) -> str:
    """Alphabetical the way the note sorts: letters and digits only, no case,
    no accents ("K&W Dranken" after "Kantoorartikelen")."""
    return _NOT_ALNUM.sub("", normalise(name))


def _canonical(t: Tender, kader: Kader) -> str:
    return kader.resolve_directie(t.directie) or t.directie


def _row(t: Tender, kader: Kader, peildatum: date, reden: str = "") -> Row:
    a = assess(t, kader, peildatum)
    pub = t.publicatie
    leadbuyer = None
    if t.leadbuyer is not None:
        leadbuyer = safe_text(kader.resolve_leadbuyer(t.leadbuyer) or t.leadbuyer)
    return Row(
        id=t.id,
        titel=safe_text(t.titel),
        directie=safe_text(_canonical(t, kader)),
        opdracht=safe_text(t.directie),
        leadbuyer=leadbuyer,
        soort=t.soort,
        contractwaarde=t.contractwaarde,
        zekerheid=pub.zekerheid if pub else None,
        publicatie=pub.display() if pub else "",
        publicatie_start=pub.start if pub else None,
        procedure=t.procedure,
        verdict=a.verdict,
        drempel=a.drempel,
        net_onder=a.net_onder,
        status=t.status,
        themas=_themes(t, kader),
        reden=reden,
    )


def _themes(t: Tender, kader: Kader) -> dict[str, ThemaStand]:
    return {key: t.themas.get(key, "open") for key in kader.themas}


Placement = tuple[Literal["europees", "te_beoordelen"], str]


def place(
    t: Tender, kader: Kader, peildatum: date, window: Window, all_procedures: bool
) -> Placement | None:
    """Which list a tender goes in, with the reason if it is te beoordelen."""
    if t.finished:
        return None
    a = assess(t, kader, peildatum)
    just_under = t.procedure is None and a.net_onder
    if not (all_procedures or a.verdict != "niet-europees" or just_under):
        return None
    pub = t.publicatie
    start = pub.start if pub else None
    end = pub.end if pub else None
    if pub is None or start is None or end is None:
        return "te_beoordelen", "publicatiedatum onbekend"
    if not window.overlaps(start, end):
        # Passed but not updated: would otherwise drop out of the default view.
        if end < window.start and window.contains(peildatum) and overdue(t, peildatum):
            return "te_beoordelen", f"publicatie {pub.display()} verstreken, status nog {t.status}"
        return None
    if all_procedures or a.verdict == "europees":
        return "europees", ""
    if a.verdict == "onbekend":
        return "te_beoordelen", a.reden
    return "te_beoordelen", f"waarde net onder de drempel ({a.aandeel} % van de drempel)"


def _row_order(r: Row) -> tuple[str, date, str, str]:
    return (sort_key(r.directie), r.publicatie_start or date.max, sort_key(r.titel), r.id)


def _summary(
    directie: str, rows: Sequence[Row], te_beoordelen: int, keys: Iterable[str]
) -> DirectieSummary:
    themas: dict[str, ThemeCount] = {}
    for key in keys:
        stands = [r.theme(key) for r in rows]
        themas[key] = ThemeCount(stands.count("ja"), stands.count("nee"), stands.count("open"))
    return DirectieSummary(
        directie=directie,
        aantal=len(rows),
        waarde_totaal=sum(r.contractwaarde or 0 for r in rows),
        waarde_onbekend=sum(1 for r in rows if r.contractwaarde is None),
        te_beoordelen=te_beoordelen,
        themas=themas,
    )


def _social_return_row(t: Tender, kader: Kader) -> SocialReturnRow:
    sr = t.social_return
    assert sr is not None
    pub = t.publicatie
    return SocialReturnRow(
        id=t.id,
        titel=safe_text(t.titel),
        directie=safe_text(_canonical(t, kader)),
        soort=t.soort,
        procedure=t.procedure,
        status=t.status,
        publicatie=pub.display() if pub else None,
        zekerheid=pub.zekerheid if pub else None,
        contractwaarde=t.contractwaarde,
        werkwijze=sr.werkwijze,
        percentage=sr.percentage,
        bedrag=implied_amount(t),
        doelgroepen=tuple(safe_text(d) for d in sr.doelgroepen),
        voorstel=sr.voorstel,
        leverancier=safe_text(sr.leverancier) if sr.leverancier is not None else None,
        gestart=sr.gestart,
        evaluatie=sr.evaluatie,
        contact=safe_text(t.contact) if t.contact is not None else None,
    )


def social_return_rows(tenders: Iterable[Tender], kader: Kader) -> list[SocialReturnRow]:
    """The social-return list: every `social_return.active` tender, by directie and title."""
    return sorted(
        (_social_return_row(t, kader) for t in tenders if active(t)),
        key=lambda r: (sort_key(r.directie), sort_key(r.titel), r.id),
    )


def _social_return_summary(directie: str, rows: Sequence[SocialReturnRow]) -> SocialReturnSummary:
    return SocialReturnSummary(
        directie=directie,
        aantal=len(rows),
        traditioneel=sum(1 for r in rows if r.werkwijze == "traditioneel"),
        maatwerk=sum(1 for r in rows if r.werkwijze == "maatwerk"),
        bedrag_totaal=sum(r.bedrag or 0 for r in rows),
        bedrag_onbekend=sum(1 for r in rows if r.bedrag is None),
        geaccepteerd=sum(1 for r in rows if r.voorstel == "geaccepteerd"),
    )


def build(
    tenders: Iterable[Tender],
    kader: Kader,
    peildatum: date,
    window: Window,
    selection: Selection | None = None,
) -> Overview:
    selection = selection or Selection()
    chosen = [
        t
        for t in tenders
        if selection.directie is None or _canonical(t, kader) == selection.directie
    ]
    europees: list[Row] = []
    te_beoordelen: list[Row] = []
    for t in chosen:
        placed = place(t, kader, peildatum, window, selection.all_procedures)
        if placed is None:
            continue
        which, reden = placed
        (europees if which == "europees" else te_beoordelen).append(
            _row(t, kader, peildatum, reden)
        )
    europees.sort(key=_row_order)
    te_beoordelen.sort(key=_row_order)

    keys = list(kader.themas)
    directies = sorted({r.directie for r in (*europees, *te_beoordelen)}, key=sort_key)
    per_directie = tuple(
        _summary(
            d,
            [r for r in europees if r.directie == d],
            sum(1 for r in te_beoordelen if r.directie == d),
            keys,
        )
        for d in directies
    )
    totaal = _summary("Totaal", europees, len(te_beoordelen), keys)

    matrix = sorted(
        (
            MatrixRow(
                id=t.id,
                titel=safe_text(t.titel),
                opdracht=safe_text(t.directie),
                directie=safe_text(_canonical(t, kader)),
                status=t.status,
                themas=_themes(t, kader),
            )
            for t in chosen
        ),
        key=lambda m: (sort_key(m.titel), m.id),
    )

    sr_rows = social_return_rows(chosen, kader)
    sr_directies = sorted({r.directie for r in sr_rows}, key=sort_key)
    settings = kader.social_return
    return Overview(
        peildatum=peildatum,
        window=window,
        selection=selection,
        themas=tuple(
            Theme(k, safe_text(t.label), safe_text(t.naam), safe_text(t.omschrijving))
            for k, t in kader.themas.items()
        ),
        drempels=tuple(
            Threshold(
                d.vanaf,
                d.tot,
                {s: d.for_soort(s) for s in SOORTEN},
            )
            for d in kader.drempels
        ),
        europees=tuple(europees),
        te_beoordelen=tuple(te_beoordelen),
        per_directie=per_directie,
        totaal=totaal,
        matrix=tuple(matrix),
        social_return=tuple(sr_rows),
        social_return_per_directie=tuple(
            _social_return_summary(d, [r for r in sr_rows if r.directie == d]) for d in sr_directies
        ),
        social_return_totaal=_social_return_summary("Totaal", sr_rows),
        social_return_settings=SocialReturnSettings(
            settings.drempel, settings.percentage, tuple(settings.soorten)
        ),
    )
