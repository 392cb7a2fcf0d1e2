"""Every --help is Dutch, frame included (issue 17, part 3): the usage line, the
section headings, the value placeholders and the notes after an option's help —
for every command and subcommand, as the user runs them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from inkoopcheck.cli import app

SCRIPT = str(Path(sys.executable).parent / "inkoopcheck")  # the console script, as users run it

# click's and typer's English frame, as it showed before
ENGLISH = [
    "Usage:",
    "Options",
    "Arguments",
    "Commands",
    "[OPTIONS]",
    "COMMAND ",
    "[ARGS]",
    "default:",
    "[required]",
    "required",
    "Show this message",
    "Print ",
    "env var",
    "(dynamic)",
]
# type placeholders of click (TEXT, INTEGER, ...) and typer (<str>, <int range>, <list[Path]>)
PLACEHOLDERS = re.compile(
    r"<(?:str|int|float|bool|path|file|list\[[^\]]*\]|[a-z]+ range)>"
    r"|\b(?:TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILENAME|DIRECTORY|RANGE)\b"
    r"|\b(?:x>=|x<=)"
)


def command_paths() -> list[list[str]]:
    found: list[list[str]] = [[]]

    def walk(cmd: Any, path: list[str]) -> None:
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def help_of(path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "inkoopcheck")
def test_no_english_in_the_help_frame(path: list[str]) -> None:
    text = help_of(path)
    assert text.startswith(f"Gebruik: {' '.join(['inkoopcheck', *path])} ")
    assert "\nOpties:\n" in text
    english = [w for w in ENGLISH if w in text]
    assert not english, f"English in '{' '.join(path)} --help': {english}\n{text}"
    assert not PLACEHOLDERS.findall(text), f"{PLACEHOLDERS.findall(text)}\n{text}"


def test_the_notes_and_placeholders_are_dutch() -> None:
    triage = help_of(["triage"])
    assert "--format <text|markdown|json>" in triage
    assert re.search(
        r"--status STATUS +kalender, .*\[standaard:\s+kalender\]", help_of(["new"]), re.S
    )
    assert "--capacity GETAL" in triage and "[minstens 0]" in triage
    assert "--data PAD" in triage and "--directie TEKST" in triage
    validate = help_of(["validate"])
    # (how the argument shows in the usage line differs between typer releases)
    assert re.match(r"Gebruik: inkoopcheck validate \[OPTIES\] \[?PAD", validate)
    assert "\nArgumenten:\n  PAD..." in validate
    social = help_of(["export", "social-return"])
    assert re.search(r"--output, -o PAD\s+Het CSV-bestand", social) or re.search(
        r"-o, --output PAD\s+Het CSV-bestand", social
    ), social
    assert "[verplicht]" in social
    top = help_of([])
    assert "Gebruik: inkoopcheck [OPTIES] COMMANDO [ARGUMENTEN]..." in top
    assert "\nCommando's:\n" in top
    assert "schema      Het JSON Schema van een aanbestedingsbestand" in top
    export = help_of(["export"])
    assert "Gebruik: inkoopcheck export [OPTIES] COMMANDO [ARGUMENTEN]..." in export


def test_the_quick_top_level_help_is_dutch_too() -> None:
    """`inkoopcheck --help` and plain `inkoopcheck` take a faster way (cli/app.py)."""
    for args in (["--help"], []):
        done = subprocess.run(
            [SCRIPT, *args],
            capture_output=True,
            text=True,
            check=False,
        )
        shown = done.stdout + done.stderr
        assert shown.startswith("Gebruik: inkoopcheck [OPTIES] COMMANDO [ARGUMENTEN]...")
        assert not [w for w in ENGLISH if w in shown], shown


def test_a_usage_error_shows_the_dutch_usage_line() -> None:
    done = subprocess.run(
        [SCRIPT, "triage", "--capacity", "veel"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Gebruik: inkoopcheck triage [OPTIES]\n")
    assert "Usage" not in done.stderr
