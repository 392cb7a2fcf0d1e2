"""The agenda of the overleg (what `inkoopcheck triage` shows) as terminal text,
markdown or JSON: Te bespreken, the roles, Bijwerken, Social return, Werklast.

In a terminal the table follows the width: from 140 columns everything, from
100 the publication and value share a column, below that the why is left out
(it is in the markdown and the JSON). Role, score and signals are always there.
"""

from __future__ import annotations

import io
import json
from enum import StrEnum
from typing import TYPE_CHECKING, Any, assert_never

if TYPE_CHECKING:
    from rich.console import Console

from inkoopcheck.agenda import Agenda, Bespreekpunt
from inkoopcheck.fmt import clean, decimal, euro, half_up
from inkoopcheck.kader import Kader
from inkoopcheck.render.markdown import escape as md
from inkoopcheck.render.triage import (
    BIJWERKEN_INTRO,
    BIJWERKEN_TITLE,
    ROLE_LABELS,
    as_dict,
    bijwerken_groups,
    bijwerken_line,
    footer,
    header_lines,
    proeftuin_line,
    publication,
)
from inkoopcheck.triage import ROLES, Decision
from inkoopcheck.workload import Month, Werklast, month_name, number


class AgendaFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


_ROLE_STYLE = {"aanschuiven": "bold green", "achtervang": "yellow", "geen": "dim"}
KIND_LABELS = {"nieuw": "nieuw", "gewijzigd": "gewijzigd", "herzien": "besluit herzien?"}
WIDE, MEDIUM = 140, 100


def _role(d: Decision) -> str:
    return d.role + (" *" if d.decided else "")


def _proposal(d: Decision) -> str:
    if d.decided:
        return f"besloten: {d.role}"
    return f"voorstel: {d.role}, score {decimal(d.score, 1)}"


def _since_line(a: Agenda) -> list[str]:
    if a.vorig_overleg is not None and a.triage.since == a.vorig_overleg.isoformat():
        return [f"Vorig overleg {a.vorig_overleg}: nieuw en gewijzigd sinds die dag."]
    return []


def item_lines(i: Bespreekpunt) -> tuple[str, list[str]]:
    """(headline, detail lines) of one agenda item, plain text."""
    d = i.decision
    head = f"{d.tender.titel} ({d.tender.id}, {d.directie}) — {KIND_LABELS[i.kind]}"
    details: list[str] = []
    herzien = next((s for s in d.signals if s.code == "herzien"), None)
    if herzien is not None:
        details.append(herzien.tekst)
    details += [f"{c.field}: {c.old} → {c.new}" for c in i.changes]
    if i.kind == "gewijzigd" and not i.changes:
        details.append(
            "wat er veranderde is niet te zeggen (geen git-geschiedenis)"
            if not i.changes_known
            else "alleen opmaak of commentaar gewijzigd"
        )
    details.append(_proposal(d))
    return head, details


def _werklast_intro(w: Werklast) -> str:
    return (
        f"Per maand het grootste aantal aanbestedingen dat op één dag in voorbereiding is "
        f"({w.voorbereiding_weken} weken voor de publicatie tot de publicatie), tegen de "
        f"capaciteit van {w.capaciteit}. 'ca.' is een schatting: van die aanbestedingen is "
        "alleen het kwartaal van publicatie bekend; ze tellen mee naar de kans dat ze dan "
        "in voorbereiding zijn (de dag is even waarschijnlijk overal in het kwartaal)."
    )


def collision(m: Month) -> str:
    """A month over capacity in words: how many at once, and which tenders collide."""
    names = ", ".join(f"{d.tender.titel} ({d.tender.id})" for d in m.botsing)
    count = number(m.aanschuiven, m.schatting)
    return f"over capaciteit ({count} tegelijk, capaciteit {m.capaciteit}): {names}"


# --- text ---------------------------------------------------------------------------


