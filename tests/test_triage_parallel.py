"""Triage decides each tender where it is loaded (in the workers above
PARALLEL_MIN files) and only hands out the places itself. The answer must not
depend on where the deciding happened: two processes, one process, and the
tenders decided in the parent (taken from the cache) give the same output, on
random corpora (bench/gen_corpus.py: realistic files, a few percent broken)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
assert _spec is not None and _spec.loader is not None
gen_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_corpus)


def _triage(args: list[str], monkeypatch: pytest.MonkeyPatch, jobs: str) -> tuple[int, str]:
    monkeypatch.setenv("INKOOPCHECK_JOBS", jobs)
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("seed", [3, 17, 29])
def test_parallel_serial_and_cached_triage_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    data = tmp_path / "data"
    gen_corpus.generate(rng.randint(150, 300), data, broken=0.05, seed=seed)
    for f in sorted(data.glob("tenders/*/*.yaml")):
        if rng.random() < 0.08:  # a role decided in the overleg
            role = rng.choice(["aanschuiven", "achtervang", "geen"])
            f.write_text(f.read_text("utf-8") + f"betrokkenheid:\n  rol: {role}\n", "utf-8")
    for _ in range(3):
        day = f"{rng.choice([2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        args = ["triage", "--data", str(data), "--date", day, "--format"]
        args.append(rng.choice(["json", "text", "markdown"]))
        if rng.random() < 0.5:
            args += ["--capacity", str(rng.randint(0, 6))]
        if rng.random() < 0.3:
            args += ["--directie", rng.choice(["Bedrijfsvoering", "Fysiek"])]
        serial = _triage([*args, "--no-cache"], monkeypatch, "1")
        assert serial[0] in (0, 1), serial[1]
        assert "aanschuiven" in serial[1]  # there was something to decide
        assert _triage([*args, "--no-cache"], monkeypatch, "2") == serial
        cache = ["--cache-dir", str(tmp_path / "cache")]
        _triage([*args, *cache], monkeypatch, "2")  # fills the cache
        assert _triage([*args, *cache], monkeypatch, "1") == serial  # decided in the parent
