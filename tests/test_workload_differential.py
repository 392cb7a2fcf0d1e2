"""The workload's fast paths equal the plain ones on random tenders and days: the
chance (publication days kept in the Preparation) against the tender's own
publication, and the month's peak (on plain ints) against chance per day."""

from __future__ import annotations

import random
from datetime import date, timedelta

from inkoopcheck.models import Tender
from inkoopcheck.periods import add_months
from inkoopcheck.triage import Decision
from inkoopcheck.workload import EPSILON, Preparation, _peak, preparation


def plain_chance(t: Tender, days: int, day: date) -> float:
    """The rule as the docs state it, read from the model every time."""
    pub = t.publicatie
    assert pub is not None and pub.start is not None and pub.end is not None
    if pub.datum is not None:
        return 1.0 if pub.start - timedelta(days=days) <= day < pub.start else 0.0
    lo = max(pub.start, day + timedelta(days=1))
    hi = min(pub.end, day + timedelta(days=days))
    return max(0, (hi - lo).days + 1) / ((pub.end - pub.start).days + 1)


def test_prepared_chance_equals_the_plain_one() -> None:
    rng = random.Random(20261202)
    for _ in range(300):
        if rng.random() < 0.5:
            pub = {"kwartaal": f"{rng.randint(2025, 2027)}-Q{rng.randint(1, 4)}"}
        else:
            pub = {"datum": date(2026, 1, 1) + timedelta(days=rng.randint(0, 700))}
        t = Tender.model_validate(
            {
                "id": "proef-tender",
                "titel": "Proef",
                "directie": "D",
                "status": "kalender",
                "publicatie": {**pub, "zekerheid": "zeker"},
            }
        )
        d = Decision(t, "D", "aanschuiven", False, 1.0, 1.0, (), (), (), ())
        weeks = rng.randint(1, 20)
        p = preparation(d, weeks)
        assert p is not None
        for _ in range(40):
            day = date(2025, 6, 1) + timedelta(days=rng.randint(0, 1100))
            assert p.chance(day) == plain_chance(t, 7 * weeks, day), (pub, weeks, day)


def plain_peak(preps: list[Preparation], first: date) -> tuple[float, bool, tuple[Decision, ...]]:
    """The month's peak as first written: every day, `Preparation.chance` per tender."""
    near = [p for p in preps if p.first <= add_months(first, 1) and p.last >= first]
    best, best_day = 0.0, first
    day = first
    while day.month == first.month:
        total = sum(p.chance(day) for p in near)
        if total > best + EPSILON:
            best, best_day = total, day
        day += timedelta(days=1)
    busy = tuple(p.decision for p in near if p.chance(best_day) > 0)
    estimate = any(not p.exact and p.chance(best_day) > 0 for p in near) if best else False
    return best, estimate, busy


def test_the_month_peak_equals_the_plain_one() -> None:
    rng = random.Random(7)
    for _ in range(60):
        preps = []
        for n in range(rng.randint(0, 40)):
            if rng.random() < 0.5:
                pub = {"kwartaal": f"{rng.randint(2025, 2026)}-Q{rng.randint(1, 4)}"}
            else:
                pub = {"datum": date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))}
            t = Tender.model_validate(
                {
                    "id": f"proef-{n}",
                    "titel": "Proef",
                    "directie": "D",
                    "status": "kalender",
                    "publicatie": {**pub, "zekerheid": "zeker"},
                }
            )
            d = Decision(t, "D", "aanschuiven", False, 1.0, 1.0, (), (), (), ())
            p = preparation(d, rng.randint(1, 20))
            assert p is not None
            preps.append(p)
        first = date(2025, rng.randint(1, 12), 1).replace(year=rng.choice([2025, 2026]))
        assert _peak(preps, first) == plain_peak(preps, first)
