"""`inkoopcheck validate` as its users meet it: the directies in CI (text and
GitHub annotations), tools (json), and the exit codes 0/1/2 of the README.

The data folders are small and written out in full, with a kader of their own,
so each test shows the files a user would write and what comes back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from inkoopcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATE = "2024-12-09"

KADER = """\
naam: Handelingskader (testkader)
themas:
  representatie: {label: Repr, naam: Representatie}
  toegankelijkheid: {label: Toeg, naam: Toegankelijkheid}
  sociale_veiligheid: {label: SV, naam: Sociale veiligheid}
directies:
  Communicatie: {slug: communicatie, aliassen: [Dir. Communicatie]}
  Wonen: {slug: wonen, aliassen: [Dir. Wonen]}
leadbuyers: [Bedrijfsvoering, Fysiek]
drempels:
  - {vanaf: 2024-01-01, tot: 2025-12-31, leveringen: 221000, diensten: 221000,
     werken: 5538000, sociale-diensten: 750000}
  - {vanaf: 2026-01-01, tot: 2027-12-31, leveringen: 216000, diensten: 216000,
     werken: 5404000, sociale-diensten: 750000}
regels:
  - id: inzet-personeel
    naam: Inzet van personeel
    als: {personeel: ja}
    themas: [representatie, sociale_veiligheid]
    gewicht: 40
triage:
  horizon_maanden: 9
social_return: {drempel: 250000, percentage: 5, soorten: [werken, diensten]}
"""

DROP = object()  # remove a field from the base tender


def tender(tid: str, **fields: Any) -> str:
    """A valid tender of directie Communicatie without any finding on DATE;
    `fields` replace (or, with DROP, remove) its fields."""
    doc: dict[str, Any] = {
        "id": tid,
        "titel": "Drukwerk voor voorlichtingscampagnes",
        "directie": "Communicatie",
        "leadbuyer": "Bedrijfsvoering",
        "soort": "diensten",
        "contractwaarde": 150000,
        "procedure": "nationaal",
        "publicatie": {"kwartaal": "2025-Q2", "zekerheid": "waarschijnlijk"},
        "personeel": "nee",
        "themas": {"representatie": "ja", "toegankelijkheid": "ja", "sociale_veiligheid": "ja"},
        "status": "kalender",
        "contact": "inkoop-communicatie@example.nl",
        "bron": "Testgeval",
    }
    for key, value in fields.items():
        if value is DROP:
            doc.pop(key, None)
        else:
            doc[key] = value
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def write_data(root: Path, files: dict[str, str], kader: str = KADER) -> Path:
    """root/data with kader.yaml and tenders/<relative path> for each file."""
    data = root / "data"
    (data / "tenders").mkdir(parents=True, exist_ok=True)
    (data / "kader.yaml").write_text(kader, encoding="utf-8")
    for rel, text in files.items():
        path = data / "tenders" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, as a user in their checkout: paths print as data/..."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(runner: CliRunner, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """Invoke the real app; no GitHub or data-folder variables unless given."""
    full_env: dict[str, str | None] = {"GITHUB_ACTIONS": None, "INKOOPCHECK_DATA": None}
    full_env.update(env or {})
    result = runner.invoke(app, list(args), env=full_env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def validate_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = run(runner, "validate", "--data", "data", "--date", DATE, "--format", "json", *args)
    doc: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, doc


def codes_by_file(doc: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in doc["findings"]:
        out.setdefault(f["path"], set()).add(f["code"])
    return out


# --- the shipped data -------------------------------------------------------------


def test_shipped_data_validates(runner: CliRunner) -> None:
    result = run(runner, "validate", "--data", str(ROOT / "data"), "--date", DATE)
    assert result.exit_code == 0, result.stdout
    last = result.stdout.splitlines()[-1]
    assert last.startswith("46 bestanden en kader.yaml gecontroleerd: 0 fouten, ")
    assert last.endswith(" — in orde.")
    assert " fout " not in result.stdout


def test_shipped_data_found_from_the_working_directory(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No --data: the nearest data/ with a kader.yaml, from the working directory up."""
    monkeypatch.chdir(ROOT / "data" / "tenders")
    result = run(runner, "validate", "--date", DATE, "--format", "json")
    doc = json.loads(result.stdout)
    assert (result.exit_code, doc["files"], doc["errors"]) == (0, 47, 0)


# --- text ---------------------------------------------------------------------------


