"""`inkoopcheck advies`: what the kader asks of a tender, in every format; the
law-following checks (IC312, IC303 per theme); a fourth theme in another
municipality's kader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inkoopcheck.advice import build
from inkoopcheck.cli import app
from inkoopcheck.loader import load_kader, load_tender
from inkoopcheck.triage import Changes, decide

from .helpers import SHIPPED, make_data, snapshot, tender

DAY = "2024-12-09"


def _advies(runner: Any, *args: str) -> Any:
    return runner.invoke(app, ["advies", *args, "--date", DAY])


def test_arbodienstverlening_in_plain_dutch(runner: Any, shipped: Path) -> None:
    result = _advies(runner, "arbodienstverlening-2025", "--data", str(shipped))
    assert result.exit_code == 0, result.output
    out = result.output
    # the why, in words: the rule and the word that fired it
    assert "Representatie — nog open" in out
    assert "Sociale veiligheid — nog open" in out
    assert "Personeel volgens de omschrijving: 'arbo' staat in de titel" in out
    assert "Ingezet personeel heeft een vangnet" in out
    # by when: 2025-Q1 starts 2025-01-01, 12 weeks before is 2024-10-09
    assert "uiterlijk 2024-10-09 vast" in out
    assert "BT-754 toegankelijkheid: nog te kiezen" in out
    assert "gen-eq (gendergelijkheid): thema Representatie" in out
    assert "Het team bereik je via: Team inclusief inkopen" in out
    assert "Bureau Inclusie" in out
    assert "social return is niet te bepalen: de soort is onbekend" in out


def test_json_has_the_shape_of_the_issue(runner: Any, shipped: Path) -> None:
    result = _advies(runner, "arbodienstverlening-2025", "--data", str(shipped), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"themas", "eforms", "social_return", "deadline", "rol", "open"} <= set(data)
    assert [t["thema"] for t in data["themas"]] == ["representatie", "sociale_veiligheid"]
    for t in data["themas"]:
        assert {"thema", "waarom", "eisen", "grondslag"} <= set(t)
        assert t["waarom"] and t["eisen"]
    assert data["eforms"]["bt_754"] is None
    assert data["eforms"]["bt_775"] == ["gen-eq", "et-eq", "work-cond"]
    assert data["deadline"] == "2024-10-09"
    assert data["rol"]["rol"] == "aanschuiven" and data["rol"]["besloten"] is False
    assert any("Toegankelijkheid" in o for o in data["open"])


def test_markdown_to_a_file(runner: Any, shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "advies.md"
    result = _advies(
        runner, "inhuur-gecertificeerde-boas-2025", "--data", str(shipped), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Advies: ")
    assert "## Op de aankondiging (eForms, bij publicatie)" in text
    assert "## Nog open" in text


def test_for_a_directie(runner: Any, shipped: Path) -> None:
    result = _advies(runner, "--directie", "fysiek", "--data", str(shipped), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["directie"] == "Fysiek"
    ids = [a["id"] for a in data["adviezen"]]
    assert ids and all(a["directie"] == "Fysiek" for a in data["adviezen"])
    assert all(a["status"] not in ("gegund", "afgerond", "ingetrokken") for a in data["adviezen"])
    armaturen = next(a for a in data["adviezen"] if "armaturen" in a["id"])
    toeg = next(t for t in armaturen["themas"] if t["thema"] == "toegankelijkheid")
    assert toeg["grondslag"][0]["naam"] == "artikel 42, lid 1, Richtlijn 2014/24/EU"
    # a rule's eisen go to the theme they are for
    sv = next(t for t in armaturen["themas"] if t["thema"] == "sociale_veiligheid")
    assert any("looproute vrij" in e for e in toeg["eisen"])
    assert not any("looproute vrij" in e for e in sv["eisen"])


def test_relevance_is_the_triage_s() -> None:
    """advies and triage agree on every shipped tender: one rule matcher."""
    kader = load_kader(SHIPPED / "kader.yaml").kader
    assert kader is not None
    day = date(2024, 12, 9)
    for path in sorted((SHIPPED / "tenders").rglob("*.yaml")):
        t = load_tender(path).tender
        assert t is not None
        a = build(t, kader, day)
        d = decide(t, kader, day, Changes())
        assert [x.thema for x in a.themas if x.relevant] == list(d.relevant_themes), t.id
        fired = {w.split(":")[0] for x in a.themas for w in x.waarom if x.relevant}
        assert fired == {r.naam for r in d.rules if set(r.themas) & {x.thema for x in a.themas}}


def test_ict_rule_cites_en_301_549(runner: Any, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/website-2026": tender(
                "website-2026",
                "Nieuwe website",
                cpv="[72413000-8]",
                themas="{toegankelijkheid: ja}",
                publicatie="{datum: 2026-06-01, zekerheid: zeker}",
            )
        },
    )
    result = _advies(runner, "website-2026", "--data", str(data), "--format", "json")
    data_out = json.loads(result.output)
    toeg = data_out["themas"][0]
    assert toeg["thema"] == "toegankelijkheid"
    assert toeg["waarom"] == ["ICT - software, websites en apps: CPV-code 72413000-8 begint met 72"]
    assert [g["naam"] for g in toeg["grondslag"]] == [
        "artikel 42, lid 1, Richtlijn 2014/24/EU",
        "EN 301 549",
    ]
    assert data_out["eforms"]["bt_754"] == "inc"
    assert data_out["eforms"]["bt_775"] == ["acc-all"]
    assert data_out["deadline"] == "2026-03-09"


def test_nee_with_reason_goes_to_bt_755_and_social_return_is_counted(
    runner: Any, tmp_path: Path
) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/zout-2025": tender(
                "zout-2025",
                "Strooizout",
                soort="diensten",
                contractwaarde="1000000",
                procedure="europees",
                publicatie="{datum: 2025-09-01, zekerheid: zeker}",
                themas="{toegankelijkheid: nee}",
                toelichting="{toegankelijkheid: Strooizout wordt niet door personen gebruikt.}",
            )
        },
    )
    data_out = json.loads(
        _advies(runner, "zout-2025", "--data", str(data), "--format", "json").output
    )
    assert data_out["eforms"]["bt_754"] == "n-inc-just"
    assert data_out["eforms"]["bt_755"] == "Strooizout wordt niet door personen gebruikt."
    sr = data_out["social_return"]
    assert sr["van_toepassing"] is True
    assert sr["percentage"] == 5 and sr["bedrag"] == 50000
    assert "opp" in data_out["eforms"]["bt_775"]
    assert any(o.startswith("social return: neem een afspraak op") for o in data_out["open"])


def test_unknown_id_suggests(runner: Any, shipped: Path) -> None:
    result = _advies(runner, "arbodienstverlening-2052", "--data", str(shipped))
    assert result.exit_code == 2
    assert "bedoel je 'arbodienstverlening-2025'?" in result.output


def test_a_tender_that_does_not_load_is_named_not_unknown(runner: Any, tmp_path: Path) -> None:
    """A file whose errors keep its model from loading is found by its name."""
    data = make_data(
        tmp_path, {"bedrijfsvoering/kapot": tender("kapot", "Kapot", status="gepland")}
    )
    result = _advies(runner, "kapot", "--data", str(data))
    assert result.exit_code == 1
    assert "'kapot' heeft fouten (" in result.output and "kapot.yaml" in result.output


@pytest.mark.parametrize(
    "args", [[], ["arbodienstverlening-2025", "--directie", "BV"]], ids=["geen", "allebei"]
)
def test_id_or_directie(runner: Any, shipped: Path, args: list[str]) -> None:
    result = _advies(runner, *args, "--data", str(shipped))
    assert result.exit_code == 2
    assert "geef een id of --directie" in result.output


def test_bad_output_writes_nothing(runner: Any, shipped: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = _advies(
        runner, "arbodienstverlening-2025", "--data", str(shipped), "-o", str(tmp_path / "a.pdf")
    )
    assert result.exit_code == 2
    assert "kies .md (Markdown), .json of .txt." in result.output
    assert snapshot(tmp_path) == before


def test_help_has_an_example(runner: Any) -> None:
    for cmd in (["advies"], ["kader"], ["export", "ocds"]):
        result = runner.invoke(app, [*cmd, "--help"])
        assert result.exit_code == 0
        assert "Voorbeeld: inkoopcheck " + " ".join(cmd) in result.output


# --- the checks that follow the law -------------------------------------------------


def _validate(runner: Any, data: Path) -> str:
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", DAY, "--no-cache"])
    return str(result.output)


def _file(toelichting: str | None, themas: str) -> str:
    extra = {"toelichting": toelichting} if toelichting else {}
    return tender(
        "lift-2025",
        "Onderhoud liften",
        publicatie="{datum: 2025-03-01, zekerheid: zeker}",
        themas=themas,
        personeel="ja",
        **extra,
    )


def test_toegankelijkheid_nee_needs_its_own_reason(runner: Any, tmp_path: Path) -> None:
    data = make_data(
        tmp_path, {"bedrijfsvoering/lift-2025": _file(None, "{toegankelijkheid: nee}")}
    )
    out = _validate(runner, data)
    assert "waarschuwing IC312" in out
    assert "artikel 42, lid 1, Richtlijn 2014/24/EU" in out
    assert "toegankelijkheid: ..." in out
    # one text for the whole tender is not a reason for this theme in particular
    (data / "tenders/bedrijfsvoering/lift-2025.yaml").write_text(
        _file("Kan niet.", "{toegankelijkheid: nee}"), encoding="utf-8"
    )
    out = _validate(runner, data)
    assert "IC312" in out and "IC303" not in out
    (data / "tenders/bedrijfsvoering/lift-2025.yaml").write_text(
        _file(
            "{toegankelijkheid: Bestaande liften worden alleen onderhouden.}",
            "{toegankelijkheid: nee}",
        ),
        encoding="utf-8",
    )
    assert "IC312" not in _validate(runner, data)


def test_other_themes_nee_without_reason_is_advice(runner: Any, tmp_path: Path) -> None:
    themas = "{representatie: nee, toegankelijkheid: ja, sociale_veiligheid: ja}"
    data = make_data(tmp_path, {"bedrijfsvoering/lift-2025": _file(None, themas)})
    out = _validate(runner, data)
    assert "waarschuwing IC303 thema Representatie is relevant" in out
    (data / "tenders/bedrijfsvoering/lift-2025.yaml").write_text(
        _file("{representatie: Eén monteur, geen team.}", themas), encoding="utf-8"
    )
    out = _validate(runner, data)
    assert "IC303" not in out and "IC312" not in out


def test_toelichting_for_an_unknown_theme_or_of_a_wrong_kind(runner: Any, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/lift-2025": _file("{toegankelijkhied: x}", "{toegankelijkheid: ja}"),
            "bedrijfsvoering/lift-2026": tender("lift-2026", "Lift", toelichting="[a, b]"),
        },
    )
    out = _validate(runner, data)
    assert (
        "IC202 toelichting bij onbekend thema 'toegankelijkhied' — bedoel je 'toegankelijkheid'?"
        in out
    )
    assert "IC103 toelichting: toelichting is een tekst, of per thema een tekst" in out


def test_kader_checks_contacts_and_bt_754(runner: Any, tmp_path: Path) -> None:
    text = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    contact: Bureau Inclusie\n    eforms: {bt_775: [gen-eq, et-eq]}",
        "    contact: j.jansen@example.nl\n    eforms: {bt_754: true, bt_775: [gen-eq]}",
    )
    data = make_data(tmp_path, {}, kader=text)
    out = _validate(runner, data)
    assert "IC307 contact 'j.jansen@example.nl' lijkt een persoonlijk adres" in out
    assert "fout IC408 thema 'toegankelijkheid' bepaalt BT-754, maar thema 'representatie'" in out


# --- a fourth theme in another municipality's kader ----------------------------------

OTHER_KADER = """\
naam: Kader Inclusief Inkopen Voorbeeldstad
themas:
  representatie: {label: R, naam: Representatie, eforms: {bt_775: [gen-eq]}}
  toegankelijkheid:
    label: T
    naam: Toegankelijkheid
    eforms: {bt_754: true, bt_775: [acc-all]}
    grondslag:
      - naam: artikel 42, lid 1, Richtlijn 2014/24/EU
        tekst: Toegankelijkheid in de technische specificaties, behalve gemotiveerd.
        bron: https://eur-lex.europa.eu/eli/dir/2014/24/oj
        nee_motiveren: true
  sociale_veiligheid: {label: S, naam: Sociale veiligheid}
  eerlijke_keten:
    label: K
    naam: Eerlijke keten
    omschrijving: Mensenrechten in de toeleveringsketen.
    voorbeeld_eisen: [De leverancier doet due diligence in de keten]
    contact: team-inkoop@voorbeeldstad.example
    eforms: {bt_775: [hum-right]}
