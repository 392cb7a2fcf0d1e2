"""What the user typed and we echo reaches the terminal inert (issue 16, item 14):
ESC, an OSC sequence, a C1 control and a carriage return in any option are shown
escaped, the way file paths are, never sent to the terminal raw."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from inkoopcheck.cli import main

from .helpers import SHIPPED

DAY = "2024-12-09"
# ESC (a colour), OSC 8 (a hyperlink, ended by BEL), C1 CSI (clear the screen), CR
# (overwrite the line): each would change what the user sees
EVIL = "x\x1b[31mR\x1b]0;titel\x07L\x9b2J\rC"
ESCAPED = "x\\x1b[31mR\\x1b]0;titel\\x07L\\x9b2J\\x0dC"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \t and \n may be ours
SCRIPT = Path(sys.executable).parent / "inkoopcheck"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data in a git repository with one commit (for --since)."""
    repo = tmp_path_factory.mktemp("echo")
    shutil.copytree(SHIPPED, repo / "data")
    git = ["git", "-C", str(repo), "-c", "user.name=team", "-c", "user.email=team@example.nl"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    return repo / "data"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kalender"
    ws.append(["Directie", "Opdracht-omschrijving", "Waarde (€)"])
    ws.append(["Bedrijfsvoering", "Schoonmaak", 100_000])
    path = tmp_path_factory.mktemp("book") / "kalender.xlsx"
    wb.save(path)
    return path


def run(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    """The real way in (main: usage errors, exit codes), in this process."""
    import io

    monkeypatch.setattr(sys, "argv", ["inkoopcheck", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as exit_:
        main()
    captured = capsys.readouterr()
    code = exit_.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def assert_inert(out: str, err: str, echoed: bool = True) -> None:
    for stream in (out, err):
        assert not RAW.search(stream), repr(stream)
    if echoed:  # the value is shown, escaped like a file name (or as click's repr)
        assert ESCAPED in out + err or repr(EVIL)[1:-1] in out + err, out + err


D = "DATA"  # replaced by --data and the data folder
NEW = ["new", D, "--no-interactive", "--dry-run", "--titel", "Schoonmaak", "--directie", "BV"]
SILENT = {"--capacity"}  # options whose refusal does not repeat the value


@pytest.mark.parametrize(
    "args",
    [
        ["validate", D, "--date", EVIL],
        ["triage", D, "--date", EVIL],
        ["report", D, "--period", EVIL],
        ["report", D, "--from", EVIL],
        ["report", D, "--to", EVIL],
        ["triage", D, "--directie", EVIL, "--date", DAY],
        ["report", D, "--directie", EVIL, "--date", DAY],
        ["advies", D, "--directie", EVIL, "--date", DAY],
        ["advies", D, EVIL, "--date", DAY],
        ["explain", EVIL],
        ["triage", D, "--since", EVIL, "--date", DAY],
        ["validate", D, "--changed-since", EVIL],
        ["validate", f"--{EVIL}"],  # an unknown option
        ["validate", "--format", EVIL],
        ["triage", "--capacity", EVIL],
        ["validate", D, EVIL],  # a path that does not exist
        ["new", D, "--no-interactive", "--titel", "Schoonmaak", "--directie", EVIL],
        [*NEW, "--soort", EVIL],
        [*NEW, "--waarde", EVIL],
        [*NEW, "--kwartaal", EVIL],
        [*NEW, "--datum", EVIL],
        [*NEW, "--kwartaal", "2026-Q1", "--zekerheid", EVIL],
        [*NEW, "--procedure", EVIL],
        [*NEW, "--leadbuyer", EVIL],
        [*NEW, "--personeel", EVIL],
        [*NEW, "--status", EVIL],
        [*NEW, "--id", EVIL],
        ["export", "ocds", D, "--output", f"{EVIL}.txt"],
        ["export", "social-return", D, "--output", f"{EVIL}/sr.csv"],
        ["report", D, "--output", f"{EVIL}.pdf"],
        ["kader", D, "--output", f"{EVIL}.txt"],
        ["advies", D, "arbodienstverlening-2025", "--output", f"{EVIL}.pdf"],
        ["codeowners", D, "--output", f"{EVIL}/CODEOWNERS"],
    ],
)
def test_a_typed_value_is_echoed_escaped(
    args: list[str],
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    i = args.index(D) if D in args else None
    if i is not None:
        args = [*args[:i], "--data", str(data), *args[i + 1 :]]
    code, out, err = run(args, monkeypatch, capsys)
    assert code == 2, err
    assert_inert(out, err, echoed=not SILENT & set(args))


@pytest.mark.parametrize(
    "args",
    [
        ["--sheet", EVIL],
        ["--directie", EVIL],
        ["--kwartaal", EVIL],
        ["--zekerheid", EVIL],
        ["--procedure", EVIL],
        ["--soort", EVIL],
    ],
)
def test_import_options_are_echoed_escaped(
    args: list[str],
    data: Path,
    book: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        ["import", str(book), "--dry-run", "--data", str(data), *args], monkeypatch, capsys
    )
    assert code == 2, err
    assert_inert(out, err)


@pytest.mark.parametrize("command", ["social-return", "ocds"])
def test_a_written_export_names_its_file_escaped(
    command: str,
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    suffix = ".csv" if command == "social-return" else ".json"
    args = ["export", command, "--output", EVIL + suffix, "--data", str(data), "--date", DAY]
    code, out, err = run(args, monkeypatch, capsys)
    assert code == 0, err
    assert (tmp_path / (EVIL + suffix)).is_file()  # the file has the name asked for
    assert_inert(out, err)


def test_interactive_answers_are_echoed_escaped(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a bad answer to each question that checks its answer, then Enter / a good one
    answers = "\n".join(
        [
            "Schoonmaak stadhuis",  # titel
            EVIL,  # directie: not in the kader, asked again
            "BV",
            EVIL,  # soort
            "diensten",
            EVIL,  # waarde
            "",
            EVIL,  # publicatie
            "",
        ]
    )
    args = ["new", "--interactive", "--dry-run", "--data", str(data)]
    code, out, err = run(args, monkeypatch, capsys, stdin=answers + "\n" * 20)
    assert code == 0, err
    assert_inert(out, err)
    assert err.count("x\\x1b[31mR") == 4, err  # each bad answer quoted back, escaped


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_since_is_echoed_escaped_in_text_and_json(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value git accepts is shown as typed; one it refuses, escaped (both inert)."""
    repo = tmp_path / "repo"
    shutil.copytree(SHIPPED, repo / "data")
    git = ["git", "-C", str(repo), "-c", "user.name=team", "-c", "user.email=team@example.nl"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    base = ["triage", "--data", str(repo / "data"), "--date", DAY, "--format", fmt]
    code, out, err = run([*base, "--since", "HEAD"], monkeypatch, capsys)
    assert code == 0, err
    if fmt == "json":
        assert json.loads(out)["sinds"] == "HEAD"
    code, out, err = run([*base, "--since", EVIL], monkeypatch, capsys)
    assert code == 2
    assert_inert(out, err)


def test_undecodable_bytes_on_the_command_line_are_escaped(tmp_path: Path) -> None:
    """Bytes that are no UTF-8 (a C1 CSI as the single byte 0x9b) through the real
    console script: shown as \\x9b, never as the byte."""
    result = subprocess.run(
        [str(SCRIPT), "explain", b"IC\x9b2J\x1b[2J".decode("utf-8", "surrogateescape")],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert b"\x9b" not in result.stderr and b"\x1b" not in result.stderr
    assert b"IC\\x9b2J\\x1b[2J" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--sinds", EVIL], ["--nieuw", "--id", EVIL], ["--nieuw", "--id", "a", "--directie", EVIL]],
)
def test_tenderned_options_are_echoed_escaped(
    args: list[str],
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from .tenderned_data import write_package

    package = write_package(tmp_path / "tenderned.json")
    code, out, err = run(
        ["tenderned", str(package), "--data", str(data), *args], monkeypatch, capsys
    )
    assert code == 2, err
    assert_inert(out, err)
