"""The EU thresholds of the kader applied to a tender: is it a Europese
aanbesteding, and is its value suspiciously close below the threshold?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from inkoopcheck.kader import Kader
from inkoopcheck.models import Tender

NEAR = 0.8  # 80-100 % of the threshold: "net onder drempel"
NEAR_RANGE = f"{round(100 * NEAR)}-100 %"  # the same rule as text, for legends


@dataclass(frozen=True, slots=True)
class Assessment:
    """How a tender stands to the EU threshold.

    `verdict`: europees (procedure says so, or value reaches the threshold),
    niet-europees (procedure says otherwise, or value below), or onbekend
    (no procedure and value, soort or period unknown).
    """

    verdict: Literal["europees", "niet-europees", "onbekend"]
    drempel: int | None
    net_onder: bool
    reden: str
    aandeel: int | None = None  # the value as a whole percentage of the threshold


def share(value: int | None, drempel: int | None) -> int | None:
    """The value as a whole percentage of the threshold; None when either is unknown."""
    if value is None or not drempel:
        return None
    return round(100 * value / drempel)


def reference_date(tender: Tender, peildatum: date) -> date:
    start = tender.publicatie.start if tender.publicatie else None
    return start or peildatum


def threshold(tender: Tender, kader: Kader, peildatum: date) -> int | None:
    if tender.soort is None:
        return None
    period = kader.drempel_op(reference_date(tender, peildatum))
    return period.for_soort(tender.soort) if period else None


def assess(tender: Tender, kader: Kader, peildatum: date) -> Assessment:
    drempel = threshold(tender, kader, peildatum)
    value = tender.contractwaarde
    net_onder = drempel is not None and value is not None and NEAR * drempel <= value < drempel
    aandeel = share(value, drempel)
    if tender.procedure == "europees":
        return Assessment("europees", drempel, net_onder, "procedure europees", aandeel)
    if tender.procedure is not None:
        reden = f"procedure {tender.procedure}"
        return Assessment("niet-europees", drempel, net_onder, reden, aandeel)
    if value is None:
        return Assessment("onbekend", drempel, False, "procedure en waarde onbekend")
    if drempel is None:
        why = "soort onbekend" if tender.soort is None else "geen drempel voor deze periode"
        return Assessment("onbekend", None, False, f"procedure onbekend, {why}")
    if value >= drempel:
        return Assessment("europees", drempel, False, "waarde boven de drempel", aandeel)
    return Assessment("niet-europees", drempel, net_onder, "waarde onder de drempel", aandeel)


def social_return_due(tender: Tender, kader: Kader, peildatum: date) -> int | None:
    """The social-return threshold when this tender is expected to have social
    return (its soort counts and its value reaches the threshold), else None."""
    drempel = kader.social_return_drempel(reference_date(tender, peildatum))
    if (
        tender.soort in kader.social_return.soorten
        and tender.contractwaarde is not None
        and drempel is not None
        and tender.contractwaarde >= drempel
    ):
        return drempel
    return None
