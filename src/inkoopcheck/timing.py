"""When a tender publishes, relative to the peildatum and the kader's horizon."""

from __future__ import annotations

from datetime import date, timedelta

from inkoopcheck.kader import Kader
from inkoopcheck.models import NOT_YET_PUBLISHED, Tender
from inkoopcheck.periods import add_months


def horizon_end(peildatum: date, kader: Kader) -> date:
    return add_months(peildatum, kader.triage.horizon_maanden)


def overdue(tender: Tender, peildatum: date) -> bool:
    """Publication has passed while the status still says it has not happened."""
    end = tender.publicatie.end if tender.publicatie else None
    return tender.status in NOT_YET_PUBLISHED and end is not None and end < peildatum


# Overdue for longer than this: the status was not kept up, so the tender is
# administration to chase rather than work for the team (triage's "bijwerken").
STALE_MONTHS = 3


def stale(tender: Tender, peildatum: date) -> bool:
    """Overdue, and its publication window (the last day of its quarter, or its
    date) ended more than STALE_MONTHS months before the peildatum."""
    end = tender.publicatie.end if tender.publicatie else None
    return (
        overdue(tender, peildatum) and end is not None and add_months(end, STALE_MONTHS) < peildatum
    )


def in_horizon(tender: Tender, peildatum: date, kader: Kader) -> bool:
    """Publishes from the peildatum up to the horizon (a quarter counts from its
    first day), or its date is unknown, or it is overdue."""
    if tender.finished:
        return False
    pub = tender.publicatie
    start = pub.start if pub else None
    end = pub.end if pub else None
    if start is None or end is None:
        return True
    if overdue(tender, peildatum):
        return True
    return end >= peildatum and start <= horizon_end(peildatum, kader)


def urgent_window(peildatum: date, kader: Kader) -> date:
    """Publications up to this day need their wensen en eisen settled now."""
    return peildatum + timedelta(weeks=kader.triage.voorbereiding_weken)
