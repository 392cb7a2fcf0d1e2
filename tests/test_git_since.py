"""`validate --changed-since` and `triage --since` on real git repositories: one
rule for both (what git cannot answer stops the command with exit 2 and says
how to fix it), shallow clones, the merge base of a pull request, and a data
folder reached through a symbolic link."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app

from .helpers import make_data, tender

DATE = "2025-01-06"


def git(cwd: Path, *args: str, when: str = "2024-12-02T10:00:00") -> str:
    env = {
        "GIT_AUTHOR_NAME": "team",
        "GIT_AUTHOR_EMAIL": "team@example.nl",
        "GIT_COMMITTER_NAME": "team",
        "GIT_COMMITTER_EMAIL": "team@example.nl",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": os.environ["PATH"],
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def lift(tid: str, titel: str = "Onderhoud liften", **fields: str) -> str:
    return tender(
        tid,
        titel,
        procedure="europees",
        soort="diensten",
        contractwaarde="100000",
        publicatie="{kwartaal: 2025-Q2, zekerheid: zeker}",
        **fields,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A data repository with one commit of 2024-12-02 and two tenders."""
    root = tmp_path / "repo"
    make_data(
        root,
        {
            "bedrijfsvoering/liften-2025": lift("liften-2025"),
            "bedrijfsvoering/trappen-2025": lift("trappen-2025", "Onderhoud trappen"),
        },
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "vorige week")
    return root


def validate(runner: CliRunner, data: Path, *args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, ["validate", "--data", str(data), "--date", DATE, *args])
    return r.exit_code, r.stdout, r.stderr


def triage(runner: CliRunner, data: Path, *args: str) -> tuple[int, str, str]:
    r = runner.invoke(
        app, ["triage", "--data", str(data), "--date", DATE, "--format", "json", *args]
    )
    return r.exit_code, r.stdout, r.stderr


def marks(stdout: str) -> dict[str, list[str]]:
    doc = json.loads(stdout)
    return {
        t["id"]: [s["code"] for s in t["signalen"] if s["code"] in ("nieuw", "gewijzigd")]
        for t in doc["aanbestedingen"]
    }


# --- one rule for a point in history that git cannot name ------------------------


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("bestaat-niet", "git kent de referentie 'bestaat-niet' niet."),
        (
            "25-11-2026",
            "'25-11-2026' is geen datum en geen git-referentie; schrijf een datum als "
            "JJJJ-MM-DD, bijvoorbeeld 2024-12-02.",
        ),
        (
            "2024-13-02",
            "'2024-13-02' is geen bestaande datum; schrijf een datum als JJJJ-MM-DD, "
            "bijvoorbeeld 2024-12-02.",
        ),
    ],
)
def test_bad_since_stops_both_commands_alike(
    runner: CliRunner, repo: Path, since: str, message: str
) -> None:
    data = repo / "data"
    code, out, err = validate(runner, data, "--changed-since", since)
    assert (code, out, err) == (2, "", f"inkoopcheck: --changed-since: {message}\n")
    code, out, err = triage(runner, data, "--since", since)
    assert (code, out, err) == (2, "", f"inkoopcheck: --since: {message}\n")


