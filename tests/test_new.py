"""`inkoopcheck new`: from options, from answers to its questions, and never
over an existing file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.loader import load_tender
from inkoopcheck.tenderfile import SCHEMA_LINE, write_new

from .helpers import PEILDATUM, assert_valid, snapshot

DAY = PEILDATUM.isoformat()


@pytest.fixture
def data(tmp_path: Path, shipped: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(shipped, target)
    return target


OPTIONS = [
    "--titel", "Onderhoud liften stadskantoor",
    "--directie", "bv",  # an alias, any case
    "--soort", "Diensten",
    "--waarde", "€ 1.250.000",
    "--kwartaal", "Q2 2026",
    "--zekerheid", "Waarschijnlijk (marge 1 kwartaal)",
    "--procedure", "europees",
    "--personeel", "nee",
    "--contact", "facilitair@example.nl",
    "--date", DAY,
]  # fmt: skip


def test_new_from_options(runner: CliRunner, data: Path) -> None:
    result = runner.invoke(app, ["new", "--data", str(data), *OPTIONS])
    assert result.exit_code == 0, result.output
    path = data / "tenders" / "bedrijfsvoering" / "onderhoud-liften-stadskantoor-2026.yaml"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert "contractwaarde: 1250000  #" in text  # with a Dutch comment per field
    assert "directie: Bedrijfsvoering" in text  # the alias becomes the canonical name
    assert_valid(path, data)
    tender = load_tender(path).tender
    assert tender is not None
    assert tender.publicatie is not None
    assert (tender.publicatie.kwartaal, tender.publicatie.zekerheid) == (
        "2026-Q2",
        "waarschijnlijk",
    )
    assert tender.personeel is False and tender.status == "kalender"
    assert "Geschreven:" in result.stdout and "git add" in result.stdout
    # the liften rule makes toegankelijkheid relevant: advice, not an error
    assert "IC302" in result.stdout


def test_dry_run_writes_nothing(runner: CliRunner, data: Path) -> None:
    before = snapshot(data)
    result = runner.invoke(app, ["new", "--data", str(data), *OPTIONS, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(SCHEMA_LINE)
    assert "id: onderhoud-liften-stadskantoor-2026" in result.stdout
    assert "niets geschreven" in result.stderr
    assert snapshot(data) == before


def test_new_by_answering_the_questions(runner: CliRunner, data: Path) -> None:
    answers = "\n".join(
        [
            "Koffieautomaten stadhuis",  # titel
            "Facilitair Buro",  # directie: a typo is asked again, with a suggestion
            "Fac. Bureau",  # an alias
            "1",  # soort: leveringen
            "veel",  # waarde: not an amount, asked again
            "6,5 mln",
            "2026-Q3",  # publicatie
            "2",  # zekerheid: Waarschijnlijk
            "",  # procedure: skipped
            "",  # leadbuyer: skipped
            "nee",  # personeel
            "",  # contact: skipped
            "",  # id: the proposal
        ]
    )
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--interactive"], input=answers + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "bedoel je 'Facilitair Bureau'?" in result.stderr
    assert "geen bedrag" in result.stderr
    assert "1. Zeker (volgens publicatiedatum)" in result.stderr  # the four labels offered
    path = data / "tenders" / "facilitair-bureau" / "koffieautomaten-stadhuis-2026.yaml"
    assert_valid(path, data)
    tender = load_tender(path).tender
    assert tender is not None and tender.publicatie is not None
    assert tender.directie == "Facilitair Bureau"
    assert tender.soort == "leveringen"
    assert tender.contractwaarde == 6_500_000
    assert tender.publicatie.zekerheid == "waarschijnlijk"
    assert tender.procedure is None and tender.contact is None


def test_questions_only_for_what_is_missing(runner: CliRunner, data: Path) -> None:
    """Options given are not asked again; an unknown publication is 'zeer onzeker'."""
    answers = "\n".join(["", "", "", "", "", "", "", "eigen-id"]) + "\n"
    result = runner.invoke(
        app,
        ["new", "--data", str(data), "--date", DAY, "--interactive", "--titel", "Drukwerk 2027",
         "--directie", "Communicatie"],
        input=answers,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Titel" not in result.stderr and "Directie (de opdrachtgever)" not in result.stderr
    path = data / "tenders" / "communicatie" / "eigen-id.yaml"
    tender = load_tender(path).tender
    assert tender is not None and tender.publicatie is not None
    assert tender.publicatie.zekerheid == "zeer-onzeker" and tender.publicatie.start is None


def test_interactive_offers_a_free_id(runner: CliRunner, data: Path) -> None:
    existing = data / "tenders" / "bedrijfsvoering" / "arbodienstverlening-2025.yaml"
    assert existing.is_file()
    answers = "\n".join(
        ["Arbodienstverlening", "Bedrijfsvoering", "", "", "2025-Q1", "1", "", "", "", "",
         "arbodienstverlening-2025", ""]
    )  # fmt: skip
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--interactive"], input=answers + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "[arbodienstverlening-2025-2]" in result.stderr  # the proposal is free
    assert "bestaat al" in result.stderr  # the taken id typed anyway is refused
    assert (existing.parent / "arbodienstverlening-2025-2.yaml").is_file()


def test_no_terminal_never_waits(runner: CliRunner, data: Path) -> None:
    """CliRunner's stdin is no terminal: what is missing is an error, not a question."""
    before = snapshot(data)
    result = runner.invoke(app, ["new", "--data", str(data), "--date", DAY, "--directie", "GGD"])
    assert result.exit_code == 2
    assert "--titel ontbreekt" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(data) == before
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--no-interactive"], input="x\n"
    )
    assert result.exit_code == 2
    assert "--titel en --directie ontbreekt" in result.stderr


