"""One TenderNed notice as the readers hand it on, whatever the file's format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Soort = Literal["leveringen", "diensten", "werken"]

NOTICE_URL = "https://www.tenderned.nl/aankondigingen/overzicht/{}"
MAX_TEXT = 2_000  # a description is kept for matching, not whole: memory stays flat


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice (aankondiging). `kenmerk` names the procedure: several notices of
    one procedure share it. `where` says where it stood in the file."""

    where: str
    publicatie_id: str | None
    kenmerk: str | None
    datum: date | None
    koper_namen: tuple[str, ...]
    koper_ids: tuple[str, ...]
    titel: str
    omschrijving: str = ""
    url: str | None = None
    cpv: tuple[str, ...] = ()
    soort: Soort | None = None
    waarde: int | None = None
    gegund: bool = False
    gunning: date | None = None
    aanvang: date | None = None
    einde: date | None = None
    winnaar: str | None = None
    procedure: str | None = None

    @property
    def procedure_key(self) -> str:
        return self.kenmerk or self.publicatie_id or self.where


@dataclass(frozen=True, slots=True)
class Broken:
    """A row or release that could not be read; `where` is its number in the file."""

    where: str
    reason: str


@dataclass(slots=True)
class SourceInfo:
    """What was read: the format, and for Excel which columns were used and which
    were not (nothing is dropped silently)."""

    kind: Literal["ocds-releases", "ocds-records", "ocds-jsonl", "excel"]
    sheet: str | None = None
    header_row: int | None = None
    used: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return {
            "ocds-releases": "OCDS-releasepakket",
            "ocds-records": "OCDS-recordpakket",
            "ocds-jsonl": "OCDS JSON lines",
            "excel": "Excel-dataset",
        }[self.kind]


class NoticeFileError(Exception):
    """The file is not a TenderNed dataset we can read (exit 2); the message is Dutch."""


def short(text: str) -> str:
    """Whitespace folded, and no more than MAX_TEXT characters."""
    return " ".join(text.split())[:MAX_TEXT]
