"""The pull-request check for a data repository: the pre-commit hook (run for
real, with git and pre-commit, on a temporary repository) and the GitHub
Actions workflow (its commands run against the shipped data)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from inkoopcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "examples" / "github-workflow.yml"
EXAMPLE_CONFIG = ROOT / "examples" / "pre-commit-config.yaml"
BIN = Path(sys.executable).parent

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is nodig")


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }


def test_manifest_and_example_config_are_valid(tmp_path: Path, env: dict[str, str]) -> None:
    for command, path in (("validate-manifest", HOOKS), ("validate-config", EXAMPLE_CONFIG)):
        result = pre_commit(command, str(path), cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "inkoopcheck-validate"
    assert hook["entry"] == "inkoopcheck validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    example = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    assert example["repos"][0]["hooks"] == [{"id": "inkoopcheck-validate"}]


def local_config() -> str:
    """The shipped hook, as a local hook on this environment's inkoopcheck: the
    test needs no network to build an environment, and keeps the shipped
    'files' pattern and options."""
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    hook = {k: v for k, v in hook.items() if k != "minimum_pre_commit_version"}
    entry = shlex.split(hook["entry"])
    hook["entry"] = shlex.join([str(BIN / entry[0]), *entry[1:]])
    hook["language"] = "system"
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


BROKEN = """\
# yaml-language-server: $schema=../../../schema/tender.schema.json
id: schoonmaak-2026
titel: Schoonmaak stadskantoor
directie: Stadswerken
contractwarde: 2000000
status: kalender
"""


@needs_git
def test_hook_blocks_a_broken_tender_and_passes_a_good_one(
    tmp_path: Path, env: dict[str, str], shipped: Path
) -> None:
    repo = tmp_path / "datarepo"
    repo.mkdir()
    assert git("init", "-q", "-b", "main", cwd=repo, env=env).returncode == 0
    shutil.copytree(shipped, repo / "data")
    (repo / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    installed = pre_commit("install", cwd=repo, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    git("add", ".", cwd=repo, env=env)
    first = git("commit", "-q", "-m", "Startgegevens", cwd=repo, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "inkoopcheck validate" in first.stdout + first.stderr  # the hook did run

    broken = repo / "data" / "tenders" / "stadswerken" / "schoonmaak-2026.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    git("add", ".", cwd=repo, env=env)
    refused = git("commit", "-q", "-m", "Schoonmaak", cwd=repo, env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "data/tenders/stadswerken/schoonmaak-2026.yaml:5:1: fout IC102" in output
    assert "bedoel je 'contractwaarde'?" in output
    assert git("log", "--oneline", cwd=repo, env=env).stdout.count("\n") == 1

    broken.write_text(BROKEN.replace("contractwarde", "contractwaarde"), encoding="utf-8")
    git("add", ".", cwd=repo, env=env)
    fixed = git("commit", "-q", "-m", "Schoonmaak", cwd=repo, env=env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert git("log", "--oneline", cwd=repo, env=env).stdout.count("\n") == 2

    # a commit that touches no data does not run the check
    (repo / "LEESMIJ.md").write_text("# Gegevens\n", encoding="utf-8")
    git("add", ".", cwd=repo, env=env)
    other = git("commit", "-q", "-m", "Leesmij", cwd=repo, env=env)
    assert other.returncode == 0
    assert "Skipped" in other.stdout + other.stderr

    # someone else's broken file (committed past the hook) does not block my commit ...
    elsewhere = repo / "data" / "tenders" / "fysiek" / "kapot-2026.yaml"
    elsewhere.write_text(
        BROKEN.replace("schoonmaak-2026", "kapot-2026").replace("Stadswerken", "Fysiek"),
        encoding="utf-8",
    )
    git("add", ".", cwd=repo, env=env)
    assert git("commit", "-q", "--no-verify", "-m", "Kapot", cwd=repo, env=env).returncode == 0
    mine = repo / "data" / "tenders" / "stadswerken" / "reiniging-2026.yaml"
    mine.write_text(
        BROKEN.replace("schoonmaak-2026", "reiniging-2026").replace(
            "contractwarde", "contractwaarde"
        ),
        encoding="utf-8",
    )
    git("add", ".", cwd=repo, env=env)
    ok = git("commit", "-q", "-m", "Reiniging", cwd=repo, env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "kapot-2026.yaml" not in ok.stdout + ok.stderr

    # ... but a change to kader.yaml reports every tender, since it can change them all
    kader = repo / "data" / "kader.yaml"
    kader.write_text(
        kader.read_text(encoding="utf-8").replace("capaciteit: 4", "capaciteit: 5"),
        encoding="utf-8",
    )
    git("add", ".", cwd=repo, env=env)
    blocked = git("commit", "-q", "-m", "Capaciteit", cwd=repo, env=env)
    assert blocked.returncode != 0
    assert "data/tenders/fysiek/kapot-2026.yaml:5:1: fout IC102" in blocked.stdout + blocked.stderr


# --- the GitHub Actions workflow ---------------------------------------------------------------


def workflow() -> dict[str, Any]:
    doc: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in doc:  # YAML 1.1 reads the key 'on' as true
        doc["on"] = doc.pop(True)
    return doc


def steps() -> list[dict[str, Any]]:
    jobs = workflow()["jobs"]
    result: list[dict[str, Any]] = jobs["validate"]["steps"]
    return result


def test_workflow_shape() -> None:
    doc = workflow()
    assert "pull_request" in doc["on"]
    by_use = {s["uses"].split("@")[0]: s for s in steps() if "uses" in s}
    assert by_use["actions/checkout"]["with"]["fetch-depth"] == 0
    assert str(by_use["actions/setup-python"]["with"]["python-version"]) == "3.11"
    runs = [s["run"] for s in steps() if "run" in s]
    assert any(r.startswith("pip install") and "git+https://" in r for r in runs)
    commands = [r for r in runs if r.startswith("inkoopcheck")]
    assert "inkoopcheck validate --format github" in commands
    assert (
        "inkoopcheck validate --format github --changed-since origin/${{ github.base_ref }}"
        in commands
    )
    pr_step = next(s for s in steps() if "--changed-since" in s.get("run", ""))
    assert pr_step["if"] == "github.event_name == 'pull_request'"


@needs_git
def test_workflow_commands_run_on_the_shipped_data(
    runner: CliRunner,
    tmp_path: Path,
    env: dict[str, str],
    shipped: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every inkoopcheck command of the workflow, as GitHub would run it in a data
    repository (base_ref 'main', fetched as origin/main)."""
    repo = tmp_path / "datarepo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo, env=env)
    shutil.copytree(shipped, repo / "data")
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["codeowners"]).exit_code == 0
    git("add", ".", cwd=repo, env=env)
    assert git("commit", "-q", "-m", "start", cwd=repo, env=env).returncode == 0
    git("update-ref", "refs/remotes/origin/main", "HEAD", cwd=repo, env=env)
    ran = 0
    for step in steps():
        line = step.get("run", "")
        if not line.startswith("inkoopcheck "):
            continue
        args = shlex.split(line.replace("${{ github.base_ref }}", "main"))[1:]
        result = runner.invoke(app, args, env={"GITHUB_ACTIONS": "true"})
        assert result.exit_code == 0, f"{line}\n{result.output}"
        if "--format" in args:
            assert "::warning file=" in result.stdout or "--changed-since" in args
        ran += 1
    assert ran == 3


