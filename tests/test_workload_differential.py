"""The workload's fast chance (publication days kept in the Preparation) equals
the plain reading of the tender's own publication, on random tenders and days."""

from __future__ import annotations

import random
from datetime import date, timedelta

from inkoopcheck.models import Tender
from inkoopcheck.triage import Decision
from inkoopcheck.workload import preparation


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
