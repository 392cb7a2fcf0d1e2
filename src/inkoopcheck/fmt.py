"""How values are shown to people: Dutch money, labels, inert text."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

ZEKERHEID_LABELS: dict[str, str] = {
    "zeker": "Zeker (volgens publicatiedatum)",
    "waarschijnlijk": "Waarschijnlijk (marge 1 kwartaal)",
    "onzeker": "Onzeker (marge 2 of meer kwartalen)",
    "zeer-onzeker": "Zeer onzeker (nog niet bekend)",
}

# How a theme stands (ja / nee / open) as the note's matrix marks it: X, -, blank.
THEME_MARKS: dict[str, str] = {"ja": "X", "nee": "-", "open": ""}
# The marks as column-header words, in the order ja, nee, open: X, -, open.
MARK_WORDS: tuple[str, ...] = tuple(m or stand for stand, m in THEME_MARKS.items())

UNKNOWN = "N.n.b."  # an amount or percentage not known yet, in every output

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def euro(amount: int | None) -> str:
    """``6000000`` -> ``€ 6.000.000``; unknown -> ``N.n.b.``."""
    if amount is None:
        return UNKNOWN
    return "€ " + f"{amount:,}".replace(",", ".")


def decimal(value: float, digits: int | None = None) -> str:
    """A number as Dutch text, with a decimal comma: ``38.1`` -> ``38,1``;
    ``digits`` fixes the decimals (``1.0``, 2 -> ``1,00``), else as short as
    exact (like ``:g``). For people only: JSON and CSV keep numbers."""
    shown = f"{value:.{digits}f}" if digits is not None else f"{value:g}"
    return shown.replace(".", ",")


def half_up(value: float, digits: int) -> float:
    """`value` to `digits` decimals with halves rounded up, as people round:
    36.25 -> 36.3 (Python's round() and format give 36.2, the even one). Read
    from the shortest decimal that gives back `value`, so a float that is the
    correctly rounded value of a short decimal rounds by that decimal."""
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def whole(amount: int | None) -> str:
    """``6000000`` -> ``6000000``, a number any spreadsheet reads; unknown -> ``N.n.b.``."""
    return UNKNOWN if amount is None else str(amount)


def percent(value: float | None) -> str:
    """``5`` -> ``5 %``, ``2.5`` -> ``2,5 %`` (Dutch decimal comma); unknown -> ``N.n.b.``."""
    if value is None:
        return UNKNOWN
    return decimal(value) + " %"


def mark(stand: str) -> str:
    """A theme's stand as the matrix marks it (THEME_MARKS); blank when unknown."""
    return THEME_MARKS.get(stand, "")


def clean(text: str) -> str:
    """Strip control characters from data before it reaches a terminal or a sheet."""
    return _CONTROL.sub("", text)


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet would read as a formula: it starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return (OWASP, CSV injection). The one rule for every
    sheet and CSV file we write; each keeps such text as text in its own way."""
    return text.startswith(("=", "+", "-", "@", "\t", "\r"))


def display_path(path: str) -> str:
    """A file name, or any value the user typed, safe to print: control characters
    (ESC, OSC, C1, CR, ...), bidi overrides and undecodable bytes escaped."""
    if path.isprintable():  # the common case; surrogates and controls are not printable
        return path
    out = []
    for ch in path:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape'd byte from the file system
            out.append(f"\\x{code - 0xDC00:02x}")
        elif _UNPRINTABLE.match(ch):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def display_text(text: str) -> str:
    """A message for the terminal: each line through display_path, newlines kept.
    The last guard on the way out, for values echoed inside a message."""
    if text.isprintable():
        return text
    return "\n".join(display_path(line) for line in text.split("\n"))
