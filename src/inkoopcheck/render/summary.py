"""The job summary as GitHub-flavoured Markdown (summary.py builds the view).

Everything from the data is escaped so a title cannot become a link, a heading
or HTML. GitHub takes at most 1 MiB of summary per step: findings beyond that
are not dropped silently — the last line says how many are left out and how to
see them all.
"""

from __future__ import annotations

from inkoopcheck.findings import Finding
from inkoopcheck.fmt import clean, decimal, display_path
from inkoopcheck.render.agenda import collision
from inkoopcheck.render.findings import summary as verdict
from inkoopcheck.render.markdown import escape
from inkoopcheck.summary import FileFindings, PullRequest, Summary, TenderMeaning
from inkoopcheck.tenderdiff import FieldChange
from inkoopcheck.workload import Month, month_name

LIMIT = 1_000_000  # bytes; GitHub refuses a step summary over 1 MiB
_STATUS = {"nieuw": "Nieuw", "gewijzigd": "Gewijzigd", "verwijderd": "Verwijderd"}


def _md(value: str) -> str:
    return escape(clean(display_path(value)))


def _finding(f: Finding) -> list[str]:
    where = f"regel {f.line}, kolom {f.column}" if f.line else "het hele bestand"
    lines = [f"- **{f.severity} {f.code}** ({where}): {_md(f.message)}"]
    if f.hint:
        lines.append(f"  → {_md(f.hint)}")
    return lines


def _file(group: FileFindings) -> list[str]:
    errors = sum(1 for f in group.findings if f.is_error)
    warnings = len(group.findings) - errors
    counts = []
    if errors:
        counts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        counts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    lines = [f"#### {_md(group.path)} — {', '.join(counts)}", ""]
    for f in group.findings:
        lines += _finding(f)
    return [*lines, ""]


def _velden(changes: tuple[FieldChange, ...]) -> list[str]:
    lines = ["| Veld | Was | Wordt |", "|---|---|---|"]
    lines += [f"| {_md(c.field)} | {_md(c.old)} | {_md(c.new)} |" for c in changes]
    return [*lines, ""]


def _tender(m: TenderMeaning) -> list[str]:
    head = f"#### {_STATUS[m.status]}: {_md(m.titel) or _md(m.id)} ({_md(m.id)}"
    head += f", {_md(m.directie)})" if m.directie else ")"
    lines = [head, "", _md(m.path), ""]
    if m.status == "gewijzigd" and m.velden is not None:
        lines += ["Wat er veranderde:", ""]
        lines += _velden(m.velden) if m.velden else ["Alleen opmaak of commentaar.", ""]
    if m.fouten:
        lines += [
            "Het bestand heeft fouten (zie de meldingen hieronder): de rol, de thema's en de "
            "deadline volgen als ze hersteld zijn.",
            "",
        ]
    items = []
    if m.themas:
        items.append("**Relevante thema's en waarom:**")
        for th in m.themas:
            items.append(f"  - {_md(th.naam)}: " + "; ".join(_md(w) for w in th.waarom))
    elif m.status != "verwijderd" and not m.fouten:
        items.append("**Relevante thema's:** geen; geen regel van het kader is van toepassing.")
    if m.rol is not None:
        score = f" (score {decimal(m.score, 1)})" if m.score is not None else ""
        was = f"; was {m.rol_voor}" if m.rol_voor not in (None, m.rol) else ""
        items.append(f"**Rol van het team vandaag:** {m.rol}{score} — {_md(m.rol_uitleg)}{was}")
    elif m.status == "verwijderd":
        was = f"was {m.rol_voor}" if m.rol_voor else "had geen rol in de triage"
        items.append(f"**Rol van het team:** verwijderd ({was})")
    elif not m.fouten:
        items.append(f"**Rol van het team vandaag:** geen — {_md(m.rol_uitleg)}")
    for p in m.plan:
        items.append(f"**Plan van het team:** {_md(p)}")
    if m.deadline is not None:
        items.append(
            f"**Wensen en eisen vast:** {m.deadline.isoformat()} — {_md(m.deadline_uitleg)}"
        )
    elif m.deadline_uitleg:
        items.append(f"**Wensen en eisen vast:** {_md(m.deadline_uitleg)}")
    if m.advies:
        items.append(f"**Voor de directie:** `{m.advies}`")
    lines += [f"- {i}" if not i.startswith("  ") else i for i in items]
    return [*lines, ""]


