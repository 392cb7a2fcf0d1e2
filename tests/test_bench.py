"""The benchmark script runs (on a tiny corpus): it cannot rot unnoticed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_prints_a_table() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    header = "| command | median | compared to | median | ratio | goal | peak memory | CPU ratio |"
    assert header in out
    for what in (
        "inkoopcheck --version",
        "validate, cold, 30 files",
        "validate, warm, 30 files",
        "triage, cold, 30 files",
        "report --output x.xlsx, cold, 30 files",
    ):
        assert f"| {what} |" in out
