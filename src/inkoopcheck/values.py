"""Values as people type them (in a prompt, an option or an Excel cell), read
into what a tender file holds. Shared by `new` and `import`.

Every parser raises `ValueProblem` with a Dutch message that quotes the input;
nothing is guessed silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import get_args

from inkoopcheck.cpv import complete
from inkoopcheck.models import (
    ID_PATTERN,
    MAX_AMOUNT,
    Procedure,
    Soort,
    Status,
    ThemaStand,
    Zekerheid,
)
from inkoopcheck.periods import Quarter

SOORTEN: tuple[Soort, ...] = get_args(Soort)
PROCEDURES: tuple[Procedure, ...] = get_args(Procedure)
STATUSSEN: tuple[Status, ...] = get_args(Status)

MAX_ID = 80
_ID = re.compile(ID_PATTERN + r"\Z")


class ValueProblem(ValueError):
    """A value that cannot be read; the message is Dutch and quotes the input."""


def fold(text: str) -> str:
    """Lower case ASCII letters and digits only: for matching headers and labels
    without regard to case, accents, spaces or punctuation."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.casefold())


def words(text: str) -> list[str]:
    """The ASCII words of a text, lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.casefold())


# The one vocabulary for "not known yet", in `new`, `import` and docs/handleiding.md
# (a test keeps the guide equal to it). Matched like headers: case, dots and spaces
# do not count, so `N.n.b.`, `nnb` and `NNB` are one.
UNKNOWN_WORDS = (
    "N.n.b.",
    "n.t.b.",
    "PM",
    "?",
    "-",
    "onbekend",
    "nog onbekend",
    "nog niet bekend",
    "nader te bepalen",
    "nog te bepalen",
    "n.v.t.",
    "tbd",
)
_UNKNOWN = frozenset(fold(w) for w in UNKNOWN_WORDS)


def is_unknown(text: str) -> bool:
    """An empty text or one of UNKNOWN_WORDS: the value is not known yet."""
    return fold(text) in _UNKNOWN


# --- amounts ---------------------------------------------------------------------

_MULTIPLIERS = {
    "mln": 1_000_000,
    "miljoen": 1_000_000,
    "mio": 1_000_000,
    "m": 1_000_000,
    "mld": 1_000_000_000,
    "miljard": 1_000_000_000,
    "k": 1_000,
    "duizend": 1_000,
    "dzd": 1_000,
}
_AMOUNT = re.compile(r"([0-9][0-9.,]*)\s*([a-z]*)\.?")


def _number(digits: str, has_multiplier: bool) -> float:
    """Dutch first: ``6.000.000`` and ``6,5``; ``2.5 mln`` and ``2,500,000`` too."""
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(digits.replace(thousands, "").replace(decimal, "."))
    for sep in ",.":
        if sep not in digits:
            continue
        groups = digits.split(sep)
        grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        if len(groups) > 2 and not grouped:
            raise ValueError(digits)
        if grouped and (len(groups) > 2 or (sep == "." and not has_multiplier)):
            return float("".join(groups))  # thousands separators
        return float(digits.replace(sep, "."))  # a decimal separator
    return float(digits)


def parse_amount(value: object) -> int | None:
    """An estimate in whole euros from a number or text (``€ 6.000.000``,
    ``6,5 mln``, ``N.n.b.``); None when it is not known."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueProblem(f"'{value}' is geen bedrag")
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("dit is geen bedrag")
        amount = round(value)
    else:
        text = str(value).strip()
        if is_unknown(text):
            return None
        cleaned = text.casefold().replace("\u00a0", " ").replace("€", " ")
        cleaned = re.sub(r"\b(eur|euro|excl|incl|btw|ca|circa|ongeveer)\b\.?|±", " ", cleaned)
        cleaned = cleaned.replace(" ", "").rstrip(",.-").removesuffix(",-")
        m = _AMOUNT.fullmatch(cleaned)
        if m is None or (m.group(2) and m.group(2) not in _MULTIPLIERS):
            raise ValueProblem(
                f"'{text}' is geen bedrag; schrijf bijvoorbeeld 6000000, € 6.000.000, "
                "6,5 mln, of N.n.b. als het nog niet bekend is"
            )
        factor = _MULTIPLIERS.get(m.group(2), 1)
        try:
            amount = round(_number(m.group(1), factor != 1) * factor)
        except ValueError:
            raise ValueProblem(f"'{text}' is geen bedrag dat ik kan lezen") from None
    if not 0 <= amount <= MAX_AMOUNT:
        raise ValueProblem(f"'{value}' is geen realistisch bedrag (0 tot 100 miljard)")
    return amount


