"""Input that once crashed a command or slipped through: each is now a finding
or a clear message, with the right exit code and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app

from .helpers import SHIPPED, make_data, tender

KADER = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "ondergrens: 50000",
            "ondergrens: 0",
            "triage.waarde.ondergrens: '0' is buiten bereik; moet groter dan 0 zijn",
        ),
        (
            "bovengrens: 10000000",
            "bovengrens: 50000",
            "triage.waarde: bovengrens moet hoger zijn dan ondergrens",
        ),
        (
            "zeker: 1.0,",
            "zeker: -1,",
            "triage.zekerheid.zeker: '-1' is buiten bereik; moet minstens 0 zijn",
        ),
        (
            "zeker: 1.0,",
            "zekr: 1.0,",
            "triage.zekerheid: sleutel 'zekr' is niet toegestaan — bedoel je 'zeker'?",
        ),
        (
            "  drempel: eu-diensten",
            "  drempel: veel",
            "social_return.drempel: 'veel' is geen drempel",
        ),
    ],
)
def test_kader_numbers_that_would_break_the_triage(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in KADER
    data = make_data(tmp_path, {}, KADER.replace(old, new, 1))
    code, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert code == 1
    assert message in out
    code, _, err = run("triage", "--data", str(data), "--no-cache")
    assert code == 2 and "kader.yaml bevat fouten" in err


def test_kader_without_themes(tmp_path: Path) -> None:
    data = make_data(tmp_path, {}, "naam: Leeg\nthemas: {}\ndirecties: {A: {slug: a}}\n")
    code, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert code == 1 and "IC111" in out and "themas" in out


def test_schema_refuses_a_kader_with_errors(tmp_path: Path) -> None:
    broken = KADER.replace(
        "themas: [representatie, sociale_veiligheid]", "themas: [representatie, sociaal]", 1
    )
    data = make_data(tmp_path, {}, broken)
    code, out, err = run("schema", "--data", str(data))
    assert code == 2
    assert "IC401" in err and out == ""


def test_control_characters_written_as_escapes(tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {"bedrijfsvoering/rood": tender("rood", '"\\e[31mROOD\\e[0m"', opmerkingen='"a\\u202eb"')},
    )
    code, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert code == 1
    assert "rood.yaml:2:8: fout IC016 onzichtbaar stuurteken" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["triage", "--date", "9999-12-31"], "'9999-12-31' is geen datum"),
        (["report", "--period", "0000"], "--period '0000' is geen periode"),
    ],
)
def test_absurd_years_in_options(args: list[str], message: str) -> None:
    code, _, err = run(*args, "--data", str(SHIPPED))
    assert code == 2 and message in err


def test_absurd_year_in_a_tender(tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/oud": tender(
                "oud", "Oud", publicatie="{datum: 0001-01-01, zekerheid: zeker}"
            )
        },
    )
    code, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert code == 1 and "'0001-01-01' is geen bestaande datum" in out
    data = make_data(
        tmp_path / "q",
        {
            "bedrijfsvoering/oud": tender(
                "oud", "Oud", publicatie="{kwartaal: 0000-Q1, zekerheid: zeker}"
            )
        },
    )
    code, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert code == 1 and "'0000-Q1' is geen kwartaal" in out


def test_directie_filter_reports_the_whole_teams_capacity() -> None:
    code, out, _ = run(
        "triage",
        "--data",
        str(SHIPPED),
        "--date",
        "2024-12-09",
        "--directie",
        "fysiek",
        "--format",
        "json",
        "--no-cache",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["aanschuiven_in_gebruik"] == 3  # all three are Bedrijfsvoering's
    assert all(t["directie"] == "Fysiek" for t in doc["aanbestedingen"])


def test_publication_beyond_the_known_thresholds(tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/later-2029": tender(
                "later-2029",
                "Schoonmaak",
                soort="diensten",
                contractwaarde="5000000",
                procedure="nationaal",
                publicatie="{kwartaal: 2029-Q1, zekerheid: zeker}",
            )
        },
    )
    code, out, _ = run("validate", "--data", str(data), "--no-cache", "--date", "2028-06-01")
    assert code == 0
    assert "waarschuwing IC311 kader.yaml heeft geen Europese drempel voor 2029-01-01" in out


@pytest.mark.parametrize("content", ["[]", '{"stamp": 1, "files": []}', "null", '"tekst"'])
def test_cache_file_of_the_wrong_shape(tmp_path: Path, content: str) -> None:
    cache = tmp_path / "cache"
    args = ("validate", "--data", str(SHIPPED), "--date", "2024-12-09", "--cache-dir", str(cache))
    first = run(*args)
    for f in cache.glob("*.json"):
        f.write_text(content)
    assert run(*args) == first


@pytest.mark.parametrize(
    ("address", "flagged"),
    [
        ("j.jansen@example.nl", True),
        ("p.de.vries@example.nl", True),
        ("jan.van.der.berg@example.nl", True),
        ("inkoop.fysiek@example.nl", False),
        ("team.inclusie@example.nl", False),
        ("social.return@example.nl", False),
    ],
)
def test_personal_address(tmp_path: Path, address: str, flagged: bool) -> None:
    data = make_data(tmp_path, {"bedrijfsvoering/adres": tender("adres", "Adres", contact=address)})
    _, out, _ = run("validate", "--data", str(data), "--no-cache")
    assert ("IC307" in out) is flagged


def test_yml_file_named_on_the_command_line_is_only_told_its_name(tmp_path: Path) -> None:
    data = make_data(tmp_path, {})
    yml = data / "tenders" / "bedrijfsvoering" / "x-2026.yml"
    yml.parent.mkdir(parents=True, exist_ok=True)
    yml.write_text(tender("x-2026", "X"))
    whole = run("validate", "--data", str(data), "--no-cache", "--format", "json")
    named = run("validate", "--data", str(data), "--no-cache", "--format", "json", str(yml))
    codes = [[f["code"] for f in json.loads(r[1])["findings"]] for r in (whole, named)]
    assert codes == [["IC018"], ["IC018"]]


def test_unwritable_output_is_told_in_dutch(tmp_path: Path) -> None:
    target = tmp_path / "map.csv"
    target.mkdir()
    code, _, err = run("export", "social-return", "--data", str(SHIPPED), "--output", str(target))
    assert code == 2
    assert "map.csv is een map; geef een bestandsnaam." in err
