"""What `new` and `import` tell the directie afterwards: pure text builders."""

from __future__ import annotations

import shlex

from inkoopcheck.fmt import clean
from inkoopcheck.importer import ImportResult, Outcome
from inkoopcheck.newtender import Prepared
from inkoopcheck.render.findings import text


def written(prepared: Prepared, shown: str, same_title: str | None) -> str:
    """After `new` wrote a file: where, the check's advice, and the next steps."""
    lines = [f"Geschreven: {shown}"]
    if same_title is not None:
        lines.append(
            f"Let op: {same_title} heeft dezelfde titel bij deze directie. "
            "Is het dezelfde aanbesteding? Verwijder dan het nieuwe bestand."
        )
    if prepared.checked.warnings:
        lines.append("Adviezen van de controle (geen fouten, wel de moeite waard):")
        warnings = sorted(prepared.checked.warnings, key=lambda f: f.sort_key())
        lines.append(text(warnings, 1).rstrip("\n").rsplit("\n", 1)[0])
    message = f'"Nieuwe aanbesteding: {prepared.fields.id}"'  # an id needs no shell quoting
    lines += [
        "Volgende stappen:",
        "  1. Controleer alles:  inkoopcheck validate",
        f"  2. Leg het vast:      git add {shlex.quote(shown)} && git commit -m {message}",
        "  3. Open een pull request; de eigenaars van de directiemap keuren hem goed.",
    ]
    return "\n".join(lines) + "\n"


def sheets_read(result: ImportResult) -> str:
    """Which header row and columns were found on each sheet (for stderr)."""
    lines = []
    for info in result.sheets:
        columns = ", ".join(f"'{clean(header)}'" for _, header in info.columns)
        lines.append(
            f"Blad '{clean(info.name)}': kopregel op rij {info.header_row}; kolommen {columns}."
        )
        if info.kwartaal_from_title:
            lines.append(
                f"Blad '{clean(info.name)}': publicatiekwartaal {info.kwartaal_from_title} uit "
                "de titel boven de tabel."
            )
    return "".join(line + "\n" for line in lines)


def imported(result: ImportResult, *, dry_run: bool, update: bool) -> str:
    """Every row with its outcome and why, the counts, and what to do next."""
    lines: list[str] = []
    for row in result.rows:
        lines.append(
            f"blad {clean(row.sheet)}, rij {row.row}: {row.outcome} — {clean(row.message)}"
        )
        for change in row.changes:
            lines.append(f"    {change.field}: {clean(change.old)} -> {clean(change.new)}")
        if dry_run and row.outcome is Outcome.NIEUW and row.text:
            lines.extend(f"    | {clean(line)}" for line in row.text.splitlines())
    counts = [
        f"{result.count(Outcome.NIEUW)} nieuw",
        *([f"{result.count(Outcome.BIJGEWERKT)} bijgewerkt"] if update else []),
        f"{result.count(Outcome.OVERGESLAGEN)} overgeslagen",
        f"{result.count(Outcome.MISLUKT)} mislukt",
    ]
    ignored = result.count(Outcome.GENEGEERD)
    summary = ", ".join(counts) + (f" ({ignored} totaalregel(s) genegeerd)" if ignored else "")
    if dry_run:
        lines.append(f"Proefrun, er is niets geschreven: {summary}.")
    else:
        lines.append(f"Klaar: {summary}.")
        if result.count(Outcome.NIEUW) or result.count(Outcome.BIJGEWERKT):
            lines.append(
                "Volgende stap: controleer met 'inkoopcheck validate' en leg vast met "
                "'git add' en 'git commit'."
            )
    if result.failed:
        lines.append(
            "Herstel de mislukte regels in het blad en importeer opnieuw; wat al "
            "geïmporteerd is, wordt dan overgeslagen."
        )
    return "\n".join(lines) + "\n"