# --- publication -----------------------------------------------------------------


_ZEKERHEID_WORDS: dict[str, Zekerheid] = {
    "zeker": "zeker",
    "waarschijnlijk": "waarschijnlijk",
    "onzeker": "onzeker",
    "zeeronzeker": "zeer-onzeker",
}


_ZEKERHEID_CHOICES = (
    "kies Zeker, Waarschijnlijk, Onzeker of Zeer onzeker, of het hele label zoals "
    "'Waarschijnlijk (marge 1 kwartaal)'"
)
_PARENTHESISED = re.compile(r"\([^)]*\)")
_CERTAINTY_WORD = re.compile(r"zeker|waarschijnlijk", re.IGNORECASE)


def _certainty(text: str, rest: str) -> Zekerheid | None:
    """The certainty in `rest` (`text` without its quarter or date): nothing, or exactly
    a label of the directie Inkoop, its first word or the key, any case. Text in
    parentheses is the label's explanation ("(marge 1 kwartaal)"), unless it speaks
    of certainty itself: then it is exactly a certainty too ("2025-Q3 (zeker)").
    Anything else is refused: "nog niet zeker" is not zeker."""
    outside = _PARENTHESISED.sub(" ", rest)
    inside = [m.group()[1:-1] for m in _PARENTHESISED.finditer(rest)]
    found: set[Zekerheid] = set()
    for part in (outside, *(p for p in inside if _CERTAINTY_WORD.search(p))):
        key = fold(part)
        if not key:
            continue
        zekerheid = _ZEKERHEID_WORDS.get(key)
        if zekerheid is None:
            shown = " ".join(part.split()).strip(" ,;:/|-–—")
            what = f"'{text}'" if shown == text else f"'{text}': '{shown}'"
            raise ValueProblem(f"{what} is geen zekerheid; {_ZEKERHEID_CHOICES}")
        found.add(zekerheid)
    if len(found) > 1:
        raise ValueProblem(f"'{text}' noemt meer dan één zekerheid; {_ZEKERHEID_CHOICES}")
    return found.pop() if found else None


def parse_zekerheid(text: str) -> Zekerheid:
    """One of the four labels of the directie Inkoop, their first word, or the key
    (any case); nothing else."""
    text = text.strip()
    found = _certainty(text, text)
    if found is None:
        raise ValueProblem(f"'{text}' is geen zekerheid; {_ZEKERHEID_CHOICES}")
    return found


_QUARTER_PATTERNS = (
    re.compile(r"\b(?P<y>20[0-9]{2})\s*[-/ ]?\s*q(?P<q>[1-4])\b", re.IGNORECASE),
    re.compile(r"\bq(?P<q>[1-4])\s*[-/ ]?\s*(?P<y>20[0-9]{2})\b", re.IGNORECASE),
    re.compile(r"\b(?P<q>[1-4])\s*(?:e|ste|de)?\s*kwartaal\s*(?P<y>20[0-9]{2})\b", re.IGNORECASE),
    re.compile(r"\bkwartaal\s*(?P<q>[1-4])\s*[-/ ]?\s*(?P<y>20[0-9]{2})\b", re.IGNORECASE),
)
_ISO_DATE = re.compile(r"\b(20[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})\b")
_NL_DATE = re.compile(r"\b([0-9]{1,2})[-/.]([0-9]{1,2})[-/.](20[0-9]{2})\b")


