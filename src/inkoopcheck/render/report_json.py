"""The report as JSON (docs/report.md). Amounts are plain integers or null;
dates ISO; enumerations as in the files, themes too: ja / nee / open."""

from __future__ import annotations

import json
from typing import Any

from inkoopcheck.report import DirectieSummary, Overview, Row, SocialReturnRow, SocialReturnSummary


def _row(r: Row) -> dict[str, Any]:
    return {
        "id": r.id,
        "titel": r.titel,
        "directie": r.directie,
        "leadbuyer": r.leadbuyer,
        "contractwaarde": r.contractwaarde,
        "zekerheid": r.zekerheid,
        "publicatie": r.publicatie or None,
        "procedure": r.procedure,
        "themas": dict(r.themas),
    }


def _summary(s: DirectieSummary) -> dict[str, Any]:
    return {
        "directie": s.directie,
        "aantal": s.aantal,
        "waarde_totaal": s.waarde_totaal,
        "waarde_onbekend": s.waarde_onbekend,
        "te_beoordelen": s.te_beoordelen,
        "themas": {k: {"ja": c.ja, "nee": c.nee, "open": c.open} for k, c in s.themas.items()},
    }


def _number(value: float | None) -> float | int | None:
    """5.0 -> 5: a whole percentage reads as one."""
    return int(value) if value is not None and value == int(value) else value


def _social_return_row(r: SocialReturnRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "titel": r.titel,
        "directie": r.directie,
        "status": r.status,
        "contractwaarde": r.contractwaarde,
        "werkwijze": r.werkwijze,
        "percentage": _number(r.percentage),
        "bedrag": r.bedrag,
        "doelgroepen": list(r.doelgroepen),
        "voorstel": r.voorstel,
        "leverancier": r.leverancier,
        "gestart": r.gestart.isoformat() if r.gestart else None,
        "evaluatie": r.evaluatie.isoformat() if r.evaluatie else None,
    }


def _social_return_summary(s: SocialReturnSummary) -> dict[str, Any]:
    return {
        "directie": s.directie,
        "aantal": s.aantal,
        "traditioneel": s.traditioneel,
        "maatwerk": s.maatwerk,
        "bedrag_totaal": s.bedrag_totaal,
        "bedrag_onbekend": s.bedrag_onbekend,
        "geaccepteerd": s.geaccepteerd,
    }


def social_return(overview: Overview) -> dict[str, Any]:
    return {
        "aanbestedingen": [_social_return_row(r) for r in overview.social_return],
        "per_directie": [_social_return_summary(s) for s in overview.social_return_per_directie],
    }


def as_dict(overview: Overview) -> dict[str, Any]:
    return {
        "peildatum": overview.peildatum.isoformat(),
        "periode": overview.period,
        "europees": [_row(r) for r in overview.europees],
        "te_beoordelen": [{**_row(r), "reden": r.reden} for r in overview.te_beoordelen],
        "per_directie": [_summary(s) for s in overview.per_directie],
        "themas": [
            {
                "id": m.id,
                "titel": m.titel,
                "directie": m.directie,
                "opdracht": m.opdracht,
                **{t.key: m.theme(t.key) for t in overview.themas},
            }
            for m in overview.matrix
        ],
        "social_return": social_return(overview),
    }


def as_json(overview: Overview, *, social_return_only: bool = False) -> str:
    doc: dict[str, Any] = as_dict(overview)
    if social_return_only:
        doc = {"peildatum": doc["peildatum"], "social_return": doc["social_return"]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
