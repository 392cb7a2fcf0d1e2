"""The workload ahead (Werklast): per month over the horizon, how many tenders the
team is preparing at once, against its capacity. Pure: a triage goes in.

Joining a tender takes the team from `voorbereiding_weken` before its
publication until the publication. Per month we count the highest number of
tenders in preparation on any one day of that month — "at once", as the
capacity is meant — for the tenders where the team schuift aan (decided and
proposed) and for the relevant ones it does not join.

A publication known only as a quarter has no exact date, and we do not invent
one: the day is taken as equally likely anywhere in the quarter, and the tender
counts on a day with the chance that it is in preparation then (for instance
0.5 in the middle of its possible windows). Such a month shows its number with
one decimal and says it is an estimate. A tender without any date is listed
apart: it cannot be planned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from inkoopcheck.fmt import decimal, half_up
from inkoopcheck.periods import add_months
from inkoopcheck.triage import Decision, Triage

EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Preparation:
    """One tender's preparation: the window(s) it may fall in. The publication's
    first and last possible day are kept here, not read from the model for every
    day of every month (at 10,000 tenders that was a third of a triage)."""

    decision: Decision
    first: date  # the earliest day it may be in preparation
    last: date  # the latest
    exact: bool  # the publication date is known; else the quarter is spread
    days: int  # voorbereiding in days
    pub_start: date  # the publication's first possible day
    pub_end: date  # ... and its last

    def chance(self, day: date) -> float:
        """The chance the team is preparing this tender on `day`."""
        if self.exact:
            return 1.0 if self.first <= day < self.pub_start else 0.0
        # publication uniform over the quarter: busy when it falls in (day, day + days]
        lo = max(self.pub_start, day + timedelta(days=1))
        hi = min(self.pub_end, day + timedelta(days=self.days))
        span = (self.pub_end - self.pub_start).days + 1
        return max(0, (hi - lo).days + 1) / span


@dataclass(frozen=True, slots=True)
class Month:
    first: date  # the first day of the month
    aanschuiven: float  # most aanschuiven tenders in preparation on one day
    relevant: float  # most relevant tenders the team does not join, on one day
    capaciteit: int
    schatting: bool  # a quarter-only publication counts in `aanschuiven`
    relevant_schatting: bool  # ... in `relevant`
    botsing: tuple[Decision, ...]  # the aanschuiven tenders at that busiest day

    @property
    def over(self) -> bool:
        return self.aanschuiven > self.capaciteit + EPSILON


@dataclass(frozen=True, slots=True)
class Werklast:
    months: tuple[Month, ...]
    capaciteit: int
    voorbereiding_weken: int
    zonder_datum: tuple[Decision, ...]  # relevant, but no publication date to plan with

    @property
    def over(self) -> tuple[Month, ...]:
        return tuple(m for m in self.months if m.over)


def preparation(d: Decision, weeks: int) -> Preparation | None:
    pub = d.tender.publicatie
    if pub is None or pub.start is None or pub.end is None:
        return None
    days = 7 * weeks
    exact = pub.datum is not None
    return Preparation(
        d,
        pub.start - timedelta(days=days),
        pub.end - timedelta(days=1),
        exact,
        days,
        pub.start,
        pub.end,
    )


def _ramps(p: Preparation) -> tuple[int, tuple[tuple[int, int], ...]]:
    """A quarter-spread preparation's chance times its span, as a sum of ramps
    `w * max(0, x - at)` over day ordinals x: (span, ((at, w), ...)).

    chance(x) * span = max(0, min(end, x + days) - max(start, x + 1) + 1)
    = max(0, min(span, days, end - x, x - s0)) with s0 = start - days - 1: a
    trapezoid that rises from s0, is flat at min(span, days) and falls to 0 at
    end (it always fits: end - s0 = span + days >= 2 * min(span, days))."""
    start, end = p.pub_start.toordinal(), p.pub_end.toordinal()
    span = end - start + 1
    s0 = start - p.days - 1
    top = min(span, p.days)
    return span, ((s0, 1), (s0 + top, -1), (end - top, -1), (end, 1))


def _day_totals(near: list[Preparation], first: date) -> list[float]:
    """The sum of `Preparation.chance` for each day of the month, in one sweep:
    O(tenders + days) instead of O(tenders x days). Exact tenders count as a
    running number, spread ones as whole numerators per span; each day's sum is
    one exact fraction divided once, so the float is the correctly rounded sum
    (adding chances one by one differs from it in the last bits only:
    tests/test_workload_differential.py)."""
    m0 = first.toordinal()
    n = add_months(first, 1).toordinal() - m0
    exact = [0] * (n + 1)  # first differences of the count of exact tenders
    # per span: [value on day 0, slope on day 0, slope changes from day k on]
    spread: dict[int, tuple[list[int], list[int]]] = {}
    for p in near:
        if p.exact:
            lo, hi = p.first.toordinal() - m0, p.pub_start.toordinal() - m0  # busy lo <= x < hi
            lo, hi = max(lo, 0), min(hi, n)
            if lo < hi:
                exact[lo] += 1
                exact[hi] -= 1
            continue
        span, ramps = _ramps(p)
        head, changes = spread.setdefault(span, ([0, 0], [0] * (n + 1)))
        for at, w in ramps:
            j = at - m0
            if j < 0:  # already rising on day 0: w * (x - at)
                head[0] += w * -j
                head[1] += w
            elif j + 1 <= n:
                changes[j + 1] += w
    common = math.lcm(*spread)  # 1 without spread tenders
    scale = {span: common // span for span in spread}
    totals: list[float] = []
    count = 0
    for i in range(n):
        count += exact[i]
        numerator = count * common
        for span, (head, changes) in spread.items():
            if i > 0:
                head[1] += changes[i]  # the slope from this day on
                head[0] += head[1]
            numerator += head[0] * scale[span]
        totals.append(numerator / common)
    return totals


def _peak(preps: list[Preparation], first: date) -> tuple[float, bool, tuple[Decision, ...]]:
    """(highest sum of chances on one day of the month, estimate?, who is busy then)."""
    following = add_months(first, 1)
    near = [p for p in preps if p.first <= following and p.last >= first]
    best, best_day = 0.0, first
    for i, total in enumerate(_day_totals(near, first)):
        if total > best + EPSILON:
            best, best_day = total, first + timedelta(days=i)
    busy = tuple(p.decision for p in near if p.chance(best_day) > 0)
    estimate = any(not p.exact and p.chance(best_day) > 0 for p in near) if best else False
    return best, estimate, busy


def workload(t: Triage, voorbereiding_weken: int) -> Werklast:
    """The months from the peildatum's month to the horizon's, for the tenders of
    the triage (its view: with --directie, that directie's)."""
    joined: list[Preparation] = []
    others: list[Preparation] = []
    undated: list[Decision] = []
    for d in t.decisions:
        if not d.rules and d.role != "aanschuiven":
            continue  # no theme of the kader: no work for the team
        p = preparation(d, voorbereiding_weken)
        if p is None:
            undated.append(d)
        elif d.role == "aanschuiven":
            joined.append(p)
        else:
            others.append(p)
    months: list[Month] = []
    first = t.peildatum.replace(day=1)
    while first <= t.horizon_tot:
        count, estimate, busy = _peak(joined, first)
        rest, rest_estimate, _ = _peak(others, first)
        months.append(Month(first, count, rest, t.capaciteit, estimate, rest_estimate, busy))
        first = add_months(first, 1)
    return Werklast(tuple(months), t.capaciteit, voorbereiding_weken, tuple(undated))


MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def month_name(first: date) -> str:
    return f"{MONTH_NAMES[first.month - 1]} {first.year}"


def number(value: float, estimate: bool) -> str:
    """A count as people read it: whole when exact, one decimal and 'ca.' when
    estimated (halves up: the sums are exact, see `_day_totals`)."""
    if not estimate:
        return str(round(value))
    return "ca. " + decimal(half_up(value, 1), 1)
