"""Advies as plain text (terminal), Markdown (to paste into the inkoopstrategie)
or JSON. Text and Markdown are the same document: a list of sections built once
(`_sections`), written out by `text` and `markdown`. Data from tender files is
made inert for the medium (control characters stripped; Markdown escaped).
"""

from __future__ import annotations

import json as _json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from inkoopcheck.advice import Advies
from inkoopcheck.fmt import clean
from inkoopcheck.render.markdown import escape


class AdviesFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@dataclass(slots=True)
class _Section:
    title: str
    lines: list[str] = field(default_factory=list)  # paragraphs
    bullets: list[str] = field(default_factory=list)
    sub: list[_Section] = field(default_factory=list)


_STAND = {"ja": "ja: wensen en eisen opgenomen", "nee": "nee", "open": "nog open"}


def _theme_sections(a: Advies) -> list[_Section]:
    out = []
    for ta in a.themas:
        s = _Section(f"{ta.naam} — {_STAND[ta.stand]}")
        s.lines.append("Waarom: " + "; ".join(ta.waarom) + ".")
        if ta.toelichting and ta.stand == "nee":
            s.lines.append(f"Toelichting in het bestand: {ta.toelichting}")
        s.lines.append("Voorbeelden van wensen en eisen:")
        s.bullets = list(ta.eisen) or ["(het kader geeft geen voorbeelden)"]
        for g in ta.grondslag:
            s.sub.append(_Section(f"Grondslag: {g.naam}", [g.tekst, f"Bron: {g.bron}"]))
        s.sub.append(_Section("Vragen?", [ta.contact]))
        out.append(s)
    return out


def _sections(a: Advies) -> list[_Section]:
    intro = [f"Directie {a.directie} · status {a.status}"]
    intro[0] += f" · publicatie {a.publicatie}" if a.publicatie else " · publicatie onbekend"
    intro.append(f"Peildatum {a.peildatum.isoformat()}.")
    sections = [_Section(f"Advies: {a.titel} ({a.id})", intro)]

    kader = _Section("Wat het handelingskader vraagt")
    if a.themas:
        kader.lines.append(
            "Per thema: waarom het speelt, voorbeelden van wensen en eisen om op te nemen, "
            "de grondslag en wie je kunt vragen."
        )
        kader.sub = _theme_sections(a)
    else:
        kader.lines.append(
            "Geen thema van het kader is relevant volgens de regels van het kader. "
            "Toegankelijkheid geldt wel voor alles wat personen gebruiken: zie de aankondiging."
        )
    sections.append(kader)

    when = _Section("Wanneer")
    if a.deadline is not None:
        when.lines.append(
            f"De wensen en eisen staan uiterlijk {a.deadline.isoformat()} vast: "
            f"{a.deadline_uitleg}."
        )
    else:
        when.lines.append(f"Nog geen datum: {a.deadline_uitleg}.")
    sections.append(when)

    ef = _Section("Op de aankondiging (eForms, bij publicatie)")
    bt_754 = a.eforms.bt_754 or "nog te kiezen"
    ef.bullets.append(f"BT-754 toegankelijkheid: {bt_754} — {a.eforms.bt_754_uitleg}.")
    if a.eforms.bt_754 == "n-inc-just":
        ef.bullets.append(
            "BT-755 motivering: "
            + (a.eforms.bt_755 or "ontbreekt nog: schrijf de toelichting bij het thema")
        )
    if a.eforms.bt_775:
        ef.bullets.append("BT-775 sociale doelen: " + "; ".join(a.eforms.bt_775_uitleg) + ".")
    else:
        ef.bullets.append("BT-775 sociale doelen: geen uit het kader.")
    sections.append(ef)

    sr = a.social_return
    srs = _Section("Social return")
    srs.lines.append(sr.uitleg[0].upper() + sr.uitleg[1:] + ".")
    if sr.van_toepassing:
        if sr.doelgroepen:
            srs.lines.append("Doelgroepen: " + ", ".join(sr.doelgroepen) + ".")
        if sr.werkwijze is None:
            srs.lines.append("Twee werkwijzen:")
            srs.bullets = list(sr.werkwijzen)
        if sr.contact:
            srs.lines.append(f"Vragen: {sr.contact}.")
    sections.append(srs)

    rol = _Section("Rol van het team")
    rol.lines.append(f"{a.rol.rol}: {a.rol.uitleg}.")
    rol.lines.append(f"Het team bereik je via: {a.rol.contact}.")
    sections.append(rol)

    todo = _Section("Nog open")
    todo.bullets = list(a.open) or ["niets: alles is beoordeeld"]
    sections.append(todo)
    return sections


