"""`inkoopcheck report`: the overview of Europese aanbestedingen per directie, run
through the real command on a small hostile fixture and on the shipped data.

Expected Markdown and JSON live in tests/expected/ (exact text); the CSV is
spelled out here because its BOM and CRLF line ends are part of the contract.
"""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner, Result

from inkoopcheck.cli import app
from inkoopcheck.fmt import ZEKERHEID_LABELS, euro
from inkoopcheck.periods import PeriodError, Window, window_from
from inkoopcheck.render.report_xlsx import render_xlsx
from inkoopcheck.render.xlsx_sheet import EURO_FORMAT, EXCEL_MAX_CHARS
from inkoopcheck.report import Provenance, build

from .helpers import SHIPPED, make_data

EXPECTED = Path(__file__).parent / "expected"
DAY = "2025-01-06"

# Hostile titles: formulas for a spreadsheet, rich markup for the terminal,
# Markdown table syntax. (An escaped control character such as \u0007 is refused
# by validate since IC016, so such a tender never reaches the report.)
FIXTURE = {
    "bedrijfsvoering/formule": """\
        id: formule
        titel: '=HYPERLINK("http://x")'
        directie: BV
        leadbuyer: Bedrijfsvoering
        soort: diensten
        contractwaarde: 300000
        procedure: europees
        publicatie: {kwartaal: 2025-Q1, zekerheid: zeker}
        themas: {representatie: ja, toegankelijkheid: nee}
        toelichting: Geen fysiek product.
        status: kalender
        social_return: {percentage: 5, werkwijze: traditioneel}
        """,
    # no procedure, value above the EU services threshold: europees
    "bedrijfsvoering/plus-een": """\
        id: plus-een
        titel: "+1"
        directie: Bedrijfsvoering
        soort: diensten
        contractwaarde: 250000
        publicatie: {datum: 2025-02-15, zekerheid: waarschijnlijk}
        status: voorbereiding
        social_return: {percentage: 2.5}
        """,
    "fysiek/min-twee": """\
        id: min-twee
        titel: "-2"
        directie: Fysiek
        leadbuyer: Fysiek
        soort: werken
        procedure: europees
        publicatie: {kwartaal: 2025-Q1, zekerheid: onzeker}
        status: kalender
        """,
    # no procedure, 90 % of the threshold: te beoordelen, net onder drempel
    "fysiek/at-som": """\
        id: at-som
        titel: "@SUM(A1)"
        directie: Fysiek
        soort: leveringen
        contractwaarde: 200000
        publicatie: {kwartaal: 2025-Q1, zekerheid: waarschijnlijk}
        status: kalender
        """,
    # procedure and value unknown: te beoordelen
    "sociaal/rich-markup": """\
        id: rich-markup
        titel: "[bold]rich[/bold] | *ster*"
        directie: Sociaal
        publicatie: {kwartaal: 2025-Q1, zekerheid: zeker}
        status: kalender
        """,
    # publication date unknown: te beoordelen; a maatwerk proeftuin
    "sociaal/bel": """\
        id: bel
        titel: "Bel alarm"
        directie: Sociaal
        leadbuyer: Sociaal
        soort: diensten
        contractwaarde: 1000000
        procedure: europees
        publicatie: {zekerheid: zeer-onzeker}
        status: kalender
        social_return:
          werkwijze: maatwerk
          percentage: 5
          doelgroepen: [statushouders, ex-justitiabelen]
          voorstel: geaccepteerd
          leverancier: Voorbeeld BV
          gestart: 2025-01-01
          evaluatie: 2025-12-15
        """,
    # finished: only in the theme matrix
    "inkoop/uitzendkrachten": """\
        id: uitzendkrachten
        titel: Uitzendkrachten
        directie: Inkoop/Financiën
        themas: {representatie: ja, toegankelijkheid: ja, sociale_veiligheid: ja}
        status: afgerond
        """,
    # not European: only with --all
    "bedrijfsvoering/nationaal": """\
        id: nationaal
        titel: Kantoorplanten
        directie: Bedrijfsvoering
        soort: leveringen
        contractwaarde: 60000
        procedure: meervoudig-onderhands
        publicatie: {kwartaal: 2025-Q1, zekerheid: zeker}
        status: kalender
        """,
    # outside 2025-Q1
    "bedrijfsvoering/later": """\
        id: later
        titel: Catering
        directie: Bedrijfsvoering
        soort: diensten
        contractwaarde: 900000
        procedure: europees
        publicatie: {kwartaal: 2025-Q3, zekerheid: waarschijnlijk}
        status: kalender
        social_return: {percentage: 5}
        """,
}

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "[bold]rich[/bold] | *ster*"]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path, FIXTURE)


