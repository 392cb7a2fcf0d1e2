"""`inkoopcheck import`: real .xlsx files, built here with openpyxl, with the
messes real calendars have."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.loader import load_tender
from inkoopcheck.tenderedit import Edit, EditRefused, apply
from tests.helpers import PEILDATUM, assert_valid, make_data, snapshot

DAY = PEILDATUM.isoformat()


def run(runner: CliRunner, data: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", "--data", str(data), "--date", DAY, *args])
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


# --- issue 10 §2: nothing lost or invented without a word -------------------------------------


def book(path: Path, header: list[str], *rows: list[object], title: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    if title is not None:
        ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def read(data: Path, relative: str) -> Any:
    tender = load_tender(data / "tenders" / relative).tender
    assert tender is not None
    return tender


def test_every_ignored_column_is_named_and_theme_abbreviations_are_known(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "k.xlsx",
        ["Titel", "Directie/afdeling", "Repr.", "Toegank.", "Soc. veiligh.", "Contactpersoon",
         "Inclusie", "Kwartaal", "Zekerheid"],
        ["Liften", "Stadswerken", "-", "X", None, "inkoop@example.nl", None, "2026-Q2", "zeker"],
        ["Schoonmaak", "GGD", None, None, "-", None, "X", "2026-Q3", "zeker"],
    )  # fmt: skip
    for extra in (["--dry-run"], []):
        code, out, err = run(runner, data, str(path), *extra)
        assert code == 1, out + err
        assert (
            "Blad 'Sheet': niet gebruikte kolommen: 'Contactpersoon' (kolom F), "
            "'Inclusie' (kolom G)." in out
        )
        # X or - under a column that names no theme fails the row: never 'open' silently
        assert (
            "blad Sheet, rij 3: mislukt — kolom 'Inclusie' heeft 'X', maar die kop is geen "
            "thema uit kader.yaml; noem de kolom naar een thema (Repr, Toeg, SV)" in out
        )
    liften = read(data, "stadswerken/liften-2026.yaml")  # Directie/afdeling is the directie
    assert liften.themas == {
        "representatie": "nee",
        "toegankelijkheid": "ja",
        "sociale_veiligheid": "open",
    }
    assert not (data / "tenders" / "ggd").exists()


def test_hidden_rows_and_columns_are_no_data_and_the_better_column_wins(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "k.xlsx",
        ["Titel", "Directie", "Waarde", "Schatting contractwaarde", "Bedrag", "Kwartaal",
         "Zekerheid"],
        ["Liften", "GGD", 1, 400000, 2, "2026-Q2", "zeker"],
        ["Verborgen regel", "GGD", 1, 500000, 2, "2026-Q2", "zeker"],
        ["Drukwerk", "GGD", 1, 300000, 2, "2026-Q2", "zeker"],
    )  # fmt: skip
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.column_dimensions["E"].hidden = True  # Bedrag: hidden, not data
    ws.row_dimensions[3].hidden = True
    wb.save(path)
    code, out, err = run(runner, data, str(path))
    assert code == 0, out + err
    assert "blad Sheet, rij 3: genegeerd — verborgen regel" in out
    assert (
        "Blad 'Sheet': verborgen kolommen overgeslagen (geen gegevens): 'Bedrag' (kolom E)." in out
    )
    assert "Blad 'Sheet': verborgen regels overgeslagen (geen gegevens): rij 3." in out
    assert (
        "Blad 'Sheet': 'Schatting contractwaarde' (kolom D) gebruikt voor contractwaarde, niet "
        "'Waarde' (kolom C): die kop past het best." in out
    )
    assert sorted(p.name for p in (data / "tenders" / "ggd").iterdir()) == [
        "drukwerk-2026.yaml",
        "liften-2026.yaml",
    ]
    assert read(data, "ggd/liften-2026.yaml").contractwaarde == 400_000


def test_directie_option_is_a_default_never_an_override(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "k.xlsx",
        ["Titel", "Directie", "Kwartaal", "Zekerheid"],
        ["Straatmeubilair", "Stadswerken", "2026-Q2", "zeker"],
        ["Drukwerk", None, "2026-Q2", "zeker"],
        ["Bruggen", "Stadswerk", "2026-Q2", "zeker"],
        ["Kantine", "n.t.b.", "2026-Q2", "zeker"],
    )
    code, out, _ = run(runner, data, str(path), "--directie", "GGD")
    assert code == 1
    tenders = data / "tenders"
    assert sorted(str(p.relative_to(tenders)) for p in tenders.rglob("*.yaml")) == [
        "ggd/drukwerk-2026.yaml",
        "stadswerken/straatmeubilair-2026.yaml",
    ]
    assert "blad Sheet, rij 4: mislukt — onbekende directie 'Stadswerk'" in out
    assert "--directie geldt alleen voor regels zonder directie" in out
    assert "blad Sheet, rij 5: mislukt — de directie is niet ingevuld" in out


def test_a_renamed_title_is_found_by_the_id_column(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    header = ["Kenmerk", "Titel", "Directie", "Waarde", "Kwartaal", "Zekerheid"]
    first = book(
        tmp_path / "a.xlsx", header, ["INK-2026/017", "Koffie", "GGD", 1, "2026-Q2", "zeker"]
    )
    code, out, _ = run(runner, data, str(first))
    assert code == 0, out
    path = data / "tenders" / "ggd" / "ink-2026-017.yaml"
    assert path.is_file()
    renamed = book(
        tmp_path / "a.xlsx",
        header,
        ["INK-2026/017", "Koffie en thee", "GGD", 2, "2026-Q2", "zeker"],
    )
    code, out, _ = run(runner, data, str(renamed))
    assert code == 0, out
    assert "    titel: Koffie -> Koffie en thee" in out and "0 nieuw" in out
    code, out, _ = run(runner, data, str(renamed), "--update")
    assert code == 0, out
    assert read(data, "ggd/ink-2026-017.yaml").titel == "Koffie en thee"
    assert [p.name for p in path.parent.iterdir()] == ["ink-2026-017.yaml"]


def test_a_renamed_title_without_id_column_is_reported_not_doubled(
    runner: CliRunner, tmp_path: Path
) -> None:
    header = ["Titel", "Directie", "Soort", "Waarde", "Kwartaal", "Zekerheid"]
    row = ["Koffieautomaten stadhuis", "GGD", "leveringen", 90000, "2026-Q2", "zeker"]
    data = make_data(tmp_path, {})
    code, out, _ = run(runner, data, str(book(tmp_path / "k.xlsx", header, row)))
    assert code == 0, out
    old = data / "tenders" / "ggd" / "koffieautomaten-stadhuis-2026.yaml"
    renamed = book(tmp_path / "k.xlsx", header, ["Koffieautomaten stadskantoor", *row[1:]])
    before = snapshot(data)
    for extra in ([], ["--dry-run"]):
        code, out, _ = run(runner, data, str(renamed), *extra)
        assert code == 0, out
        assert "blad Sheet, rij 2: overgeslagen — mogelijk hernoemd: " in out
        assert "ggd/koffieautomaten-stadhuis-2026.yaml (zelfde directie, publicatie" in out
        assert "--update werkt dat bestand bij; --nieuw maakt toch een nieuw bestand" in out
        assert snapshot(data) == before
    # --nieuw writes it anyway, and validate then warns about the pair
    code, out, _ = run(runner, data, str(renamed), "--nieuw")
    assert code == 0 and "1 nieuw" in out
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", DAY, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("IC313") == 2
    assert "mogelijk dezelfde aanbesteding als" in result.stdout
    # --update instead updates the old file's title
    (data / "tenders" / "ggd" / "koffieautomaten-stadskantoor-2026.yaml").unlink()
    code, out, _ = run(runner, data, str(renamed), "--update")
    assert code == 0, out
    assert "bijgewerkt" in out and "    titel: Koffieautomaten stadhuis -> " in out
    assert read(data, "ggd/koffieautomaten-stadhuis-2026.yaml").titel == (
        "Koffieautomaten stadskantoor"
    )
    assert [p.name for p in old.parent.iterdir()] == [old.name]


def test_one_vocabulary_for_unknown(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    from inkoopcheck.values import UNKNOWN_WORDS

    words = [w for w in UNKNOWN_WORDS if w not in ("-",)]
    path = book(
        tmp_path / "k.xlsx",
        ["Titel", "Directie", "Waarde", "Kwartaal", "Zekerheid"],
        *[[f"Opdracht {i}", "GGD", w, "2026-Q2", "zeker"] for i, w in enumerate(words)],
    )
    code, out, _ = run(runner, data, str(path))
    assert code == 0, out
    for i in range(len(words)):
        assert read(data, f"ggd/opdracht-{i}-2026.yaml").contractwaarde is None
    guide = (Path(__file__).parent.parent / "docs" / "handleiding.md").read_text("utf-8")
    for w in UNKNOWN_WORDS:
        assert f"`{w}`" in guide, w


def test_the_title_quarter_fills_empty_publication_cells_and_says_so(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "k.xlsx",
        ["Titel", "Directie", "Publicatie", "Zekerheid"],
        ["Liften", "GGD", "2025-Q3", "zeker"],
        ["Drukwerk", "GGD", None, "waarschijnlijk"],
        title="Aanstaande Europese aanbestedingen Q1 2025",
    )
    code, out, _ = run(runner, data, str(path))
    assert code == 0, out
    assert (
        "Blad 'Sheet': publicatiekwartaal 2025-Q1 uit de titel boven de tabel, voor de regels "
        "zonder publicatie: rij 4." in out
    )
    assert read(data, "ggd/drukwerk-2025.yaml").publicatie.kwartaal == "2025-Q1"
    assert read(data, "ggd/liften-2025.yaml").publicatie.kwartaal == "2025-Q3"


def test_rows_gone_since_an_earlier_import_are_listed_never_deleted(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    header = ["Titel", "Directie", "Kwartaal", "Zekerheid"]
    rows = [["Liften", "GGD", "2026-Q2", "zeker"], ["Drukwerk", "GGD", "2026-Q3", "zeker"]]
    code, out, _ = run(runner, data, str(book(tmp_path / "kalender.xlsx", header, *rows)))
    assert code == 0, out
    before = snapshot(data)
    code, out, _ = run(runner, data, str(book(tmp_path / "kalender.xlsx", header, rows[0])))
    assert code == 0, out
    assert "Niet meer in de kalender" in out
    assert "ggd/drukwerk-2026.yaml — Drukwerk (blad Sheet)" in out
    assert "liften" not in out.split("Niet meer in de kalender")[1]
    assert snapshot(data) == before  # nothing deleted
    # another workbook's import does not count
    code, out, _ = run(runner, data, str(book(tmp_path / "ander.xlsx", header, rows[0])))
    assert "Niet meer in de kalender" not in out


# --- issue 16 item 2: a sheet's claimed size is not its content -------------------------------


def _stretch(path: Path, old: str, new: str) -> None:
    """Rewrite the sheet XML: openpyxl in normal mode cannot even build these."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, content in parts.items():
            z.writestr(filename, content)


