"""Exports for other systems. Social return: one flat row per tender in the
report's social-return list (`report.social_return_rows`: the same rows and the
same rule, so an ingetrokken tender is in neither), for Bureau Social Return's
monitoring.

The columns are a contract (docs/social-return.md): names never change and new
columns are only added at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from inkoopcheck.kader import Kader
from inkoopcheck.models import Tender
from inkoopcheck.report import social_return_rows as _social_return_list

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


def social_return_rows(tenders: Iterable[Tender], kader: Kader) -> list[dict[str, Any]]:
    """The rows of the report's social-return list, by id, as SOCIAL_RETURN_COLUMNS."""
    rows = []
    for r in sorted(_social_return_list(tenders, kader), key=lambda r: r.id):
        rows.append(
            {
                "id": r.id,
                "titel": r.titel,
                "directie": r.directie,
                "soort": r.soort,
                "procedure": r.procedure,
                "status": r.status,
                "publicatie": r.publicatie,
                "zekerheid": r.zekerheid,
                "contractwaarde": r.contractwaarde,
                "werkwijze": r.werkwijze,
                "percentage": r.percentage,
                "bedrag": r.bedrag,
                "doelgroepen": "|".join(r.doelgroepen),
                "voorstel": r.voorstel,
                "leverancier": r.leverancier,
                "gestart": r.gestart.isoformat() if r.gestart else None,
                "evaluatie": r.evaluatie.isoformat() if r.evaluatie else None,
                "contact": r.contact,
            }
        )
    return rows