def report(runner: CliRunner, data: Path, *args: str) -> Result:
    return runner.invoke(app, ["report", "--data", str(data), "--date", DAY, *args])


def rows(ws: Worksheet) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


# --- the Excel workbook ------------------------------------------------------------


def test_xlsx(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    path = tmp_path / "overzicht.xlsx"
    result = report(runner, data, "--period", "2025-Q1", "--output", str(path))
    assert result.exit_code == 0, result.output
    assert "Overzicht geschreven naar" in result.stderr
    assert result.stdout == ""  # a file was asked for, not a screen
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Europese aanbestedingen",
        "Te beoordelen",
        "Per directie",
        "Thema's",
        "Social return",
        "Werklast",
        "Toelichting",
    ]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
        assert ws.page_setup.orientation == "landscape"
        # one page wide: fitToWidth is 1 when the file leaves it out (ECMA-376 default)
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage

    main = wb["Europese aanbestedingen"]
    assert rows(main)[0] == [
        "Directie",
        "Opdracht omschrijving",
        "Leadbuyer",
        "Schatting contractwaarde",
        "Waarschijnlijkheid publicatiedatum",
        "Publicatie",
        "Vroegste publicatiedatum",
        "Procedure",
        "Status",
        "Repr",
        "Toeg",
        "SV",
        "Id",
    ]
    assert main.auto_filter.ref == "A1:M4"
    assert [r[:6] + r[7:] for r in rows(main)[1:]] == [
        [
            "Bedrijfsvoering",
            '=HYPERLINK("http://x")',
            "Bedrijfsvoering",
            300000,
            "Zeker (volgens publicatiedatum)",
            "2025-Q1",
            "europees",
            "kalender",
            "X",
            "-",
            None,
            "formule",
        ],
        [
            "Bedrijfsvoering",
            "+1",
            None,
            250000,
            "Waarschijnlijk (marge 1 kwartaal)",
            "2025-02-15",
            "europees (boven drempel)",
            "voorbereiding",
            None,
            None,
            None,
            "plus-een",
        ],
        [
            "Fysiek",
            "-2",
            "Fysiek",
            "N.n.b.",
            "Onzeker (marge 2 of meer kwartalen)",
            "2025-Q1",
            "europees",
            "kalender",
            None,
            None,
            None,
            "min-twee",
        ],
    ]
    # amounts are numbers with the euro format; dates are dates
    assert main["D2"].data_type == "n" and main["D2"].number_format == EURO_FORMAT
    assert main["D3"].number_format == EURO_FORMAT
    assert main["G2"].value == datetime(2025, 1, 1) and main["G2"].is_date
    assert main["G3"].value == datetime(2025, 2, 15)
    assert main["J2"].alignment.horizontal == "center"
    widths = {k: d.width for k, d in main.column_dimensions.items()}
    assert widths["B"] >= len('=HYPERLINK("http://x")')  # fitted, not the default 8.43
    assert widths["E"] >= len("Onzeker (marge 2 of meer kwartalen)")

    review = wb["Te beoordelen"]
    assert rows(review)[0][9] == "Reden"
    assert [(r[1], r[9]) for r in rows(review)[1:]] == [
        ("@SUM(A1)", "waarde net onder de drempel (90 % van de drempel)"),
        ("[bold]rich[/bold] | *ster*", "procedure en waarde onbekend"),
        ("Bel alarm", "publicatiedatum onbekend"),
    ]

    summary = wb["Per directie"]
    assert rows(summary)[:4] == [
        [
            "Directie",
            "Aantal",
            "Totaal bekende waarde",
            "Waarde onbekend",
            "Te beoordelen",
            "Repr X",
            "Repr -",
            "Repr open",
            "Toeg X",
            "Toeg -",
            "Toeg open",
            "SV X",
            "SV -",
            "SV open",
        ],
        ["Bedrijfsvoering", 2, 550000, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 2],
        ["Fysiek", 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1],
        ["Sociaal", 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]
    assert rows(summary)[5][:5] == ["Totaal", 3, 550000, 1, 3]
    assert summary["C2"].number_format == EURO_FORMAT
    assert summary.auto_filter.ref == "A1:N4"  # the total stays out of the filter
    charts = summary._charts
    assert len(charts) == 1
    assert charts[0].tagname == "barChart"

    matrix = wb["Thema's"]
    assert rows(matrix)[0] == ["Wat", "Opdracht", "Directie", "Repr", "Toeg", "SV", "Status", "Id"]
    assert [r[:6] for r in rows(matrix)[1:]] == [
        ["+1", "Bedrijfsvoering", "Bedrijfsvoering", None, None, None],
        ["-2", "Fysiek", "Fysiek", None, None, None],
        ["Bel alarm", "Sociaal", "Sociaal", None, None, None],
        ["[bold]rich[/bold] | *ster*", "Sociaal", "Sociaal", None, None, None],
        ["Catering", "Bedrijfsvoering", "Bedrijfsvoering", None, None, None],
        ['=HYPERLINK("http://x")', "BV", "Bedrijfsvoering", "X", "-", None],
        ["Kantoorplanten", "Bedrijfsvoering", "Bedrijfsvoering", None, None, None],
        ["@SUM(A1)", "Fysiek", "Fysiek", None, None, None],
        ["Uitzendkrachten", "Inkoop/Financiën", "Inkoop", "X", "X", "X"],
    ]
    assert matrix["D7"].alignment.horizontal == "center"

    sr = wb["Social return"]
    assert rows(sr)[0][:7] == [
        "Directie",
        "Opdracht omschrijving",
        "Werkwijze",
        "Percentage",
        "Contractwaarde",
        "Bedrag social return",
        "Doelgroepen",
    ]
    bel = rows(sr)[4]
    assert bel[:9] == [
        "Sociaal",
        "Bel alarm",
        "maatwerk",
        0.05,
        1000000,
        50000,
        "statushouders, ex-justitiabelen",
        "geaccepteerd",
        "Voorbeeld BV",
    ]
    assert bel[9] == datetime(2025, 1, 1) and bel[10] == datetime(2025, 12, 15)
    assert sr["D5"].number_format == "0%" and sr["D2"].number_format == "0.0#%"
    assert sr["F5"].number_format == EURO_FORMAT
    assert ["Totaal", 4, 3, 1, 116250, 0, 1] in [r[:7] for r in rows(sr)]

    notes = {r[0]: r[1] for r in rows(wb["Toelichting"])}
    assert notes["Peildatum"] == datetime(2025, 1, 6)
    assert notes["Periode"] == "2025-Q1 (publicatie vanaf 2025-01-01 t/m 2025-03-31)"
    assert notes["Datamap"] == str(data)
    assert str(notes["Commit van de data"]).startswith("onbekend")  # tmp_path is no git repo
    assert "221.000" in str(notes["2024-01-01 t/m 2025-12-31"])
    assert notes["Zeer onzeker (nog niet bekend)"] == "zekerheid: zeer-onzeker in het bestand"


def test_xlsx_text_is_never_a_formula(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    path = tmp_path / "overzicht.xlsx"
    assert report(runner, data, "--period", "2025-Q1", "-o", str(path)).exit_code == 0
    wb = load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in HOSTILE:
                    found.setdefault(cell.value, []).append(cell.data_type)
                if isinstance(cell.value, str):
                    assert "\x07" not in cell.value
    assert set(found) == set(HOSTILE)
    assert all(t == "s" for types in found.values() for t in types), found
    # and in the file itself: not one formula element anywhere
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            xml = z.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, name


def test_every_file_keeps_formula_starts_as_text(runner: CliRunner, tmp_path: Path) -> None:
    """One rule (fmt.looks_like_formula: = + - @ tab carriage return) for the
    xlsx, the CSV and the social-return export; each keeps such text as text its
    own way (xlsx: a string cell with quotePrefix; CSV: a leading apostrophe)."""
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/tab": """\
                id: tab
                titel: "\tTab vooraan"
                directie: Bedrijfsvoering
                soort: diensten
                contractwaarde: 300000
                procedure: europees
                publicatie: {kwartaal: 2025-Q1, zekerheid: zeker}
                status: kalender
                """,
        },
    )
    xlsx = tmp_path / "overzicht.xlsx"
    assert report(runner, data, "--period", "2025-Q1", "-o", str(xlsx)).exit_code == 0
    cell = load_workbook(xlsx)["Europese aanbestedingen"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("\tTab vooraan", "s", True)
    csv_file = tmp_path / "overzicht.csv"
    assert report(runner, data, "--period", "2025-Q1", "-o", str(csv_file)).exit_code == 0
    line = csv_file.read_text(encoding="utf-8-sig").splitlines()[1]
    assert line.startswith("Bedrijfsvoering;'\tTab vooraan;")


def test_xlsx_cuts_overlong_text_visibly(data: Path) -> None:
    """Excel holds 32,767 characters per cell: longer text is cut with a marker
    in the cell and a warning, never silently."""
    from inkoopcheck.analysis import analyse

    analysis = analyse(data, date(2025, 1, 6))
    assert analysis.kader is not None
    tenders = [
        t.model_copy(
            update={
                "social_return": t.social_return.model_copy(update={"doelgroepen": ["x" * 40_000]})
            }
        )
        if t.id == "bel" and t.social_return is not None
        else t
        for t in analysis.valid_tenders()
    ]
    window = window_from("2025-Q1", None, None, date(2025, 1, 6))
    overview = build(tenders, analysis.kader, date(2025, 1, 6), window)
    result = render_xlsx(overview, Provenance("data", None, "test"))
    assert len(result.warnings) == 1
    assert "ingekort tot 32767" in result.warnings[0] and "Social return" in result.warnings[0]
    out = Path(data.parent / "lang.xlsx")
    out.write_bytes(result.data)
    cell = load_workbook(out)["Social return"]["G5"]
    assert isinstance(cell.value, str)
    assert len(cell.value) == EXCEL_MAX_CHARS
    assert cell.value.endswith("tekens weggelaten]")


def test_xlsx_warning_reaches_the_user(runner: CliRunner, tmp_path: Path) -> None:
    long = ", ".join(f"doelgroep-{i:05d}-" + "x" * 30 for i in range(900))
    data = make_data(
        tmp_path,
        {
            "sociaal/lang": f"""\
            id: lang
            titel: Lange lijst
            directie: Sociaal
            soort: diensten
            contractwaarde: 500000
            procedure: europees
            publicatie: {{kwartaal: 2025-Q1, zekerheid: zeker}}
            status: kalender
            social_return: {{percentage: 5, doelgroepen: [{long}]}}
            """
        },
    )
    path = tmp_path / "o.xlsx"
    result = report(runner, data, "--period", "2025-Q1", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert "waarschuwing: blad 'Social return', cel G2: tekst van" in result.stderr
    sr = load_workbook(path)["Social return"]
    # the long text makes row 2 tall; the percentage beside it keeps its format
    assert sr.row_dimensions[2].height and sr["G2"].alignment.wrap_text
    assert (sr["D2"].value, sr["D2"].number_format) == (0.05, "0%")


# --- Markdown, CSV, JSON and the terminal ------------------------------------------------


def test_markdown_file(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    path = tmp_path / "overzicht.md"
    result = report(runner, data, "--period", "2025-Q1", "--output", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (EXPECTED / "report.md").read_text(encoding="utf-8")
    stdout = report(runner, data, "--period", "2025-Q1", "--format", "markdown")
    assert stdout.stdout == path.read_text(encoding="utf-8")


EXPECTED_CSV = (
    "\ufeffDirectie;Opdracht omschrijving;Leadbuyer;Schatting contractwaarde;"
    "Waarschijnlijkheid publicatiedatum;Publicatie;Procedure;Status;Repr;Toeg;SV;Id;"
    "Te beoordelen\r\n"
    'Bedrijfsvoering;"\'=HYPERLINK(""http://x"")";Bedrijfsvoering;300000;'
    "Zeker (volgens publicatiedatum);2025-Q1;europees;kalender;X;-;;formule;\r\n"
    "Bedrijfsvoering;'+1;;250000;Waarschijnlijk (marge 1 kwartaal);2025-02-15;"
    "europees (boven drempel);voorbereiding;;;;plus-een;\r\n"
    "Fysiek;'-2;Fysiek;N.n.b.;Onzeker (marge 2 of meer kwartalen);2025-Q1;europees;"
    "kalender;;;;min-twee;\r\n"
    "Fysiek;'@SUM(A1);;200000;Waarschijnlijk (marge 1 kwartaal);2025-Q1;"
    "onbekend, net onder drempel;kalender;;;;at-som;"
    "waarde net onder de drempel (90 % van de drempel)\r\n"
    "Sociaal;[bold]rich[/bold] | *ster*;;N.n.b.;Zeker (volgens publicatiedatum);2025-Q1;"
    "onbekend;kalender;;;;rich-markup;procedure en waarde onbekend\r\n"
    "Sociaal;Bel alarm;Sociaal;1000000;Zeer onzeker (nog niet bekend);;europees;kalender;"
    ";;;bel;publicatiedatum onbekend\r\n"
)


def test_csv_file(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    path = tmp_path / "overzicht.csv"
    result = report(runner, data, "--period", "2025-Q1", "--output", str(path))
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8") == EXPECTED_CSV


def test_json(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    result = report(runner, data, "--period", "2025-Q1", "--format", "json")
    assert result.exit_code == 0, result.output
    expected = (EXPECTED / "report.json").read_text(encoding="utf-8")
    assert result.stdout == expected
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "peildatum",
        "periode",
        "europees",
        "te_beoordelen",
        "per_directie",
        "themas",
        "social_return",
    ]
    assert list(doc["europees"][0]) == [
        "id",
        "titel",
        "directie",
        "leadbuyer",
        "contractwaarde",
        "zekerheid",
        "publicatie",
        "procedure",
        "themas",
    ]
    assert {"id", "titel", "directie", "representatie"} <= set(doc["themas"][0])
    # one vocabulary for a theme's stand, the one of the files: ja / nee / open
    keys = ("representatie", "toegankelijkheid", "sociale_veiligheid")
    stands = {m[k] for m in doc["themas"] for k in keys}
    stands |= {v for r in (*doc["europees"], *doc["te_beoordelen"]) for v in r["themas"].values()}
    assert stands == {"ja", "nee", "open"}
    path = tmp_path / "overzicht.json"
    assert report(runner, data, "--period", "2025-Q1", "-o", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == expected


def test_text(runner: CliRunner, data: Path) -> None:
    result = report(runner, data, "--period", "2025-Q1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Europese aanbestedingen 2025-Q1\n")
    assert "Peildatum 2025-01-06 · periode 2025-Q1 · 3 aanbestedingen · 3 te beoordelen" in out
    for heading in ("Bedrijfsvoering (2)", "Fysiek (1)", "Te beoordelen (3)", "Per directie"):
        assert f"\n{heading}\n" in out
    assert "[bold]rich[/bold] | *ster*" in out  # shown as written, not as markup
    assert "Bel alarm" in out and "\x07" not in out and "\x1b" not in out
    assert "€ 300.000" in out and "N.n.b." in out
    assert "Zeker (volgens publicatiedatum)" in out
    assert "Social return (4)" in out
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_social_return_only(runner: CliRunner, data: Path) -> None:
    result = report(runner, data, "--social-return")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Social return — peildatum 2025-01-06\n")
    assert "Per directie" not in out and "Te beoordelen" not in out
    assert "Social return per directie" in out
    assert "€ 116.250" in out  # 6.250 + 45.000 + 15.000 + 50.000
    assert "statushouders," in out and "geaccepteerd" in out
    doc = json.loads(report(runner, data, "--social-return", "--format", "json").stdout)
    assert list(doc) == ["peildatum", "social_return"]
    amounts = {t["id"]: t["bedrag"] for t in doc["social_return"]["aanbestedingen"]}
    assert amounts == {"plus-een": 6250, "later": 45000, "formule": 15000, "bel": 50000}


# --- which tenders -------------------------------------------------------------------------


def ids(result: Result, key: str = "europees") -> list[str]:
    return [t["id"] for t in json.loads(result.stdout)[key]]


def test_all_procedures(runner: CliRunner, data: Path) -> None:
    plain = report(runner, data, "--period", "2025-Q1", "--format", "json")
    assert "nationaal" not in ids(plain)
    every = report(runner, data, "--period", "2025-Q1", "--all", "--format", "json")
    assert "nationaal" in ids(every)
    assert "at-som" in ids(every)  # known date: in the list, its procedure shown as onbekend
    assert ids(every, "te_beoordelen") == ["bel"]  # date unknown stays apart
    text = report(runner, data, "--period", "2025-Q1", "--all").stdout
    assert text.startswith("Aanbestedingen (alle procedures) 2025-Q1")


def test_window(runner: CliRunner, data: Path) -> None:
    q1 = report(runner, data, "--period", "2025-Q1", "--format", "json")
    assert "later" not in ids(q1)
    year = report(runner, data, "--period", "2025", "--format", "json")
    assert "later" in ids(year)
    default = json.loads(report(runner, data, "--format", "json").stdout)
    assert default["periode"] == "vanaf 2025-Q1"
    assert "later" in [t["id"] for t in default["europees"]]
    dates = report(runner, data, "--from", "2025-02-01", "--to", "2025-02-28", "--format", "json")
    # 2025-Q1 overlaps February; the 15th of February is in it
    assert ids(dates) == ["formule", "plus-een", "min-twee"]
    march = report(runner, data, "--from", "2025-03-01", "--to", "2025-Q2", "--format", "json")
    assert "plus-een" not in ids(march) and "formule" in ids(march)


@pytest.mark.parametrize("option", ["--from", "--to", "--period"])
@pytest.mark.parametrize("day", ["9999-12-31", "1000-01-01", "2025-02-30"])
def test_period_dates_use_the_one_date_parser(
    runner: CliRunner, data: Path, option: str, day: str
) -> None:
    """What --date refuses, --from, --to and --period refuse too."""
    peildatum = report(runner, data, "--date", day)
    assert peildatum.exit_code == 2
    result = report(runner, data, option, day)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"inkoopcheck: {option} '{day}' is geen periode; schrijf een kwartaal (2025-Q1), "
        "een jaar (2025) of een datum (2025-03-01).\n"
    )


def test_directie(runner: CliRunner, data: Path) -> None:
    result = report(runner, data, "--period", "2025-Q1", "--directie", "bv", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert ids(result) == ["formule", "plus-een"]
    assert doc["te_beoordelen"] == []
    assert {t["directie"] for t in doc["themas"]} == {"Bedrijfsvoering"}
    bad = report(runner, data, "--directie", "Fysiekk")
    assert bad.exit_code == 2
    assert "directie 'Fysiekk' staat niet in kader.yaml — bedoel je 'Fysiek'?" in bad.stderr


def test_place_rules() -> None:
    day = date(2025, 1, 6)
    window = window_from(None, None, None, day)
    assert window == Window(date(2025, 1, 1), None, "vanaf 2025-Q1")
    assert window_from("2025", None, None, day) == Window(
        date(2025, 1, 1), date(2025, 12, 31), "2025"
    )
    assert window_from(None, "2025-Q2", "2025-Q3", day).label == "2025-Q2 t/m 2025-Q3"
    assert window_from(None, None, "2025-06-30", day) == Window(
        date(2025, 1, 1), date(2025, 6, 30), "2025-Q1 t/m 2025-06-30"
    )
    for args in (("2025-Q5", None, None), ("2025-Q1", "2025-Q1", None), (None, None, "2024")):
        with pytest.raises(PeriodError):
            window_from(*args, day)
    with pytest.raises(PeriodError, match="ligt vóór"):
        window_from(None, "2025-Q3", "2025-Q1", day)


def test_overdue_and_finished(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "fysiek/te-laat": """\
            id: te-laat
            titel: Bruggen
            directie: Fysiek
            procedure: europees
            publicatie: {kwartaal: 2024-Q3, zekerheid: zeker}
            status: kalender
            """,
            "fysiek/gegund": """\
            id: gegund
            titel: Kademuren
            directie: Fysiek
            procedure: europees
            publicatie: {kwartaal: 2025-Q1, zekerheid: zeker}
            status: gegund
            themas: {toegankelijkheid: ja}
            """,
        },
    )
    doc = json.loads(report(runner, data, "--format", "json").stdout)
    assert doc["europees"] == []
    assert [(t["id"], t["reden"]) for t in doc["te_beoordelen"]] == [
        ("te-laat", "publicatie 2024-Q3 verstreken, status nog kalender")
    ]
    assert [t["id"] for t in doc["themas"]] == ["te-laat", "gegund"]  # Bruggen, Kademuren
    # a window that does not reach the peildatum shows what it asks for only
    later = json.loads(report(runner, data, "--period", "2025-Q2", "--format", "json").stdout)
    assert later["te_beoordelen"] == []


# --- failures: exit 2, and never a half or replaced file -------------------------------


def test_bad_output(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    bad = report(runner, data, "--output", str(tmp_path / "overzicht.txt"))
    assert bad.exit_code == 2
    assert "'.txt' is geen bekende bestandssoort" in bad.stderr
    assert "kies .xlsx (Excel), .md (Markdown), .json of .csv" in bad.stderr
    assert not (tmp_path / "overzicht.txt").exists()
    missing = report(runner, data, "--output", str(tmp_path / "nergens" / "o.xlsx"))
    assert missing.exit_code == 2 and "bestaat niet" in missing.stderr
    folder = report(runner, data, "--output", str(tmp_path))
    assert folder.exit_code == 2
    period = report(runner, data, "--period", "Q1")
    assert period.exit_code == 2 and "'Q1' is geen periode" in period.stderr
    assert "Traceback" not in bad.output + missing.output + period.output


def test_social_return_only_is_for_the_screen(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    """--social-return with --output used to be ignored silently (the file got the
    whole report): now refused, and nothing is written."""
    path = tmp_path / "overzicht.xlsx"
    result = report(runner, data, "--social-return", "--output", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "inkoopcheck: --social-return en --output gaan niet samen: --social-return geldt "
        "alleen voor het scherm, een bestand krijgt altijd het hele overzicht. Laat --output "
        "weg om alleen social return te zien, of gebruik 'inkoopcheck export social-return "
        "--output BESTAND.csv' voor de social-returnlijst als bestand. Er is niets "
        "geschreven.\n"
    )
    assert not path.exists()
    old = tmp_path / "oud.md"
    old.write_text("oud\n", encoding="utf-8")
    again = report(runner, data, "--social-return", "-o", str(old), "--format", "json")
    assert again.exit_code == 2 and again.stdout == ""
    assert old.read_text(encoding="utf-8") == "oud\n"


def test_failure_keeps_the_old_file(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    path = tmp_path / "overzicht.xlsx"
    path.write_bytes(b"oud")
    assert report(runner, data, "--period", "2025-X", "-o", str(path)).exit_code == 2
    (data / "kader.yaml").write_text("naam: [kapot\n", encoding="utf-8")
    assert report(runner, data, "-o", str(path)).exit_code == 2
    assert path.read_bytes() == b"oud"


def test_write_error_leaves_nothing_behind(
    runner: CliRunner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    path = out / "overzicht.xlsx"
    path.write_bytes(b"oud")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = report(runner, data, "-o", str(path), "--force")
    assert result.exit_code == 2
    assert "kan " in result.stderr and "niet schrijven: de schijf is vol." in result.stderr
    assert path.read_bytes() == b"oud"
    assert sorted(p.name for p in out.iterdir()) == ["overzicht.xlsx"]  # no temp file left


# --- the shipped data reproduces the note -----------------------------------------------------

# "Aanstaande Europese aanbestedingen Q1 2025", the last table of the note
# (shared/seeds/000_ca492d146c5b7f60.txt), as written there (tabs as \t).
NOTE_Q1 = """\
Opdracht omschrijving\tLeadbuyer\tSchatting contractwaarde\tWaarschijnlijkheid publicatiedatum
Leveren en onderhouden van tuin- en parkmachines\tBedrijfsvoering\t€ 6.000.000\tOnzeker (marge 2 of meer kwartalen)
Schilderen masten VRI, VIS en OVL.\tFysiek\tN.n.b.\tOnzeker (marge 2 of meer kwartalen)
Arbodienstverlening\tBedrijfsvoering\t€ 2.500.000\tWaarschijnlijk (marge 1 kwartaal)
Beheer multifunctionele centra\tBedrijfsvoering\tN.n.b.\tWaarschijnlijk (marge 1 kwartaal)
Gebiedsontwikkeling Ravel & Vivaldi – NWE\tFysiek\tN.n.b.\tWaarschijnlijk (marge 1 kwartaal)
Grachtenarmaturen\tFysiek\tN.n.b.\tWaarschijnlijk (marge 1 kwartaal)
Onderhoud verkeerssystemen\tFysiek\tN.n.b.\tWaarschijnlijk (marge 1 kwartaal)
AJH 2027\tSociaal\tN.n.b.\tZeer onzeker (nog niet bekend)
Inhuur gecertificeerde BOA's\tBedrijfsvoering\tN.n.b.\tZeer onzeker (nog niet bekend)
Vervanging Telpunten\tFysiek\tN.n.b.\tZeer onzeker (nog niet bekend)
Kegel, Holbein & 21ste eeuw armaturen\tFysiek\t€ 10.000.000\tZeker (volgens publicatiedatum)
"""  # noqa: E501

# The table of the 35 inkooptrajecten looked at up to November 2024, as written.
NOTE_THEMES = """\
\tWat\tOpdracht\tRepr\tToeg\tSV
1\tActivatieteams en Events\tStadsbeheer\tX\tX\tX
2\tAdviesdiensten\tBedrijfsvoering/Fin en inkoop\tX\t-\t-
3\tAttenties\tFinanciën en Inkoop\tX\tX\tX
4\tBijzondere proj (voorheen Zuidas)\tRuimte & economie\tX\t\t
5\tDienstkleding\tBedrijfsvoering\tX\tX\tX
6\tDrukwerk\tDir.Communicatie\tX\tX\tX
7\tEnergie, Isolatie\tDir. Wonen\tX\tX\tX
8\tExternen\tInkoop cat. man\tX\t\t
9\tFacilitair/kantoor\tBedrijfsvoering\t\tX\t
10\tFinancials 2023\tInkoop\tX\tX\tX
11\tFotografie\tDir. Communicatie\tX\tX\tX
12\tGGD:Medische middelen\tGGD\t-\t-\t-
13\tGrafische vormg\tBedrijfsvoering\tX\tX\tX
14\tGroente en Fruit\tFacilitair Bureau\tX\tX\t-
15\tInburgering evaluatie\tWPI\tX\tX\tX
16\tJeugdzorg\t(O)JZ\tX\tX\tX
17\tJur.Personeel\tInkoop/Financien\tX\tX\tX
18\tKantoorartikelen\tFacilitair Bureau\t-\tX\tX
19\tK&W Dranken\tFacilitair Bureau\t-\tX\tX
20\tLocatiebeheer ^{5.1, 2, e}\tWPI ^{5.1, 2, e}\tX\tX\tX
21\tMeubilair\tFacilitair Bureau\t-\tX\tX
22\tMVO\tPersoneel & Org.\tX\tX\tX
23\tSchoonmaak\tStadswerken\tX\tX\tX
24\tServices\tFac. Bureau\t-\t-\t-
25\tStadspas systeem\tWPI\t-\tX\tX
26\tTechn. personeel\tInkoop/Financiën cat. management\tX\tX\tX
27\tToezichthouders\tTHOR\tX\tX\tX
28\tTrainee pool promotie\tMetropool Regio Amsterdam\tX\tX\tX
29\tTrapliften\tJZD\tX\tX\tX
30\tUitzendkrachten\tInkoop/Financiën\tX\tX\tX
31\tVeilig Thuis\tGGD (onrechtmatig)\t-\t-\t-
32\tVerkeersregelaars\tV&OR\tX\tX\tX
33\tWagenpark\tFinanciën/Inkoop\t-\tX\tX
34\tWoonruimteaanpassing\tZorg\tX\tX\tX
35\tZorgverzekering Minima hh\tWPI\tX\tX\tX
"""

# "^{5.1, 2, e}" marks text the note's publisher blacked out (Woo 5.1 lid 2e);
# the data leaves it out. The note's "GGD (onrechtmatig)" is a remark, which the
# data keeps in opmerkingen with the directie as GGD.
REDACTED = " ^{5.1, 2, e}"
REMARKS = {"GGD (onrechtmatig)": "GGD"}


def note_q1() -> list[tuple[str, ...]]:
    lines = NOTE_Q1.splitlines()
    assert lines[0].split("\t") == [
        "Opdracht omschrijving",
        "Leadbuyer",
        "Schatting contractwaarde",
        "Waarschijnlijkheid publicatiedatum",
    ]
    return [tuple(line.split("\t")) for line in lines[1:]]


def note_themes() -> list[tuple[str, ...]]:
    out = []
    for line in NOTE_THEMES.splitlines()[1:]:
        _, wat, opdracht, *marks = line.split("\t")
        opdracht = REMARKS.get(opdracht, opdracht.replace(REDACTED, ""))
        out.append((wat.replace(REDACTED, ""), opdracht, *marks))
    assert len(out) == 35
    return out


def test_shipped_q1_is_the_note(runner: CliRunner, tmp_path: Path) -> None:
    args = ["report", "--period", "2025-Q1", "--data", str(SHIPPED), "--date", "2024-12-09"]
    doc = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    listed = [
        (t["titel"], t["leadbuyer"], euro(t["contractwaarde"]), ZEKERHEID_LABELS[t["zekerheid"]])
        for t in doc["europees"]
    ]
    assert len(listed) == 11
    assert sorted(listed) == sorted(note_q1())
    assert doc["te_beoordelen"] == []
    # sorted by directie, then publication
    assert [t["directie"] for t in doc["europees"]] == ["Bedrijfsvoering"] * 4 + ["Fysiek"] * 6 + [
        "Sociaal"
    ]

    path = tmp_path / "overzicht.xlsx"
    result = runner.invoke(app, [*args, "--output", str(path)])
    assert result.exit_code == 0, result.output
    sheet = rows(load_workbook(path)["Europese aanbestedingen"])[1:]
    in_sheet = [
        (r[1], r[2], r[3] if r[3] == "N.n.b." else euro(int(str(r[3]))), r[4]) for r in sheet
    ]
    assert sorted(in_sheet) == sorted(note_q1())

    text = runner.invoke(app, args).stdout
    for titel, leadbuyer, waarde, _ in note_q1():
        assert titel.split()[0] in text and waarde in text and leadbuyer in text


def test_shipped_theme_sheet_is_the_note(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "overzicht.xlsx"
    args = ["report", "--data", str(SHIPPED), "--date", "2024-12-09", "--output", str(path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    ws = load_workbook(path)["Thema's"]
    header, *body = rows(ws)
    assert header[:6] == ["Wat", "Opdracht", "Directie", "Repr", "Toeg", "SV"]
    sheet = [tuple("" if v is None else v for v in r[:6]) for r in body]
    expected = note_themes()
    wanted = {e[0] for e in expected}
    from_note = [(wat, opdracht, *marks) for wat, opdracht, _, *marks in sheet if wat in wanted]
    assert from_note == expected  # all 35, in the note's order, mark for mark
    # every other row is one of the 11 upcoming tenders, nothing decided yet
    rest = [r for r in sheet if r[0] not in wanted]
    assert sorted(r[0] for r in rest) == sorted(t for t, *_ in note_q1())
    assert all(r[3:] == ("", "", "") for r in rest)


def test_formats_come_from_the_registry(runner: CliRunner, data: Path, tmp_path: Path) -> None:
    """Every format of render/report_formats.FORMATS is wired end to end: a file
    format is accepted by --output and written with its type, a screen format is a
    --format choice; nothing else is."""
    from inkoopcheck.render.report_formats import FORMATS

    for name, fmt in FORMATS.items():
        if fmt.suffix is not None:
            path = tmp_path / f"overzicht{fmt.suffix}"
            result = report(runner, data, "--period", "2025-Q1", "--output", str(path))
            assert result.exit_code == 0, (name, result.output)
            body = path.read_bytes()
            if fmt.suffix == ".xlsx":
                assert body.startswith(b"PK")  # a zip: the workbook
            else:
                assert "Bel alarm" in body.decode("utf-8")
        shown = report(runner, data, "--period", "2025-Q1", "--format", name)
        assert shown.exit_code == (0 if fmt.screen else 2), (name, shown.output)
    help_text = runner.invoke(app, ["report", "--help"]).stdout
    assert "[text|markdown|json]" in help_text
