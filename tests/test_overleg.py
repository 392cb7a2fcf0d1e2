"""The overleg on record: `besluit`, the checks of data/overleg/, decisions that
stand or are reopened, the agenda's output and width, Werklast, the workbook
sheet and the calendar's edges."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.codeowners import codeowners_file as codeowners
from inkoopcheck.loader import load_kader
from inkoopcheck.schema import render_overleg

from .helpers import make_data, snapshot, tender
from .test_overleg_month import KADER

ROOT = Path(__file__).resolve().parent.parent
DAY = "2025-01-06"

TENDERS = {
    "bedrijfsvoering/uitzendkrachten-2025": tender(
        "uitzendkrachten-2025",
        "Uitzendkrachten",
        personeel="ja",
        soort="diensten",
        contractwaarde="1000000",
        procedure="europees",
        publicatie="{datum: 2025-04-15, zekerheid: zeker}",
    ),
    "fysiek/liften-2025": tender(
        "liften-2025",
        "Onderhoud liften",
        "Fysiek",
        soort="diensten",
        contractwaarde="400000",
        procedure="europees",
        publicatie="{kwartaal: 2025-Q2, zekerheid: waarschijnlijk}",
    ),
}

HAND_MADE = """\
# yaml-language-server: $schema=../../schema/overleg.schema.json
# Overleg van de eerste week.
datum: 2025-01-06
aanwezig: [Team inclusief inkopen, Directie Inkoop]   # wie er waren
besluiten:
  - id: liften-2025   # de liften
    rol: achtervang
    toelichting: De directie heeft ervaring met liften.
# tot slot
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path, TENDERS, KADER)


def run(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, list(args))


