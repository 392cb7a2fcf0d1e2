"""Which decision of the overleg stands for a tender. Pure: overleg files,
tenders and the tenders as they were when decided go in, rulings come out.

The latest decision per tender counts (overleggen after the peildatum do not:
they have not happened yet). It stands until a later overleg decides again,
until its `tot`, or until the tender changed materially since the overleg:
its publication moved by a quarter or more (or became known or unknown), its
value crossed the EU threshold, or its soort changed. Then the overleg has to
look again ("besluit herzien?") and the triage ranks the tender like any other.

`betrokkenheid.rol` in a tender file (the old place) still counts, as a
decision taken on its `sinds` (or before every overleg when that is missing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from inkoopcheck.fmt import euro
from inkoopcheck.kader import Kader
from inkoopcheck.models import Rol, Tender
from inkoopcheck.overleg import OverlegFile
from inkoopcheck.thresholds import threshold

QUARTER_MONTHS = 3  # "moved by a quarter or more"


@dataclass(frozen=True, slots=True)
class OnRecord:
    """The latest decision about one tender, where it was taken."""

    id: str
    rol: Rol
    datum: date | None  # the overleg; for betrokkenheid its `sinds`
    toelichting: str | None
    tot: date | None
    bron: str  # the file it stands in
    in_tender_file: bool = False  # betrokkenheid.rol, the old place


@dataclass(frozen=True, slots=True)
class Ruling:
    """A decision on record and whether it still stands; if not, why not."""

    record: OnRecord
    stands: bool
    why: tuple[str, ...] = ()

    @property
    def rol(self) -> Rol | None:
        return self.record.rol if self.stands else None


def on_record(
    overleggen: Iterable[OverlegFile], tenders: Iterable[Tender], peildatum: date
) -> dict[str, OnRecord]:
    """The latest decision per tender id up to the peildatum. Within one file
    (which validate refuses) the last mention of an id counts."""
    latest: dict[str, OnRecord] = {}
    for t in tenders:
        b = t.betrokkenheid
        if b is not None and (b.sinds is None or b.sinds <= peildatum):
            latest[t.id] = OnRecord(t.id, b.rol, b.sinds, None, None, t.id, in_tender_file=True)
    files = [f for f in overleggen if f.overleg is not None and f.overleg.datum <= peildatum]
    files.sort(key=lambda f: f.overleg.datum if f.overleg else date.min)
    for f in files:
        assert f.overleg is not None
        o = f.overleg
        for besluit in o.besluiten:
            old = latest.get(besluit.id)
            if old is not None and old.datum is not None and old.datum > o.datum:
                continue  # a betrokkenheid dated after this overleg is the later word
            latest[besluit.id] = OnRecord(
                besluit.id, besluit.rol, o.datum, besluit.toelichting, besluit.tot, f.display
            )
    return latest


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def material_changes(old: Tender, new: Tender, kader: Kader, peildatum: date) -> list[str]:
    """What changed since the decision that the overleg has to weigh again."""
    out: list[str] = []
    was = old.publicatie.start if old.publicatie else None
    now = new.publicatie.start if new.publicatie else None
    shown_old = old.publicatie.display() if old.publicatie else ""
    shown_new = new.publicatie.display() if new.publicatie else ""
    if (was is None) != (now is None):
        out.append(f"publicatie {shown_old or 'onbekend'} → {shown_new or 'onbekend'}")
    elif (
        was is not None
        and now is not None
        and abs(_month_index(now) - _month_index(was)) >= QUARTER_MONTHS
    ):
        out.append(f"publicatie {shown_old} → {shown_new}")
    drempel = threshold(new, kader, peildatum)
    if drempel is not None:
        above_old = old.contractwaarde is not None and old.contractwaarde >= drempel
        above_new = new.contractwaarde is not None and new.contractwaarde >= drempel
        if above_old != above_new:
            side = "boven" if above_new else "onder"
            out.append(
                f"waarde {euro(old.contractwaarde)} → {euro(new.contractwaarde)}, nu {side} de "
                f"EU-drempel van {euro(drempel)}"
            )
    if old.soort != new.soort:
        out.append(f"soort {old.soort or 'onbekend'} → {new.soort or 'onbekend'}")
    return out


def rule(
    record: OnRecord, tender: Tender, then: Tender | None, kader: Kader, peildatum: date
) -> Ruling:
    """Does the decision stand? `then` is the tender as it was at the overleg
    (None: not known, e.g. without git history; the decision stands)."""
    if record.tot is not None and record.tot < peildatum:
        return Ruling(record, False, (f"het besluit gold tot {record.tot}",))
    if then is not None:
        changed = material_changes(then, tender, kader, peildatum)
        if changed:
            return Ruling(record, False, tuple(changed))
    return Ruling(record, True)


def rulings(
    records: Mapping[str, OnRecord],
    tenders: Iterable[Tender],
    then: Mapping[str, Tender],
    kader: Kader,
    peildatum: date,
) -> dict[str, Ruling]:
    """A ruling for every tender with a decision on record."""
    return {
        t.id: rule(records[t.id], t, then.get(t.id), kader, peildatum)
        for t in tenders
        if t.id in records
    }


def legacy_rulings(tenders: Iterable[Tender], peildatum: date) -> dict[str, Ruling]:
    """Only the roles in the tender files (betrokkenheid), all standing: triage
    without the overleg folder, as it always worked."""
    tenders = list(tenders)
    records = on_record((), tenders, peildatum)
    return {tid: Ruling(r, True) for tid, r in records.items()}
