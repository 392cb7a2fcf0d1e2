"""What `new` and `import` tell the directie afterwards: pure text builders."""

from __future__ import annotations

import shlex

from inkoopcheck.fmt import clean
from inkoopcheck.importrow import ImportResult, Outcome
from inkoopcheck.loader import show
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
    return "".join(line + "\n" for line in lines)


def sheet_notes(result: ImportResult) -> list[str]:
    """Every column and row of a sheet that was not used as it stands, by name: in
    the summary of a real import and of a dry run alike."""
    lines = []
    for info in result.sheets:
        name = f"Blad '{clean(info.name)}'"
        if info.ignored:
            lines.append(f"{name}: niet gebruikte kolommen: {clean(', '.join(info.ignored))}.")
        if info.hidden_columns:
            lines.append(
                f"{name}: verborgen kolommen overgeslagen (geen gegevens): "
                f"{clean(', '.join(info.hidden_columns))}."
            )
        if info.hidden_rows:
            rows = ", ".join(str(n) for n in info.hidden_rows)
            lines.append(f"{name}: verborgen regels overgeslagen (geen gegevens): rij {rows}.")
        for choice in info.choices:
            lines.append(f"{name}: {clean(choice)}.")
        if info.kwartaal_from_title and info.title_rows:
            rows = ", ".join(str(n) for n in info.title_rows)
            lines.append(
                f"{name}: publicatiekwartaal {info.kwartaal_from_title} uit de titel boven de "
                f"tabel, voor de regels zonder publicatie: rij {rows}."
            )
    return lines


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
    summary = ", ".join(counts) + (
        f" ({ignored} regel(s) genegeerd: totaal of verborgen)" if ignored else ""
    )
    lines += sheet_notes(result)
    if result.gone:
        lines.append(
            "Niet meer in de kalender (wel in een eerdere import van dit blad; er is niets "
            "verwijderd):"
        )
        for gone in result.gone:
            lines.append(f"    {show(gone.path)} — {clean(gone.titel)} (blad {clean(gone.sheet)})")
        lines.append("    Klopt dat? Zet de status op ingetrokken of verwijder het bestand zelf.")
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
