"""Quarters and dates as the directie Inkoop writes them (``2025-Q1``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# Dates outside these years are typos, and date arithmetic near year 1 or 9999
# would overflow.
YEAR_MIN, YEAR_MAX = 1900, 2199
_QUARTER = re.compile(r"(19[0-9]{2}|2[01][0-9]{2})-Q([1-4])\Z")


def plausible(day: date) -> bool:
    return YEAR_MIN <= day.year <= YEAR_MAX


def parse_day(text: str) -> date | None:
    """A real date written JJJJ-MM-DD in a plausible year, else None."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if plausible(day) else None


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        return _parse_quarter(text)

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        return _LAST_DAY[self.number].replace(year=self.year)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def publication_year(kwartaal: str | None, datum: date | None) -> int | None:
    """The year a tender is published, from its date or else its quarter (2025-Q1);
    the year in a proposed id."""
    if datum is not None:
        return datum.year
    return int(kwartaal[:4]) if kwartaal else None


_LAST_DAY = {
    1: date(2000, 3, 31),
    2: date(2000, 6, 30),
    3: date(2000, 9, 30),
    4: date(2000, 12, 31),
}


@lru_cache(maxsize=1024)  # the same few quarters, asked for by every check
def _parse_quarter(text: str) -> Quarter | None:
    m = _QUARTER.match(text)
    if m is None:
        return None
    return Quarter(int(m.group(1)), int(m.group(2)))


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the month's last day (31 jan + 1 = 28/29 feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def parse_period(text: str) -> tuple[date, date] | None:
    """``2025-Q1`` -> its first and last day; ``2025`` -> the year; else None."""
    q = Quarter.parse(text)
    if q is not None:
        return q.start, q.end
    if re.fullmatch(r"19[0-9]{2}|2[01][0-9]{2}", text):
        year = int(text)
        return date(year, 1, 1), date(year, 12, 31)
    return None


# --- the window of a report: --period, --from, --to ------------------------------


class PeriodError(ValueError):
    """A --period/--from/--to the user has to correct (Dutch message)."""


@dataclass(frozen=True, slots=True)
class Window:
    """The days a publication may fall on to be in the report; `end` None = open."""

    start: date
    end: date | None
    label: str

    def overlaps(self, start: date, end: date) -> bool:
        return end >= self.start and (self.end is None or start <= self.end)

    def contains(self, day: date) -> bool:
        return self.overlaps(day, day)


def _period(value: str, option: str) -> tuple[date, date]:
    found = parse_period(value)
    if found is not None:
        return found
    day = parse_day(value)  # the one date parser of every date option (--date too)
    if day is None:
        raise PeriodError(
            f"{option} '{value}' is geen periode; schrijf een kwartaal (2025-Q1), "
            "een jaar (2025) of een datum (2025-03-01)."
        )
    return day, day


def window_from(period: str | None, van: str | None, tot: str | None, peildatum: date) -> Window:
    """--period, or --from/--to (each a quarter, a year or a date); without them
    the current quarter of the peildatum and everything after it."""
    if period is not None:
        if van is not None or tot is not None:
            raise PeriodError("gebruik --period óf --from/--to, niet allebei.")
        first, last = _period(period, "--period")
        return Window(first, last, period)
    current = Quarter.of(peildatum)
    start: date = _period(van, "--from")[0] if van is not None else current.start
    end: date | None = _period(tot, "--to")[1] if tot is not None else None
    if end is not None and end < start:
        begin = van if van is not None else f"het huidige kwartaal ({current})"
        raise PeriodError(f"--to {tot} ligt vóór {begin}.")
    if end is None:
        return Window(start, None, f"vanaf {van if van is not None else current}")
    return Window(start, end, f"{van if van is not None else current} t/m {tot}")