def test_publication_needs_a_certainty(runner: CliRunner, data: Path) -> None:
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--titel", "X y z", "--directie", "GGD",
              "--kwartaal", "2026-Q1"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--zekerheid" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--directie", "Bedrijfsvoring"], "bedoel je 'Bedrijfsvoering'?"),
        (["--directie", "GGD", "--waarde", "veel"], "--waarde: 'veel' is geen bedrag"),
        (["--directie", "GGD", "--soort", "spullen"], "--soort: 'spullen' is geen soort"),
        (["--directie", "GGD", "--id", "Met Spaties"], "geen geldig id"),
        (["--directie", "GGD", "--leadbuyer", "Fysek"], "bedoel je 'Fysiek'?"),
        (
            ["--directie", "GGD", "--kwartaal", "2026-Q1", "--datum", "2026-01-05",
             "--zekerheid", "zeker"],
            "niet allebei",
        ),
    ],
)  # fmt: skip
def test_bad_options_are_dutch_errors(
    runner: CliRunner, data: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--titel", "Iets nieuws", *args]
    )
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_never_overwrites(runner: CliRunner, data: Path) -> None:
    existing = data / "tenders" / "bedrijfsvoering" / "arbodienstverlening-2025.yaml"
    before = existing.read_bytes()
    result = runner.invoke(
        app,
        ["new", "--data", str(data), "--date", DAY, "--titel", "Arbodienstverlening", "--directie",
         "Bedrijfsvoering", "--kwartaal", "2025-Q1", "--zekerheid", "zeker"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "tenders/bedrijfsvoering/arbodienstverlening-2025.yaml" in result.stderr
    assert existing.read_bytes() == before


def test_refuses_an_id_used_in_another_folder(runner: CliRunner, data: Path) -> None:
    """Ids are unique across the whole tenders/ folder, not per directie."""
    before = snapshot(data)
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--titel", "Arbo", "--directie", "GGD",
              "--id", "arbodienstverlening-2025"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "bedrijfsvoering/arbodienstverlening-2025.yaml" in result.stderr
    assert snapshot(data) == before


def test_refuses_what_validate_would_refuse(runner: CliRunner, data: Path) -> None:
    before = snapshot(data)
    result = runner.invoke(
        app,
        ["new", "--data", str(data), "--date", DAY, "--titel", "Beveiliging", "--directie", "GGD",
         "--soort", "diensten", "--waarde", "900000", "--procedure", "nationaal"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "IC207" in result.stderr and "niets geschreven" in result.stderr
    assert snapshot(data) == before


def test_write_new_never_replaces_a_file(tmp_path: Path) -> None:
    """Also when the file appears between the check and the write."""
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new(path, "id: b\n")
    assert path.read_text(encoding="utf-8") == "id: a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temp file left


def test_titles_that_yaml_would_misread_are_quoted(runner: CliRunner, data: Path) -> None:
    for titel in ("no", "1:30 uur # zorg", "@team inhuur", "2026-01-01"):
        result = runner.invoke(
            app, ["new", "--data", str(data), "--date", DAY, "--titel", titel, "--directie", "GGD",
                  "--id", f"titel-{abs(hash(titel))}"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        written = next((data / "tenders" / "ggd").glob(f"titel-{abs(hash(titel))}.yaml"))
        tender = load_tender(written).tender
        assert tender is not None and tender.titel == titel


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_the_questions(data: Path) -> None:
    """Without --interactive, a real terminal on stdin is enough to be asked."""
    import pty

    main, side = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "inkoopcheck", "new", "--data", str(data), "--date", DAY],
            stdin=side,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.close(side)
        # titel, directie; then Enter for soort, waarde, publicatie, procedure,
        # leadbuyer, personeel, contact and the proposed id
        os.write(main, b"Traplift gemaal\nOJZD\n" + b"\n" * 8)
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(main)
    assert proc.returncode == 0, err
    assert "Titel (de opdrachtomschrijving)" in err
    path = data / "tenders" / "ojzd" / "traplift-gemaal.yaml"
    assert_valid(path, data)
    assert "Geschreven: " in out


def test_input_that_stops_early_writes_nothing(runner: CliRunner, data: Path) -> None:
    before = snapshot(data)
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--interactive"], input="Iets\n"
    )
    assert result.exit_code == 2
    assert "gestopt; er is niets geschreven" in result.stderr
    assert snapshot(data) == before


def test_a_broken_kader_stops_before_anything_is_asked(runner: CliRunner, data: Path) -> None:
    (data / "kader.yaml").write_text("naam: [\n", encoding="utf-8")
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--interactive"], input="x\n"
    )
    assert result.exit_code == 2
    assert "kader.yaml bevat fouten" in result.stderr
    assert "Titel" not in result.stderr


def test_the_cli_loads_openpyxl_only_for_import() -> None:
    code = "import sys, inkoopcheck.cli, inkoopcheck.newtender; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_new_takes_date_for_its_check(runner: CliRunner, data: Path) -> None:
    """The advice of the check is computed for --date, not for today."""
    args = ["new", "--data", str(data), "--titel", "Drukwerk", "--directie", "GGD",
            "--kwartaal", "2030-Q1", "--zekerheid", "zeker"]  # fmt: skip
    late = runner.invoke(app, [*args, "--date", "2031-01-05", "--id", "drukwerk-laat"])
    assert late.exit_code == 0, late.output
    assert "IC304" in late.stdout  # the publication is past on that date
    early = runner.invoke(app, [*args, "--date", "2029-01-05", "--id", "drukwerk-vroeg"])
    assert early.exit_code == 0 and "IC304" not in early.output
    bad = runner.invoke(app, [*args, "--date", "25-11-2026"])
    assert bad.exit_code == 2 and "JJJJ-MM-DD" in bad.stderr


def test_new_knows_the_unknown_words(runner: CliRunner, data: Path) -> None:
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--titel", "Drukwerk",
              "--directie", "GGD", "--waarde", "n.t.b.", "--kwartaal", "nnb",
              "--id", "drukwerk-ntb"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    tender = load_tender(data / "tenders" / "ggd" / "drukwerk-ntb.yaml").tender
    assert tender is not None and tender.contractwaarde is None and tender.publicatie is None


def test_interactive_asks_again_what_the_check_refuses(runner: CliRunner, data: Path) -> None:
    """IC207 on the procedure: the procedure is asked again; the rest is kept."""
    answers = "\n".join(
        [
            "Beveiliging stadhuis",  # titel
            "GGD",  # directie
            "2",  # soort: diensten
            "900000",  # waarde: above the threshold
            "2026-Q2",  # publicatie
            "1",  # zekerheid: zeker
            "2",  # procedure: nationaal -> IC207
            "",  # leadbuyer
            "ja",  # personeel
            "beveiliging@example.nl",  # contact
            "",  # id: the proposal
            "1",  # procedure again: europees
        ]
    )
    result = runner.invoke(
        app, ["new", "--data", str(data), "--date", DAY, "--interactive"], input=answers + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "IC207" in result.stderr and "Beantwoord opnieuw: procedure." in result.stderr
    assert result.stderr.count("Titel (de opdrachtomschrijving)") == 1
    path = data / "tenders" / "ggd" / "beveiliging-stadhuis-2026.yaml"
    assert_valid(path, data)
    tender = load_tender(path).tender
    assert tender is not None
    assert (tender.procedure, tender.soort, tender.contractwaarde) == (
        "europees",
        "diensten",
        900_000,
    )
    assert tender.personeel is True and tender.contact == "beveiliging@example.nl"