def test_text_output_exactly(runner: CliRunner, here: Path) -> None:
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": textwrap.dedent("""\
                id: drukwerk
                titel: Drukwerk voor voorlichtingscampagnes
                directie: Comunicatie
                soort: diensten
                contractwaarde: 150000
                procedure: nationaal
                status: kalender
                """),
            "communicatie/fotografie.yaml": textwrap.dedent("""\
                id: fotografie
                titel: Fotografie
                directie: Dir. Communicatie
                soort: diensten
                contractwaarde: 200000
                procedure: nationaal
                status: kalender
                contact: j.jansen@example.nl
                """),
            "wonen/isolatie.yaml": tender("isolatie", directie="Wonen"),
        },
    )
    result = run(runner, "validate", "--data", "data", "--date", DATE, "--format", "text")
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent("""\
        data/tenders/communicatie/drukwerk.yaml:3:1: fout IC201 onbekende directie 'Comunicatie' — bedoel je 'Communicatie'?
            → Gebruik een directie uit kader.yaml: Communicatie, Wonen.
        data/tenders/communicatie/fotografie.yaml:5:1: waarschuwing IC306 de waarde (€ 200.000) ligt net onder de Europese drempel voor diensten (€ 221.000, 90 %)
            → Controleer de raming: opdelen of te laag ramen om onder de drempel te blijven mag niet.
        data/tenders/communicatie/fotografie.yaml:8:1: waarschuwing IC307 contact 'j.jansen@example.nl' lijkt een persoonlijk adres
            → Gebruik een functie- of teamadres, zoals inkoop-bv@example.nl.
        3 bestanden en kader.yaml gecontroleerd: 1 fout, 2 waarschuwingen — niet in orde.
        """)  # noqa: E501 - the lines are what the user reads
    assert result.stderr == ""


def test_text_is_the_default_and_summary_says_in_orde(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")})
    result = run(runner, "validate", "--data", "data", "--date", DATE)
    assert result.exit_code == 0
    assert (
        result.stdout
        == "1 bestand en kader.yaml gecontroleerd: 0 fouten, 0 waarschuwingen — in orde.\n"
    )


# --- json ---------------------------------------------------------------------------


def test_json_has_the_keys_of_spec(runner: CliRunner, here: Path) -> None:
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": tender("drukwerk", contractwaarde=200000),
            "communicatie/leeg.yaml": "",
        },
    )
    code, doc = validate_json(runner)
    assert code == 1
    assert set(doc) == {"findings", "files", "errors", "warnings"}
    assert (doc["files"], doc["errors"], doc["warnings"]) == (3, 1, 1)
    for f in doc["findings"]:
        assert set(f) == {"path", "line", "column", "code", "severity", "message", "hint"}
    assert doc["findings"] == [
        {
            "path": "data/tenders/communicatie/drukwerk.yaml",
            "line": 6,
            "column": 1,
            "code": "IC306",
            "severity": "waarschuwing",
            "message": "de waarde (€ 200.000) ligt net onder de Europese drempel voor diensten "
            "(€ 221.000, 90 %)",
            "hint": "Controleer de raming: opdelen of te laag ramen om onder de drempel te "
            "blijven mag niet.",
        },
        {
            "path": "data/tenders/communicatie/leeg.yaml",
            "line": None,
            "column": None,
            "code": "IC007",
            "severity": "fout",
            "message": "het bestand is leeg (of bevat alleen commentaar)",
            "hint": "Vul de velden in; kijk voor een voorbeeld in de handleiding of gebruik "
            "'inkoopcheck new'.",
        },
    ]


# --- github -------------------------------------------------------------------------


def test_github_annotations_with_escaping(runner: CliRunner, here: Path) -> None:
    """Properties escape % \\r \\n : and ,; the message escapes % \\r \\n (the hint
    follows the message on a new line, as %0A)."""
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": tender("drukwerk").replace(
                "contractwaarde:", "contractwarde:"
            ),
            "communicatie/foto,oud:v2%.yaml": tender("foto", contractwaarde=200000),
        },
    )
    result = run(runner, "validate", "--data", "data", "--date", DATE, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(
        "::error file=data/tenders/communicatie/drukwerk.yaml,line=6,col=1,title=IC102::"
        "onbekend veld 'contractwarde' — bedoel je 'contractwaarde'?%0AToegestane velden hier: "
    )
    assert lines[1] == (
        "::error file=data/tenders/communicatie/foto%2Coud%3Av2%25.yaml,line=1,col=1,"
        "title=IC204::id 'foto' is niet gelijk aan de bestandsnaam 'foto,oud:v2%25.yaml'"
        "%0AHernoem het bestand naar foto.yaml."
    )
    assert lines[2] == (
        "::warning file=data/tenders/communicatie/foto%2Coud%3Av2%25.yaml,line=6,col=1,"
        "title=IC306::de waarde (€ 200.000) ligt net onder de Europese drempel voor diensten "
        "(€ 221.000, 90 %25)%0AControleer de raming: opdelen of te laag ramen om onder de "
        "drempel te blijven mag niet."
    )
    assert (
        lines[3]
        == "2 bestanden en kader.yaml gecontroleerd: 2 fouten, 1 waarschuwing — niet in orde."
    )


def test_file_level_annotation_has_no_line(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/leeg.yaml": ""})
    result = run(runner, "validate", "--data", "data", "--date", DATE, "--format", "github")
    assert result.stdout.splitlines()[0] == (
        "::error file=data/tenders/communicatie/leeg.yaml,title=IC007::het bestand is leeg "
        "(of bevat alleen commentaar)%0AVul de velden in; kijk voor een voorbeeld in de "
        "handleiding of gebruik 'inkoopcheck new'."
    )


def test_github_actions_selects_github_format(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/leeg.yaml": ""})
    auto = run(runner, "validate", "--data", "data", "--date", DATE, env={"GITHUB_ACTIONS": "true"})
    assert auto.exit_code == 1
    assert auto.stdout.startswith("::error file=data/tenders/communicatie/leeg.yaml,title=IC007::")
    chosen = run(
        runner,
        "validate",
        "--data",
        "data",
        "--date",
        DATE,
        "--format",
        "text",
        env={"GITHUB_ACTIONS": "true"},
    )
    assert chosen.stdout.startswith("data/tenders/communicatie/leeg.yaml: fout IC007 ")
    other = run(runner, "validate", "--data", "data", "--date", DATE, env={"GITHUB_ACTIONS": "1"})
    assert other.stdout.startswith("data/tenders/communicatie/leeg.yaml: fout IC007 ")


# --- exit codes ---------------------------------------------------------------------


def test_strict_turns_warnings_into_exit_1(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", contractwaarde=200000)})
    plain = run(runner, "validate", "--data", "data", "--date", DATE)
    strict = run(runner, "validate", "--data", "data", "--date", DATE, "--strict")
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    assert plain.stdout == strict.stdout
    assert "waarschuwing IC306" in strict.stdout


def test_strict_without_findings_exits_0(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")})
    assert run(runner, "validate", "--data", "data", "--date", DATE, "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "xml"),
        (["--bogus"], "--bogus"),
        (["--date", "2024-02-30"], "'2024-02-30' is geen datum; schrijf de datum als JJJJ-MM-DD"),
        (["--date", "morgen"], "'morgen' is geen datum"),
    ],
)
def test_bad_option_exits_2_without_traceback(
    runner: CliRunner, here: Path, args: list[str], message: str
) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")})
    result = run(runner, "validate", "--data", "data", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_missing_data_folder_exits_2_in_dutch(runner: CliRunner, here: Path) -> None:
    result = run(runner, "validate", "--data", "nergens")
    assert result.exit_code == 2
    assert result.stderr == (
        "inkoopcheck: --data wijst naar 'nergens', maar daar staat geen kader.yaml.\n"
    )
    result = run(runner, "validate")
    assert result.exit_code == 2
    assert result.stderr.startswith("inkoopcheck: geen datamap gevonden: er is geen map 'data'")
    assert "--data PAD" in result.stderr


def test_data_folder_from_environment(runner: CliRunner, here: Path) -> None:
    write_data(here / "elders", {"communicatie/leeg.yaml": ""})
    result = run(runner, "validate", "--format", "json", env={"INKOOPCHECK_DATA": "elders/data"})
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["path"] == (
        "elders/data/tenders/communicatie/leeg.yaml"
    )
    result = run(runner, "validate", env={"INKOOPCHECK_DATA": "nergens"})
    assert result.exit_code == 2
    assert "INKOOPCHECK_DATA wijst naar 'nergens'" in result.stderr


def test_broken_kader_is_reported_against_kader(runner: CliRunner, here: Path) -> None:
    write_data(
        here,
        {"communicatie/drukwerk.yaml": tender("drukwerk")},
        kader=KADER.replace("naam: Handelingskader (testkader)", "naam: [Handelingskader"),
    )
    code, doc = validate_json(runner)
    assert code == 1
    assert [(f["path"], f["code"], f["line"]) for f in doc["findings"]] == [
        ("data/kader.yaml", "IC010", 2)
    ]


# --- which files: PATH and --changed-since ------------------------------------------


def test_paths_limit_the_report_but_not_the_cross_file_checks(
    runner: CliRunner, here: Path
) -> None:
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": tender("drukwerk"),
            "wonen/drukwerk.yaml": tender("drukwerk", directie="Wonen"),
            "wonen/kapot.yaml": "id: kapot\ntitel: [\n",
        },
    )
    code, doc = validate_json(runner, "data/tenders/communicatie/drukwerk.yaml")
    assert code == 1
    assert doc["files"] == 2  # the file given and kader.yaml
    assert [(f["path"], f["code"]) for f in doc["findings"]] == [
        ("data/tenders/communicatie/drukwerk.yaml", "IC206")
    ]
    assert "data/tenders/wonen/drukwerk.yaml" in doc["findings"][0]["message"]

    code, doc = validate_json(runner, "data/tenders/wonen")
    assert code == 1
    assert doc["files"] == 3
    assert codes_by_file(doc) == {
        "data/tenders/wonen/drukwerk.yaml": {"IC206"},
        "data/tenders/wonen/kapot.yaml": {"IC010"},
    }


def test_path_outside_the_data_folder_is_checked_too(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")})
    (here / "nieuw.yaml").write_text(tender("drukwerk"), encoding="utf-8")
    code, doc = validate_json(runner, "nieuw.yaml")
    assert code == 1
    assert codes_by_file(doc) == {"nieuw.yaml": {"IC204", "IC206"}}


def test_missing_path_exits_2(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")})
    result = run(runner, "validate", "--data", "data", "data/tenders/communicatie/fotografie.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "inkoopcheck: 'data/tenders/communicatie/fotografie.yaml' bestaat niet.\n"
    )


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.nl",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.nl",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_changed_since_reports_only_changed_and_new_files(runner: CliRunner, here: Path) -> None:
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": tender("drukwerk"),
            "communicatie/fotografie.yaml": tender("fotografie"),
            "wonen/oud-en-kapot.yaml": "id: oud-en-kapot\ntitel: [\n",
        },
    )
    git(here, "init", "-q")
    git(here, "add", ".")
    git(here, "commit", "-q", "-m", "start")
    # change one committed file, add one new untracked file that reuses an id
    (here / "data/tenders/communicatie/fotografie.yaml").write_text(
        tender("fotografie", contractwaarde="200.000"), encoding="utf-8"
    )
    (here / "data/tenders/wonen/drukwerk.yaml").write_text(
        tender("drukwerk", directie="Wonen"), encoding="utf-8"
    )

    code, doc = validate_json(runner, "--changed-since", "HEAD")
    assert code == 1
    assert doc["files"] == 3  # two changed files and kader.yaml
    assert codes_by_file(doc) == {
        "data/tenders/communicatie/fotografie.yaml": {"IC107"},
        "data/tenders/wonen/drukwerk.yaml": {"IC206"},  # the other copy is unchanged
    }

    git(here, "add", ".")
    git(here, "commit", "-q", "-m", "wijzigingen")
    code, doc = validate_json(runner, "--changed-since", "HEAD")
    assert (code, doc["findings"], doc["files"]) == (0, [], 1)
    code, doc = validate_json(runner, "--changed-since", "HEAD~1")
    assert codes_by_file(doc).keys() == {
        "data/tenders/communicatie/fotografie.yaml",
        "data/tenders/wonen/drukwerk.yaml",
    }


def test_changed_since_bad_ref_exits_2(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")})
    result = run(runner, "validate", "--data", "data", "--changed-since", "HEAD")
    assert result.exit_code == 2
    assert "ligt niet in een git-repository" in result.stderr
    git(here, "init", "-q")
    git(here, "add", ".")
    git(here, "commit", "-q", "-m", "start")
    for ref in ("bestaat-niet", "--output=/tmp/x"):
        result = run(runner, "validate", "--data", "data", f"--changed-since={ref}")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith("inkoopcheck: --changed-since: ")
    result = run(runner, "validate", "--data", "data", "--changed-since", "bestaat-niet")
    assert result.stderr == (
        "inkoopcheck: --changed-since: git kent de referentie 'bestaat-niet' niet.\n"
    )


# --- cross-file checks ----------------------------------------------------------------


def test_id_must_equal_file_name(runner: CliRunner, here: Path) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk-2025")})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = doc["findings"]
    assert (f["code"], f["line"]) == ("IC204", 1)
    assert f["message"] == "id 'drukwerk-2025' is niet gelijk aan de bestandsnaam 'drukwerk.yaml'"
    assert f["hint"] == "Hernoem het bestand naar drukwerk-2025.yaml, of zet 'id: drukwerk'."


def test_tender_in_another_directies_folder(runner: CliRunner, here: Path) -> None:
    write_data(here, {"wonen/drukwerk.yaml": tender("drukwerk", directie="Dir. Communicatie")})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = doc["findings"]
    assert (f["code"], f["line"]) == ("IC205", 3)
    assert f["message"] == "directie 'Dir. Communicatie' staat in de map van Wonen"
    assert f["hint"].startswith("Zet het bestand in tenders/communicatie/ ")


def test_tender_directly_in_tenders_is_in_no_directie_folder(runner: CliRunner, here: Path) -> None:
    write_data(here, {"drukwerk.yaml": tender("drukwerk")})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = doc["findings"]
    assert (f["path"], f["code"], f["line"]) == ("data/tenders/drukwerk.yaml", "IC205", 3)
    assert f["message"] == "het bestand staat direct in tenders/, niet in de map van een directie"
    assert f["hint"] == (
        "Zet het bestand in tenders/communicatie/ zodat Communicatie de wijziging goedkeurt."
    )


def test_one_file_given_says_kader_yaml_was_checked_too(runner: CliRunner, here: Path) -> None:
    write_data(
        here,
        {"communicatie/drukwerk.yaml": tender("drukwerk"), "wonen/post.yaml": tender("post")},
    )
    result = run(
        runner, "validate", "--data", "data", "--date", DATE, "data/tenders/wonen/post.yaml"
    )
    assert result.stdout.splitlines()[-1] == (
        "1 bestand en kader.yaml gecontroleerd: 1 fout, 0 waarschuwingen — niet in orde."
    )


def test_tenders_is_a_file_not_a_folder(runner: CliRunner, here: Path) -> None:
    data = write_data(here, {})
    (data / "tenders").rmdir()
    (data / "tenders").write_text("", encoding="utf-8")
    result = run(runner, "validate", "--data", "data", "--date", DATE)
    assert result.exit_code == 1
    assert result.stdout == (
        "data/tenders: fout IC020 hier hoort de map met de aanbestedingen, maar dit is geen map\n"
        "    → Maak van tenders een map met één map per directie; de aanbestedingen staan in "
        "tenders/<directie>/<id>.yaml.\n"
        "kader.yaml gecontroleerd: 1 fout, 0 waarschuwingen — niet in orde.\n"
    )
    for command in ("triage", "report"):
        result = run(runner, command, "--data", "data", "--date", DATE)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.endswith(
            "inkoopcheck: de datamap klopt niet; herstel dat eerst (zie hierboven).\n"
        )


def test_same_id_twice(runner: CliRunner, here: Path) -> None:
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": tender("drukwerk"),
            "wonen/drukwerk.yaml": tender("drukwerk", directie="Wonen"),
        },
    )
    code, doc = validate_json(runner)
    assert code == 1
    assert [(f["path"], f["code"], f["line"], f["message"]) for f in doc["findings"]] == [
        (
            "data/tenders/communicatie/drukwerk.yaml",
            "IC206",
            1,
            "id 'drukwerk' wordt ook gebruikt in data/tenders/wonen/drukwerk.yaml",
        ),
        (
            "data/tenders/wonen/drukwerk.yaml",
            "IC206",
            1,
            "id 'drukwerk' wordt ook gebruikt in data/tenders/communicatie/drukwerk.yaml",
        ),
    ]


SR = {"percentage": 5, "werkwijze": "traditioneel"}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # the brief's case: diensten, € 500.000, nationaal, 2025-Q1 (threshold € 221.000)
        (
            {"contractwaarde": 500000, "publicatie": {"kwartaal": "2025-Q1", "zekerheid": "zeker"}},
            "procedure 'nationaal' terwijl de waarde (€ 500.000) boven de Europese drempel "
            "voor diensten ligt (€ 221.000)",
        ),
        # the threshold of the period of publication: € 216.000 from 2026
        (
            {
                "soort": "leveringen",
                "contractwaarde": 218000,
                "publicatie": {"kwartaal": "2026-Q1", "zekerheid": "zeker"},
            },
            "procedure 'nationaal' terwijl de waarde (€ 218.000) boven de Europese drempel "
            "voor leveringen ligt (€ 216.000)",
        ),
        # werken have their own threshold
        (
            {"soort": "werken", "contractwaarde": 6000000, "procedure": "meervoudig-onderhands"},
            "procedure 'meervoudig-onderhands' terwijl de waarde (€ 6.000.000) boven de "
            "Europese drempel voor werken ligt (€ 5.538.000)",
        ),
    ],
)
def test_procedure_contradicts_threshold(
    runner: CliRunner, here: Path, fields: dict[str, Any], expected: str
) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", social_return=SR, **fields)})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = doc["findings"]
    assert (f["code"], f["line"], f["message"]) == ("IC207", 7, expected)


@pytest.mark.parametrize(
    "fields",
    [
        # same value in 2025: below € 221.000 (only 'net onder' advice)
        {
            "soort": "leveringen",
            "contractwaarde": 218000,
            "publicatie": {"kwartaal": "2025-Q4", "zekerheid": "zeker"},
        },
        {"contractwaarde": 500000, "procedure": "europees"},
        {"soort": "sociale-diensten", "contractwaarde": 700000},
    ],
)
def test_procedure_that_fits_the_threshold(
    runner: CliRunner, here: Path, fields: dict[str, Any]
) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", social_return=SR, **fields)})
    code, doc = validate_json(runner)
    assert code == 0
    assert "IC207" not in {f["code"] for f in doc["findings"]}


# --- advice (warnings) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code", "line", "message"),
    [
        (
            {"contractwaarde": DROP},
            "IC301",
            1,  # contractwaarde is absent: the top of the file
            "de waarde is onbekend terwijl de publicatie binnen 9 maanden valt (2025-Q2)",
        ),
        (
            {
                "personeel": "ja",
                "themas": {"representatie": "open", "sociale_veiligheid": "ja"},
            },
            "IC302",
            13,
            "thema Representatie is relevant (Inzet van personeel) maar nog open",
        ),
        (
            {
                "personeel": "ja",
                "themas": {"representatie": "ja", "sociale_veiligheid": "nee"},
            },
            "IC303",
            14,
            "thema Sociale veiligheid is relevant (Inzet van personeel) maar staat op nee "
            "zonder toelichting",
        ),
        (
            {"publicatie": {"datum": date(2024, 10, 1), "zekerheid": "zeker"}},
            "IC304",
            16,
            "publicatie (2024-10-01) is voorbij maar de status is nog 'kalender'",
        ),
        (
            {"contractwaarde": 300000, "procedure": "europees"},
            "IC305",
            6,
            "geen social return bij een waarde van € 300.000 (drempel € 250.000)",
        ),
        (
            {"contractwaarde": 180000},
            "IC306",
            6,
            "de waarde (€ 180.000) ligt net onder de Europese drempel voor diensten "
            "(€ 221.000, 81 %)",
        ),
        (
            {"contact": "p.de.vries@example.nl"},
            "IC307",
            17,
            "contact 'p.de.vries@example.nl' lijkt een persoonlijk adres",
        ),
        (
            {"social_return": {"werkwijze": "maatwerk", "voorstel": "geaccepteerd"}},
            "IC308",
            19,
            "de proeftuin (Maatwerk voor Mensen) is geaccepteerd maar heeft geen evaluatiedatum",
        ),
        (
            {
                "social_return": {
                    "percentage": 5,
                    "gestart": date(2025, 3, 1),
                    "evaluatie": date(2026, 6, 1),
                }
            },
            "IC309",
            22,
            "de evaluatie (2026-06-01) ligt meer dan een jaar na de start (2025-03-01)",
        ),
        (
            {"soort": DROP, "procedure": DROP},
            "IC310",
            1,  # soort is absent: the top of the file
            "soort ontbreekt, dus de Europese drempel is niet te bepalen",
        ),
    ],
    ids=[f"IC30{i}" for i in range(1, 10)] + ["IC310"],
)
def test_advice_warning(
    runner: CliRunner,
    here: Path,
    fields: dict[str, Any],
    code: str,
    line: int,
    message: str,
) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", **fields)})
    exit_code, doc = validate_json(runner)
    assert exit_code == 0, doc
    [f] = doc["findings"]
    assert (f["code"], f["severity"], f["message"]) == (code, "waarschuwing", message)
    assert f["hint"]
    assert f["line"] == line
    assert validate_json(runner, "--strict")[0] == 1


def test_no_advice_for_finished_tenders(runner: CliRunner, here: Path) -> None:
    fields = {"contractwaarde": DROP, "personeel": "ja", "themas": {}, "status": "afgerond"}
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", **fields)})
    assert validate_json(runner)[1]["findings"] == []


# --- kader.yaml -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "message"),
    [
        (
            "themas: [representatie, sociale_veiligheid]",
            "themas: [representatie, sociale_veiligheid, toegankelijkhied]",
            "IC401",
            19,
            "regel 'inzet-personeel' noemt onbekend thema 'toegankelijkhied' — bedoel je "
            "'toegankelijkheid'?",
        ),
        (
            "  - {vanaf: 2026-01-01, tot: 2027-12-31",
            "  - {vanaf: 2025-07-01, tot: 2027-12-31",
            "IC402",
            13,
            "drempelperiode vanaf 2025-07-01 overlapt met de periode 2024-01-01 tot 2025-12-31",
        ),
        (
            "Wonen: {slug: wonen, aliassen: [Dir. Wonen]}",
            "Wonen: {slug: wonen, aliassen: [Dir. Wonen, Dir. Communicatie]}",
            "IC403",
            8,
            "'Dir. Communicatie' hoort al bij directie 'Communicatie'",
        ),
        (
            "Wonen: {slug: wonen,",
            "Wonen: {slug: communicatie,",
            "IC404",
            8,
            "map 'communicatie' hoort al bij directie 'Communicatie'",
        ),
        (
            "als: {personeel: ja}",
            "als: {personeel: ja, directie: [Comunicatie]}",
            "IC405",
            18,
            "regel 'inzet-personeel' noemt onbekende directie 'Comunicatie'",
        ),
        (
            "leadbuyers: [Bedrijfsvoering, Fysiek]",
            "leadbuyers: [Bedrijfsvoering, Fysiek, bedrijfsvoering]",
            "IC407",
            9,
            "leadbuyer 'bedrijfsvoering' staat er twee keer",
        ),
    ],
    ids=["IC401", "IC402", "IC403", "IC404", "IC405", "IC407"],
)
def test_kader_errors_are_reported_against_kader(
    runner: CliRunner, here: Path, old: str, new: str, code: str, line: int, message: str
) -> None:
    assert old in KADER
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")}, KADER.replace(old, new))
    exit_code, doc = validate_json(runner)
    assert exit_code == 1
    [f] = doc["findings"]
    assert (f["path"], f["code"], f["line"], f["message"]) == (
        "data/kader.yaml",
        code,
        line,
        message,
    )


def test_duplicate_rule_id(runner: CliRunner, here: Path) -> None:
    rule = KADER[KADER.index("  - id: inzet-personeel") : KADER.index("triage:")]
    kader = KADER.replace("triage:", rule + "triage:")
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")}, kader)
    exit_code, doc = validate_json(runner)
    assert exit_code == 1
    assert [(f["path"], f["code"], f["line"]) for f in doc["findings"]] == [
        ("data/kader.yaml", "IC406", 21)
    ]


def test_kader_unknown_key_is_an_error_with_line(runner: CliRunner, here: Path) -> None:
    kader = KADER.replace("  horizon_maanden: 9", "  horizon_maanden: 9\n  capacitet: 4")
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk")}, kader)
    exit_code, doc = validate_json(runner)
    assert exit_code == 1
    [f] = doc["findings"]
    assert (f["path"], f["code"], f["line"]) == ("data/kader.yaml", "IC102", 23)
    assert f["message"] == "onbekend veld 'capacitet' in 'triage' — bedoel je 'capaciteit'?"


# --- CPV codes ------------------------------------------------------------------------


@pytest.mark.parametrize("cpv", [["79620000-6"], ["79620000"], [79620000], ["45313000-4"]])
def test_cpv_code_with_or_without_check_digit_is_accepted(
    runner: CliRunner, here: Path, cpv: list[Any]
) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", cpv=cpv)})
    assert validate_json(runner) == (0, {"findings": [], "files": 2, "errors": 0, "warnings": 0})


@pytest.mark.parametrize(
    ("cpv", "message"),
    [
        ("79620000-1", "CPV-code '79620000-1' heeft een verkeerd controlecijfer — bedoel je "),
        ("99999999-9", "CPV-code '99999999-9' bestaat niet"),
        ("7962", "cpv[1]: '7962' is geen CPV-code"),
    ],
)
def test_cpv_code_not_in_the_list(runner: CliRunner, here: Path, cpv: str, message: str) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", cpv=[cpv])})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = doc["findings"]
    assert f["line"] == 20  # 'cpv:' is the last field; its item stands on the next line
    assert f["message"].startswith(message)


# --- the command line itself ------------------------------------------------------------


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_help_and_version_load_no_models(args: list[str]) -> None:
    """--help and --version answer at once: no pydantic models, no openpyxl."""
    code = (
        "import sys\n"
        "from inkoopcheck.cli import main\n"
        f"sys.argv = ['inkoopcheck', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'openpyxl')]\n"
        "heavy += [m for m in sys.modules if m in ('inkoopcheck.models', 'inkoopcheck.kader')]\n"
        "print('ZWAAR', sorted(heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "ZWAAR []"
    if args == ["--version"]:
        assert proc.stdout.startswith("inkoopcheck ")


def test_text_in_colour_for_a_terminal() -> None:
    from inkoopcheck.findings import Finding, Severity
    from inkoopcheck.render.findings import text

    findings = [
        Finding("a.yaml", 3, 1, "IC102", Severity.FOUT, "onbekend veld 'x'", "Haal het weg."),
        Finding("a.yaml", 5, 1, "IC302", Severity.WAARSCHUWING, "thema open", None),
    ]
    assert text(findings, 2, color=True) == (
        "\x1b[1ma.yaml:3:1\x1b[0m: \x1b[31mfout\x1b[0m IC102 onbekend veld 'x'\n"
        "\x1b[2m    → Haal het weg.\x1b[0m\n"
        "\x1b[1ma.yaml:5:1\x1b[0m: \x1b[33mwaarschuwing\x1b[0m IC302 thema open\n"
        "1 bestand en kader.yaml gecontroleerd: 1 fout, 1 waarschuwing — niet in orde.\n"
    )
    assert "\x1b" not in text(findings, 2)


# --- suggestions: right or absent -------------------------------------------------

_SUGGESTIONS = [
    # (field, written, what the message ends with after the value)
    ("status", "gepland", ""),  # no status is a typo away: no guess ('gegund' was wrong)
    ("status", "x", ""),
    ("status", "kalendr", " — bedoel je 'kalender'?"),
    ("status", "gegnud", " — bedoel je 'gegund'?"),  # two letters swapped
    ("status", "voorbereid", " — bedoel je 'voorbereiding'?"),  # the start of one option
    ("status", "Kalender", " — schrijf 'kalender' (met kleine letters)"),
    ("themas.representatie", "Ja", " — schrijf 'ja' (met kleine letters)"),
    ("themas.representatie", "jaa", " — bedoel je 'ja'?"),
    ("themas.representatie", "misschien", ""),
    ("soort", "dienst", " — bedoel je 'diensten'?"),
    ("soort", "werk", " — bedoel je 'werken'?"),
    ("soort", "dingen", ""),
    ("procedure", "europes", " — bedoel je 'europees'?"),
    ("procedure", "onderhands", ""),  # meervoudig or enkelvoudig: no guess
]


@pytest.mark.parametrize(("field", "written", "ending"), _SUGGESTIONS)
def test_suggestions_are_right_or_absent(
    runner: CliRunner, here: Path, field: str, written: str, ending: str
) -> None:
    value: Any = written
    name = field
    if field == "themas.representatie":
        name = "themas"
        value = {"representatie": written, "toegankelijkheid": "ja", "sociale_veiligheid": "ja"}
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", **{name: value})})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = [f for f in doc["findings"] if f["code"] == "IC104"]
    assert f["message"] == f"{field}: '{written}' is geen geldige waarde{ending}"


@pytest.mark.parametrize(
    ("key", "ending"),
    [
        ("contractwarde", " — bedoel je 'contractwaarde'?"),
        ("Contact", " — schrijf 'contact' (met kleine letters)"),
        ("waarde", ""),  # 'contractwaarde' is too far to be sure
    ],
)
def test_field_name_suggestions(runner: CliRunner, here: Path, key: str, ending: str) -> None:
    write_data(here, {"communicatie/drukwerk.yaml": tender("drukwerk", contact=DROP, **{key: "x"})})
    code, doc = validate_json(runner)
    assert code == 1
    [f] = [f for f in doc["findings"] if f["code"] == "IC102"]
    assert f["message"] == f"onbekend veld '{key}'{ending}"


def test_text_cut_short_by_a_comment_is_a_warning(runner: CliRunner, here: Path) -> None:
    base = tender("drukwerk", titel=DROP, contractwaarde=DROP, opmerkingen=DROP)
    write_data(
        here,
        {
            "communicatie/drukwerk.yaml": base
            + "titel: Catering #2 stadhuis\n"
            + "contractwaarde: 150000  # schatting van de directie\n"  # a number: a comment
            + "opmerkingen: 'Zaal #3' # gesprek gepland\n",  # quoted: nothing lost
        },
    )
    result = run(runner, "validate", "--data", "data", "--date", DATE)
    assert result.exit_code == 0
    assert result.stdout == (
        "data/tenders/communicatie/drukwerk.yaml:17:1: waarschuwing IC114 titel: YAML leest "
        "alleen 'Catering'; '#2 stadhuis' is commentaar\n"
        '    → Hoort het bij de tekst, zet de tekst dan tussen aanhalingstekens: "Catering #2 '
        'stadhuis"; is het commentaar, zet het dan op een eigen regel.\n'
        "1 bestand en kader.yaml gecontroleerd: 0 fouten, 1 waarschuwing — in orde.\n"
    )
    # the fix the hint gives is accepted, and the title is whole
    path = here / "data/tenders/communicatie/drukwerk.yaml"
    path.write_text(
        path.read_text().replace("Catering #2 stadhuis", '"Catering #2 stadhuis"'),
        encoding="utf-8",
    )
    result = run(runner, "validate", "--data", "data", "--date", DATE)
    assert result.stdout.startswith("1 bestand en kader.yaml gecontroleerd: 0 fouten, 0 ")