@pytest.mark.parametrize("case", ["formatted-xfd", "merged-column", "value-a1048576"])
def test_a_huge_claimed_size_is_read_by_its_content(
    runner: CliRunner, data: Path, tmp_path: Path, case: str
) -> None:
    from openpyxl.styles import PatternFill

    path = tmp_path / "groot.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Titel", "Directie", "Kwartaal", "Zekerheid", None, None, "Opmerkingen"])
    ws.append(["Liften", "GGD", "2026-Q2", "zeker"])
    ws.append(["Drukwerk", None, "2026-Q3", "zeker"])
    ws.merge_cells("B2:B3")  # merged cells still fill down
    ws.column_dimensions["E"].hidden = True
    ws["E1"] = "Oud bedrag"
    if case == "formatted-xfd":
        ws["XFD1048576"].fill = PatternFill("solid", fgColor="FFFF00")
    elif case == "merged-column":
        ws.merge_cells("G2:G3")
        ws["G2"] = "gedeelde opmerking"
    else:
        ws["A1048576"] = "Notitie onderaan"
    wb.save(path)
    if case == "merged-column":
        _stretch(path, 'ref="G2:G3"', 'ref="G2:G1048576"')
    _, out, err = run(runner, data, str(path))
    assert "Traceback" not in out + err
    assert sorted(p.name for p in (data / "tenders" / "ggd").iterdir()) == [
        "drukwerk-2026.yaml",
        "liften-2026.yaml",
    ]
    assert "verborgen kolommen overgeslagen (geen gegevens): 'Oud bedrag' (kolom E)" in out
    if case == "merged-column":
        assert read(data, "ggd/drukwerk-2026.yaml").opmerkingen.strip() == "gedeelde opmerking"
    if case == "value-a1048576":  # a note far below the table is a row, and said so
        assert "blad Sheet, rij 1048576: mislukt — geen directie" in out


def test_a_sheet_beyond_the_bound_is_refused_in_dutch(
    runner: CliRunner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import inkoopcheck.workbook

    monkeypatch.setattr(inkoopcheck.workbook, "MAX_FILLED_ROWS", 50)
    path = book(
        tmp_path / "k.xlsx",
        ["Titel", "Directie"],
        *[[f"Opdracht {i}", "GGD"] for i in range(60)],
    )
    before = snapshot(data)
    code, _, err = run(runner, data, str(path))
    assert code == 2
    assert "blad 'Sheet' bevat meer dan 50 gevulde regels" in err
    assert "Kopieer alleen de tabel naar een nieuwe werkmap" in err
    assert snapshot(data) == before


def test_import_date_is_parsed_like_every_other_date(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    path = book(tmp_path / "k.xlsx", ["Titel", "Directie"], ["Liften", "GGD"])
    result = runner.invoke(app, ["import", "--data", str(data), "--date", "25-11-2026", str(path)])
    assert result.exit_code == 2
    assert "JJJJ-MM-DD" in result.stderr
    result = runner.invoke(app, ["import", "--data", str(data), "--date", "9999-12-31", str(path)])
    assert result.exit_code == 2
