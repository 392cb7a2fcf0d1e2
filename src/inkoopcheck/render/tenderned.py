"""The four lists of `inkoopcheck tenderned` as text, Markdown, JSON and Excel.
Pure: each returns str or bytes. One set of rows (`_tables`) feeds Markdown and
Excel, so both always show the same columns."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from inkoopcheck.fmt import clean, decimal, euro
from inkoopcheck.kader import Kader
from inkoopcheck.loader import show
from inkoopcheck.render.markdown import escape
from inkoopcheck.tenderned.match import SURE
from inkoopcheck.tenderned.reconcile import Linked, Reconciliation, Unregistered, Written

if TYPE_CHECKING:  # the workbook's modules are loaded only when one is asked for
    from inkoopcheck.render.xlsx_sheet import Sheet

TITLES = (
    "1. Gekoppeld",
    "2. Gepubliceerd, niet in het register",
    "3. Gepland, niet gepubliceerd",
    "4. Heraanbesteding verwacht",
)


def _themes(u: Unregistered, kader: Kader) -> str:
    return ", ".join(kader.theme_label(t) for t in u.themas) or "geen"


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _sure(link: Linked) -> str:
    return "zeker" if link.sure else "mogelijk"


def intro(r: Reconciliation) -> list[str]:
    lines = [
        f"TenderNed ({r.source.describe()}): {r.read} aankondigingen gelezen, {r.own} van de "
        f"eigen organisatie. Peildatum {r.peildatum.isoformat()}.",
        f"Lijst 2 kijkt naar publicaties van {r.sinds.isoformat()} t/m "
        f"{r.peildatum.isoformat()}; lijst 4 naar contracten die aflopen t/m "
        f"{r.tot.isoformat()} (horizon plus voorbereidingstijd).",
    ]
    s = r.source
    if s.kind == "excel":
        lines.append(
            f"Blad '{clean(s.sheet or '')}', kopregel op rij {s.header_row}. Gebruikt: "
            + ", ".join(f"'{clean(c)}'" for c in s.used)
            + "."
        )
        if s.unused:
            lines.append("Niet gebruikt: " + ", ".join(f"'{clean(c)}'" for c in s.unused) + ".")
        if s.missing:
            lines.append("Niet gevonden: " + ", ".join(f"'{c}'" for c in s.missing) + ".")
    if r.skipped_files:
        lines.append(
            f"{r.skipped_files} aanbestedingsbestand(en) met fouten overgeslagen; zie "
            "'inkoopcheck validate'."
        )
    return lines


def _tables(r: Reconciliation, kader: Kader) -> list[tuple[list[str], list[list[str]]]]:
    """Headers and rows of the four lists."""
    one = [
        [
            link.pair.tender.id,
            show(link.path),
            link.pair.procedure.kenmerk,
            link.pair.procedure.titel,
            decimal(link.pair.score.points),
            _sure(link),
            "; ".join(link.pair.score.reasons),
            "; ".join(f"{u.field}: {u.old} -> {u.new}" for u in link.updates) or "niets",
        ]
        for link in r.gekoppeld
    ]
    two = [
        [
            u.key,
            _day(u.procedure.gepubliceerd),
            u.procedure.titel,
            u.directie or "onbekend",
            u.directie_reden,
            _themes(u, kader),
            "gegund" if u.procedure.gegund else "gepubliceerd",
            u.procedure.url or "",
        ]
        for u in r.niet_in_register
    ]
    three = [
        [
            o.tender.id,
            show(o.path),
            o.tender.titel,
            o.tender.directie,
            o.tender.publicatie.display() if o.tender.publicatie else "",
            o.tender.status,
        ]
        for o in r.niet_gepubliceerd
    ]
    four = [
        [
            u.key,
            _day(u.procedure.einde),
            u.procedure.titel,
            u.procedure.winnaar or "",
            euro(u.procedure.waarde),
            u.directie or "onbekend",
            _themes(u, kader),
            u.procedure.url or "",
        ]
        for u in r.heraanbesteding
    ]
    return [
        (
            [
                "Aanbesteding",
                "Bestand",
                "Kenmerk",
                "Titel op TenderNed",
                "Score",
                "Koppeling",
                "Waarom",
                "Bijwerken",
            ],
            one,
        ),
        (
            [
                "Id",
                "Gepubliceerd",
                "Titel",
                "Directie",
                "Waarom die directie",
                "Relevante thema's",
                "Stand",
                "URL",
            ],
            two,
        ),
        (["Aanbesteding", "Bestand", "Titel", "Directie", "Publicatie", "Status"], three),
        (
            [
                "Id",
                "Contract loopt af",
                "Titel",
                "Gegund aan",
                "Waarde",
                "Directie",
                "Relevante thema's",
                "URL",
            ],
            four,
        ),
    ]


def _broken_lines(r: Reconciliation) -> list[str]:
    return [f"{clean(b.where)}: {clean(b.reason)}" for b in r.broken]


def text(r: Reconciliation, kader: Kader) -> str:
    out = intro(r)
    out.append("")
    out.append(f"{TITLES[0]} ({len(r.gekoppeld)})")
    for link in r.gekoppeld:
        p = link.pair.procedure
        out.append(
            f"  {link.pair.tender.id} <-> TenderNed {clean(p.kenmerk)} '{clean(p.titel)}': "
            f"score {decimal(link.pair.score.points)}, {_sure(link)}"
        )
        out.append(f"    waarom: {clean('; '.join(link.pair.score.reasons))}")
        if link.updates:
            for change in link.updates:
                out.append(
                    f"    bijwerken: {change.field}: {clean(change.old)} -> {clean(change.new)}"
                )
        else:
            out.append("    het register is bij")
    out.append("")
    out.append(f"{TITLES[1]} ({len(r.niet_in_register)})")
    for u in r.niet_in_register:
        out.append(
            f"  [{u.key}] {_day(u.procedure.gepubliceerd)} '{clean(u.procedure.titel)}' — "
            f"directie: {u.directie or 'onbekend'} ({clean(u.directie_reden)}); relevante "
            f"thema's: {_themes(u, kader)}"
        )
    out.append("")
    out.append(f"{TITLES[2]} ({len(r.niet_gepubliceerd)})")
    for o in r.niet_gepubliceerd:
        pub = o.tender.publicatie.display() if o.tender.publicatie else ""
        out.append(
            f"  {o.tender.id} ({show(o.path)}): publicatie {pub}, status {o.tender.status}; "
            "geen aankondiging gevonden"
        )
    out.append("")
    out.append(f"{TITLES[3]} ({len(r.heraanbesteding)})")
    for u in r.heraanbesteding:
        p = u.procedure
        winner = f", gegund aan {clean(p.winnaar)}" if p.winnaar else ""
        out.append(
            f"  [{u.key}] contract loopt af op {_day(p.einde)}: '{clean(p.titel)}'{winner} — "
            f"directie: {u.directie or 'onbekend'}; relevante thema's: {_themes(u, kader)}"
        )
    if r.broken:
        out.append("")
        out.append(f"Niet te lezen ({len(r.broken)}), overgeslagen:")
        out.extend(f"  {line}" for line in _broken_lines(r))
    out.append("")
    out.append(
        f"--apply schrijft de updates van lijst 1 met score {decimal(SURE)} of hoger ('zeker'); "
        "--nieuw --id ID maakt een bestand voor een item van lijst 2 of 4."
    )
    return "\n".join(out) + "\n"


def markdown(r: Reconciliation, kader: Kader) -> str:
    out = ["# TenderNed tegen het register", ""]
    out += [escape(line) for line in intro(r)]
    for title, (headers, rows) in zip(TITLES, _tables(r, kader), strict=True):
        out += ["", f"## {title} ({len(rows)})", ""]
        if not rows:
            out.append("Geen.")
            continue
        out.append("| " + " | ".join(escape(h) for h in headers) + " |")
        out.append("|" + " --- |" * len(headers))
        out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    if r.broken:
        out += ["", f"## Niet te lezen ({len(r.broken)})", ""]
        out += [f"- {escape(line)}" for line in _broken_lines(r)]
    return "\n".join(out) + "\n"


def as_dict(r: Reconciliation, kader: Kader) -> dict[str, Any]:
    def proc(u: Unregistered) -> dict[str, Any]:
        p = u.procedure
        return {
            "id": u.key,
            "kenmerk": p.kenmerk,
            "titel": p.titel,
            "gepubliceerd": _day(p.gepubliceerd) or None,
            "gegund": p.gegund,
            "einde": _day(p.einde) or None,
            "winnaar": p.winnaar,
            "waarde": p.waarde,
            "cpv": list(p.cpv),
            "url": p.url,
            "aankondigingen": [n.publicatie_id or n.where for n in p.notices],
            "directie": u.directie,
            "directie_reden": u.directie_reden,
            "themas": list(u.themas),
            "regels": list(u.regels),
        }

    return {
        "peildatum": r.peildatum.isoformat(),
        "bron": {
            "soort": r.source.kind,
            "blad": r.source.sheet,
            "kolommen_gebruikt": r.source.used,
            "kolommen_niet_gebruikt": r.source.unused,
            "kolommen_niet_gevonden": r.source.missing,
            "gelezen": r.read,
            "eigen": r.own,
            "niet_te_lezen": [{"waar": b.where, "reden": b.reason} for b in r.broken],
        },
        "gekoppeld": [
            {
                "aanbesteding": link.pair.tender.id,
                "bestand": show(link.path),
                "kenmerk": link.pair.procedure.kenmerk,
                "titel": link.pair.procedure.titel,
                "score": link.pair.score.points,
                "zeker": link.sure,
                "redenen": list(link.pair.score.reasons),
                "bijwerken": [
                    {"veld": u.field, "oud": u.old, "nieuw": u.new} for u in link.updates
                ],
            }
            for link in r.gekoppeld
        ],
        "gepubliceerd_niet_in_register": {
            "sinds": r.sinds.isoformat(),
            "items": [proc(u) for u in r.niet_in_register],
        },
        "gepland_niet_gepubliceerd": [
            {
                "aanbesteding": o.tender.id,
                "bestand": show(o.path),
                "publicatie": o.tender.publicatie.display() if o.tender.publicatie else None,
                "status": o.tender.status,
            }
            for o in r.niet_gepubliceerd
        ],
        "heraanbesteding_verwacht": {
            "tot": r.tot.isoformat(),
            "items": [proc(u) for u in r.heraanbesteding],
        },
    }


def as_json(r: Reconciliation, kader: Kader) -> str:
    return json.dumps(as_dict(r, kader), ensure_ascii=False, indent=2) + "\n"


XLSX_TITLE = "TenderNed tegen het register"


def xlsx_sheets(r: Reconciliation, kader: Kader, warnings: list[str]) -> list[Sheet]:
    """The workbook's sheets as descriptions (`xlsx_sheet.Sheet`), in order."""
    from inkoopcheck.render.xlsx_sheet import Sheet

    names = ("Gekoppeld", "Niet in register", "Niet gepubliceerd", "Heraanbesteding")
    notes = [[line] for line in intro(r)] + [[line] for line in _broken_lines(r)]
    tables = [*_tables(r, kader), (["Toelichting"], notes)]
    done: list[Sheet] = []
    for name, (headers, rows) in zip([*names, "Toelichting"], tables, strict=True):
        done.append(Sheet(name, warnings))
        _fill(done[-1], headers, rows)
    return done


def xlsx(r: Reconciliation, kader: Kader) -> bytes:
    from inkoopcheck.render.xlsx_write import workbook

    warnings: list[str] = []
    return workbook(XLSX_TITLE, xlsx_sheets(r, kader, warnings))


def _fill(s: Sheet, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    s.header(headers)
    for i, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            s.text(i, col, value)
    s.finish(len(headers), len(rows))


def written(results: Sequence[Written]) -> str:
    """What --apply and --nieuw did, one line each."""
    return "".join(
        f"{'geschreven' if w.ok else 'niet geschreven'}: {w.key} — {clean(w.message)}\n"
        for w in results
    )