def _text_section(s: _Section, depth: int, out: list[str]) -> None:
    indent = "  " * max(depth - 1, 0)
    title = clean(s.title)
    out.append(indent + title)
    if depth <= 1:
        out.append(indent + ("=" if depth == 0 else "-") * len(title))
    for line in s.lines:
        out.append(indent + ("  " if depth else "") + clean(line))
    for b in s.bullets:
        out.append(indent + ("  " if depth else "") + "- " + clean(b))
    for sub in s.sub:
        _text_section(sub, depth + 1, out)
    if depth <= 1:
        out.append("")


def text(adviezen: Sequence[Advies]) -> str:
    out: list[str] = []
    for a in adviezen:
        for i, s in enumerate(_sections(a)):
            _text_section(s, 0 if i == 0 else 1, out)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_section(s: _Section, level: int, out: list[str]) -> None:
    out.append("#" * min(level, 6) + " " + escape(s.title))
    out.append("")
    for line in s.lines:
        out.append(escape(line))
        out.append("")
    if s.bullets:
        out.extend("- " + escape(b) for b in s.bullets)
        out.append("")
    for sub in s.sub:
        _md_section(sub, level + 1, out)


def markdown(adviezen: Sequence[Advies]) -> str:
    out: list[str] = []
    for a in adviezen:
        for i, s in enumerate(_sections(a)):
            _md_section(s, 1 if i == 0 else 2, out)
    return "\n".join(out).rstrip("\n") + "\n"


def as_data(a: Advies) -> dict[str, Any]:
    sr = a.social_return
    return {
        "id": a.id,
        "titel": a.titel,
        "directie": a.directie,
        "status": a.status,
        "publicatie": a.publicatie or None,
        "peildatum": a.peildatum.isoformat(),
        "themas": [
            {
                "thema": ta.thema,
                "naam": ta.naam,
                "stand": ta.stand,
                "relevant": ta.relevant,
                "waarom": list(ta.waarom),
                "eisen": list(ta.eisen),
                "grondslag": [
                    {"naam": g.naam, "tekst": g.tekst, "bron": g.bron} for g in ta.grondslag
                ],
                "contact": ta.contact,
                "toelichting": ta.toelichting,
            }
            for ta in a.themas
        ],
        "eforms": {
            "bt_754": a.eforms.bt_754,
            "bt_755": a.eforms.bt_755,
            "bt_775": list(a.eforms.bt_775),
            "uitleg": {"bt_754": a.eforms.bt_754_uitleg, "bt_775": list(a.eforms.bt_775_uitleg)},
        },
        "social_return": {
            "van_toepassing": sr.van_toepassing,
            "uitleg": sr.uitleg,
            "drempel": sr.drempel,
            "percentage": sr.percentage,
            "bedrag": sr.bedrag,
            "werkwijze": sr.werkwijze,
            "doelgroepen": list(sr.doelgroepen),
            "werkwijzen": list(sr.werkwijzen),
            "contact": sr.contact,
        },
        "deadline": a.deadline.isoformat() if a.deadline else None,
        "deadline_uitleg": a.deadline_uitleg,
        "rol": {
            "rol": a.rol.rol,
            "besloten": a.rol.besloten,
            "uitleg": a.rol.uitleg,
            "contact": a.rol.contact,
        },
        "open": list(a.open),
    }


def json(adviezen: Sequence[Advies], peildatum: date, directie: str | None = None) -> str:
    """One advice: its object. For a directie: {directie, peildatum, adviezen[]}."""
    if directie is None and len(adviezen) == 1:
        data: Any = as_data(adviezen[0])
    else:
        data = {
            "directie": directie,
            "peildatum": peildatum.isoformat(),
            "adviezen": [as_data(a) for a in adviezen],
        }
    return _json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_advies(
    fmt: AdviesFormat, adviezen: Sequence[Advies], peildatum: date, directie: str | None = None
) -> str:
    if fmt is AdviesFormat.JSON:
        return json(adviezen, peildatum, directie)
    if not adviezen:
        return f"Geen open aanbestedingen voor directie {clean(directie or '')}.\n"
    if fmt is AdviesFormat.MARKDOWN:
        return markdown(adviezen)
    return text(adviezen)
