"""Exports for other systems. Social return: one flat row per tender with a
social-return agreement, for Bureau Social Return's monitoring.

The columns are a contract (docs/social-return.md): names never change and new
columns are only added at the end.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from inkoopcheck.fmt import clean
from inkoopcheck.kader import Kader
from inkoopcheck.models import Tender

SOCIAL_RETURN_COLUMNS: tuple[str, ...] = (
    "id",
    "titel",
    "directie",
    "soort",
    "procedure",
    "status",
    "publicatie",
    "zekerheid",
    "contractwaarde",
    "werkwijze",
    "percentage",
    "bedrag",
    "doelgroepen",
    "voorstel",
    "leverancier",
    "gestart",
    "evaluatie",
    "contact",
)


def implied_amount(t: Tender) -> int | None:
    """Percentage x contract value, in whole euros; None when either is unknown."""
    sr = t.social_return
    if sr is None or sr.percentage is None or t.contractwaarde is None:
        return None
    return round(t.contractwaarde * sr.percentage / 100)


def social_return_rows(tenders: Iterable[Tender], kader: Kader) -> list[dict[str, Any]]:
    rows = []
    for t in sorted(tenders, key=lambda t: t.id):
        sr = t.social_return
        if sr is None:
            continue
        pub = t.publicatie
        rows.append(
            {
                "id": t.id,
                "titel": t.titel,
                "directie": kader.resolve_directie(t.directie) or t.directie,
                "soort": t.soort,
                "procedure": t.procedure,
                "status": t.status,
                "publicatie": pub.display() if pub else None,
                "zekerheid": pub.zekerheid if pub else None,
                "contractwaarde": t.contractwaarde,
                "werkwijze": sr.werkwijze,
                "percentage": sr.percentage,
                "bedrag": implied_amount(t),
                "doelgroepen": "|".join(sr.doelgroepen),
                "voorstel": sr.voorstel,
                "leverancier": sr.leverancier,
                "gestart": sr.gestart.isoformat() if sr.gestart else None,
                "evaluatie": sr.evaluatie.isoformat() if sr.evaluatie else None,
                "contact": t.contact,
            }
        )
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = clean(str(value))
    # a cell that starts like a formula stays text when a spreadsheet opens the file
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def social_return_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SOCIAL_RETURN_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in SOCIAL_RETURN_COLUMNS])
    return buf.getvalue()