@needs_git
def test_hook_checks_the_overleg_files(tmp_path: Path, env: dict[str, str], shipped: Path) -> None:
    repo = tmp_path / "datarepo"
    repo.mkdir()
    assert git("init", "-q", "-b", "main", cwd=repo, env=env).returncode == 0
    shutil.copytree(shipped, repo / "data")
    (repo / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    assert pre_commit("install", cwd=repo, env=env).returncode == 0
    git("add", ".", cwd=repo, env=env)
    assert git("commit", "-q", "-m", "Startgegevens", cwd=repo, env=env).returncode == 0
    overleg = repo / "data" / "overleg" / "2024-12-09.yaml"
    overleg.parent.mkdir()
    overleg.write_text(
        "datum: 2024-12-09\naanwezig: [Team inclusief inkopen]\n"
        "besluiten:\n  - id: arbodienstverlening-2052\n    rol: aanschuiven\n",
        encoding="utf-8",
    )
    git("add", ".", cwd=repo, env=env)
    refused = git("commit", "-q", "-m", "Overleg", cwd=repo, env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert (
        "data/overleg/2024-12-09.yaml:4:5: fout IC504 er is geen aanbesteding met id "
        "'arbodienstverlening-2052' — bedoel je 'arbodienstverlening-2025'?"
    ) in output
    overleg.write_text(overleg.read_text().replace("2052", "2025"), encoding="utf-8")
    git("add", ".", cwd=repo, env=env)
    fixed = git("commit", "-q", "-m", "Overleg", cwd=repo, env=env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
