"""The workbooks are written by XlsxWriter (render/xlsx_write) from neutral sheet
descriptions (render/xlsx_sheet). The same descriptions written the plain way,
with openpyxl as before (tests/xlsx_plain.py), must give the same workbook as a
user sees it: both files are read back with openpyxl and compared cell by cell
and sheet by sheet, on random corpora with hostile text."""

from __future__ import annotations

import importlib.util
import io
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from inkoopcheck.analysis import analyse
from inkoopcheck.cli import app
from inkoopcheck.cli.report import _werklast
from inkoopcheck.periods import window_from
from inkoopcheck.render import report_xlsx, xlsx_write
from inkoopcheck.render.xlsx_sheet import Sheet
from inkoopcheck.report import Provenance, Selection, build
from tests import xlsx_plain
from tests.helpers import tender

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
assert _spec is not None and _spec.loader is not None
gen_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_corpus)

HOSTILE = [
    "=1+1",
    "#N/A",
    "@x",
    "+31 6 12345678",
    "-5",
    '=HYPERLINK("http://x")',
    "regel een\nregel twee\nregel drie",
    "een titel die lang genoeg is om over meer dan zestig tekens te moeten omlopen in Excel",
    "x" * 40_000,  # over Excel's 32,767 characters: cut with a warning
    "  spaties  rondom  ",
    "Ëén ‘aanhalingstekens’ — en € 5",
]


def _text(rng: random.Random) -> str:
    return rng.choice(HOSTILE)


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _corpus(tmp_path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    data = tmp_path / "data"
    gen_corpus.generate(rng.randint(40, 120), data, broken=0.03, seed=seed)
    for i in range(rng.randint(3, 10)):  # hostile text where a user's text goes
        fields = {
            "soort": "diensten",
            "procedure": rng.choice(["europees", "nationaal"]),
            "publicatie": f"{{kwartaal: 2025-Q{rng.randint(1, 4)}, zekerheid: zeker}}",
            "leadbuyer": _yaml(_text(rng)),
        }
        if rng.random() < 0.7:
            fields["contractwaarde"] = str(rng.choice([250_000, 1_000_000, 5_500_000]))
        if rng.random() < 0.6:
            fields["social_return"] = (
                f"{{percentage: {rng.choice([5, 2.5, 7.25])}, "
                f"doelgroepen: [{_yaml(_text(rng))}, statushouders]}}"
            )
        folder = rng.choice(["bedrijfsvoering", "fysiek", "sociaal"])
        path = data / "tenders" / folder / f"vijandig-{i}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            tender(f"vijandig-{i}", _yaml(_text(rng)), folder.capitalize(), **fields), "utf-8"
        )
    return data


def _overview(data: Path, rng: random.Random) -> tuple[Any, bool]:
    day = date(2025, rng.randint(1, 12), rng.randint(1, 28))
    analysis = analyse(data, day, cache_dir=None)
    kader = analysis.kader
    assert kader is not None
    directie = rng.choice([None, None, "Fysiek", "Bedrijfsvoering"])
    all_procedures = rng.random() < 0.5
    period = rng.choice([None, "2025", "2025-Q2", "2031"])  # 2031: empty lists
    window = window_from(period, None, None, day)
    selection = Selection(all_procedures, directie)
    overview = build(analysis.valid_tenders(), kader, day, window, selection)
    werklast = rng.random() < 0.7
    if werklast:
        overview = replace(overview, werklast=_werklast(analysis, data, kader, day, directie))
    return overview, werklast


def _rgb(color: Any) -> str | None:
    return None if color is None or color.rgb is None else str(color.rgb)[-6:]


def _title(title: Any) -> str | None:
    """The text of a chart or axis title."""
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    return "".join(r.t for p in title.tx.rich.p for r in (p.r or []))


def _formula(f: str) -> str:
    """'Sheet'!$A$1 and Sheet!A1 are the same reference (quotes are optional)."""
    sheet, cells = f.rsplit("!", 1)
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return f"{sheet}!{cells.replace('$', '')}"


def _ref(source: Any) -> str | None:
    if source is None:
        return None
    ref = source.numRef or source.strRef
    return None if ref is None else _formula(ref.f)


def _chart(chart: Any) -> dict[str, Any]:
    return {
        "title": _title(chart.title),
        "legend": chart.legend is not None,
        "style": chart.style,
        "x title": _title(chart.x_axis.title),
        "y title": _title(chart.y_axis.title),
        "orientation": chart.x_axis.scaling.orientation,
        "gridlines": chart.y_axis.majorGridlines is not None,
        "parts": [
            (
                part.tagname,
                getattr(part, "barDir", None),
                [
                    (
                        _formula(s.tx.strRef.f) if s.tx and s.tx.strRef else None,
                        _ref(s.val),
                        _ref(s.cat),
                    )
                    for s in part.series
                ],
            )
            for part in chart._charts
        ],
    }