def _quarter_match(text: str) -> re.Match[str] | None:
    for pattern in _QUARTER_PATTERNS:
        m = pattern.search(text)
        if m is not None:
            return m
    return None


def find_quarter(text: str) -> str | None:
    """``2025-Q1``, ``Q1 2025``, ``1e kwartaal 2025`` anywhere in a text -> ``2025-Q1``."""
    m = _quarter_match(text)
    return None if m is None else f"{m.group('y')}-Q{m.group('q')}"


def parse_kwartaal(text: str) -> str:
    found = find_quarter(text)
    if found is None or Quarter.parse(found) is None:
        raise ValueProblem(f"'{text}' is geen kwartaal; schrijf het als 2025-Q1")
    return found


def parse_datum(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return _date_in(text) or date.fromisoformat(text)
    except ValueError:
        raise ValueProblem(f"'{text}' is geen datum; schrijf JJJJ-MM-DD") from None


def _date_match(text: str) -> tuple[re.Match[str], int, int, int] | None:
    """Where a date is written in `text` (ISO or Dutch day-month-year): the match and
    its year, month and day (not yet checked)."""
    m = _ISO_DATE.search(text)
    if m is not None:
        return m, int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _NL_DATE.search(text)
    if m is not None:
        return m, int(m.group(3)), int(m.group(2)), int(m.group(1))
    return None


def _date_in(text: str) -> date | None:
    """A date written in `text` (ISO or Dutch day-month-year); ValueError if impossible."""
    found = _date_match(text)
    return None if found is None else date(*found[1:])


def parse_publicatie(value: object) -> tuple[str | None, date | None, Zekerheid | None]:
    """What one cell says about the publication: a quarter, a date, a certainty
    label, or several of these (``2025-Q2, waarschijnlijk``). What is left beside
    the quarter or date must be exactly a certainty (see `_certainty`)."""
    if value is None:
        return None, None, None
    if isinstance(value, datetime | date):
        return None, parse_datum(value), None
    text = str(value).strip()
    if is_unknown(text):
        return None, None, None
    # "(marge 1 kwartaal)" belongs to the label, not to the planning; blanked, not
    # removed, so a match's position is its position in `text`
    blanked = _PARENTHESISED.sub(lambda m: " " * len(m.group()), text)
    kwartaal: str | None = None
    datum: date | None = None
    span: re.Match[str] | None = _quarter_match(blanked)
    if span is not None:
        kwartaal = f"{span.group('y')}-Q{span.group('q')}"
    else:
        found = _date_match(blanked)
        if found is not None:
            span = found[0]
            try:
                datum = date(*found[1:])
            except ValueError:
                raise ValueProblem(f"'{text}' bevat geen bestaande datum") from None
    nothing = ValueProblem(
        f"'{text}' is geen kwartaal, datum of zekerheid; schrijf bijvoorbeeld 2025-Q1, "
        "2025-03-01 of Waarschijnlijk (marge 1 kwartaal)"
    )
    if span is None and not _CERTAINTY_WORD.search(text):
        raise nothing
    rest = text if span is None else text[: span.start()] + " " + text[span.end() :]
    zekerheid = _certainty(text, rest)
    if kwartaal is None and datum is None and zekerheid is None:
        raise nothing
    return kwartaal, datum, zekerheid


# --- the other fields ------------------------------------------------------------


_SOORT_STEMS: tuple[tuple[str, Soort], ...] = (
    ("sociale", "sociale-diensten"),
    ("sociaal", "sociale-diensten"),
    ("levering", "leveringen"),
    ("dienst", "diensten"),
    ("werk", "werken"),
)


def parse_soort(text: str) -> Soort:
    key = fold(text)
    for stem, soort in _SOORT_STEMS:
        if key.startswith(stem):
            return soort
    raise ValueProblem(
        f"'{text}' is geen soort; kies leveringen, diensten, werken of sociale-diensten"
    )


def parse_procedure(text: str) -> Procedure:
    key = fold(text)
    if key.startswith(("europe", "eu")):
        return "europees"
    if key.startswith("nationa"):
        return "nationaal"
    if key.startswith("meervoudig"):
        return "meervoudig-onderhands"
    if key.startswith("enkelvoudig"):
        return "enkelvoudig-onderhands"
    raise ValueProblem(
        f"'{text}' is geen procedure; kies europees, nationaal, meervoudig-onderhands "
        "of enkelvoudig-onderhands"
    )


def parse_ja_nee(value: object) -> bool:
    if isinstance(value, bool):
        return value
    key = fold(str(value))
    if key in ("ja", "j", "yes", "x", "true", "1"):
        return True
    if key in ("nee", "n", "no", "false", "0"):
        return False
    raise ValueProblem(f"'{value}' is geen ja of nee")


def parse_status(text: str) -> Status:
    key = fold(text)
    for status in STATUSSEN:
        if key == fold(status):
            return status
    raise ValueProblem(f"'{text}' is geen status; kies uit: {', '.join(STATUSSEN)}")


def parse_thema_mark(value: object) -> ThemaStand | None:
    """The marks of the note's matrix: X = ja, - = nee, empty = open (no change)."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    key = fold(text)
    if key in ("x", "ja", "j", "v"):
        return "ja"
    if text in ("-", "–", "—") or key in ("nee", "n"):
        return "nee"
    if key == "open":
        return "open"
    raise ValueProblem(f"'{text}' is geen thema-markering; gebruik X (ja), - (nee) of leeg")


_CPV_CODE = re.compile(r"(?<![0-9-])[0-9]{8}(?:-[0-9])?(?![0-9])")


def parse_cpv(value: object) -> tuple[str, ...]:
    """One or more CPV codes, completed with their check digit where known."""
    if value is None:
        return ()
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:08d}"
    else:
        text = str(value).strip()
    # codes may come with their description: "85147000-1 (Arbodiensten)"
    parts = _CPV_CODE.findall(text)
    if re.search(r"[0-9]", _CPV_CODE.sub(" ", text)):
        raise ValueProblem(f"'{text}' bevat een CPV-code die niet klopt; schrijf 85147000-1")
    # a code without its check digit is completed; a wrong one is left for the checks
    return tuple(complete(code) or code for code in parts)


# --- ids ------------------------------------------------------------------------


def slug(text: str) -> str:
    """ASCII, lower case, words joined by dashes: ``K&W Dranken`` -> ``k-en-w-dranken``."""
    text = text.replace("&", " en ").replace("+", " en ")
    text = re.sub(r"['’`]", "", text)  # BOA's -> boas, not boa-s
    return "-".join(words(text))


def propose_id(titel: str, year: int | None) -> str:
    """An id from the title and the year of publication:
    ``Arbodienstverlening`` + 2025 -> ``arbodienstverlening-2025``."""
    base = slug(titel) or "aanbesteding"
    suffix = f"-{year}" if year is not None and not base.endswith(str(year)) else ""
    room = MAX_ID - len(suffix)
    if len(base) > room:
        cut = base[:room]
        if not base[room:].startswith("-") and "-" in cut[room // 2 :]:
            cut = cut.rsplit("-", 1)[0]  # end on a whole word
        base = cut.rstrip("-")
    proposal = base + suffix
    if len(proposal) < 3:
        proposal = f"aanbesteding-{proposal}"
    return proposal


def free_id(proposal: str, taken: Callable[[str], bool]) -> str:
    """`proposal`, or the first of proposal-2, proposal-3, ... that is not taken
    (shortened so the id stays within MAX_ID)."""
    if not taken(proposal):
        return proposal
    stem = proposal[: MAX_ID - 4].rstrip("-")
    n = 2
    while taken(f"{stem}-{n}"):
        n += 1
    return f"{stem}-{n}"


def check_id(text: str) -> str:
    if not _ID.match(text):
        raise ValueProblem(
            f"'{text}' is geen geldig id; gebruik 3 tot 80 kleine letters, cijfers en "
            "streepjes, bijvoorbeeld arbodienstverlening-2025"
        )
    return text
