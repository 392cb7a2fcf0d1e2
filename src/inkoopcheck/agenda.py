"""The agenda of the weekly overleg: the triage, what to discuss (new and changed
since the last overleg, field by field, and decisions to look at again), and
the workload ahead. Pure: the triage, the changes from git and the kader go in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from inkoopcheck.overleg import OverlegFile
from inkoopcheck.tenderdiff import FieldChange
from inkoopcheck.triage import Decision, Triage
from inkoopcheck.workload import Werklast, workload

# why a tender is on the agenda, in the order they are discussed
KINDS: tuple[str, ...] = ("herzien", "nieuw", "gewijzigd")


@dataclass(frozen=True, slots=True)
class Bespreekpunt:
    decision: Decision
    kind: str  # "herzien", "nieuw" or "gewijzigd"
    changes: tuple[FieldChange, ...] = ()  # for "gewijzigd" (and "herzien" when it changed)
    changes_known: bool = True  # False: git could not say what changed


@dataclass(frozen=True, slots=True)
class Agenda:
    triage: Triage
    vorig_overleg: date | None  # the overleg the changes are counted from
    te_bespreken: tuple[Bespreekpunt, ...]
    werklast: Werklast
    notes: tuple[str, ...] = ()


def previous_overleg(files: Iterable[OverlegFile], peildatum: date) -> date | None:
    """The date of the newest overleg before the peildatum: the default --since.
    (An overleg on the peildatum itself is the one this agenda is for.)"""
    days = [f.overleg.datum for f in files if f.overleg is not None]
    before = [d for d in days if d < peildatum]
    return max(before) if before else None


def _kind(d: Decision) -> str | None:
    codes = {s.code for s in d.signals}
    for kind in KINDS:
        if kind in codes:
            return kind
    return None


def build(
    t: Triage,
    voorbereiding_weken: int,
    diffs: Mapping[str, list[FieldChange]] | None = None,
    vorig_overleg: date | None = None,
    notes: Iterable[str] = (),
) -> Agenda:
    """`diffs`: per changed tender what changed (history.field_changes); None
    when git could not say."""
    items: list[Bespreekpunt] = []
    for d in t.decisions:
        kind = _kind(d)
        if kind is None:
            continue
        known = diffs is not None and (d.tender.id in diffs or kind != "gewijzigd")
        found = tuple(diffs.get(d.tender.id, ())) if diffs is not None else ()
        items.append(Bespreekpunt(d, kind, found, known))
    items.sort(key=lambda i: (KINDS.index(i.kind), -i.decision.score, i.decision.tender.id))
    return Agenda(t, vorig_overleg, tuple(items), workload(t, voorbereiding_weken), tuple(notes))
