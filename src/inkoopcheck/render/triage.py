"""Pieces of the triage shown everywhere: the header, a publication, a
social-return line, the footer, and the triage as JSON data. The agenda
(render/agenda.py) puts them together for the terminal, markdown and JSON.

Everything that comes from a tender file is made inert first: control
characters stripped, rich markup escaped (terminal) or table syntax escaped
(markdown).
"""

from __future__ import annotations

from typing import Any

from inkoopcheck.fmt import ZEKERHEID_LABELS, clean
from inkoopcheck.kader import Kader
from inkoopcheck.timing import STALE_MONTHS
from inkoopcheck.triage import ROLES, BijwerkItem, Decision, ProeftuinItem, Triage

ROLE_LABELS = {"aanschuiven": "Aanschuiven", "achtervang": "Achtervang", "geen": "Geen"}


def publication(d: Decision) -> str:
    pub = d.tender.publicatie
    if pub is None:
        return "onbekend"
    when = pub.display() or "datum onbekend"
    return f"{when} ({ZEKERHEID_LABELS[pub.zekerheid].split(' (')[0].lower()})"


def header_lines(t: Triage) -> list[str]:
    lines = [
        f"Peildatum {t.peildatum.isoformat()} · horizon {t.horizon_maanden} maanden "
        f"(tot {t.horizon_tot.isoformat()}) · capaciteit {t.capaciteit}, "
        f"aanschuiven {t.in_use}",
    ]
    if t.elsewhere:
        lines.append(elsewhere_line(t))
    if t.over_capacity:
        lines.append(
            f"Let op: {t.decided_aanschuiven} keer 'aanschuiven' besloten, meer dan de "
            f"capaciteit van {t.capaciteit}. Kies wat het team loslaat."
        )
    if t.since:
        lines.append(f"Nieuw en gewijzigd sinds {t.since}.")
    if t.skipped:
        lines.append(
            f"{t.skipped} aanbesteding(en) met fouten overgeslagen: zie 'inkoopcheck validate'."
        )
    return lines


def elsewhere_line(t: Triage) -> str:
    """With --directie: where the aanschuiven places of the header went, so the
    header's count and the (filtered) table do not seem to disagree."""
    n, here = len(t.elsewhere), t.in_use - len(t.elsewhere)
    where = "een andere directie" if n == 1 else "andere directies"
    names = "; ".join(f"{clean(d.tender.titel)} ({d.tender.id}, {d.directie})" for d in t.elsewhere)
    if here == 0:
        what = "De plaats" if n == 1 else f"Alle {n} plaatsen"
        return f"{what} voor aanschuiven {'gaat' if n == 1 else 'gaan'} naar {where}: {names}."
    return (
        f"Hier {here} van de {t.in_use} keer aanschuiven; {n} {'gaat' if n == 1 else 'gaan'} "
        f"naar {where}: {names}."
    )


def proeftuin_line(i: ProeftuinItem) -> str:
    """One line of the social-return section, plain text (escape for the medium)."""
    parts = [f"{i.tender.titel} ({i.tender.id}, {i.directie})"]
    parts.append("proeftuin Maatwerk voor Mensen" if i.werkwijze == "maatwerk" else "traditioneel")
    if i.voorstel:
        parts.append(f"voorstel {i.voorstel}")
    if i.evaluatie:
        label = {"verlopen": "evaluatie verlopen", "binnenkort": "evaluatie binnenkort"}
        parts.append(f"{label.get(i.status, 'evaluatie')} {i.evaluatie.isoformat()}")
    return " — ".join(parts)


BIJWERKEN_TITLE = "Bijwerken"
BIJWERKEN_INTRO = (
    f"Publicatie al meer dan {STALE_MONTHS} maanden voorbij en de status is niet "
    "bijgewerkt: niet gerangschikt en zonder plaats. Vraag de directie de status "
    "bij te werken."
)


def bijwerken_groups(t: Triage) -> list[tuple[str, list[BijwerkItem]]]:
    """The bijwerken section by directie (the items are sorted by directie already)."""
    groups: list[tuple[str, list[BijwerkItem]]] = []
    for item in t.bijwerken:
        if not groups or groups[-1][0] != item.directie:
            groups.append((item.directie, []))
        groups[-1][1].append(item)
    return groups


def bijwerken_line(i: BijwerkItem) -> str:
    """One line of the bijwerken section, plain text (escape for the medium)."""
    pub = i.tender.publicatie.display() if i.tender.publicatie else ""
    return (
        f"{i.tender.titel} ({i.tender.id}) — publicatie {pub}, uiterlijk "
        f"{i.verwacht.isoformat()}; status nog {i.tender.status}"
    )


def footer(t: Triage) -> str:
    return (
        " · ".join(f"{ROLE_LABELS[r]} {t.count(r)}" for r in ROLES)
        + f" · totaal {len(t.decisions)}"
        + (f" · bijwerken {len(t.bijwerken)}" if t.bijwerken else "")
    )


def as_dict(t: Triage, kader: Kader) -> dict[str, Any]:
    return {
        "peildatum": t.peildatum.isoformat(),
        "horizon_maanden": t.horizon_maanden,
        "horizon_tot": t.horizon_tot.isoformat(),
        "capaciteit": t.capaciteit,
        "aanschuiven_in_gebruik": t.in_use,
        "aanschuiven_elders": [
            {"id": d.tender.id, "titel": d.tender.titel, "directie": d.directie}
            for d in t.elsewhere
        ],
        "over_capaciteit": t.over_capacity,
        "sinds": t.since,
        "overgeslagen": t.skipped,
        "social_return": [
            {
                "id": i.tender.id,
                "titel": i.tender.titel,
                "directie": i.directie,
                "werkwijze": i.werkwijze,
                "voorstel": i.voorstel,
                "evaluatie": i.evaluatie.isoformat() if i.evaluatie else None,
                "status": i.status or None,
            }
            for i in t.social_return
        ],
        "bijwerken": [
            {
                "id": i.tender.id,
                "titel": i.tender.titel,
                "directie": i.directie,
                "publicatie": i.tender.publicatie.display() if i.tender.publicatie else None,
                "verwacht": i.verwacht.isoformat(),
                "status": i.tender.status,
            }
            for i in t.bijwerken
        ],
        "aanbestedingen": [
            {
                "id": d.tender.id,
                "titel": d.tender.titel,
                "directie": d.directie,
                "rol": d.role,
                "rol_besloten": d.decided,
                "score": d.score,
                "redenen": d.reasons,
                "signalen": [{"code": s.code, "tekst": s.tekst} for s in d.signals],
                "themas": {k: d.tender.theme(k) for k in kader.themas},
                "relevante_themas": list(d.relevant_themes),
                "publicatie": d.tender.publicatie.display() if d.tender.publicatie else None,
                "zekerheid": d.tender.publicatie.zekerheid if d.tender.publicatie else None,
                "contractwaarde": d.tender.contractwaarde,
            }
            for d in t.decisions
        ],
    }
