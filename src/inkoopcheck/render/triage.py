"""Triage as a terminal table, a markdown agenda for the overleg, or JSON.

Everything that comes from a tender file is made inert first: control
characters stripped, rich markup escaped (terminal) or table syntax escaped
(markdown).
"""

from __future__ import annotations

import io
import json
from enum import StrEnum
from typing import Any, assert_never

from inkoopcheck.fmt import ZEKERHEID_LABELS, clean, euro
from inkoopcheck.kader import Kader
from inkoopcheck.render.markdown import escape
from inkoopcheck.timing import STALE_MONTHS
from inkoopcheck.triage import ROLES, BijwerkItem, Decision, ProeftuinItem, Triage


class TriageFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


ROLE_LABELS = {"aanschuiven": "Aanschuiven", "achtervang": "Achtervang", "geen": "Geen"}
_ROLE_STYLE = {"aanschuiven": "bold green", "achtervang": "yellow", "geen": "dim"}


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


def text(t: Triage, kader: Kader, *, width: int = 160, color: bool = False) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    console.print(f"[bold]Triage inclusief inkopen[/bold] — {escape(clean(kader.naam))}")
    for line in header_lines(t):
        console.print(escape(line))
    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column("Aanbesteding", ratio=3, min_width=24, overflow="fold")
    table.add_column("Directie", max_width=18)
    table.add_column("Publicatie", max_width=16)
    table.add_column("Waarde", justify="right", no_wrap=True)
    table.add_column("Rol", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Waarom", ratio=3, min_width=20)
    table.add_column("Signalen", ratio=2, min_width=16)
    previous = None
    for d in t.decisions:
        if previous is not None and d.role != previous:
            table.add_section()
        previous = d.role
        role = d.role + (" *" if d.decided else "")
        table.add_row(
            f"{escape(clean(d.tender.titel))}\n[dim]{escape(d.tender.id)}[/dim]",
            escape(clean(d.directie)),
            escape(publication(d)),
            euro(d.tender.contractwaarde),
            f"[{_ROLE_STYLE[d.role]}]{escape(role)}[/]",
            f"{d.score:.1f}",
            escape(clean(d.why)),
            escape(clean("; ".join(s.tekst for s in d.signals))),
        )
    if t.decisions:
        console.print(table)
    elif t.bijwerken:
        console.print("Geen aanbestedingen om te rangschikken.")
    else:
        console.print("Geen aanbestedingen binnen de horizon.")
    if t.bijwerken:
        console.print()
        console.print(f"[bold]{BIJWERKEN_TITLE}[/bold] ({len(t.bijwerken)}): {BIJWERKEN_INTRO}")
        for name, items in bijwerken_groups(t):
            console.print(f"  {escape(clean(name))}")
            for due in items:
                console.print("    • " + escape(clean(bijwerken_line(due))))
        console.print()
    if t.social_return:
        console.print()
        console.print("[bold]Social return[/bold]: proeftuinen en evaluaties")
        for item in t.social_return:
            console.print("  • " + escape(clean(proeftuin_line(item))))
        console.print()
    console.print(
        escape(footer(t))
        + ("  (* = rol besloten in het overleg)" if any(d.decided for d in t.decisions) else "")
    )
    return buf.getvalue()


def markdown(t: Triage, kader: Kader) -> str:
    lines = [f"# Triage inclusief inkopen — {t.peildatum.isoformat()}", ""]
    lines += [f"{line}  " for line in header_lines(t)]
    lines.append("")
    for role in ROLES:
        rows = [d for d in t.decisions if d.role == role]
        lines.append(f"## {ROLE_LABELS[role]} ({len(rows)})")
        lines.append("")
        if not rows:
            lines += ["Geen.", ""]
            continue
        lines.append(
            "| Aanbesteding | Directie | Publicatie | Waarde | Score | Waarom | Signalen |"
        )
        lines.append("|---|---|---|---:|---:|---|---|")
        for d in rows:
            title = f"{escape(d.tender.titel)} (`{d.tender.id}`)" + (" *" if d.decided else "")
            lines.append(
                f"| {title} | {escape(d.directie)} | {escape(publication(d))} | "
                f"{euro(d.tender.contractwaarde)} | {d.score:.1f} | {escape(d.why)} | "
                f"{escape('; '.join(s.tekst for s in d.signals))} |"
            )
        lines.append("")
    if any(d.decided for d in t.decisions):
        lines += ["\\* rol besloten in het overleg", ""]
    if t.bijwerken:
        lines += [f"## {BIJWERKEN_TITLE} ({len(t.bijwerken)})", "", BIJWERKEN_INTRO, ""]
        for name, items in bijwerken_groups(t):
            lines += [f"### {escape(name)}", ""]
            lines += [f"- {escape(bijwerken_line(i))}" for i in items]
            lines.append("")
    if t.social_return:
        lines += ["## Social return", ""]
        lines += [f"- {escape(proeftuin_line(i))}" for i in t.social_return]
        lines.append("")
    lines.append(footer(t))
    return "\n".join(lines) + "\n"


def as_dict(t: Triage, kader: Kader) -> dict[str, Any]:
    return {
        "peildatum": t.peildatum.isoformat(),
        "horizon_maanden": t.horizon_maanden,
        "horizon_tot": t.horizon_tot.isoformat(),
        "capaciteit": t.capaciteit,
        "aanschuiven_in_gebruik": t.in_use,
        "over_capaciteit": t.over_capacity,
        "since": t.since,
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
        "tenders": [
            {
                "id": d.tender.id,
                "titel": d.tender.titel,
                "directie": d.directie,
                "role": d.role,
                "role_besloten": d.decided,
                "score": d.score,
                "reasons": d.reasons,
                "signals": [{"code": s.code, "tekst": s.tekst} for s in d.signals],
                "themes": {k: d.tender.theme(k) for k in kader.themas},
                "relevant_themes": list(d.relevant_themes),
                "publicatie": d.tender.publicatie.display() if d.tender.publicatie else None,
                "zekerheid": d.tender.publicatie.zekerheid if d.tender.publicatie else None,
                "contractwaarde": d.tender.contractwaarde,
            }
            for d in t.decisions
        ],
    }


def render_triage(
    fmt: TriageFormat, t: Triage, kader: Kader, *, color: bool = False, width: int = 160
) -> str:
    if fmt is TriageFormat.TEXT:
        return text(t, kader, width=width, color=color)
    if fmt is TriageFormat.MARKDOWN:
        return markdown(t, kader)
    if fmt is TriageFormat.JSON:
        # compact: this is the machine format, and only compact JSON uses the C
        # encoder (indented output takes seconds at 10,000 tenders); `jq .` shows it
        # indented
        return json.dumps(as_dict(t, kader), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert_never(fmt)
