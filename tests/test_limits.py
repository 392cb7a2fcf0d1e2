"""A kader has bounds far above any municipality (issue 16, item 6): beyond them
validate says IC409 and no other command runs; at them every command still works."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from inkoopcheck import kader as kadermodule
from inkoopcheck.cli import app
from inkoopcheck.codes import CODES
from inkoopcheck.loader import load_kader

from .helpers import SHIPPED, catering_data

DAY = "2024-12-09"
SHIPPED_KADER = load_kader(SHIPPED / "kader.yaml").kader
assert SHIPPED_KADER is not None


def grown(
    themas: int = 0,
    directies: int = 0,
    leadbuyers: int = 0,
    drempels: int = 0,
    regels: int = 0,
    aliassen: int = 0,
) -> str:
    """The shipped kader with this many more of each (all valid, none clashing)."""
    text = (SHIPPED / "kader.yaml").read_text("utf-8")
    add = "".join(f"  t{n}: {{label: T{n}, naam: Thema {n}}}\n" for n in range(themas))
    text = text.replace("themas:\n", "themas:\n" + add, 1)
    add = "".join(f"  Directie {n}: {{slug: directie-{n}}}\n" for n in range(directies))
    text = text.replace("directies:\n", "directies:\n" + add, 1)
    extra = "".join(f", Leadbuyer {n}" for n in range(leadbuyers))
    text = text.replace(
        "leadbuyers: [Bedrijfsvoering, Fysiek, Sociaal]",
        f"leadbuyers: [Bedrijfsvoering, Fysiek, Sociaal{extra}]",
        1,
    )
    add = "".join(
        f"  - {{vanaf: {1900 + n}-01-01, tot: {1900 + n}-12-31, leveringen: 1, diensten: 1, "
        "werken: 1, sociale-diensten: 1}\n"
        for n in range(drempels)
    )
    text = text.replace("drempels:\n", "drempels:\n" + add, 1)
    add = "".join(
        f"  - {{id: r{n}, naam: Regel {n}, als: {{trefwoorden: [zq{n}]}}, "
        "themas: [representatie], gewicht: 1}\n"
        for n in range(regels)
    )
    text = text.replace("regels:\n", "regels:\n" + add, 1)
    extra = "".join(f", BV{n}" for n in range(aliassen))
    text = text.replace("aliassen: [BV]", f"aliassen: [BV{extra}]", 1)
    return text


K = SHIPPED_KADER
AT_THE_BOUNDS = {
    "themas": kadermodule.MAX_THEMAS - len(K.themas),
    "directies": kadermodule.MAX_DIRECTIES - len(K.directies),
    "leadbuyers": kadermodule.MAX_LEADBUYERS - len(K.leadbuyers),
    "drempels": kadermodule.MAX_DREMPELS - len(K.drempels),
    "regels": kadermodule.MAX_REGELS - len(K.regels),
    "aliassen": kadermodule.MAX_ITEMS - 1,
}


@pytest.mark.parametrize(
    ("what", "line", "message"),
    [
        ("themas", "themas:", "themas: {n} thema's; de grens is 100"),
        ("directies", "directies:", "directies: {n} directies; de grens is 1000"),
        ("leadbuyers", "leadbuyers:", "leadbuyers: {n} leadbuyers; de grens is 1000"),
        ("drempels", "drempels:", "drempels: {n} drempelperiodes; de grens is 100"),
        ("regels", "regels:", "regels: {n} regels; de grens is 200"),
        (
            "aliassen",
            "    aliassen: [BV",
            "directies.Bedrijfsvoering.aliassen: {n} items; de grens is 100",
        ),
    ],
)
def test_one_more_than_a_bound_is_ic409(
    what: str, line: str, message: str, runner: CliRunner, tmp_path: Path
) -> None:
    more = AT_THE_BOUNDS[what] + 1
    text = grown(**{what: more})
    data = catering_data(tmp_path, text)
    total = 1 + more if what == "aliassen" else len(getattr(K, what)) + more  # BV itself
    n = f"{total:,}".replace(",", ".")
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", DAY])
    assert result.exit_code == 1
    at = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(line))
    expected = f"{data / 'kader.yaml'}:{at}:"
    found = [ln for ln in result.stdout.splitlines() if " IC409 " in ln]
    assert len(found) == 1, result.stdout
    assert found[0].startswith(expected), found
    assert found[0].endswith(message.format(n=n)), found
    report = runner.invoke(app, ["report", "--data", str(data), "--date", DAY])
    assert report.exit_code == 2
    assert "kader.yaml bevat fouten" in report.stderr


def test_a_kader_of_twenty_thousand_themes_is_refused_without_a_crash(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The fuzzer's kader: under 1 MB, valid but for its size."""
    text = grown(themas=20_000)
    assert len(text.encode()) < 1_000_000
    data = catering_data(tmp_path, text)
    target = tmp_path / "overzicht.xlsx"
    for args in (["report", "--output", str(target)], ["report"], ["triage"]):
        result = runner.invoke(app, [*args, "--data", str(data), "--date", DAY])
        assert result.exit_code == 2, (args, result.exception)
        assert "IC409 themas: 20.003 thema's; de grens is 100" in result.stderr
    assert not target.exists()


def test_a_kader_at_every_bound_at_once_works(runner: CliRunner, tmp_path: Path) -> None:
    data = catering_data(tmp_path, grown(**AT_THE_BOUNDS))
    result = runner.invoke(app, ["validate", "--data", str(data), "--date", DAY])
    assert result.exit_code == 0, result.stdout
    assert " IC409 " not in result.stdout
    target = tmp_path / "overzicht.xlsx"
    result = runner.invoke(
        app, ["report", "--data", str(data), "--date", DAY, "--output", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(target).worksheets[0]
    labels = [c.value for row in sheet.iter_rows(max_row=10) for c in row]
    last = f"T{AT_THE_BOUNDS['themas'] - 1}"
    assert last in labels  # the hundredth theme has its column


def test_the_explanation_of_ic409_names_the_bounds_in_the_code() -> None:
    numbers = [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*", CODES["IC409"].uitleg)]
    assert numbers == [
        kadermodule.MAX_THEMAS,
        kadermodule.MAX_DIRECTIES,
        kadermodule.MAX_LEADBUYERS,
        kadermodule.MAX_REGELS,
        kadermodule.MAX_DREMPELS,
        kadermodule.MAX_ITEMS,
    ]
