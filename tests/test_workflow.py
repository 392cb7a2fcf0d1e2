"""The example GitHub workflow, run as written: its YAML is parsed, each step's
`if:` decided and its `run:` line run in a scratch data repository the way a
runner would (bash -e, GITHUB_* variables, a fresh GITHUB_STEP_SUMMARY file),
for a pull request and for a push to main. Only what GitHub itself provides is
substituted: the checkout, Python, and installing the version the example pins
(the one under test is installed already)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from inkoopcheck import __version__

from .helpers import SHIPPED, make_data, tender
from .test_summary import git

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "github-workflow.yml"
PIN = re.compile(
    r'pip install "inkoopcheck @ git\+https://github\.com/ORGANISATIE/inkoopcheck@(\S+)"'
)


def steps() -> list[dict[str, Any]]:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = doc["jobs"].values()
    result: list[dict[str, Any]] = job["steps"]
    return result


def decide(condition: str | None, event: str) -> bool:
    """The `if:` expressions the example uses; anything else fails the test, so a
    new condition in the workflow is noticed here."""
    if condition is None:
        return True
    m = re.fullmatch(r"github\.event_name (==|!=) '([a-z_]+)'", condition.strip())
    assert m, f"unknown condition in the workflow: {condition}"
    return (event == m.group(2)) == (m.group(1) == "==")


def substitute(line: str, github: dict[str, str]) -> str:
    def value(m: re.Match[str]) -> str:
        key = m.group(1)
        assert key in github, f"the workflow uses ${{{{ github.{key} }}}}: substitute it here"
        return github[key]

    return re.sub(r"\$\{\{\s*github\.([a-z_]+)\s*\}\}", value, line)


def run_workflow(workspace: Path, event: str, github: dict[str, str]) -> tuple[str, list[int]]:
    """Run the steps as a runner would until one fails; the summary and the exit codes."""
    summary = workspace.parent / f"summary-{event}.md"
    codes = []
    for step in steps():
        if "uses" in step or not decide(step.get("if"), event):
            continue
        line = substitute(step["run"], github)
        pin = PIN.fullmatch(line.strip())
        if pin:  # installing: the version under test is installed; check the pin exists
            assert pin.group(1) == f"v{__version__}"
            continue
        step_file = workspace.parent / "step-summary.md"  # GitHub: one file per step
        step_file.write_text("", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        env.update(
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_EVENT_NAME=event,
            GITHUB_STEP_SUMMARY=str(step_file),
            GITHUB_WORKSPACE=str(workspace),
            INKOOPCHECK_NO_CACHE="1",
        )
        done = subprocess.run(
            ["bash", "-e", "-c", line], cwd=workspace, env=env, capture_output=True, text=True
        )
        codes.append(done.returncode)
        with summary.open("a", encoding="utf-8") as f:
            f.write(step_file.read_text(encoding="utf-8"))
        if done.returncode != 0:
            break  # GitHub stops the job at a failing step
    return summary.read_text(encoding="utf-8") if summary.exists() else "", codes


# The workflow runs validate without --date (today), as a real run does: the
# tenders' dates are set relative to today, so the outcome is the same any day.
TODAY = date.today()


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _kader() -> str:
    text = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    # thresholds for every year the test may run in
    return re.sub(r"tot: 2027-12-31", "tot: 2099-12-31", text)


BASE = {
    "bedrijfsvoering/arbodienst": tender(
        "arbodienst",
        "Arbodienst",
        soort="diensten",
        personeel="ja",
        contractwaarde="2500000",
        procedure="europees",
        publicatie=f"{{datum: {_day(60)}, zekerheid: zeker}}",
    ),
    "bedrijfsvoering/schoonmaak": tender(
        "schoonmaak",
        "Schoonmaak kantoren",
        soort="diensten",
        personeel="nee",
        contractwaarde="400000",
        procedure="europees",
        publicatie=f"{{datum: {_day(200)}, zekerheid: onzeker}}",
    ),
}
ADDED = {
    "bedrijfsvoering/uitzendkrachten": tender(
        "uitzendkrachten",
        "Inhuur uitzendkrachten",
        soort="diensten",
        personeel="ja",
        contractwaarde="1000000",
        procedure="europees",
        publicatie=f"{{datum: {_day(45)}, zekerheid: zeker}}",
    ),
    "wonen/catering": tender(
        "catering",
        "Catering bewonersavonden",
        "Wonen",
        leadbuyer="Wonen",
        soort="diensten",
        contractwaarde="150000",
        procedure="nationaal",
        publicatie=f"{{datum: {_day(100)}, zekerheid: waarschijnlijk}}",
    ),
}
CHANGED = BASE["bedrijfsvoering/schoonmaak"].replace("400000", "800000")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An upstream data repository (main and a pull request's branch) and the
    runner's checkout of it: all history (fetch-depth: 0), origin/main known."""
    if shutil.which("bash") is None:
        pytest.skip("bash is needed to run the workflow's lines")
    upstream = tmp_path / "upstream"
    make_data(upstream, BASE, kader=_kader())
    (upstream / ".github").mkdir()
    made = subprocess.run(
        [sys.executable, "-m", "inkoopcheck", "codeowners", "--data", "data"],
        cwd=upstream,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "basis")
    git(upstream, "switch", "-q", "-c", "pr")
    make_data(upstream, ADDED, kader=_kader())
    (upstream / "data/tenders/bedrijfsvoering/schoonmaak.yaml").write_text(CHANGED)
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "pull request")
    git(upstream, "switch", "-q", "main")
    work = tmp_path / "runner" / "work"
    work.parent.mkdir()
    git(tmp_path, "clone", "-q", str(upstream), str(work))
    return work


def test_the_workflow_writes_the_summary_of_a_pull_request(workspace: Path) -> None:
    git(workspace, "checkout", "-q", "origin/pr")  # what actions/checkout does for a PR
    md, codes = run_workflow(
        workspace, "pull_request", {"base_ref": "main", "event_name": "pull_request"}
    )
    assert codes == [1]  # the validate step fails on the unknown leadbuyer, as it should
    assert "### Wat deze pull request betekent" in md
    assert "Vergeleken met origin/main" in md
    assert "- **fout IC203** (regel 4, kolom 1): onbekende leadbuyer 'Wonen'" in md
    assert "#### Gewijzigd: Schoonmaak kantoren (schoonmaak, Bedrijfsvoering)" in md
    assert "| contractwaarde | € 400.000 | € 800.000 |" in md
    uitzend = md[md.index("#### Nieuw: Inhuur uitzendkrachten (uitzendkrachten, ") :]
    uitzend = uitzend[: uitzend.index("\n#### ")]
    assert "**Rol van het team vandaag:** aanschuiven (score " in uitzend
    assert "**Plan van het team:** nieuw aanschuiven" in uitzend
    deadline = (TODAY + timedelta(days=45) - timedelta(weeks=12)).isoformat()
    assert f"**Wensen en eisen vast:** {deadline} — 12 weken voor de publicatie" in uitzend
    assert "**Voor de directie:** `inkoopcheck advies uitzendkrachten`" in uitzend


def test_the_workflow_on_main_writes_the_findings(workspace: Path) -> None:
    md, codes = run_workflow(workspace, "push", {"event_name": "push"})
    assert codes == [0, 0]  # validate (warnings only) and codeowners --check
    assert md.startswith("## inkoopcheck validate\n")
    assert "Wat deze pull request betekent" not in md
    assert "**2 bestanden en kader.yaml gecontroleerd: 0 fouten, " in md
    assert "### Meldingen per bestand" in md
