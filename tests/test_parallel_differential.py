"""Two worker processes give the same answer as one: on random corpora (broken
files included), validate, triage and report print the same, byte for byte.
INKOOPCHECK_PARALLEL_SEEDS sets how many corpora (default 3)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["validate", "--format", "json"],
    ["triage", "--format", "json", "--date", "2026-03-01"],
    ["triage", "--format", "markdown", "--date", "2026-03-01"],
    ["report", "--format", "json", "--date", "2026-03-01", "--all"],
]
SEEDS = [
    random.Random(n).randrange(1 << 20)
    for n in range(int(os.environ.get("INKOOPCHECK_PARALLEL_SEEDS", "3")))
]


@pytest.mark.parametrize("seed", SEEDS)
def test_two_processes_answer_like_one(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    rng = random.Random(seed)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "gen_corpus.py"),
            "--files",
            str(rng.randint(40, 160)),
            "--broken",
            str(rng.choice([0, 0.05, 0.2])),
            "--seed",
            str(seed),
            "--out",
            str(data),
        ],
        check=True,
        capture_output=True,
    )
    runner = CliRunner()
    for command in COMMANDS:
        answers = []
        for jobs in ("1", "2"):
            monkeypatch.setenv("INKOOPCHECK_JOBS", jobs)
            result = runner.invoke(app, [*command, "--data", str(data), "--no-cache"])
            answers.append((result.exit_code, result.stdout))
        assert answers[0] == answers[1], (seed, command)
        assert answers[0][1], (seed, command)  # there was an answer to compare