directies:
  Inkoop: {slug: inkoop}
organisatie:
  naam: Gemeente Voorbeeldstad
  aliassen: []
  identificatie: null
  ocid_prefix: voorbeeldstad
regels:
  - id: koffie
    naam: Koffie en thee
    als: {trefwoorden: [koffie]}
    themas: [eerlijke_keten, toegankelijkheid]
    gewicht: 10
    eisen:
      eerlijke_keten: [Koffie met een keurmerk voor eerlijke handel]
"""


def test_a_fourth_theme_everywhere(runner: Any, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "inkoop/koffie-2025": tender(
                "koffie-2025",
                "Koffie en thee",
                directie="Inkoop",
                publicatie="{datum: 2025-06-01, zekerheid: zeker}",
                themas="{eerlijke_keten: ja}",
            )
        },
        kader=OTHER_KADER,
    )
    assert "0 fouten" in _validate(runner, data)
    adv = json.loads(_advies(runner, "koffie-2025", "--data", str(data), "--format", "json").output)
    keten = next(t for t in adv["themas"] if t["thema"] == "eerlijke_keten")
    assert keten["waarom"] == ["Koffie en thee: 'koffie' staat in de titel of de opmerkingen"]
    assert keten["eisen"] == [
        "De leverancier doet due diligence in de keten",
        "Koffie met een keurmerk voor eerlijke handel",
    ]
    assert keten["contact"] == "team-inkoop@voorbeeldstad.example"
    assert adv["eforms"]["bt_775"] == ["acc-all", "hum-right"]

    doc = runner.invoke(app, ["kader", "--data", str(data)])
    assert "### Eerlijke keten" in doc.output
    assert (
        "Een aanbesteding met 'koffie' in de titel of de opmerkingen raakt eerlijke keten "
        "en toegankelijkheid." in doc.output
    )

    out = tmp_path / "plan.json"
    result = runner.invoke(
        app, ["export", "ocds", "--data", str(data), "--date", DAY, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    release = json.loads(out.read_text(encoding="utf-8"))["releases"][0]
    assert release["ocid"] == "voorbeeldstad-koffie-2025"
    assert release["tender"]["sustainability"] == [
        {"goal": "social.humanRightsInSupplyChains", "strategies": ["technicalSpecifications"]}
    ]