def test_no_repository_stops_both_commands_alike(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(tmp_path, {"bedrijfsvoering/liften-2025": lift("liften-2025")})
    for args in (("validate", "--changed-since"), ("triage", "--since")):
        r = runner.invoke(app, [args[0], "--data", str(data), "--date", DATE, args[1], "HEAD"])
        assert r.exit_code == 2
        assert r.stdout == ""
        assert r.stderr == f"inkoopcheck: {args[1]}: '{data}' ligt niet in een git-repository.\n"


def test_a_date_works_for_both(runner: CliRunner, repo: Path) -> None:
    data = repo / "data"
    changed = data / "tenders" / "bedrijfsvoering" / "liften-2025.yaml"
    changed.write_text(changed.read_text().replace("100000", "100.000"), encoding="utf-8")
    code, out, _ = validate(runner, data, "--changed-since", "2024-12-03", "--format", "json")
    assert code == 1
    assert {f["path"] for f in json.loads(out)["findings"]} == {str(changed)}


# --- shallow clones ---------------------------------------------------------------


@pytest.fixture
def shallow(repo: Path, tmp_path: Path) -> Path:
    """A clone with only the last commit, as actions/checkout makes by default."""
    (repo / "data/tenders/bedrijfsvoering/liften-2025.yaml").write_text(
        lift("liften-2025", "Onderhoud liften en trappen"), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "deze week", when="2024-12-09T10:00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    return clone / "data"


def test_shallow_clone_says_history_is_missing(runner: CliRunner, shallow: Path) -> None:
    fix = (
        "deze kopie van de repository heeft maar een deel van de geschiedenis (shallow "
        "clone), dus git kan niet vergelijken. Haal de hele geschiedenis op met "
        "'git fetch --unshallow', of zet in GitHub Actions 'fetch-depth: 0' bij "
        "actions/checkout.\n"
    )
    # before the one commit the clone has: not "everything is new", but a refusal
    code, out, err = triage(runner, shallow, "--since", "2024-12-03")
    assert (code, out) == (2, "")
    assert err == f"inkoopcheck: --since: de geschiedenis van vóór 2024-12-03 ontbreekt: {fix}"
    code, out, err = validate(runner, shallow, "--changed-since", "HEAD~1")
    assert (code, out) == (2, "")
    assert err == f"inkoopcheck: --changed-since: git kent de referentie 'HEAD~1' niet: {fix}"
    # a date inside the history the clone has is answered
    code, out, _ = triage(runner, shallow, "--since", "2024-12-10")
    assert code == 0
    assert marks(out) == {"liften-2025": [], "trappen-2025": []}


def test_full_history_before_the_first_commit_is_all_new(runner: CliRunner, repo: Path) -> None:
    code, out, _ = triage(runner, repo / "data", "--since", "2024-11-01")
    assert code == 0
    assert marks(out) == {"liften-2025": ["nieuw"], "trappen-2025": ["nieuw"]}


# --- what a pull request changed ---------------------------------------------------


def test_changed_since_counts_from_the_merge_base(runner: CliRunner, repo: Path) -> None:
    data = repo / "data"
    git(repo, "checkout", "-q", "-b", "wijziging")
    mine = data / "tenders" / "bedrijfsvoering" / "liften-2025.yaml"
    mine.write_text(mine.read_text().replace("100000", "100.000"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "liften")
    # meanwhile on main: another directie's change, with an error of its own
    git(repo, "checkout", "-q", "main")
    theirs = data / "tenders" / "bedrijfsvoering" / "trappen-2025.yaml"
    theirs.write_text(theirs.read_text().replace("100000", "200.000"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "trappen")
    git(repo, "checkout", "-q", "wijziging")
    # on the branch, trappen is still the old one: only what this branch changed counts
    code, out, _ = validate(runner, data, "--changed-since", "main", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert {f["path"] for f in doc["findings"]} == {str(mine)}
    assert doc["files"] == 2  # liften and kader.yaml


# --- a data folder reached through a symbolic link ---------------------------------


def test_symlinked_data_folder(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(repo)
    data = link / "data"
    broken = repo / "data" / "tenders" / "bedrijfsvoering" / "liften-2025.yaml"
    broken.write_text(broken.read_text().replace("100000", "100.000"), encoding="utf-8")
    code, out, _ = validate(runner, data, "--changed-since", "HEAD", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert [(f["path"], f["code"]) for f in doc["findings"]] == [
        (str(data / "tenders" / "bedrijfsvoering" / "liften-2025.yaml"), "IC107")
    ]
    broken.write_text(lift("liften-2025", "Onderhoud liften en trappen"), encoding="utf-8")
    code, out, _ = triage(runner, data, "--since", "HEAD")
    assert code == 0
    assert marks(out) == {"liften-2025": ["gewijzigd"], "trappen-2025": []}
