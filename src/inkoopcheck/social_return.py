"""Social return of one tender: whether its agreement is being monitored, the
amount it implies, and whether its evaluation is due. The one rule for report,
export, triage and advies. (Whether a tender should have social return at all is
`thresholds.social_return_due`.)"""

from __future__ import annotations

from datetime import date
from typing import Literal

from inkoopcheck.kader import Kader
from inkoopcheck.models import Tender

EvaluatieStand = Literal["verlopen", "binnenkort", ""]


def active(t: Tender) -> bool:
    """It has an agreement and is not ingetrokken (no contract, nothing to monitor).
    Awarded tenders count: social return is monitored while the contract runs."""
    return t.social_return is not None and t.status != "ingetrokken"


def implied_amount(t: Tender) -> int | None:
    """Percentage x contract value, in whole euros; None when either is unknown."""
    sr = t.social_return
    if sr is None or sr.percentage is None or t.contractwaarde is None:
        return None
    return round(t.contractwaarde * sr.percentage / 100)


def evaluation_due(t: Tender, kader: Kader, peildatum: date) -> EvaluatieStand:
    """verlopen: the evaluation date has passed; binnenkort: it is within the
    kader's `triage.evaluatie_weken`; "" otherwise or without a date."""
    sr = t.social_return
    if sr is None or sr.evaluatie is None:
        return ""
    days = (sr.evaluatie - peildatum).days
    if days < 0:
        return "verlopen"
    return "binnenkort" if days <= 7 * kader.triage.evaluatie_weken else ""
