"""Places the user cannot reach (issue 16, items 3, 4 and 15): a folder without
permission, a name too long for any file system, a cache folder that cannot be
used, and the English the system would say about them. Permissions are tested
through the real console script run without root's power to read everything."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app

from .helpers import SHIPPED, unprivileged

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "inkoopcheck"
DAY = "2024-12-09"
# what the system or a library says in English, or a crash
ENGLISH = re.compile(
    r"Errno|Permission denied|Is a directory|Not a directory|File name too long|"
    r"not readable|not writable|does not exist|fatal:|Traceback|interne fout"
)


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder every user may enter (the test session's own tmp folder is root's
    alone when the tests run as root and the command as 'nobody')."""
    folder = Path(tempfile.mkdtemp(prefix="inkoopcheck-places-"))
    folder.chmod(0o755)
    yield folder
    for dirpath, dirnames, _ in os.walk(folder):  # give back what a test took away
        for d in dirnames:
            os.chmod(os.path.join(dirpath, d), 0o755)
    shutil.rmtree(folder)


@pytest.fixture
def data(place: Path) -> Path:
    target = place / "data"
    shutil.copytree(SHIPPED, target)
    return target


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The console script, as a user whom file permissions apply to."""
    prefix, why = unprivileged()
    if prefix is None:
        pytest.skip(why)
    environment = {**os.environ, "INKOOPCHECK_NO_CACHE": "1"}
    environment.pop("INKOOPCHECK_DATA", None)
    environment.update(env or {})
    return subprocess.run(
        [*prefix, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def dutch(result: subprocess.CompletedProcess[str]) -> None:
    assert not ENGLISH.search(result.stderr + result.stdout), result.stderr


# --- item 3: a folder the user may not enter ------------------------------------------


@pytest.mark.parametrize("how", ["--data", "INKOOPCHECK_DATA"])
def test_a_data_folder_below_a_locked_folder_is_a_usage_error(
    how: str, place: Path, data: Path
) -> None:
    locked = place / "afgesloten"
    locked.mkdir()
    shutil.move(data, locked / "data")
    locked.chmod(0)
    target = str(locked / "data")
    if how == "--data":
        result = run("validate", "--data", target, cwd=place)
    else:
        result = run("validate", env={"INKOOPCHECK_DATA": target}, cwd=place)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"inkoopcheck: {how} wijst naar '{target}', maar daar kan ik niet bij: je hebt er "
        "geen toestemming voor.\n"
    )


def test_a_path_below_a_locked_folder_is_a_usage_error(place: Path, data: Path) -> None:
    locked = place / "afgesloten"
    locked.mkdir()
    shutil.copytree(data / "tenders", locked / "tenders")
    locked.chmod(0)
    result = run("validate", "--data", str(data), str(locked / "tenders"), cwd=place)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "inkoopcheck: 'afgesloten/tenders' is niet te openen: je hebt er geen toestemming voor.\n"
    )


@pytest.mark.parametrize("mode", [0o000, 0o311], ids=["000", "311-no-listing"])
def test_an_unreadable_folder_in_tenders_is_a_finding(mode: int, place: Path, data: Path) -> None:
    folder = data / "tenders" / "fysiek"
    hidden = len(list(folder.glob("*.yaml")))
    assert hidden > 0
    folder.chmod(mode)
    result = run("validate", "--data", str(data), "--date", DAY, "--format", "json", cwd=place)
    assert result.returncode == 1, result.stderr
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "IC001"]
    assert [(f["path"], f["severity"]) for f in findings] == [("data/tenders/fysiek", "fout")]
    assert findings[0]["message"] == (
        "map niet te lezen: je hebt er geen toestemming voor; wat erin staat wordt niet "
        "gecontroleerd"
    )
    for command in (["triage"], ["report", "--all"]):  # they leave its tenders out, and say so
        result = run(*command, "--data", str(data), "--date", DAY, cwd=place)
        assert result.returncode == 0, result.stderr
        assert (
            "inkoopcheck: 'data/tenders/fysiek' is niet gelezen; de aanbestedingen daarin "
            "ontbreken hier. Zie 'inkoopcheck validate'.\n"
        ) in result.stderr
        dutch(result)


def test_a_locked_folder_named_on_the_command_line_is_a_finding(place: Path, data: Path) -> None:
    folder = data / "tenders" / "fysiek"
    folder.chmod(0)
    result = run("validate", "--data", str(data), str(folder), cwd=place)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(
        "data/tenders/fysiek: fout IC001 map niet te lezen: je hebt er geen toestemming voor"
    )
    dutch(result)


# --- item 4: a name longer than any file system takes -----------------------------------

LONG = "a" * 300
TOO_LONG = f"de naam '{'a' * 40}…' is te lang (meer dan 255 bytes); kies een kortere naam"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["report", "--output", f"{LONG}/x.xlsx"], {}),
        (["report", "--output", f"{LONG}.xlsx"], {}),
        (["advies", "arbodienstverlening-2025", "--output", f"{LONG}.md"], {}),
        (["kader", "--output", f"{LONG}.html"], {}),
        (["export", "ocds", "--output", f"{LONG}.json"], {}),
        (["export", "social-return", "--output", f"{LONG}.csv"], {}),
        (["validate", f"{LONG}.yaml"], {}),
        (["validate", f"data/tenders/{LONG}/x.yaml"], {}),
        (["validate", "--data", LONG], {}),
        (["validate", "--data", f"/tmp/{LONG}/data"], {}),
        (["validate"], {"INKOOPCHECK_DATA": LONG}),
    ],
    ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else ",".join(v),
)
def test_a_name_too_long_is_a_usage_error(
    args: list[str],
    env: dict[str, str],
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if "--data" not in args and not env:
        args = [*args, "--data", "data"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.exception, result.stderr)
    assert TOO_LONG in result.stderr
    assert not ENGLISH.search(result.stderr)


# --- item 15: the cache, and English from the system -------------------------------------


def _cache_cases(place: Path) -> list[tuple[list[str], dict[str, str]]]:
    locked = place / "cache-afgesloten"
    locked.mkdir()
    locked.chmod(0)
    a_file = place / "cache-is-een-bestand"
    a_file.write_text("geen map\n")
    return [
        (["--cache-dir", str(locked)], {}),
        ([], {"INKOOPCHECK_CACHE_DIR": str(locked)}),
        (["--cache-dir", str(a_file)], {}),
        ([], {"INKOOPCHECK_CACHE_DIR": str(a_file)}),
    ]


@pytest.mark.parametrize("command", ["validate", "triage", "report"])
def test_a_cache_that_cannot_be_used_is_one_warning_however_chosen(
    command: str, place: Path, data: Path
) -> None:
    plain = run(command, "--data", str(data), "--date", DAY, "--no-cache", cwd=place)
    assert plain.returncode in (0, 1), plain.stderr
    for options, env in _cache_cases(place):
        chosen = options[1] if options else env["INKOOPCHECK_CACHE_DIR"]
        result = run(
            command,
            "--data",
            str(data),
            "--date",
            DAY,
            *options,
            env={"INKOOPCHECK_NO_CACHE": "", **env},
            cwd=place,
        )
        assert (result.returncode, result.stdout) == (plain.returncode, plain.stdout), options
        warning = (
            f"inkoopcheck: waarschuwing: de cache in '{Path(chosen).name}' is niet te gebruiken ("
        )
        assert result.stderr.count(warning) == 1, (options, env, result.stderr)
        assert "er is zonder cache gewerkt" in result.stderr
        dutch(result)


def test_a_repository_without_commits_is_told_in_dutch(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for args in (
        ["triage", "--since", "2024-12-01", "--date", DAY],
        ["triage", "--since", "HEAD", "--date", DAY],
        ["validate", "--changed-since", "HEAD"],
    ):
        result = subprocess.run(
            [str(SCRIPT), *args, "--data", "data"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert "de repository heeft nog geen commit" in result.stderr
        assert not ENGLISH.search(result.stderr), result.stderr


def _bad_places(place: Path, data: Path) -> dict[str, Path]:
    """Each kind of place a path option can point at that cannot be used."""
    locked_dir = place / "map-afgesloten"
    locked_dir.mkdir()
    (locked_dir / "x.xlsx").write_bytes(b"")
    locked_dir.chmod(0)
    locked_file = place / "afgesloten.xlsx"
    locked_file.write_bytes(b"PK")
    locked_file.chmod(0)
    folder = place / "een-map.xlsx"
    folder.mkdir()
    return {
        "a folder": folder,
        "a locked file": locked_file,
        "a locked folder": locked_dir,
        "below a locked folder": locked_dir / "x.xlsx",
        "below a file": data / "kader.yaml" / "x.xlsx",
    }


def test_no_english_from_the_system_for_any_bad_place(place: Path, data: Path) -> None:
    """Every command that takes a path, pointed at every kind of bad place: a Dutch
    message and exit 1 or 2, never the system's English, never a crash."""
    commands = [
        ["validate", "--data", "{}"],
        ["validate", "--data", str(data), "{}"],
        ["import", "{}", "--data", str(data), "--dry-run"],
        ["report", "--data", str(data), "--date", DAY, "--output", "{}", "--force"],
        ["advies", "arbodienstverlening-2025", "--data", str(data), "--output", "{}"],
        ["kader", "--data", str(data), "--output", "{}", "--force"],
        ["export", "social-return", "--data", str(data), "--output", "{}", "--force"],
        ["codeowners", "--data", str(data), "--output", "{}", "--force"],
    ]
    cases = [
        (kind, [a.replace("{}", str(bad)) for a in template])
        for kind, bad in _bad_places(place, data).items()
        for template in commands
    ]
    with ThreadPoolExecutor(4) as pool:  # separate processes: run them side by side
        results = list(pool.map(lambda case: run(*case[1], cwd=place), cases))
    for (kind, args), result in zip(cases, results, strict=True):
        # an empty folder named to validate is simply empty (exit 0)
        assert result.returncode in (0, 1, 2), (kind, args, result.stderr)
        assert not ENGLISH.search(result.stderr + result.stdout), (kind, args, result.stderr)


