"""`inkoopcheck import`: real .xlsx files, built here with openpyxl, with the
messes real calendars have."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.loader import load_tender
from inkoopcheck.tenderedit import Edit, EditRefused, apply
from tests.helpers import assert_valid, make_data, snapshot


def run(runner: CliRunner, data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", "--data", str(data), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


# --- the workbooks -------------------------------------------------------------------------


def messy_calendar(path: Path) -> Path:
    """Every mess of the issue in one workbook: a first sheet without a table, a
    title above the header (row 4), header variants, amounts as text, labels,
    blank rows, a merged directie cell, bad rows, a totals row, a second table."""
    wb = openpyxl.Workbook()
    intro = wb.active
    assert intro is not None
    intro.title = "Uitleg"
    intro["A1"] = "Inkoopkalender van de directies; zie het tweede blad."
    ws = wb.create_sheet("Kalender 2026")
    ws["A1"] = "Inkoopkalender 2026"
    ws.merge_cells("A1:H1")
    ws["A2"] = "Stand: 1 december 2025"
    ws.append([])
    ws.append(
        [
            "DIRECTIE / stadsdeel",
            "Opdracht-omschrijving",
            "Lead buyer",
            "Waarde (€)",
            "Publicatie",
            "Waarschijnlijkheid",
            "Soort",
            "CPV",
        ]
    )  # row 4
    w1 = "Waarschijnlijk (marge 1 kwartaal)"
    z4 = "Zeer onzeker (nog niet bekend)"
    o2 = "onzeker (marge 2 of meer kwartalen)"
    blank: list[object] = [None] * 8
    rows: list[list[object]] = [
        # rows 5 and 6: the directie is written once, in a merged cell
        ["Facilitair Bureau", "Koffieautomaten", None, "€ 450.000", "Q2 2026", w1, "Levering", ""],
        [None, "Vergaderzalen", "Bedrijfsvoering", 300000, "2026-Q3", "Zeker", "dienst", 79952000],
        blank,  # row 7
        ["GGD", "Medische hulpmiddelen", None, "N.n.b.", datetime(2026, 9, 1), z4, None, None],
        ["Wonen", "Woningaanpassingen", None, "6,5 mln", "Q4 2026", "Onzeker", "werken", None],
        ["Fysiek", "Grachtenverlichting", "Fysiek", None, "2027-Q1", o2, None, None],
        ["Fisiek", "Bruggen schilderen", "Fysiek", "€ 1.000.000", "2026-Q4", "Zeker", None, None],
        ["Wonen", "Isolatie", None, "heel veel", "2026-Q4", "Zeker", None, None],  # row 12
        ["GGD", "Vaccins", None, 100000, "Q1 2026", "Misschien", None, None],  # row 13
        blank,
        [None, "Totaal", None, "=SUM(D5:D13)", None, None, None, None],  # row 15
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    ws.merge_cells("A5:A6")
    old = wb.create_sheet("Oud")
    old.append(["Titel", "Directie", "Schatting contractwaarde", "Kwartaal", "Zekerheid"])
    old.append(["Schoonmaak", "Stadswerken", "€ 2.000.000", "2026-Q2", "Zeker"])
    wb.save(path)
    return path


def inkoop_list(path: Path) -> Path:
    """The directie Inkoop's list, as in the note: the quarter only in the title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Europees"
    ws["A1"] = "Aanstaande Europese aanbestedingen Q1 2025"
    ws.append([])
    ws.append(
        [
            "Opdracht omschrijving",
            "Leadbuyer",
            "Schatting contractwaarde",
            "Waarschijnlijkheid publicatiedatum",
        ]
    )
    ws.append(
        [
            "Arbodienstverlening",
            "Bedrijfsvoering",
            "€ 2.500.000",
            "Waarschijnlijk (marge 1 kwartaal)",
        ]
    )
    ws.append(["Grachtenarmaturen", "Fysiek", "N.n.b.", "Waarschijnlijk (marge 1 kwartaal)"])
    ws.append(["Vervanging Telpunten", "Fysiek", "N.n.b.", "Zeer onzeker (nog niet bekend)"])
    ws.append(
        [
            "Kegel, Holbein & 21ste eeuw armaturen",
            "Fysiek",
            "€ 10.000.000",
            "Zeker (volgens publicatiedatum)",
        ]
    )
    wb.save(path)  # fmt: skip
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path, {})


