"""The progress bar: on stderr for a person at a terminal with many files; never
in CI or when stderr is piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import make_data, tender

SCRIPT = Path(sys.executable).parent / "inkoopcheck"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        f"bedrijfsvoering/t-{i:04d}": tender(f"t-{i:04d}", f"Opdracht {i}") for i in range(600)
    }
    return make_data(tmp_path_factory.mktemp("many"), files)


def run_at_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run with stderr on a pseudo-terminal; return what the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [str(SCRIPT), *args], stdout=subprocess.DEVNULL, stderr=follower, env=env
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=120)
    os.close(leader)
    return shown.decode("utf-8", "replace")


def env_without_ci(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env.update(INKOOPCHECK_NO_CACHE="1", COLUMNS="100", **extra)
    return env


def test_bar_at_a_terminal(many: Path) -> None:
    shown = run_at_terminal(["validate", "--data", str(many)], env_without_ci())
    assert "600 van 600 bestanden controleren" in shown


def test_no_bar_in_ci(many: Path) -> None:
    shown = run_at_terminal(["validate", "--data", str(many)], env_without_ci(CI="true"))
    assert "bestanden controleren" not in shown


def test_no_bar_when_piped(many: Path) -> None:
    result = subprocess.run(
        [str(SCRIPT), "validate", "--data", str(many)],
        capture_output=True,
        text=True,
        env=env_without_ci(),
        timeout=120,
        check=False,
    )
    assert "bestanden controleren" not in result.stderr
