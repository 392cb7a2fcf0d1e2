"""The shipped data folder holds what the note says, and only that.

The two tables of the note "Knelpunten en vervolg Inclusief Inkopen" (2 december
2024, shared/seeds/) are copied here as literal data: the 35 inkooptrajecten
with their X / - / empty marks, and the 11 upcoming Europese aanbestedingen of
Q1 2025 with leadbuyer, value and certainty. Each row must be a tender file.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import pytest

from inkoopcheck.kader import Kader
from inkoopcheck.loader import load_kader, load_tender
from inkoopcheck.models import Tender

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTE = "Knelpunten en vervolg Inclusief Inkopen, 2 december 2024"

# "Wat is er tot nu toe gedaan in medio 2023 - 2024": nr, Wat, Opdracht, Repr, Toeg, SV.
# "^{5.1, 2, e}" marks text the note redacted (Woo 5.1 lid 2 e).
TRAJECTEN: list[tuple[int, str, str, str, str, str]] = [
    (1, "Activatieteams en Events", "Stadsbeheer", "X", "X", "X"),
    (2, "Adviesdiensten", "Bedrijfsvoering/Fin en inkoop", "X", "-", "-"),
    (3, "Attenties", "Financiën en Inkoop", "X", "X", "X"),
    (4, "Bijzondere proj (voorheen Zuidas)", "Ruimte & economie", "X", "", ""),
    (5, "Dienstkleding", "Bedrijfsvoering", "X", "X", "X"),
    (6, "Drukwerk", "Dir.Communicatie", "X", "X", "X"),
    (7, "Energie, Isolatie", "Dir. Wonen", "X", "X", "X"),
    (8, "Externen", "Inkoop cat. man", "X", "", ""),
    (9, "Facilitair/kantoor", "Bedrijfsvoering", "", "X", ""),
    (10, "Financials 2023", "Inkoop", "X", "X", "X"),
    (11, "Fotografie", "Dir. Communicatie", "X", "X", "X"),
    (12, "GGD:Medische middelen", "GGD", "-", "-", "-"),
    (13, "Grafische vormg", "Bedrijfsvoering", "X", "X", "X"),
    (14, "Groente en Fruit", "Facilitair Bureau", "X", "X", "-"),
    (15, "Inburgering evaluatie", "WPI", "X", "X", "X"),
    (16, "Jeugdzorg", "(O)JZ", "X", "X", "X"),
    (17, "Jur.Personeel", "Inkoop/Financien", "X", "X", "X"),
    (18, "Kantoorartikelen", "Facilitair Bureau", "-", "X", "X"),
    (19, "K&W Dranken", "Facilitair Bureau", "-", "X", "X"),
    (20, "Locatiebeheer ^{5.1, 2, e}", "WPI ^{5.1, 2, e}", "X", "X", "X"),
    (21, "Meubilair", "Facilitair Bureau", "-", "X", "X"),
    (22, "MVO", "Personeel & Org.", "X", "X", "X"),
    (23, "Schoonmaak", "Stadswerken", "X", "X", "X"),
    (24, "Services", "Fac. Bureau", "-", "-", "-"),
    (25, "Stadspas systeem", "WPI", "-", "X", "X"),
    (26, "Techn. personeel", "Inkoop/Financiën cat. management", "X", "X", "X"),
    (27, "Toezichthouders", "THOR", "X", "X", "X"),
    (28, "Trainee pool promotie", "Metropool Regio Amsterdam", "X", "X", "X"),
    (29, "Trapliften", "JZD", "X", "X", "X"),
    (30, "Uitzendkrachten", "Inkoop/Financiën", "X", "X", "X"),
    (31, "Veilig Thuis", "GGD (onrechtmatig)", "-", "-", "-"),
    (32, "Verkeersregelaars", "V&OR", "X", "X", "X"),
    (33, "Wagenpark", "Financiën/Inkoop", "-", "X", "X"),
    (34, "Woonruimteaanpassing", "Zorg", "X", "X", "X"),
    (35, "Zorgverzekering Minima hh", "WPI", "X", "X", "X"),
]

# "Aanstaande Europese aanbestedingen Q1 2025": Opdracht omschrijving, Leadbuyer,
# Schatting contractwaarde, Waarschijnlijkheid publicatiedatum.
EUROPEES_Q1_2025: list[tuple[str, str, str, str]] = [
    (
        "Leveren en onderhouden van tuin- en parkmachines",
        "Bedrijfsvoering",
        "€ 6.000.000",
        "Onzeker (marge 2 of meer kwartalen)",
    ),
    (
        "Schilderen masten VRI, VIS en OVL.",
        "Fysiek",
        "N.n.b.",
        "Onzeker (marge 2 of meer kwartalen)",
    ),
    ("Arbodienstverlening", "Bedrijfsvoering", "€ 2.500.000", "Waarschijnlijk (marge 1 kwartaal)"),
    (
        "Beheer multifunctionele centra",
        "Bedrijfsvoering",
        "N.n.b.",
        "Waarschijnlijk (marge 1 kwartaal)",
    ),
    (
        "Gebiedsontwikkeling Ravel & Vivaldi – NWE",
        "Fysiek",
        "N.n.b.",
        "Waarschijnlijk (marge 1 kwartaal)",
    ),
    ("Grachtenarmaturen", "Fysiek", "N.n.b.", "Waarschijnlijk (marge 1 kwartaal)"),
    ("Onderhoud verkeerssystemen", "Fysiek", "N.n.b.", "Waarschijnlijk (marge 1 kwartaal)"),
    ("AJH 2027", "Sociaal", "N.n.b.", "Zeer onzeker (nog niet bekend)"),
    ("Inhuur gecertificeerde BOA's", "Bedrijfsvoering", "N.n.b.", "Zeer onzeker (nog niet bekend)"),
    ("Vervanging Telpunten", "Fysiek", "N.n.b.", "Zeer onzeker (nog niet bekend)"),
    (
        "Kegel, Holbein & 21ste eeuw armaturen",
        "Fysiek",
        "€ 10.000.000",
        "Zeker (volgens publicatiedatum)",
    ),
]

# The labels of docs/report.md, as the directie Inkoop writes them.
ZEKERHEID = {
    "Zeker (volgens publicatiedatum)": "zeker",
    "Waarschijnlijk (marge 1 kwartaal)": "waarschijnlijk",
    "Onzeker (marge 2 of meer kwartalen)": "onzeker",
    "Zeer onzeker (nog niet bekend)": "zeer-onzeker",
}
MARKS = {"X": "ja", "-": "nee", "": "open"}
REDACTED = re.compile(r"\s*\^\{[^}]*\}")


@functools.cache
def tenders() -> dict[str, Tender]:
    """Every shipped tender by titel, each loaded without a finding."""
    out: dict[str, Tender] = {}
    for path in sorted((DATA / "tenders").rglob("*.yaml")):
        result = load_tender(path)
        assert result.findings == (), (path, result.findings)
        assert result.tender is not None
        assert result.tender.titel not in out, f"titel twice: {result.tender.titel}"
        out[result.tender.titel] = result.tender
    return out


@functools.cache
def kader() -> Kader:
    result = load_kader(DATA / "kader.yaml")
    assert result.findings == ()
    assert result.kader is not None
    return result.kader


def test_46_tenders_35_trajecten_and_11_europese() -> None:
    assert len(TRAJECTEN) == 35 and len(EUROPEES_Q1_2025) == 11
    shipped = tenders()
    assert len(shipped) == 46
    titles = {REDACTED.sub("", wat) for _, wat, *_ in TRAJECTEN}
    titles |= {titel for titel, *_ in EUROPEES_Q1_2025}
    assert set(shipped) == titles


@pytest.mark.parametrize("row", TRAJECTEN, ids=[str(r[0]) for r in TRAJECTEN])
def test_traject_as_in_the_note(row: tuple[int, str, str, str, str, str]) -> None:
    nr, wat, opdracht, repr_, toeg, sv = row
    t = tenders()[REDACTED.sub("", wat)]
    directie = REDACTED.sub("", opdracht)
    if directie == "GGD (onrechtmatig)":  # the remark is kept in opmerkingen
        directie = "GGD"
        assert t.opmerkingen is not None and "GGD (onrechtmatig)" in t.opmerkingen
    assert t.directie == directie  # the note's own spelling, an alias in the kader
    assert kader().resolve_directie(t.directie) is not None
    assert t.themas == {
        "representatie": MARKS[repr_],
        "toegankelijkheid": MARKS[toeg],
        "sociale_veiligheid": MARKS[sv],
    }
    assert t.bron is not None and NOTE in t.bron and t.bron.endswith(f"nr. {nr}")


@pytest.mark.parametrize("row", EUROPEES_Q1_2025, ids=[r[0] for r in EUROPEES_Q1_2025])
def test_europese_aanbesteding_as_in_the_note(row: tuple[str, str, str, str]) -> None:
    titel, leadbuyer, waarde, zekerheid = row
    t = tenders()[titel]
    amount = None if waarde == "N.n.b." else int(waarde.removeprefix("€ ").replace(".", ""))
    assert t.leadbuyer == leadbuyer
    assert t.contractwaarde == amount
    assert t.procedure == "europees"
    assert t.publicatie is not None
    assert (t.publicatie.kwartaal, t.publicatie.zekerheid) == ("2025-Q1", ZEKERHEID[zekerheid])
    assert t.bron is not None and NOTE in t.bron
    assert kader().resolve_leadbuyer(leadbuyer) == leadbuyer


def test_every_tender_has_bron_and_no_personal_names() -> None:
    for t in tenders().values():
        assert t.bron and NOTE in t.bron, t.id
    # the note names one person; the data must not
    for path in [DATA / "kader.yaml", *sorted((DATA / "tenders").rglob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        assert "Marlijne" not in text and "Barteling" not in text, path


def test_kader_has_the_themes_and_thresholds_of_the_issue() -> None:
    k = kader()
    assert list(k.themas) == ["representatie", "toegankelijkheid", "sociale_veiligheid"]
    expected = {
        date(2025, 6, 30): (221_000, 221_000, 5_538_000, 750_000),
        date(2024, 1, 1): (221_000, 221_000, 5_538_000, 750_000),
        date(2026, 1, 1): (216_000, 216_000, 5_404_000, 750_000),
        date(2027, 12, 31): (216_000, 216_000, 5_404_000, 750_000),
    }
    for day, amounts in expected.items():
        d = k.drempel_op(day)
        assert d is not None, day
        soorten = ("leveringen", "diensten", "werken", "sociale-diensten")
        assert tuple(d.for_soort(s) for s in soorten) == amounts, day
    assert set(k.leadbuyers) == {"Bedrijfsvoering", "Fysiek", "Sociaal"}
