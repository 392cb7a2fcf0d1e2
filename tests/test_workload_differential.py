"""The workload's fast paths equal the plain ones on random tenders and days: the
chance (publication days kept in the Preparation) against the tender's own
publication, and the month's daily totals and peak (one sweep over the month)
against chance per tender per day."""

from __future__ import annotations

import random
from datetime import date, timedelta
from fractions import Fraction

from inkoopcheck.models import Tender
from inkoopcheck.periods import add_months
from inkoopcheck.triage import Decision
from inkoopcheck.workload import EPSILON, Preparation, _day_totals, _peak, number, preparation


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


def random_preparations(rng: random.Random, count: int) -> list[Preparation]:
    """Tenders with a quarter or an exact date, 0 to 20 weeks of preparation."""
    preps = []
    for n in range(count):
        if rng.random() < 0.5:
            pub = {"kwartaal": f"{rng.randint(2024, 2027)}-Q{rng.randint(1, 4)}"}
        else:
            pub = {"datum": date(2024, 1, 1) + timedelta(days=rng.randint(0, 1400))}
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
        p = preparation(d, rng.randint(0, 20))
        assert p is not None
        preps.append(p)
    return preps


def random_month(rng: random.Random) -> date:
    return date(rng.randint(2024, 2027), rng.randint(1, 12), 1)


def test_each_days_total_equals_the_sum_of_chances() -> None:
    """The sweep against adding `chance` tender by tender, every day of the month;
    the sweep's sum is exact (then rounded once), the plain one rounds at every
    step, so they may differ in the last bits only."""
    rng = random.Random(11)
    for _ in range(150):
        preps = random_preparations(rng, rng.randint(0, 120))
        first = random_month(rng)
        for i, total in enumerate(_day_totals(preps, first)):
            day = first + timedelta(days=i)
            assert day.month == first.month
            exact = sum(Fraction(p.chance(day)) for p in preps)
            assert abs(total - sum(p.chance(day) for p in preps)) < 1e-9, (first, day)
            assert total == float(exact) or abs(Fraction(total) - exact) < Fraction(1, 10**12)
        assert len(_day_totals(preps, first)) == (add_months(first, 1) - first).days


def test_the_month_peak_equals_the_plain_one() -> None:
    """Peak, estimate and the colliding tenders as the plain day-by-day reading
    gives them; the peak equal up to float rounding (see above)."""
    rng = random.Random(7)
    for _ in range(200):
        preps = random_preparations(rng, rng.randint(0, 60))
        first = random_month(rng)
        best, estimate, busy = _peak(preps, first)
        plain_best, plain_estimate, plain_busy = plain_peak(preps, first)
        assert abs(best - plain_best) < 1e-9, (first, len(preps))
        assert (estimate, busy) == (plain_estimate, plain_busy), (first, len(preps))


def exact_peak(preps: list[Preparation], first: date) -> Fraction:
    """The month's peak from exact fractions, day by day."""
    best = Fraction(0)
    day = first
    while day.month == first.month:
        best = max(best, sum((Fraction(p.chance(day)) for p in preps), Fraction(0)))
        day += timedelta(days=1)
    return best


def half_up_exact(value: Fraction, digits: int) -> str:
    """What a person writes: the exact value, halves rounded up."""
    scaled = value * 10**digits
    whole = int(scaled)  # value >= 0
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    text = f"{whole / 10**digits:.{digits}f}"
    return text.replace(".", ",")


def test_shown_numbers_round_the_exact_sum_halves_up() -> None:
    """ "ca. 36,3" for a peak of exactly 36.25, whatever order the chances are
    added in (Python rounds 36.25 to 36.2, and a sum tender by tender lands
    just above or below it)."""
    rng = random.Random(3)
    seen_halves = tried = 0
    while tried < 300 or (seen_halves < 3 and tried < 20000):
        tried += 1
        preps = random_preparations(rng, rng.randint(1, 12))
        first = random_month(rng)
        best, estimate, _ = _peak(preps, first)
        exact = exact_peak(preps, first)
        if not estimate:
            continue
        assert number(best, True) == "ca. " + half_up_exact(exact, 1), (first, exact)
        seen_halves += (exact * 20).denominator == 1 and (exact * 10).denominator != 1
    assert seen_halves > 0  # the corpus holds peaks that end in exactly ,x5
