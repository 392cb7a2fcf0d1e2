"""Quarters and dates as the directie Inkoop writes them (``2025-Q1``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])\Z")


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        m = _QUARTER.match(text)
        if m is None:
            return None
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        nxt = Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        return nxt.start - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


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
    if re.fullmatch(r"[0-9]{4}", text):
        year = int(text)
        return date(year, 1, 1), date(year, 12, 31)
    return None