def text(a: Agenda, kader: Kader, *, width: int = 160, color: bool = False) -> str:
    from rich.markup import escape
    from rich.table import Table

    t = a.triage
    buf = io.StringIO()
    console = _console(buf, width, color)
    console.print(f"[bold]Triage inclusief inkopen[/bold] — {escape(clean(kader.naam))}")
    for line in [*header_lines(t), *_since_line(a), *a.notes]:
        console.print(escape(line))
    if a.te_bespreken:
        console.print()
        console.print(f"[bold]Te bespreken[/bold] ({len(a.te_bespreken)})")
        for item in a.te_bespreken:
            head, details = item_lines(item)
            console.print("  • " + escape(clean(head)))
            for line in details:
                console.print("      " + escape(clean(line)))
        console.print()
    table = Table(show_lines=False, expand=False, header_style="bold")
    table.add_column("Aanbesteding", ratio=3, min_width=20, overflow="fold")
    if width >= WIDE:
        table.add_column("Directie", max_width=18)
        table.add_column("Publicatie", max_width=16)
        table.add_column("Waarde", justify="right", no_wrap=True)
    elif width >= MEDIUM:
        table.add_column("Publicatie\nWaarde", max_width=16)
    table.add_column("Rol", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    if width >= MEDIUM:
        table.add_column("Waarom", ratio=3, min_width=16)
    table.add_column("Signalen", ratio=2, min_width=14)
    previous = None
    for d in t.decisions:
        if previous is not None and d.role != previous:
            table.add_section()
        previous = d.role
        name = f"{escape(clean(d.tender.titel))}\n[dim]{escape(d.tender.id)}[/dim]"
        cells = [name]
        if width >= WIDE:
            cells += [
                escape(clean(d.directie)),
                escape(publication(d)),
                euro(d.tender.contractwaarde),
            ]
        elif width >= MEDIUM:
            name += f"\n[dim]{escape(clean(d.directie))}[/dim]"
            cells = [name, f"{escape(publication(d))}\n{euro(d.tender.contractwaarde)}"]
        else:
            where = f"{clean(d.directie)} · {publication(d)} · {euro(d.tender.contractwaarde)}"
            cells = [f"{name}\n[dim]{escape(where)}[/dim]"]
        cells += [f"[{_ROLE_STYLE[d.role]}]{escape(_role(d))}[/]", decimal(d.score, 1)]
        if width >= MEDIUM:
            cells.append(escape(clean(d.why)))
        cells.append(escape(clean("; ".join(s.tekst for s in d.signals))))
        table.add_row(*cells)
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
    if t.social_return:
        console.print()
        console.print("[bold]Social return[/bold]: proeftuinen en evaluaties")
        for sr in t.social_return:
            console.print("  • " + escape(clean(proeftuin_line(sr))))
    console.print()
    console.print(werklast_text(a.werklast, width=width, color=color), end="")
    console.print()
    console.print(
        escape(footer(t))
        + ("  (* = rol besloten in het overleg)" if any(d.decided for d in t.decisions) else "")
    )
    return buf.getvalue()


def werklast_text(w: Werklast, *, width: int = 160, color: bool = False) -> str:
    """The Werklast section alone, for the terminal."""
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    console = _console(buf, width, color)
    console.print("[bold]Werklast[/bold]")
    console.print(escape(_werklast_intro(w)))
    table = Table(header_style="bold", expand=False)
    table.add_column("Maand", no_wrap=True)
    table.add_column("Aanschuiven", justify="right", no_wrap=True)
    table.add_column("Relevant, niet aanschuiven", justify="right")
    table.add_column("Capaciteit", justify="right", no_wrap=True)
    table.add_column("", overflow="fold")
    for m in w.months:
        table.add_row(
            month_name(m.first),
            number(m.aanschuiven, m.schatting),
            number(m.relevant, m.relevant_schatting),
            str(m.capaciteit),
            f"[bold red]{escape(clean(collision(m)))}[/]" if m.over else "",
        )
    console.print(table)
    if w.zonder_datum:
        names = ", ".join(d.tender.id for d in w.zonder_datum)
        console.print(escape(f"Zonder publicatiedatum (niet in te plannen): {names}."))
    return buf.getvalue()


# --- markdown -----------------------------------------------------------------------


def werklast_markdown(w: Werklast) -> list[str]:
    lines = ["## Werklast", "", _werklast_intro(w), ""]
    lines.append("| Maand | Aanschuiven | Relevant, niet aanschuiven | Capaciteit | |")
    lines.append("|---|---:|---:|---:|---|")
    for m in w.months:
        mark = f"**{md(collision(m))}**" if m.over else ""
        lines.append(
            f"| {month_name(m.first)} | {number(m.aanschuiven, m.schatting)} | "
            f"{number(m.relevant, m.relevant_schatting)} | {m.capaciteit} | {mark} |"
        )
    lines.append("")
    if w.zonder_datum:
        names = ", ".join(f"`{d.tender.id}`" for d in w.zonder_datum)
        lines += [f"Zonder publicatiedatum (niet in te plannen): {names}.", ""]
    return lines


def markdown(a: Agenda, kader: Kader) -> str:
    t = a.triage
    lines = [f"# Triage inclusief inkopen — {t.peildatum.isoformat()}", ""]
    lines += [f"{md(line)}  " for line in [*header_lines(t), *_since_line(a), *a.notes]]
    lines.append("")
    lines += [f"## Te bespreken ({len(a.te_bespreken)})", ""]
    if not a.te_bespreken:
        lines += ["Niets nieuws of gewijzigds.", ""]
    for item in a.te_bespreken:
        d = item.decision
        lines.append(
            f"- **{md(d.tender.titel)}** (`{d.tender.id}`, {md(d.directie)}) — "
            f"{KIND_LABELS[item.kind]}"
        )
        _, details = item_lines(item)
        lines += [f"  - {md(line)}" for line in details]
    if a.te_bespreken:
        lines.append("")
    for role in ROLES:
        rows = [d for d in t.decisions if d.role == role]
        lines.append(f"## {ROLE_LABELS[role]} ({len(rows)})")
        lines.append("")
        if not rows:
            elders = role == "aanschuiven" and t.elsewhere
            lines += ["Geen bij deze directie (zie boven)." if elders else "Geen.", ""]
            continue
        lines.append(
            "| Aanbesteding | Directie | Publicatie | Waarde | Score | Waarom | Signalen |"
        )
        lines.append("|---|---|---|---:|---:|---|---|")
        for d in rows:
            title = f"{md(d.tender.titel)} (`{d.tender.id}`)" + (" *" if d.decided else "")
            lines.append(
                f"| {title} | {md(d.directie)} | {md(publication(d))} | "
                f"{euro(d.tender.contractwaarde)} | {decimal(d.score, 1)} | {md(d.why)} | "
                f"{md('; '.join(s.tekst for s in d.signals))} |"
            )
        lines.append("")
    if any(d.decided for d in t.decisions):
        lines += ["\\* rol besloten in het overleg", ""]
    if t.bijwerken:
        lines += [f"## {BIJWERKEN_TITLE} ({len(t.bijwerken)})", "", BIJWERKEN_INTRO, ""]
        for name, items in bijwerken_groups(t):
            lines += [f"### {md(name)}", ""]
            lines += [f"- {md(bijwerken_line(i))}" for i in items]
            lines.append("")
    if t.social_return:
        lines += ["## Social return", ""]
        lines += [f"- {md(proeftuin_line(i))}" for i in t.social_return]
        lines.append("")
    lines += werklast_markdown(a.werklast)
    lines.append(footer(t))
    return "\n".join(lines) + "\n"


# --- json ---------------------------------------------------------------------------


def werklast_dict(w: Werklast) -> dict[str, Any]:
    return {
        "capaciteit": w.capaciteit,
        "voorbereiding_weken": w.voorbereiding_weken,
        "maanden": [
            {
                "maand": m.first.strftime("%Y-%m"),
                "aanschuiven": half_up(m.aanschuiven, 2),
                "aanschuiven_schatting": m.schatting,
                "relevant_niet_aanschuiven": half_up(m.relevant, 2),
                "relevant_schatting": m.relevant_schatting,
                "capaciteit": m.capaciteit,
                "over_capaciteit": m.over,
                "botsing": [d.tender.id for d in m.botsing] if m.over else [],
            }
            for m in w.months
        ],
        "zonder_datum": [d.tender.id for d in w.zonder_datum],
    }


def _besluit(d: Decision) -> dict[str, Any] | None:
    r = d.ruling
    if r is None:
        return None
    return {
        "rol": r.record.rol,
        "datum": r.record.datum.isoformat() if r.record.datum else None,
        "bron": r.record.bron,
        "toelichting": r.record.toelichting,
        "tot": r.record.tot.isoformat() if r.record.tot else None,
        "staat": r.stands,
        "waarom_niet": list(r.why),
    }


def as_agenda_dict(a: Agenda, kader: Kader) -> dict[str, Any]:
    doc = as_dict(a.triage, kader)
    for row, d in zip(doc["aanbestedingen"], a.triage.decisions, strict=True):
        row["besluit"] = _besluit(d)
    doc["vorig_overleg"] = a.vorig_overleg.isoformat() if a.vorig_overleg else None
    doc["notities"] = list(a.notes)
    doc["te_bespreken"] = [
        {
            "id": i.decision.tender.id,
            "soort": i.kind,
            "wijzigingen": [{"veld": c.field, "was": c.old, "wordt": c.new} for c in i.changes],
            "wijzigingen_bekend": i.changes_known,
            "rol": i.decision.role,
            "besloten": i.decision.decided,
        }
        for i in a.te_bespreken
    ]
    doc["werklast"] = werklast_dict(a.werklast)
    return doc


def render_agenda(
    fmt: AgendaFormat, a: Agenda, kader: Kader, *, color: bool = False, width: int = 160
) -> str:
    if fmt is AgendaFormat.TEXT:
        return text(a, kader, width=width, color=color)
    if fmt is AgendaFormat.MARKDOWN:
        return markdown(a, kader)
    if fmt is AgendaFormat.JSON:
        # compact: the machine format (see render/triage.py)
        return (
            json.dumps(as_agenda_dict(a, kader), ensure_ascii=False, separators=(",", ":")) + "\n"
        )
    assert_never(fmt)


def _console(buf: io.StringIO, width: int, color: bool) -> Console:
    """A rich console that writes into `buf`: colour only when asked (a terminal).
    rich is imported only when text is rendered."""
    from rich.console import Console

    return Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