def agenda_json(runner: CliRunner, data: Path, day: str = DAY) -> dict[str, object]:
    result = runner.invoke(
        app, ["triage", "--data", str(data), "--date", day, "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def by_id(doc: dict[str, object]) -> dict[str, dict[str, object]]:
    return {t["id"]: t for t in doc["aanbestedingen"]}  # type: ignore[attr-defined, index]


# --- besluit ---------------------------------------------------------------------------


def test_besluit_changes_and_adds_keeping_comments(runner: CliRunner, data: Path) -> None:
    (data / "overleg").mkdir()
    path = data / "overleg" / f"{DAY}.yaml"
    path.write_text(HAND_MADE, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "besluit",
            "liften-2025",
            "uitzendkrachten-2025",
            "aanschuiven",
            "--data",
            str(data),
            "--datum",
            DAY,
            "--toelichting",
            "Samen met de directie: #1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "liften-2025: aanschuiven (in dit overleg was het achtervang)" in result.stdout
    assert "uitzendkrachten-2025: aanschuiven (nieuw besluit)" in result.stdout
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/overleg.schema.json\n"
        "# Overleg van de eerste week.\n"
        "datum: 2025-01-06\n"
        "aanwezig: [Team inclusief inkopen, Directie Inkoop]   # wie er waren\n"
        "besluiten:\n"
        "  - id: liften-2025   # de liften\n"
        "    rol: aanschuiven\n"
        '    toelichting: "Samen met de directie: #1"\n'
        "  - id: uitzendkrachten-2025\n"
        "    rol: aanschuiven\n"
        '    toelichting: "Samen met de directie: #1"\n'
        "# tot slot\n"
    )
    assert [p.name for p in (data / "overleg").iterdir()] == [f"{DAY}.yaml"]  # no temp files
    valid = runner.invoke(app, ["validate", "--data", str(data), "--date", DAY, "--no-cache"])
    assert "overleg" not in valid.stdout, valid.stdout


def test_besluit_dry_run_writes_nothing(runner: CliRunner, data: Path) -> None:
    before = snapshot(data)
    result = runner.invoke(
        app, ["besluit", "liften-2025", "geen", "--data", str(data), "--datum", DAY, "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "datum: 2025-01-06\naanwezig:\n  - Team inclusief inkopen\n" in result.stdout
    assert "  - id: liften-2025\n    rol: geen\n" in result.stdout
    assert "Proefrun: er is niets geschreven." in result.stderr
    assert snapshot(data) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["liften-205", "geen"],
            "geen aanbesteding met id 'liften-205' — bedoel je 'liften-2025'?",
        ),
        (["liften-2025", "aanschuven"], "'aanschuven' is geen rol — bedoel je 'aanschuiven'?"),
        (["geen"], "geef eerst een of meer id's en dan de rol"),
        (["liften-2025", "geen", "--tot", DAY], "ligt niet na het overleg"),
        (["liften-2025", "geen", "--datum", "6-1-2025"], "'6-1-2025' is geen datum"),
    ],
)
def test_besluit_refuses_with_exit_2(
    runner: CliRunner, data: Path, args: list[str], message: str
) -> None:
    before = snapshot(data)
    result = runner.invoke(
        app, ["besluit", *args, "--data", str(data)] + ["--datum", DAY] * ("--datum" not in args)
    )
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert snapshot(data) == before


def test_besluit_refuses_a_broken_overleg_file(runner: CliRunner, data: Path) -> None:
    (data / "overleg").mkdir()
    (data / "overleg" / f"{DAY}.yaml").write_text("datum: 2025-01-06\nbesluiten: [\n")
    before = snapshot(data)
    result = runner.invoke(
        app,
        ["besluit", "liften-2025", "geen", "--data", str(data), "--datum", DAY],
    )
    assert result.exit_code == 1
    assert f"data/overleg/{DAY}.yaml heeft fouten; herstel die eerst" in result.stderr
    assert snapshot(data) == before


# --- validate ------------------------------------------------------------------------


def test_validate_checks_the_overleg_files(runner: CliRunner, data: Path) -> None:
    folder = data / "overleg"
    folder.mkdir()
    (folder / "2025-01-06.yaml").write_text(
        "datum: 2025-01-06\n"
        "aanwezig: [Team inclusief inkopen]\n"
        "besluiten:\n"
        "  - id: liften-2025\n"
        "    rol: aanschuiven\n"
        "  - id: liften-2025\n"
        "    rol: geen\n"
        "    tot: 2025-01-01\n"
        "  - id: uitzendkrachten-2052\n"
        "    rol: geen\n"
    )
    (folder / "2025-01-13.yaml").write_text("datum: 2025-01-14\n")
    (folder / "notities.txt").write_text("losse notities\n")
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", "2025-01-10"])
    assert result.exit_code == 1
    out = result.stdout
    first, second = "data/overleg/2025-01-06.yaml", "data/overleg/2025-01-13.yaml"
    assert (
        f"{first}:6:5: fout IC505 'liften-2025' staat twee keer in dit overleg (ook op regel 4)"
    ) in out
    assert f"{first}:8:5: waarschuwing IC506 'tot: 2025-01-01' ligt niet na het overleg" in out
    assert (
        f"{first}:9:5: fout IC504 er is geen aanbesteding met id 'uitzendkrachten-2052' — "
        "bedoel je 'uitzendkrachten-2025'?"
    ) in out
    assert f"{second}:1:1: fout IC502 datum 2025-01-14 is niet de datum van de bestandsnaam" in out
    assert f"{second}:1:1: fout IC503 het overleg van 2025-01-14 ligt na de peildatum" in out
    assert f"{second}:1:1: waarschuwing IC507 er staat niet bij wie er" in out
    assert "data/overleg/notities.txt: fout IC501 'notities.txt' is geen overlegbestand" in out


def test_a_role_in_the_tender_file_still_counts_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    tenders = dict(TENDERS)
    tenders["fysiek/liften-2025"] += "betrokkenheid: {rol: aanschuiven, sinds: 2024-12-09}\n"
    data = make_data(tmp_path, tenders, KADER)
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", DAY])
    assert (
        "waarschuwing IC508 de rol van het team (aanschuiven) staat in het aanbestedingsbestand"
    ) in result.stdout
    assert "inkoopcheck besluit liften-2025 aanschuiven --datum 2024-12-09" in result.stdout
    row = by_id(agenda_json(runner, data))["liften-2025"]
    assert row["rol"] == "aanschuiven" and row["rol_besloten"] is True
    # a later decision of the overleg is the later word
    run(runner, "besluit", "liften-2025", "achtervang", "--data", str(data), "--datum", DAY)
    row = by_id(agenda_json(runner, data))["liften-2025"]
    assert row["rol"] == "achtervang" and row["besluit"]["bron"].endswith(f"{DAY}.yaml")  # type: ignore[index]


def test_a_decision_lapses_after_its_tot(runner: CliRunner, data: Path) -> None:
    run(
        runner, "besluit", "liften-2025", "geen", "--data", str(data), "--datum", DAY,
        "--tot", "2025-02-01",
    )  # fmt: skip
    assert by_id(agenda_json(runner, data, "2025-02-01"))["liften-2025"]["rol"] == "geen"
    later = by_id(agenda_json(runner, data, "2025-02-02"))["liften-2025"]
    # ranked again: with a free place the triage proposes aanschuiven
    assert later["rol"] == "aanschuiven" and later["rol_besloten"] is False
    assert later["besluit"]["waarom_niet"] == ["het besluit gold tot 2025-02-01"]  # type: ignore[index]
    # an overleg after the peildatum has not happened yet: it does not count
    assert by_id(agenda_json(runner, data, "2025-01-05"))["liften-2025"]["besluit"] is None


# --- codeowners and schema -----------------------------------------------------------


def test_codeowners_gives_the_overleg_folder_to_the_team() -> None:
    kader = load_kader(ROOT / "data" / "kader.yaml").kader
    assert kader is not None
    lines = codeowners(kader, "data").text.splitlines()
    assert "/data/overleg/ @org/team-inclusief-inkopen" in lines
    # after the general tenders line, before the directies: no directie folder matches it
    assert lines.index("/data/overleg/ @org/team-inclusief-inkopen") > lines.index(
        "/data/tenders/ @org/team-inclusief-inkopen"
    )


def test_committed_overleg_schema_is_current_and_accepts_a_real_file(
    runner: CliRunner, data: Path
) -> None:
    committed = (ROOT / "schema" / "overleg.schema.json").read_text(encoding="utf-8")
    assert committed == render_overleg()
    shown = runner.invoke(app, ["schema", "--overleg", "--data", str(data)])
    assert shown.stdout == committed
    schema = json.loads(committed)
    jsonschema.Draft202012Validator.check_schema(schema)
    made = {
        "datum": "2025-01-06",
        "aanwezig": ["Team inclusief inkopen"],
        "besluiten": [{"id": "liften-2025", "rol": "geen", "tot": "2025-03-01"}],
    }
    jsonschema.validate(made, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**made, "besluiten": [{"id": "liften-2025", "rol": "soms"}]}, schema)