def _werklast(months: tuple[Month, ...]) -> list[str]:
    """The months this change brings over capacity, in the agenda's words."""
    lines = ["#### Werklast: nieuw boven de capaciteit", ""]
    lines += [f"- {month_name(m.first)}: {_md(collision(m))}" for m in months]
    lines += [
        "",
        "Per maand het grootste aantal aanbestedingen dat op één dag in voorbereiding is, "
        "zoals in de Werklast van de agenda ('ca.': een publicatie die alleen als kwartaal "
        "bekend is, telt naar de kans dat ze dan in voorbereiding is).",
        "",
    ]
    return lines


def _pull_request(pr: PullRequest, peildatum: str) -> list[str]:
    lines = ["### Wat deze pull request betekent", ""]
    new = sum(1 for m in pr.tenders if m.status == "nieuw")
    changed = sum(1 for m in pr.tenders if m.status == "gewijzigd")
    gone = sum(1 for m in pr.tenders if m.status == "verwijderd")
    counts = [f"{new} nieuw", f"{changed} gewijzigd"] + ([f"{gone} verwijderd"] if gone else [])
    lines.append(
        f"Vergeleken met {_md(pr.ref)}, peildatum {peildatum}: {', '.join(counts)}. "
        f"Aanschuiven: {pr.aanschuiven_voor} → {pr.aanschuiven_na} bij een capaciteit van "
        f"{pr.capaciteit}."
    )
    lines.append("")
    if pr.kader_gewijzigd:
        lines += [
            "kader.yaml is gewijzigd: alle aanbestedingen zijn gecontroleerd, en de rollen "
            "voor en na zijn allebei met het nieuwe kader bepaald.",
            "",
        ]
    if not pr.tenders:
        lines += ["Deze pull request voegt geen aanbesteding toe en wijzigt er geen.", ""]
    for m in pr.tenders:
        lines += _tender(m)
    if pr.verschuivingen:
        lines += ["#### Andere aanbestedingen waarvan de rol verandert", ""]
        for s in pr.verschuivingen:
            lines.append(f"- {_md(s.titel)} ({_md(s.id)}, {_md(s.directie)}): {s.voor} → {s.na}")
        lines.append("")
    if pr.nieuw_boven:
        lines += _werklast(pr.nieuw_boven)
    return lines


def markdown(s: Summary, peildatum: str, *, limit: int = LIMIT) -> str:
    """The summary; findings past `limit` bytes are counted, not shown."""
    shown = verdict([f for g in s.by_file for f in g.findings], s.files)
    lines = ["## inkoopcheck validate", "", f"**{shown}**", ""]
    if s.note:
        lines += [_md(s.note), ""]
    if s.pull_request is not None:
        lines += _pull_request(s.pull_request, peildatum)
    total = len(s.by_file)
    if total:
        lines += ["### Meldingen per bestand", ""]
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    for i, group in enumerate(s.by_file):
        block = _file(group)
        block_size = sum(len(line.encode("utf-8")) + 1 for line in block)
        if size + block_size > limit - 500:  # room for the line below
            left = s.by_file[i:]
            findings = sum(len(g.findings) for g in left)
            lines.append(
                f"Nog {findings} meldingen in {len(left)} bestanden passen niet in de "
                "samenvatting (GitHub neemt hoogstens 1 MB): draai `inkoopcheck validate` "
                "voor alle meldingen, of zie de log van deze stap."
            )
            break
        lines += block
        size += block_size
    return "\n".join(lines).rstrip("\n") + "\n"