# --- the messy calendar ---------------------------------------------------------------------


def test_messy_calendar(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    book = messy_calendar(tmp_path / "kalender.xlsx")
    code, out, err = run(runner, data, str(book))
    assert code == 1, out + err  # some rows failed
    tenders = data / "tenders"
    written = sorted(str(p.relative_to(tenders)) for p in tenders.rglob("*.yaml"))
    assert written == [
        "facilitair-bureau/koffieautomaten-2026.yaml",
        "facilitair-bureau/vergaderzalen-2026.yaml",  # the merged directie cell
        "fysiek/grachtenverlichting-2027.yaml",
        "ggd/medische-hulpmiddelen-2026.yaml",
        "wonen/woningaanpassingen-2026.yaml",
    ]
    for name in written:
        assert_valid(tenders / name, data)
    # the header was found on row 4, on the second sheet
    assert "Blad 'Kalender 2026': kopregel op rij 4" in err
    # each failed row: sheet, row number and why
    assert (
        "blad Kalender 2026, rij 11: mislukt — onbekende directie 'Fisiek' — bedoel je 'Fysiek'?"
        in out
    )
    assert "blad Kalender 2026, rij 12: mislukt — waarde: 'heel veel' is geen bedrag" in out
    assert "blad Kalender 2026, rij 13: mislukt — publicatie: 'Misschien'" in out
    assert "blad Kalender 2026, rij 15: genegeerd — totaalregel" in out
    assert "rij 7" not in out and "rij 14" not in out  # blank rows are no news
    assert "Klaar: 5 nieuw, 0 overgeslagen, 3 mislukt" in out

    koffie = load_tender(tenders / "facilitair-bureau" / "koffieautomaten-2026.yaml").tender
    assert koffie is not None and koffie.publicatie is not None
    assert koffie.contractwaarde == 450_000 and koffie.soort == "leveringen"
    assert (koffie.publicatie.kwartaal, koffie.publicatie.zekerheid) == (
        "2026-Q2",
        "waarschijnlijk",
    )
    assert koffie.bron == "Import uit kalender.xlsx, blad Kalender 2026"
    vergader = load_tender(tenders / "facilitair-bureau" / "vergaderzalen-2026.yaml").tender
    assert vergader is not None
    assert vergader.cpv == ["79952000-2"] and vergader.leadbuyer == "Bedrijfsvoering"
    ggd = load_tender(tenders / "ggd" / "medische-hulpmiddelen-2026.yaml").tender
    assert ggd is not None and ggd.publicatie is not None
    assert ggd.contractwaarde is None and ggd.publicatie.datum == date(2026, 9, 1)
    assert ggd.publicatie.zekerheid == "zeer-onzeker"
    wonen = load_tender(tenders / "wonen" / "woningaanpassingen-2026.yaml").tender
    assert wonen is not None and wonen.contractwaarde == 6_500_000

    # the same import again changes nothing
    before = snapshot(data)
    code, out, _ = run(runner, data, str(book))
    assert code == 1
    assert "Klaar: 0 nieuw, 5 overgeslagen, 3 mislukt" in out
    assert "blad Kalender 2026, rij 5: overgeslagen — bestaat al en is gelijk" in out
    assert snapshot(data) == before


def test_sheet_choice(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    book = messy_calendar(tmp_path / "kalender.xlsx")
    code, out, _ = run(runner, data, str(book), "--sheet", "oud")  # any case
    assert code == 0, out
    assert "blad Oud, rij 2: nieuw" in out
    assert (data / "tenders" / "stadswerken" / "schoonmaak-2026.yaml").is_file()
    assert not (data / "tenders" / "ggd").exists()
    code, out, err = run(runner, data, str(book), "--sheet", "Bestaat niet")
    assert code == 2
    assert "bladen zijn: Uitleg, Kalender 2026, Oud" in err
    code, out, _ = run(runner, data, str(book), "--all-sheets", "--dry-run")
    assert "blad Kalender 2026, rij 5: nieuw" in out and "blad Oud, rij 2: overgeslagen" in out


def test_dry_run_writes_nothing_and_shows_the_files(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    book = messy_calendar(tmp_path / "kalender.xlsx")
    before = snapshot(data)
    code, out, _ = run(runner, data, str(book), "--dry-run")
    assert code == 1
    assert snapshot(data) == before
    assert "    | titel: Koffieautomaten  # de opdrachtomschrijving" in out
    assert "Proefrun, er is niets geschreven: 5 nieuw, 0 overgeslagen, 3 mislukt" in out


# --- the directie Inkoop's list -------------------------------------------------------------


def test_inkoop_list_with_defaults(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    book = inkoop_list(tmp_path / "europees.xlsx")
    code, out, err = run(runner, data, str(book))
    assert code == 2  # no directie column and no --directie: the command cannot run
    assert "--directie" in err
    code, out, err = run(runner, data, str(book), "--directie", "Inkoop", "--procedure", "europees")
    assert code == 0, out + err
    assert "publicatiekwartaal 2025-Q1 uit de titel boven de tabel" in out
    folder = data / "tenders" / "inkoop"
    assert sorted(p.name for p in folder.iterdir()) == [
        "arbodienstverlening-2025.yaml",
        "grachtenarmaturen-2025.yaml",
        "kegel-holbein-en-21ste-eeuw-armaturen-2025.yaml",
        "vervanging-telpunten-2025.yaml",
    ]
    for p in folder.iterdir():
        assert_valid(p, data)
    kegel = load_tender(folder / "kegel-holbein-en-21ste-eeuw-armaturen-2025.yaml").tender
    assert kegel is not None and kegel.publicatie is not None
    assert kegel.contractwaarde == 10_000_000 and kegel.procedure == "europees"
    assert kegel.publicatie.zekerheid == "zeker" and kegel.publicatie.kwartaal == "2025-Q1"


def test_existing_tenders_of_the_shipped_data_are_skipped(
    runner: CliRunner, tmp_path: Path, shipped: Path
) -> None:
    """Same directie and title as a shipped file: skipped, and said where."""
    data = tmp_path / "data"
    shutil.copytree(shipped, data)
    book = inkoop_list(tmp_path / "europees.xlsx")
    before = snapshot(data)
    code, out, _ = run(runner, data, str(book), "--directie", "Fysiek", "--kwartaal", "2025-Q1")
    assert code == 0, out
    assert "overgeslagen — bestaat al en is gelijk: " in out
    assert "grachtenarmaturen-2025.yaml" in out
    # Arbodienstverlening is Bedrijfsvoering's; at Fysiek it gets its own id
    assert (data / "tenders" / "fysiek" / "arbodienstverlening-2025-fysiek.yaml").is_file()
    changed = set(snapshot(data)) - set(before)
    assert changed == {"tenders/fysiek/arbodienstverlening-2025-fysiek.yaml"}


# --- --update ---------------------------------------------------------------------------------

EDITED = """\
# yaml-language-server: $schema=../../../schema/tender.schema.json
# Bijgehouden door de directie; vragen: facilitair@example.nl
id: koffieautomaten-2026
titel: Koffieautomaten
directie: Facilitair Bureau   # de opdrachtgever

contractwaarde: 400000  # raming voorjaar
publicatie:
  kwartaal: 2026-Q1  # eerste planning
  zekerheid: onzeker
themas:
  toegankelijkheid: ja  # bediening op hoogte en met spraak
status: kalender
opmerkingen: |
  # geen commentaar maar tekst
  Nog af te stemmen met de huisvesting.
"""


def one_row_book(path: Path, **cells: object) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(cells))
    ws.append(list(cells.values()))
    wb.save(path)
    return path


def test_update_changes_only_what_the_sheet_gives(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(tmp_path, {"facilitair-bureau/koffieautomaten-2026": EDITED})
    path = data / "tenders" / "facilitair-bureau" / "koffieautomaten-2026.yaml"
    book = one_row_book(
        tmp_path / "k.xlsx",
        Titel="Koffieautomaten",
        Directie="Fac. Bureau",
        Waarde="€ 450.000",
        Publicatie="2026-Q2",
        Zekerheid="Waarschijnlijk",
        Soort="Leveringen",
        Toeg="X",
    )
    code, out, _ = run(runner, data, str(book))
    assert code == 0
    assert "overgeslagen — bestaat al" in out and "--update" in out
    assert "    contractwaarde: 400000 -> 450000" in out
    assert path.read_text(encoding="utf-8") == EDITED  # untouched without --update

    code, out, _ = run(runner, data, str(book), "--update", "--dry-run")
    assert code == 0 and path.read_text(encoding="utf-8") == EDITED

    code, out, _ = run(runner, data, str(book), "--update")
    assert code == 0, out
    assert "blad Sheet, rij 2: bijgewerkt" in out
    assert "    publicatie.kwartaal: 2026-Q1 -> 2026-Q2" in out
    assert "    soort: (leeg) -> leveringen" in out
    assert "toegankelijkheid" not in out  # X = ja already
    text = path.read_text(encoding="utf-8")
    assert text == EDITED.replace(
        "contractwaarde: 400000  # raming voorjaar", "contractwaarde: 450000  # raming voorjaar"
    ).replace(
        "kwartaal: 2026-Q1  # eerste planning", "kwartaal: 2026-Q2  # eerste planning"
    ).replace("zekerheid: onzeker", "zekerheid: waarschijnlijk").replace(
        "directie: Facilitair Bureau   # de opdrachtgever\n",
        "directie: Facilitair Bureau   # de opdrachtgever\nsoort: leveringen\n",
    )
    assert_valid(path, data)

    before = snapshot(data)  # and once more: nothing to do
    code, out, _ = run(runner, data, str(book), "--update")
    assert code == 0 and "bestaat al en is gelijk" in out
    assert snapshot(data) == before


def test_update_refuses_a_layout_it_cannot_edit(runner: CliRunner, tmp_path: Path) -> None:
    flow = (
        "id: koffieautomaten-2026\ntitel: Koffieautomaten\ndirectie: Facilitair Bureau\n"
        "publicatie: {kwartaal: 2026-Q1, zekerheid: onzeker}\nstatus: kalender\n"
    )
    data = make_data(tmp_path, {"facilitair-bureau/koffieautomaten-2026": flow})
    path = data / "tenders" / "facilitair-bureau" / "koffieautomaten-2026.yaml"
    book = one_row_book(
        tmp_path / "k.xlsx", Titel="Koffieautomaten", Directie="Facilitair Bureau",
        Kwartaal="2026-Q2", Zekerheid="zeker",
    )  # fmt: skip
    code, out, _ = run(runner, data, str(book), "--update")
    assert code == 1
    assert "mislukt — kan" in out and "niet veilig bijwerken" in out and "met de hand" in out
    assert path.read_text(encoding="utf-8") == flow


def test_edit_keeps_everything_else() -> None:
    from inkoopcheck.yamlsafe import parse

    source = parse(EDITED.encode()).source
    text = apply(
        EDITED,
        source,
        [
            Edit(("leadbuyer",), "Bedrijfsvoering"),
            Edit(("publicatie", "kwartaal"), None),
            Edit(("publicatie", "datum"), "2026-05-01"),
            Edit(("themas", "representatie"), "nee"),
        ],
    )
    assert "leadbuyer: Bedrijfsvoering\n\ncontractwaarde" in text
    assert "  datum: 2026-05-01\n" in text and "kwartaal" not in text
    assert (
        "  toegankelijkheid: ja  # bediening op hoogte en met spraak\n  representatie: nee\n"
        in text
    )
    assert "  # geen commentaar maar tekst\n" in text
    with pytest.raises(EditRefused):
        apply(EDITED, source, [Edit(("opmerkingen",), "x")])  # a block text is not one line


# --- files that are no calendar ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("junk.xlsx", b"dit is geen excel", "geen Excel-werkmap"),
        ("leeg.xlsx", b"", "geen Excel-werkmap"),
        ("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Opslaan als"),
        ("kalender.csv", b"Titel;Directie\nA;GGD\n", "geen Excel-werkmap"),
    ],
)
def test_unreadable_files_exit_2_in_dutch(
    runner: CliRunner, data: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run(runner, data, str(path))
    assert code == 2
    assert message in err


def test_zip_that_is_no_workbook_and_truncated_workbook(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    other = tmp_path / "ander.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    code, _, err = run(runner, data, str(other))
    assert code == 2 and "geen leesbare Excel-werkmap" in err
    good = messy_calendar(tmp_path / "goed.xlsx").read_bytes()
    cut = tmp_path / "half.xlsx"
    cut.write_bytes(good[: len(good) // 2])
    code, _, err = run(runner, data, str(cut))
    assert code == 2 and "Excel-werkmap" in err


def test_missing_file_and_no_header(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    code, _, err = run(runner, data, str(tmp_path / "weg.xlsx"))
    assert code == 2 and "bestaat niet" in err
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Naam", "Adres"])
    wb.save(tmp_path / "anders.xlsx")
    code, _, err = run(runner, data, str(tmp_path / "anders.xlsx"))
    assert code == 2 and "geen blad met een herkenbare kopregel" in err


def test_bad_options(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    book = inkoop_list(tmp_path / "europees.xlsx")
    code, _, err = run(runner, data, str(book), "--directie", "Inkop")
    assert code == 2 and "bedoel je 'Inkoop'?" in err
    code, _, err = run(runner, data, str(book), "--directie", "Inkoop", "--kwartaal", "Q9")
    assert code == 2 and "geen kwartaal" in err


# --- the certainty of publication ------------------------------------------------------------


def test_certainty_is_read_exactly_or_the_row_fails(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    """Beside a quarter or date only a label or its first word is read ("nog niet
    zeker" is not zeker); anything else fails the row, naming the cell and the choices."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Titel", "Directie", "Publicatie", "Waarschijnlijkheid"])
    ws.append(["Nog niet zeker", "GGD", "2026-Q2", "nog niet zeker"])
    ws.append(["Heel zeker", "GGD", "2026-Q2 heel zeker", None])
    ws.append(["Het label", "GGD", "2026-Q3", "Zeker (volgens publicatiedatum)"])
    ws.append(["Het eerste woord", "GGD", "Q4 2026, zeer onzeker", None])
    wb.save(tmp_path / "zekerheid.xlsx")
    code, out, _ = run(runner, data, str(tmp_path / "zekerheid.xlsx"), "--dry-run")
    assert code == 1
    choices = (
        "kies Zeker, Waarschijnlijk, Onzeker of Zeer onzeker, of het hele label zoals "
        "'Waarschijnlijk (marge 1 kwartaal)'"
    )
    rows = out.split("blad Sheet, ")
    assert rows[1] == (
        f"rij 2: mislukt — publicatie: 'nog niet zeker' is geen zekerheid; {choices}\n"
    )
    assert rows[2] == (
        "rij 3: mislukt — publicatie: '2026-Q2 heel zeker': 'heel zeker' is geen "
        f"zekerheid; {choices}\n"
    )
    assert rows[3].startswith("rij 4: nieuw — ")
    assert "    |   kwartaal: 2026-Q3  #" in rows[3] and "    |   zekerheid: zeker  #" in rows[3]
    assert rows[4].startswith("rij 5: nieuw — ")
    assert "    |   kwartaal: 2026-Q4  #" in rows[4]
    assert "    |   zekerheid: zeer-onzeker  #" in rows[4]
    assert "2 nieuw, 0 overgeslagen, 2 mislukt" in out