# --- the agenda: output and width ----------------------------------------------------


def test_agenda_output_follows_the_one_output_rule(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    target = tmp_path / "agenda.md"
    args = ["triage", "--data", str(data), "--date", DAY, "--output", str(target)]
    assert runner.invoke(app, args).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Triage inclusief inkopen — 2025-01-06")
    target.write_text("eigen aantekeningen\n")
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "bestaat al. Geef --force" in again.stderr
    assert target.read_text() == "eigen aantekeningen\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert "## Werklast" in target.read_text(encoding="utf-8")
    as_json = tmp_path / "agenda.json"
    assert runner.invoke(app, [*args[:-1], str(as_json)]).exit_code == 0
    assert json.loads(as_json.read_text())["werklast"]["capaciteit"] == 2
    inside = runner.invoke(app, [*args[:-1], str(data / "agenda.txt")])
    assert inside.exit_code == 2 and "ligt in de datamap" in inside.stderr


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_table_fits_and_keeps_role_score_signals(
    data: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inkoopcheck.agenda import build
    from inkoopcheck.analysis import analyse
    from inkoopcheck.render.agenda import text
    from inkoopcheck.triage import triage

    analysis = analyse(data, __import__("datetime").date(2025, 1, 6))
    assert analysis.kader is not None
    t = triage(analysis.valid_tenders(), analysis.kader, analysis.peildatum)
    out = text(build(t, 12), analysis.kader, width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    flat = re.sub(r"[\s│┃]+", " ", out)
    for d in t.decisions:
        row = flat[flat.index(d.tender.titel) :]
        assert d.role in row[:400] and f"{d.score:.1f}".replace(".", ",") in row[:400]
        for s in d.signals:
            assert s.tekst.split(":")[0] in row[:600], s.tekst


# --- Werklast ------------------------------------------------------------------------


def test_quarter_publications_are_an_honest_estimate(runner: CliRunner, data: Path) -> None:
    doc = agenda_json(runner, data)
    months = {m["maand"]: m for m in doc["werklast"]["maanden"]}  # type: ignore[index]
    # the lifts publish somewhere in 2025-Q2: on 28 February in preparation with the
    # chance 53/91 (publication 1 April to 23 May), beside the uitzendkrachten (exact)
    feb = months["2025-02"]
    assert feb["aanschuiven_schatting"] is True and feb["aanschuiven"] == round(1 + 53 / 91, 2)
    assert months["2025-09"]["aanschuiven"] == 0 and not months["2025-09"]["aanschuiven_schatting"]
    md = runner.invoke(
        app, ["triage", "--data", str(data), "--date", DAY, "--format", "markdown"]
    ).stdout
    assert "| februari 2025 | ca. 1,6 | 0 | 2 |" in md and "| september 2025 | 0 | 0 | 2 |" in md
    assert "'ca.' is een schatting" in md


def test_workbook_has_a_werklast_sheet_with_a_chart(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "overzicht.xlsx"
    result = runner.invoke(
        app, ["report", "--data", str(data), "--date", DAY, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Werklast"]
    rows = [[c.value for c in r] for r in ws.iter_rows(max_row=4, max_col=5)]
    assert rows[0][:4] == [
        "Maand",
        "Aanschuiven (tegelijk)",
        "Relevant, niet aanschuiven",
        "Capaciteit",
    ]
    assert rows[1][0] == "januari 2025" and rows[2][:5] == ["februari 2025", 1.6, 0, 2, "ja"]
    assert len(ws._charts) == 1


# --- the calendar's edges ------------------------------------------------------------


def test_calendar_without_git_and_for_one_directie(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "fysiek.ics"
    result = runner.invoke(
        app,
        [
            "export",
            "ics",
            "--data",
            str(data),
            "--date",
            DAY,
            "--output",
            str(out),
            "--directie",
            "Fysiek",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "SEQUENCE is 0" in result.stderr
    cal = Calendar.from_ical(out.read_bytes())
    uids = sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    assert uids == [
        "liften-2025.publicatie@inkoopcheck",
        "liften-2025.wensen-en-eisen@inkoopcheck",
    ]
    for e in cal.walk("VEVENT"):
        assert e["SEQUENCE"] == 0
        assert "Directie: Fysiek" in str(e["DESCRIPTION"])
    wrong = runner.invoke(
        app, ["export", "ics", "--data", str(data), "--output", str(tmp_path / "x.txt")]
    )
    assert wrong.exit_code == 2 and ".ics" in wrong.stderr


def test_advies_names_the_decision_of_the_overleg(runner: CliRunner, data: Path) -> None:
    run(runner, "besluit", "liften-2025", "geen", "--data", str(data), "--datum", DAY)
    result = runner.invoke(app, ["advies", "liften-2025", "--data", str(data), "--date", DAY])
    assert result.exit_code == 0, result.output
    assert "geen: " in result.stdout and "(besloten in het overleg (2025-01-06))" in result.stdout
