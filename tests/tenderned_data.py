"""A small TenderNed data set, written as the real formats: an OCDS release
package, the same as JSON lines, and the Excel dataset (columns in another
order, one extra, one missing). The awkward cases are in it on purpose:

- 300001: one procedure, two notices (contract notice and award), with a title
  that differs from the register's;
- 300002: published, not in the register (directie named in the title);
- 300003: published by "Gemeente Amstelveen" with the register's own title;
  300004: "Stadsregio Amsterdam" — neither is the municipality's;
- 300005: an award whose contract ends within the horizon (no register tender);
  the buyer is known only by its KvK number;
- 300006: an award ending within the horizon, with a register tender for the next one;
- 300007: an award ending after the horizon;
- 300008: published long before the look-back window;
- 300009: a possible match (title half alike), never written;
- a broken notice (a date that is not one).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

OWN = "Gemeente Amsterdam"
KVK = "12345678"

KADER_ORGANISATIE = f"""
organisatie:
  naam: {OWN}
  aliassen: [Gemeente Amsterdam (Inkoop)]
  identificatie: "{KVK}"
  ocid_prefix: ocds-test01
"""

# One dict per notice, in the words of the Excel dataset.
NOTICES: list[dict[str, Any]] = [
    {
        "id": "900101",
        "kenmerk": "300001",
        "datum": "2025-02-10",
        "koper": OWN,
        "titel": "Schoonmaakdiensten stadhuis en stadskantoren",
        "omschrijving": "Dagelijkse schoonmaak van het stadhuis.",
        "cpv": "90919200-4",
        "soort": "services",
        "waarde": 900000,
    },
    {
        "id": "900102",
        "kenmerk": "300001",
        "datum": "2025-05-20",
        "koper": OWN,
        "titel": "Schoonmaakdiensten stadhuis en stadskantoren",
        "cpv": "90919200-4",
        "soort": "services",
        "waarde": 880000,
        "gunning": "2025-05-15",
        "winnaar": "Schoon BV",
        "aanvang": "2025-07-01",
        "einde": "2029-06-30",
    },
    {
        "id": "900201",
        "kenmerk": "300002",
        "datum": "2025-03-03",
        "koper": OWN,
        "titel": "Vergaderlocaties en bijeenkomsten Communicatie",
        "omschrijving": "Huur van vergaderlocaties voor bijeenkomsten.",
        "cpv": "55120000-7",
        "soort": "services",
        "waarde": 300000,
    },
    {
        "id": "900301",
        "kenmerk": "300003",
        "datum": "2025-02-12",
        "koper": "Gemeente Amstelveen",
        "koper_id": "87654321",
        "titel": "Schoonmaak stadhuis",
        "cpv": "90919200-4",
        "soort": "services",
        "waarde": 800000,
    },
    {
        "id": "900401",
        "kenmerk": "300004",
        "datum": "2025-04-01",
        "koper": "Stadsregio Amsterdam",
        "koper_id": "11112222",
        "titel": "Leerlingenvervoer regio",
        "soort": "services",
        "gunning": "2022-06-01",
        "winnaar": "Regiovervoer BV",
        "einde": "2025-12-31",
    },
    {
        "id": "900501",
        "kenmerk": "300005",
        "datum": "2022-06-15",
        "koper": "Gem. A'dam",
        "koper_id": f"NL-KVK-{KVK}",
        "titel": "Inhuur verkeersregelaars",
        "cpv": "79710000-4",
        "soort": "services",
        "waarde": 400000,
        "gunning": "2022-06-10",
        "winnaar": "Regelaars BV",
        "aanvang": "2022-07-01",
        "einde": "2025-12-31",
    },
    {
        "id": "900601",
        "kenmerk": "300006",
        "datum": "2022-01-20",
        "koper": OWN,
        "titel": "Beveiligingsdiensten gemeentelijke panden",
        "cpv": "79710000-4",
        "soort": "services",
        "waarde": 1200000,
        "gunning": "2022-01-15",
        "winnaar": "Waakzaam BV",
        "einde": "2026-01-31",
    },
    {
        "id": "900701",
        "kenmerk": "300007",
        "datum": "2023-02-01",
        "koper": OWN,
        "titel": "Onderhoud liften",
        "cpv": "50750000-7",
        "soort": "services",
        "gunning": "2023-01-20",
        "winnaar": "Lift BV",
        "einde": "2027-06-30",
    },
    {
        "id": "900801",
        "kenmerk": "300008",
        "datum": "2023-05-01",
        "koper": "Gemeente Amsterdam (Inkoop)",
        "titel": "Drukwerk",
        "cpv": "79800000-2",
        "soort": "goods",
    },
    {
        "id": "900901",
        "kenmerk": "300009",
        "datum": "2025-04-14",
        "koper": OWN,
        "titel": "Inhuur tijdelijk personeel sociaal domein",
        "soort": "services",
    },
    {
        "id": "901001",
        "kenmerk": "300010",
        "datum": "31-31-2025",  # broken
        "koper": OWN,
        "titel": "Kapotte aankondiging",
    },
]

REGISTER = {
    "bedrijfsvoering/schoonmaak-stadhuis-2025": """\
        id: schoonmaak-stadhuis-2025  # het id
        titel: Schoonmaak stadhuis
        directie: Bedrijfsvoering
        soort: diensten
        cpv: [90919200-4]
        contractwaarde: 800000
        publicatie:
          kwartaal: 2025-Q1  # volgens de kalender
          zekerheid: waarschijnlijk
        status: kalender  # nog niet bijgewerkt
        """,
    "bedrijfsvoering/inhuur-personeel-2025": """\
        id: inhuur-personeel-2025
        titel: Inhuur personeel
        directie: Bedrijfsvoering
        publicatie: {kwartaal: 2025-Q2, zekerheid: onzeker}
        status: kalender
        """,
    "bedrijfsvoering/ict-werkplekken-2025": """\
        id: ict-werkplekken-2025
        titel: ICT-werkplekken
        directie: Bedrijfsvoering
        soort: leveringen
        publicatie: {kwartaal: 2025-Q1, zekerheid: zeker}
        status: kalender
        """,
    "bedrijfsvoering/catering-2026": """\
        id: catering-2026
        titel: Catering stadhuis
        directie: Bedrijfsvoering
        publicatie: {kwartaal: 2026-Q1, zekerheid: waarschijnlijk}
        status: kalender
        """,
    "bedrijfsvoering/beveiliging-2026": """\
        id: beveiliging-2026
        titel: Beveiliging gemeentelijke panden
        directie: Bedrijfsvoering
        soort: diensten
        publicatie: {kwartaal: 2025-Q4, zekerheid: waarschijnlijk}
        status: voorbereiding
        """,
}

_CATEGORY_NL = {"services": "Diensten", "goods": "Leveringen", "works": "Werken"}


def _ocds_date(day: str) -> str:
    return f"{day}T00:00:00+01:00"


def release(n: dict[str, Any]) -> dict[str, Any]:
    """A notice as an OCDS release, as TenderNed publishes it."""
    buyer_id = n.get("koper_id") or (f"NL-KVK-{KVK}" if n["koper"] == OWN else "NL-KVK-00000000")
    tender: dict[str, Any] = {
        "id": n["kenmerk"],
        "title": n["titel"],
        "mainProcurementCategory": n.get("soort"),
    }
    if "omschrijving" in n:
        tender["description"] = n["omschrijving"]
    if "cpv" in n:
        tender["items"] = [{"id": "1", "classification": {"scheme": "CPV", "id": n["cpv"]}}]
    if "waarde" in n:
        tender["value"] = {"amount": n["waarde"], "currency": "EUR"}
    r: dict[str, Any] = {
        "ocid": f"ocds-1l04xe-{n['kenmerk']}",
        "id": n["id"],
        "date": _ocds_date(n["datum"]) if n["datum"][4] == "-" else n["datum"],
        "tag": ["award"] if "gunning" in n else ["tender"],
        "initiationType": "tender",
        "buyer": {"id": buyer_id, "name": n["koper"]},
        "parties": [
            {
                "id": buyer_id,
                "name": n["koper"],
                "roles": ["buyer"],
                "identifier": {"scheme": "NL-KVK", "id": buyer_id.removeprefix("NL-KVK-")},
            }
        ],
        "tender": tender,
    }
    if "gunning" in n:
        award: dict[str, Any] = {
            "id": "1",
            "date": _ocds_date(n["gunning"]),
            "suppliers": [{"name": n["winnaar"]}],
        }
        period = {}
        if "aanvang" in n:
            period["startDate"] = _ocds_date(n["aanvang"])
        if "einde" in n:
            period["endDate"] = _ocds_date(n["einde"])
        if period:
            award["contractPeriod"] = period
        r["awards"] = [award]
    return r


def write_package(path: Path, notices: list[dict[str, Any]] = NOTICES) -> Path:
    package = {
        "uri": "https://www.tenderned.nl/open-data/ocds-2025.json",
        "version": "1.1",
        "publishedDate": "2025-06-01T00:00:00Z",
        "publisher": {"name": "TenderNed"},
        "releases": [release(n) for n in notices],
    }
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    return path


def write_jsonl(path: Path, notices: list[dict[str, Any]] = NOTICES) -> Path:
    lines = [json.dumps(release(n)) for n in notices]
    lines.insert(3, "{dit is geen json")  # a broken line between good ones
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Columns as in a dataset release, in an order of their own; "Opmerking" is not
# one we use; there is no "URL TenderNed" (the link is made from Id publicatie).
EXCEL_HEADERS = [
    "Tenderned kenmerk",
    "ID publicatie",
    "Naam aanbesteding",
    "Publicatiedatum",
    "Opmerking",
    "Naam Aanbestedende dienst",
    "Nationaal identificatienummer",
    "Omschrijving aanbesteding",
    "CPV code",
    "Type opdracht",
    "Waarde - bedrag",
    "Waarde - valuta",
    "Datum gunning",
    "Officiële benaming",
    "Aanvang opdracht",
    "Voltooiing opdracht",
]


def _day(text: str | None) -> date | str | None:
    """A real date cell, as Excel has them; what is not a date stays text."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def write_excel(path: Path, notices: list[dict[str, Any]] = NOTICES) -> Path:
    wb = Workbook()
    readme = wb.active
    assert readme is not None
    readme.title = "Leeswijzer"
    readme.append(["Deze werkmap bevat de aankondigingen van TenderNed."])
    ws = wb.create_sheet("Dataset 2016-2025")
    ws.append(EXCEL_HEADERS)
    for n in notices:
        koper_id = n.get("koper_id") or (KVK if n["koper"] == OWN else "00000000")
        ws.append(
            [
                n["kenmerk"],
                n["id"],
                n["titel"],
                _day(n["datum"]),
                "intern",
                n["koper"],
                koper_id.removeprefix("NL-KVK-"),
                n.get("omschrijving"),
                n.get("cpv"),
                _CATEGORY_NL.get(n.get("soort") or ""),
                n.get("waarde"),
                "EUR" if "waarde" in n else None,
                _day(n.get("gunning")),
                n.get("winnaar"),
                _day(n.get("aanvang")),
                _day(n.get("einde")),
            ]
        )
    wb.save(path)
    return path
