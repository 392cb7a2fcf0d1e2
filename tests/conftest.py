"""Shared fixtures: the shipped data folder and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runs that use the cache keep it in the test session's own folder, never in
    the developer's ~/.cache (subprocesses inherit the variable)."""
    old = os.environ.get("INKOOPCHECK_CACHE_DIR")
    os.environ["INKOOPCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # run inside GitHub Actions, validate would add every test's summary to the real
    # job summary: tests that want one set their own
    step_summary = os.environ.pop("GITHUB_STEP_SUMMARY", None)
    yield
    if step_summary is not None:
        os.environ["GITHUB_STEP_SUMMARY"] = step_summary
    if old is None:
        os.environ.pop("INKOOPCHECK_CACHE_DIR", None)
    else:
        os.environ["INKOOPCHECK_CACHE_DIR"] = old


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shipped() -> Path:
    return SHIPPED
