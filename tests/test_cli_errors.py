"""Mistakes on the command line are explained in Dutch, exit 2, no traceback —
through the real console script, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "inkoopcheck"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["validate", "--strikt"],
            "inkoopcheck: onbekende optie '--strikt' — bedoel je '--strict'?",
        ),
        (
            ["validate", "--format", "yaml"],
            "inkoopcheck: ongeldige waarde voor '--format': 'yaml' is geen keuze; kies uit 'text', "
            "'json', 'github'.",
        ),
        (
            ["triage", "--capacity", "veel"],
            "inkoopcheck: ongeldige waarde voor '--capacity': geen geheel getal.",
        ),
        (
            ["triage", "--capacity", "-1"],
            "inkoopcheck: ongeldige waarde voor '--capacity': moet minstens 0 zijn.",
        ),
        (["report", "--period"], "inkoopcheck: optie '--period' heeft een waarde nodig."),
        (
            ["valideer"],
            "inkoopcheck: onbekend commando 'valideer' — bedoel je 'validate'?",
        ),
        (["doe-iets"], "inkoopcheck: onbekend commando 'doe-iets'."),
        (
            ["triage", "--date", "2024-13-01"],
            "inkoopcheck: '2024-13-01' is geen datum; schrijf de datum als JJJJ-MM-DD, "
            "bijvoorbeeld 2024-12-09.",
        ),
    ],
)
def test_usage_errors_in_dutch(args: list[str], message: str, tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_usage_error_points_to_help(tmp_path: Path) -> None:
    result = run("validate", "--formaat", "json", cwd=tmp_path)
    usage, hint = result.stderr.splitlines()[:2]
    assert usage.startswith("Gebruik: inkoopcheck validate [OPTIES] ")
    assert "PAD" in usage
    assert hint == "Probeer 'inkoopcheck validate --help' voor hulp."


def test_no_data_folder(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "inkoopcheck: geen datamap gevonden" in result.stderr


def test_help_is_dutch_down_to_the_help_option() -> None:
    for args in (["--help"], ["validate", "--help"], ["export", "social-return", "--help"]):
        out = run(*args).stdout
        assert "--help" in out and "Toon deze hulp en stop." in out
        assert "Show this message" not in out