def view(data: bytes) -> dict[str, Any]:
    """A workbook as a user sees it, read back by openpyxl."""
    wb = load_workbook(io.BytesIO(data))
    seen: dict[str, Any] = {
        "sheets": wb.sheetnames,
        "title": wb.properties.title,
        "creator": wb.properties.creator,
    }
    for ws in wb.worksheets:
        s = ws.title
        for row in ws.iter_rows():
            for c in row:
                seen[f"{s}!{c.coordinate}"] = (
                    c.value,
                    # an empty cell has no type a user can see (openpyxl wrote ""
                    # as an empty inline string, XlsxWriter as a blank)
                    c.data_type if c.value is not None else "leeg",
                    c.number_format,
                    bool(c.font.b),
                    c.font.name,
                    c.font.sz,
                    c.fill.fill_type,
                    _rgb(c.fill.fgColor) if c.fill.fill_type else None,
                    c.alignment.horizontal,
                    c.alignment.vertical,
                    bool(c.alignment.wrap_text),
                    c.alignment.indent,
                    bool(c.quotePrefix),
                )
        widths = {}
        for dim in ws.column_dimensions.values():
            for col in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
                widths[get_column_letter(col)] = dim.width
        seen[f"{s} widths"] = widths
        seen[f"{s} heights"] = {
            r: d.height for r, d in ws.row_dimensions.items() if d.height is not None
        }
        p, m = ws.page_setup, ws.page_margins
        seen[f"{s} layout"] = {
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "print titles": ws.print_title_rows,
            "orientation": p.orientation,
            "paper": str(p.paperSize),
            "fit to width": p.fitToWidth or 1,  # 1 when left out (ECMA-376 default)
            "fit to height": p.fitToHeight,
            "fit to page": ws.sheet_properties.pageSetUpPr.fitToPage,
            "margins": (m.left, m.right, m.top, m.bottom, m.header, m.footer),
            "footer": ws.oddFooter.center.text,
        }
        seen[f"{s} charts"] = [_chart(c) for c in ws._charts]
    return seen


def assert_same(fast: bytes, plain: bytes) -> None:
    a, b = view(fast), view(plain)
    assert a.keys() == b.keys(), sorted(a.keys() ^ b.keys())[:10]
    differ = [(k, a[k], b[k]) for k in a if a[k] != b[k]]
    assert differ == [], "\n".join(f"{k}:\n  {x}\n  {y}" for k, x, y in differ[:5])


@pytest.mark.parametrize("seed", [1, 7, 23, 42])
def test_report_workbook_is_the_same_as_the_plain_path(tmp_path: Path, seed: int) -> None:
    data = _corpus(tmp_path, seed)
    overview, werklast = _overview(data, random.Random(seed))
    warnings: list[str] = []
    sheets = list(report_xlsx.sheets(overview, Provenance(str(data), None, "test"), warnings))
    assert (report_xlsx.WORKLOAD_SHEET in [s.title for s in sheets]) == werklast
    fast = xlsx_write.workbook(overview.title, sheets)
    assert_same(fast, xlsx_plain.workbook(overview.title, sheets))
    # the hostile text reached the workbook, and stayed text
    cells = [c for c in view(fast).values() if isinstance(c, tuple)]
    quoted = {c[0] for c in cells if c[12]}
    assert quoted and all(str(v)[0] in "=+-@\t" for v in quoted)
    assert all(c[1] == "s" for c in cells if c[0] in HOSTILE)


def test_tenderned_workbook_is_the_same_as_the_plain_path(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real `tenderned --format xlsx`, with hostile titles; every workbook it
    writes is also written the plain way and compared."""
    from tests.tenderned_data import NOTICES, write_package
    from tests.test_tenderned import DAY, _data

    compared: list[str] = []
    fast_path = xlsx_write.workbook

    def both(title: str, sheets: Sequence[Sheet]) -> bytes:
        fast = fast_path(title, sheets)
        assert_same(fast, xlsx_plain.workbook(title, sheets))
        compared.append(title)
        return fast

    monkeypatch.setattr(xlsx_write, "workbook", both)
    notices = [
        *NOTICES,
        *(
            {**NOTICES[2], "id": f"90990{i}", "kenmerk": f"39999{i}", "titel": t}
            for i, t in enumerate(HOSTILE[:8])
        ),
    ]
    file = write_package(tmp_path / "tenderned.json", notices)
    data = _data(tmp_path)
    target = tmp_path / "lijsten.xlsx"
    args = ["tenderned", str(file), "--data", str(data), "--date", DAY]
    result = runner.invoke(app, [*args, "--format", "xlsx", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert compared == ["TenderNed tegen het register"]
    titles = [c for c in view(target.read_bytes()).values() if isinstance(c, tuple)]
    assert {"=1+1", "#N/A", "@x"} <= {c[0] for c in titles if c[1] == "s"}
