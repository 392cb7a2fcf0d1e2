"""`inkoopcheck codeowners`: one line per directie folder, kader.yaml for the team."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.codeowners import codeowners_file as render
from inkoopcheck.loader import load_kader

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is nodig")


def git_repo(root: Path, shipped: Path, data_at: str = "data") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    data = root / data_at
    shutil.copytree(shipped, data)
    return data


def test_one_line_per_directie(shipped: Path) -> None:
    kader = load_kader(shipped / "kader.yaml").kader
    assert kader is not None
    made = render(kader, "data")
    assert not made.problems
    lines = made.text.splitlines()
    assert lines[0].startswith("# Gegenereerd door 'inkoopcheck codeowners'")
    rules = [line for line in lines if line and not line.startswith("#")]
    for name, d in kader.directies.items():
        owners = " ".join(d.eigenaars) or " ".join(kader.team.eigenaars)
        assert f"/data/tenders/{d.slug}/ {owners}" in rules, name
    assert "/data/kader.yaml @org/team-inclusief-inkopen" in rules
    # the general line first: on GitHub the last matching line wins
    assert rules.index("/data/tenders/ @org/team-inclusief-inkopen") < rules.index(
        "/data/tenders/bedrijfsvoering/ @org/team-bedrijfsvoering"
    )
    for rule in rules:  # GitHub's syntax: a path, then owners
        assert re.fullmatch(r"/\S+ (@[\w-]+/[\w-]+ ?)+", rule), rule


def test_write_and_check(runner: CliRunner, tmp_path: Path, shipped: Path) -> None:
    data = git_repo(tmp_path / "repo", shipped)
    args = ["codeowners", "--data", str(data)]
    result = runner.invoke(app, [*args, "--check"])
    assert result.exit_code == 1 and "bestaat niet" in result.stderr
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    target = tmp_path / "repo" / ".github" / "CODEOWNERS"
    assert "/data/tenders/wpi/ @org/team-wpi" in target.read_text(encoding="utf-8")
    assert runner.invoke(app, [*args, "--check"]).exit_code == 0
    # kader.yaml changes: --check notices and shows what would change
    kader = data / "kader.yaml"
    kader.write_text(
        kader.read_text(encoding="utf-8").replace("@org/team-wpi", "@org/team-werk"),
        encoding="utf-8",
    )
    result = runner.invoke(app, [*args, "--check"])
    assert result.exit_code == 1
    assert "-/data/tenders/wpi/ @org/team-wpi" in result.stdout
    assert "+/data/tenders/wpi/ @org/team-werk" in result.stdout
    assert runner.invoke(app, args).exit_code == 0
    assert "@org/team-werk" in target.read_text(encoding="utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["CODEOWNERS"]  # no temp files


def test_paths_relative_to_the_repository(runner: CliRunner, tmp_path: Path, shipped: Path) -> None:
    data = git_repo(tmp_path / "repo", shipped, "gegevens/inkoop data")
    out = tmp_path / "CODEOWNERS"
    result = runner.invoke(app, ["codeowners", "--data", str(data), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "/gegevens/inkoop\\ data/tenders/ggd/ @org/team-ggd" in out.read_text(encoding="utf-8")


def test_without_git_the_folder_above_data(
    runner: CliRunner, tmp_path: Path, shipped: Path
) -> None:
    data = tmp_path / "los" / "data"
    shutil.copytree(shipped, data)
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    result = runner.invoke(app, ["codeowners", "--data", str(data)], env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "los" / ".github" / "CODEOWNERS").is_file()


def test_bad_owner_is_a_data_error(runner: CliRunner, tmp_path: Path, shipped: Path) -> None:
    data = git_repo(tmp_path / "repo", shipped)
    kader = data / "kader.yaml"
    kader.write_text(
        kader.read_text(encoding="utf-8").replace('"@org/team-ggd"', '"team ggd"'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codeowners", "--data", str(data)])
    assert result.exit_code == 1
    assert "eigenaar 'team ggd' bij GGD" in result.stderr
    assert not (tmp_path / "repo" / ".github").exists()
    assert set(os.listdir(tmp_path / "repo")) == {".git", "data"}