def test_the_readme_has_one_table_of_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = re.findall(r"^\| `(\d+)` \| (.+?) \|$", readme, re.M)
    assert [code for code, _ in rows] == ["0", "1", "2", "3", "130"]
    assert "Ctrl-C" in dict(rows)["130"]


# --- item 9: a temp file that survived anyway -------------------------------------------


def test_validate_reports_stray_temp_files(runner: CliRunner, tmp_path: Path) -> None:
    """What an older version or a killed process left: named the way atomic writes
    name their temp files, in a directie folder and beside kader.yaml."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    folder = data / "tenders" / "bedrijfsvoering"
    fd, name = tempfile.mkstemp(prefix=".catering.yaml.", suffix=".tmp", dir=folder)
    os.write(fd, b"id: catering\ntitel: half")
    os.close(fd)
    left = Path(name)
    beside = data / ".kader.yaml.k3x9q2ab.tmp"
    beside.write_text("half")
    (folder / ".notities.txt").write_text("niet van ons")  # other hidden files: not ours
    (folder / "lijst.tmp").write_text("niet van ons")
    args = ["validate", "--data", str(data), "--date", DAY, "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "IC021"]
    assert [(f["path"], f["severity"]) for f in found] == [
        (str(beside), "fout"),
        (str(left), "fout"),
    ]
    assert found[1]["message"] == (
        "tijdelijk bestand van een afgebroken schrijfactie (bij catering.yaml)"
    )
    assert found[1]["hint"].startswith("Verwijder het bestand.")
    left.unlink()
    beside.unlink()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stdout


def test_an_unreadable_tender_file_is_a_finding(place: Path, data: Path) -> None:
    """The file case of the rule above (tests/test_traps.py can only skip it as root)."""
    path = data / "tenders" / "fysiek" / "grachtenarmaturen-2025.yaml"
    path.chmod(0)
    result = run("validate", "--data", str(data), "--date", DAY, "--format", "json", cwd=place)
    assert result.returncode == 1, result.stderr
    findings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "IC001"]
    assert [(f["path"], f["line"], f["message"]) for f in findings] == [
        (
            "data/tenders/fysiek/grachtenarmaturen-2025.yaml",
            None,
            "bestand niet te lezen: je hebt er geen toestemming voor",
        )
    ]
