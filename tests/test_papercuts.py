"""The papercuts a new user met in the first hour (issue 17, part 3): decimal
commas, the triage header of one directie, personal data in free text, the
rule for the openbare ruimte, and the guide's install step."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from inkoopcheck import __version__
from inkoopcheck.cli import app

from .helpers import SHIPPED, make_data, tender

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


# --- scores and factors with a decimal comma ------------------------------------------


def test_scores_and_factors_have_a_decimal_comma_in_text_and_markdown() -> None:
    args = ("triage", "--data", str(SHIPPED), "--date", "2024-12-09", "--no-cache")
    _, text, _ = run(*args, "--format", "text")
    _, md, _ = run(*args, "--format", "markdown")
    _, raw, _ = run(*args, "--format", "json")
    arbo = next(
        t for t in json.loads(raw)["aanbestedingen"] if t["id"] == "arbodienstverlening-2025"
    )
    # JSON keeps numbers ...
    assert arbo["score"] == 38.1 and isinstance(arbo["score"], float)
    # ... people read a comma, for the score and for every factor
    assert "| 38,1 |" in md and "€ 2.500.000 ×1,12" in md
    assert "38,1" in text and "×1,12" in text
    for shown in (text, md):
        assert not re.search(r"×\d\.\d", shown), "a factor with a decimal point"
        assert not re.search(r"\| \d+\.\d \|", shown), "a score with a decimal point"
    assert "zeker ×1,00" in arbo["redenen"] or "waarschijnlijk ×0,85" in arbo["redenen"]


def test_the_kader_document_writes_factors_with_a_comma() -> None:
    _, md, _ = run("kader", "--data", str(SHIPPED))
    assert "waarschijnlijk 0,85" in md and "onzeker 0,65" in md
    assert "eind horizon 0,6" in md and "0,75 bij € 50.000 tot 1,25 bij € 10.000.000" in md
    assert "0.85" not in md and "0.75" not in md


# --- triage --directie: where the place went ------------------------------------------


def test_triage_of_one_directie_says_where_the_aanschuiven_place_went() -> None:
    args = ("triage", "--data", str(SHIPPED), "--date", "2024-12-09", "--capacity", "1")
    _, text, _ = run(*args, "--directie", "Fysiek", "--format", "text")
    _, md, _ = run(*args, "--directie", "Fysiek", "--format", "markdown")
    _, raw, _ = run(*args, "--directie", "Fysiek", "--format", "json")
    # the header counts the team's one place, which went to Bedrijfsvoering's arbo tender
    assert "capaciteit 1, aanschuiven 1" in text
    line = (
        "De plaats voor aanschuiven gaat naar een andere directie: Arbodienstverlening "
        "(arbodienstverlening-2025, Bedrijfsvoering)."
    )
    assert line in " ".join(text.split())
    assert line in md
    assert "## Aanschuiven (0)\n\nGeen bij deze directie (zie boven)." in md
    doc = json.loads(raw)
    assert doc["aanschuiven_in_gebruik"] == 1
    assert doc["aanschuiven_elders"] == [
        {
            "id": "arbodienstverlening-2025",
            "titel": "Arbodienstverlening",
            "directie": "Bedrijfsvoering",
        }
    ]
    assert not [t for t in doc["aanbestedingen"] if t["rol"] == "aanschuiven"]
    # the directie that has the place sees no such line
    _, own, _ = run(*args, "--directie", "BV", "--format", "markdown")
    assert "andere directie" not in own and "## Aanschuiven (1)" in own


def test_with_places_here_and_elsewhere_the_header_says_both(tmp_path: Path) -> None:
    pub = "{kwartaal: 2025-Q1, zekerheid: zeker}"
    data = make_data(
        tmp_path,
        {
            f"{slug}/{tid}": tender(
                tid,
                f"Inhuur {tid}",
                directie,
                personeel="ja",
                procedure="europees",
                publicatie=pub,
            )
            for slug, directie, tid in [
                ("bedrijfsvoering", "Bedrijfsvoering", "a-2025"),
                ("fysiek", "Fysiek", "b-2025"),
                ("fysiek", "Fysiek", "c-2025"),
            ]
        },
    )
    args = ("triage", "--data", str(data), "--date", "2024-12-09", "--capacity", "3")
    _, md, _ = run(*args, "--directie", "Fysiek", "--format", "markdown")
    assert (
        "Hier 2 van de 3 keer aanschuiven; 1 gaat naar een andere directie: Inhuur a-2025 "
        "(a-2025, Bedrijfsvoering)."
    ) in md
    assert "## Aanschuiven (2)" in md


# --- IC307: personal data in free text -----------------------------------------------


def _validate(tmp_path: Path, kader_extra: str = "", **fields: str) -> str:
    kader = (SHIPPED / "kader.yaml").read_text(encoding="utf-8") + kader_extra
    data = make_data(tmp_path, {"bedrijfsvoering/x-2025": tender("x-2025", "Schoonmaak", **fields)})
    (data / "kader.yaml").write_text(kader, encoding="utf-8")
    _, out, _ = run("validate", "--data", str(data), "--no-cache", "--date", "2024-12-09")
    return out


def test_a_persons_address_and_name_in_free_text_are_reported(tmp_path: Path) -> None:
    out = _validate(
        tmp_path,
        opmerkingen='"Vragen: jan.jansen@example.org; contactpersoon: Jan de Vries."',
        toelichting="{toegankelijkheid: 'Niet voor personen; contact J. Bakker.'}",
    )
    assert (
        ":4:1: waarschuwing IC307 opmerkingen noemt 'jan.jansen@example.org': dat lijkt het "
        "e-mailadres van een persoon"
    ) in out
    assert (
        "IC307 opmerkingen noemt 'Jan de Vries' als contactpersoon: dat lijkt de naam van een "
        "persoon"
    ) in out
    assert "IC307 toelichting toegankelijkheid noemt 'J. Bakker' als contact" in out
    assert "zet het dan onder 'functieadressen' in kader.yaml" in out


def test_a_name_as_the_contact_is_reported(tmp_path: Path) -> None:
    out = _validate(tmp_path, contact="Jan Jansen")
    assert "IC307 contact 'Jan Jansen' lijkt de naam van een persoon" in out


def test_team_mailboxes_and_teams_are_not_personal_data(tmp_path: Path) -> None:
    out = _validate(
        tmp_path,
        "functieadressen: [parkeren.noord@example.org]\n",
        opmerkingen=(
            '"Contact Bureau Inclusie of contactpersoon Directie Inkoop; inkoop.fysiek@'
            "example.nl, team.inclusie@example.nl, inkoop-bv@example.nl, "
            'parkeren.noord@example.org. Contact opnemen met Bedrijfsvoering."'
        ),
        contact="inkoop-bv@example.nl",
    )
    assert "IC307" not in out
    # the same address without the kader's list is a person's as far as anyone can tell
    other = tmp_path / "zonder"
    other.mkdir()
    assert "parkeren.noord@example.org" in _validate(
        other, opmerkingen='"parkeren.noord@example.org"'
    )


def test_a_persons_address_as_a_contact_in_the_kader_is_reported(tmp_path: Path) -> None:
    kader = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    kader = kader.replace("  contact: Bureau Social Return", "  contact: jan.jansen@example.org")
    data = make_data(tmp_path, {}, kader=kader)
    _, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert "IC307 contact 'jan.jansen@example.org' lijkt een persoonlijk adres" in out


# --- the shipped rule for the openbare ruimte ----------------------------------------


def test_openbare_ruimte_in_the_title_makes_a_tender_relevant(tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "ruimte-en-economie/museumplein-2025": tender(
                "museumplein-2025",
                "Herinrichting Museumplein openbare ruimte",
                "Ruimte en Economie",
                soort="werken",
                contractwaarde="8000000",
                procedure="europees",
                publicatie="{kwartaal: 2025-Q2, zekerheid: waarschijnlijk}",
            )
        },
    )
    _, raw, _ = run("triage", "--data", str(data), "--date", "2024-12-09", "--format", "json")
    (t,) = json.loads(raw)["aanbestedingen"]
    assert t["rol"] in ("aanschuiven", "achtervang") and t["score"] > 0
    assert t["relevante_themas"] == ["toegankelijkheid", "sociale_veiligheid"]
    assert "regel Openbare ruimte (+10)" in t["redenen"]
    _, advies, _ = run("advies", "museumplein-2025", "--data", str(data), "--date", "2024-12-09")
    assert "'openbare ruimte' staat in de titel of de opmerkingen" in advies


# --- the guide's install step -------------------------------------------------------


def test_the_guide_installs_in_a_virtual_environment_of_a_version_that_exists() -> None:
    guide = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    step = guide[guide.index("## Eenmalig instellen") : guide.index("2. Haal de datarepository")]
    assert "python3 -m venv ~/inkoopcheck-venv" in step
    assert '~/inkoopcheck-venv/bin/pip install "inkoopcheck @ git+' in step
    assert "source ~/inkoopcheck-venv/bin/activate" in step
    assert "py -m venv" in step and "Scripts\\activate" in step  # Windows too
    assert f"@v{__version__}" in step
    # no bare pip install of inkoopcheck outside the environment
    assert not re.search(r"(?<![/\\])pip install \"inkoopcheck", step)
