"""One message for a directie that is not in kader.yaml, whichever command is
given it (Kader.unknown_directie_message): the closest spelling, and the
directies to choose from."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.loader import load_kader

from .helpers import make_data


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path, {})


def command(name: str, data: Path, tmp_path: Path) -> list[str]:
    """`name` run on `data`, everything given but the directie."""
    if name == "report":
        return ["report", "--data", str(data)]
    if name == "new":
        return ["new", "--data", str(data), "--titel", "Iets nieuws", "--no-interactive"]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Titel", "Publicatie"])
    sheet.append(["Iets nieuws", "2026-Q1 zeker"])
    book.save(tmp_path / "kalender.xlsx")
    return ["import", "--data", str(data), str(tmp_path / "kalender.xlsx"), "--dry-run"]


def choices(data: Path) -> str:
    kader = load_kader(data / "kader.yaml").kader
    assert kader is not None
    return f"Kies uit: {', '.join(kader.directies)} (of een alias daarvan)."


@pytest.mark.parametrize("name", ["report", "new", "import"])
def test_unknown_directie_has_one_message(
    runner: CliRunner, data: Path, tmp_path: Path, name: str
) -> None:
    before = sorted(p for p in data.rglob("*"))
    result = runner.invoke(app, [*command(name, data, tmp_path), "--directie", "Bedrijfsvoring"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "inkoopcheck: directie 'Bedrijfsvoring' staat niet in kader.yaml — bedoel je "
        f"'Bedrijfsvoering'? {choices(data)}\n"
    )
    assert sorted(p for p in data.rglob("*")) == before  # nothing written


@pytest.mark.parametrize("name", ["report", "new", "import"])
def test_unknown_directie_without_a_close_spelling(
    runner: CliRunner, data: Path, tmp_path: Path, name: str
) -> None:
    result = runner.invoke(app, [*command(name, data, tmp_path), "--directie", "Xyzzy"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"inkoopcheck: directie 'Xyzzy' staat niet in kader.yaml. {choices(data)}\n"
    )
