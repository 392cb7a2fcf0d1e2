"""Social return: the checks, the threshold setting and the monitoring export."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from inkoopcheck.cli import app

from .helpers import make_data, tender

PUB = "{kwartaal: 2025-Q2, zekerheid: zeker}"


def codes(runner: CliRunner, data: Path) -> dict[str, list[tuple[str, int | None]]]:
    result = runner.invoke(
        app, ["validate", "--data", str(data), "--date", "2025-01-06", "--format", "json"]
    )
    out: dict[str, list[tuple[str, int | None]]] = {}
    for f in json.loads(result.stdout)["findings"]:
        out.setdefault(Path(f["path"]).stem, []).append((f["code"], f["line"]))
    return out


def test_checks(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            # above the € 250.000 of the shipped kader, diensten, no social return
            "bedrijfsvoering/zonder-sr": tender(
                "zonder-sr",
                "Schoonmaak",
                soort="diensten",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
            ),
            # leveringen: social return not expected
            "bedrijfsvoering/levering": tender(
                "levering",
                "Papier",
                soort="leveringen",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
            ),
            # accepted proeftuin without a review date
            "bedrijfsvoering/proeftuin": tender(
                "proeftuin",
                "Inhuur ICT",
                soort="diensten",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
                social_return="\n  werkwijze: maatwerk\n  voorstel: geaccepteerd\n"
                "  gestart: 2025-01-01",
            ),
            # review more than a year after the start
            "bedrijfsvoering/laat": tender(
                "laat",
                "Catering",
                soort="diensten",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
                social_return="{werkwijze: maatwerk, gestart: 2025-01-01, evaluatie: 2026-03-01}",
            ),
            "bedrijfsvoering/te-hoog": tender(
                "te-hoog",
                "Beveiliging",
                soort="diensten",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
                social_return="{percentage: 120}",
            ),
        },
    )
    found = codes(runner, data)
    assert ("IC305", 5) in found["zonder-sr"]
    assert "levering" not in found or all(c != "IC305" for c, _ in found["levering"])
    assert ("IC308", 8) in found["proeftuin"]
    assert ("IC309", 8) in found["laat"]
    assert ("IC111", 8) in found["te-hoog"]


def test_threshold_follows_the_eu_services_threshold_or_a_fixed_amount(
    runner: CliRunner, tmp_path: Path
) -> None:
    # € 230.000: above the 2025 EU services threshold (221.000), under the Rijk's 250.000
    tenders = {
        "bedrijfsvoering/tussenin": tender(
            "tussenin",
            "Schoonmaak",
            soort="diensten",
            contractwaarde="230000",
            procedure="europees",
            publicatie=PUB,
        )
    }
    shipped = (Path(__file__).parent.parent / "data" / "kader.yaml").read_text()
    assert "  drempel: eu-diensten\n" in shipped  # Amsterdam's practice
    data = make_data(tmp_path / "eu", tenders)
    assert ("IC305", 5) in codes(runner, data)["tussenin"]
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", "2025-01-06"])
    assert "(drempel € 221.000)" in result.stdout
    rijk = make_data(
        tmp_path / "rijk",
        tenders,
        shipped.replace("  drempel: eu-diensten\n", "  drempel: 250000\n"),
    )
    assert "tussenin" not in codes(runner, rijk)


def test_unknown_doelgroep_suggests_the_known_spelling(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/groep": tender(
                "groep",
                "Schoonmaak",
                soort="diensten",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
                social_return="{percentage: 5, doelgroepen: [statushouder]}",
            ),
        },
    )
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", "2025-01-06"])
    assert "onbekende doelgroep 'statushouder' — bedoel je 'statushouders'?" in result.stdout


def test_export_social_return(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/schoonmaak": tender(
                "schoonmaak",
                "=Schoonmaak",
                soort="diensten",
                contractwaarde="400000",
                procedure="europees",
                publicatie=PUB,
                contact="inkoop-bv@example.nl",
                social_return="{percentage: 5, doelgroepen: [statushouders, ex-justitiabelen]}",
            ),
            "fysiek/depot": tender(
                "depot",
                "Bouw depot",
                "Fysiek",
                soort="werken",
                procedure="europees",
                publicatie=PUB,
                social_return="{werkwijze: maatwerk, voorstel: geaccepteerd, "
                "leverancier: Bouwbedrijf BV, gestart: 2025-01-01, "
                "evaluatie: 2026-01-01}",
            ),
            "fysiek/geen": tender("geen", "Zonder", "Fysiek"),
        },
    )
    out = tmp_path / "sr.csv"
    result = runner.invoke(
        app, ["export", "social-return", "--data", str(data), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 aanbesteding(en) met social return geschreven" in result.stderr
    assert out.read_text(encoding="utf-8") == (
        "id,titel,directie,soort,procedure,status,publicatie,zekerheid,contractwaarde,"
        "werkwijze,percentage,bedrag,doelgroepen,voorstel,leverancier,gestart,evaluatie,"
        "contact\n"
        "depot,Bouw depot,Fysiek,werken,europees,kalender,2025-Q2,zeker,,maatwerk,,,,"
        "geaccepteerd,Bouwbedrijf BV,2025-01-01,2026-01-01,\n"
        "schoonmaak,'=Schoonmaak,Bedrijfsvoering,diensten,europees,kalender,2025-Q2,zeker,"
        "400000,traditioneel,5,20000,statushouders|ex-justitiabelen,,,,,inkoop-bv@example.nl\n"
    )


def test_export_refuses_other_extensions_and_keeps_the_old_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = make_data(tmp_path, {})
    result = runner.invoke(
        app, ["export", "social-return", "--data", str(data), "--output", str(tmp_path / "sr.xlsx")]
    )
    assert result.exit_code == 2
    assert "'.xlsx' is geen bekende bestandssoort; kies .csv." in result.stderr
    assert not (tmp_path / "sr.xlsx").exists()
    broken = make_data(tmp_path / "b", {}, "naam: [\n")
    old = tmp_path / "old.csv"
    old.write_text("oud\n")
    result = runner.invoke(
        app, ["export", "social-return", "--data", str(broken), "--output", str(old)]
    )
    assert result.exit_code == 2
    assert old.read_text() == "oud\n"


def test_export_and_report_list_the_same_tenders(runner: CliRunner, tmp_path: Path) -> None:
    """One row builder, one rule: an ingetrokken tender gets no contract, so it is in
    neither the export nor `report --social-return`. Text that starts like a formula
    (here a tab and an @) is kept as text, as in every sheet inkoopcheck writes."""
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/tab": tender(
                "tab",
                '"\tTab vooraan"',
                soort="diensten",
                procedure="europees",
                publicatie=PUB,
                social_return='{percentage: 5, leverancier: "@Leverancier BV"}',
            ),
            "bedrijfsvoering/weg": tender(
                "weg",
                "Ingetrokken",
                soort="diensten",
                publicatie=PUB,
                status="ingetrokken",
                social_return="{percentage: 5}",
            ),
            "fysiek/depot": tender(
                "depot",
                "Bouw depot",
                "Fysiek",
                soort="werken",
                publicatie=PUB,
                status="gegund",  # a running contract is monitored
                social_return="{werkwijze: maatwerk}",
            ),
        },
    )
    out = tmp_path / "sr.csv"
    result = runner.invoke(
        app, ["export", "social-return", "--data", str(data), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 aanbesteding(en) met social return geschreven" in result.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1:] == [
        "depot,Bouw depot,Fysiek,werken,,gegund,2025-Q2,zeker,,maatwerk,,,,,,,,",
        "tab,'\tTab vooraan,Bedrijfsvoering,diensten,europees,kalender,2025-Q2,zeker,,"
        "traditioneel,5,,,,'@Leverancier BV,,,",
    ]
    report = runner.invoke(
        app, ["report", "--data", str(data), "--social-return", "--format", "json"]
    )
    assert report.exit_code == 0, report.output
    listed = json.loads(report.stdout)["social_return"]["aanbestedingen"]
    assert sorted(t["id"] for t in listed) == ["depot", "tab"]
