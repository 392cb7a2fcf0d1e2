"""Faults at the edges: Ctrl-C, a cache of the wrong shape, outputs that keep their
mode or are read-only, temp files that never survive, formulas in CSV headers."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from inkoopcheck import atomic
from inkoopcheck.cli import app

from .helpers import SHIPPED, catering_data

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "inkoopcheck"
DAY = "2024-12-09"


# --- Ctrl-C -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "data"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "gen_corpus.py"),
            "--files",
            "2000",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


def _calendar(path: Path, rows: int) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(
        ["Directie", "Opdracht-omschrijving", "Waarde (€)", "Publicatie", "Waarschijnlijkheid"]
    )
    for n in range(rows):
        ws.append(["Bedrijfsvoering", f"Opdracht {n}", 100_000 + n, "2026-Q3", "Zeker"])
    wb.save(path)
    return path


def _leftovers(*folders: Path) -> list[Path]:
    return [p for f in folders for p in f.rglob("*.tmp")]


def test_ctrl_c_at_random_moments_leaves_nothing_behind(corpus: Path, tmp_path: Path) -> None:
    """SIGINT to the whole process group (as a terminal sends it) at ten random
    moments of commands over 2,000 files: exit 130 with one Dutch line (or 0 when
    the command finished first), no traceback, no process left, no temp file."""
    rng = random.Random(int(os.environ.get("INKOOPCHECK_FAULT_SEED", "130")))
    out = tmp_path / "out"
    out.mkdir()
    book = _calendar(tmp_path / "kalender.xlsx", 300)
    env = {**os.environ, "INKOOPCHECK_JOBS": "2"}
    commands = [
        ["validate", "--no-cache"],
        ["triage", "--no-cache", "--date", DAY],
        ["report", "--no-cache", "--date", DAY, "--output", str(out / "overzicht.xlsx"), "--force"],
        ["import", str(book)],
    ]
    for n in range(10):
        args = commands[n % len(commands)]
        proc = subprocess.Popen(
            [str(SCRIPT), *args, "--data", str(corpus)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # its own process group, like a terminal's job
        )
        time.sleep(rng.uniform(0.3, 2.5))
        with contextlib.suppress(ProcessLookupError):  # finished before the moment came
            os.killpg(proc.pid, signal.SIGINT)
        stdout, err = proc.communicate(timeout=60)  # a hang fails here, not forever
        assert "Traceback" not in err and "ForkPoolWorker" not in err, (args, err)
        if proc.returncode == 130:
            assert err.strip().splitlines()[-1].startswith("inkoopcheck: afgebroken;"), err
        elif proc.returncode == -signal.SIGINT:
            # the signal came while Python was shutting down, after the command had
            # finished: its whole answer is there
            assert "Overzicht geschreven" in err if args[0] == "report" else stdout.strip(), args
        else:
            assert proc.returncode in (0, 1), (args, proc.returncode, err)
        with pytest.raises(ProcessLookupError):  # no worker survives its parent
            for _ in range(50):
                os.killpg(proc.pid, 0)
                time.sleep(0.1)
        assert _leftovers(corpus, out) == [], args
    # what import wrote before it was stopped is valid data, nothing half-written
    for p in (corpus / "tenders").rglob("opdracht-*.yaml"):
        p.unlink()


def test_an_interrupted_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    target = tmp_path / "a.yaml"
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, b"id: a\n")
    assert list(tmp_path.iterdir()) == []
    assert target not in atomic.written()


# --- the cache ----------------------------------------------------------------


def _poison(cache: Path) -> None:
    """Keep every stamp (and a valid checksum), break every row: what an edit or
    another tool could leave."""
    from inkoopcheck.cache import encode, read_doc

    poisoned = 0
    for f in cache.glob("*.bin"):
        doc = read_doc(f)
        files = doc["files"]
        for key in files:
            if f.name.endswith(".tenders.bin"):
                files[key] = (files[key][0], {"id": 5})
            else:
                row = (("p", "line", 1, "IC001", "fout", "m", None),)
                files[key] = (files[key][0], row, 7, (1,), files[key][4], (5, None, "x", 7))
            poisoned += 1
        if "kader" in doc:
            doc["kader"] = ((1, 2, 3),)
        f.write_bytes(encode(doc))
    assert poisoned  # the cache was there to poison


def test_a_cache_of_the_wrong_shape_counts_as_empty(runner: CliRunner, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    base = ["--data", str(SHIPPED), "--date", DAY]
    for command in (["triage", "--format", "json"], ["report", "--format", "json"], ["validate"]):
        plain = runner.invoke(app, [*command, *base, "--no-cache"])
        runner.invoke(app, [*command, *base, "--cache-dir", str(cache)])
        _poison(cache)
        cached = runner.invoke(app, [*command, *base, "--cache-dir", str(cache)])
        assert (cached.exit_code, cached.stdout) == (plain.exit_code, plain.stdout), command


# --- outputs --------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_replacing_an_output_keeps_its_mode(runner: CliRunner, tmp_path: Path, mode: int) -> None:
    target = tmp_path / "overzicht.csv"
    target.write_text("oud\n")
    target.chmod(mode)
    args = ["report", "--data", str(SHIPPED), "--date", DAY, "--output", str(target)]
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text("utf-8-sig").startswith("Directie;")


def test_a_read_only_output_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.csv"
    target.write_text("van iemand anders\n")
    target.chmod(0o444)
    args = ["report", "--data", str(SHIPPED), "--date", DAY, "--output", str(target), "--force"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "alleen-lezen" in result.stderr
    assert target.read_text() == "van iemand anders\n"
    assert [p.name for p in tmp_path.iterdir()] == ["overzicht.csv"]


def test_a_new_output_gets_the_umask_mode(runner: CliRunner, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        target = tmp_path / "overzicht.json"
        result = runner.invoke(
            app, ["report", "--data", str(SHIPPED), "--date", DAY, "--output", str(target)]
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# --- formulas in headers ------------------------------------------------------------


def test_a_theme_label_that_looks_like_a_formula_stays_text_in_every_csv(
    runner: CliRunner, tmp_path: Path
) -> None:
    kader = (SHIPPED / "kader.yaml").read_text("utf-8")
    kader = kader.replace("label: Repr", 'label: "=HYPERLINK(\\"http://x\\")"', 1)
    kader = kader.replace("label: Toeg", 'label: "@SUM(1+1)"', 1)
    assert "HYPERLINK" in kader and "@SUM" in kader
    data = catering_data(tmp_path, kader)
    target = tmp_path / "overzicht.csv"
    result = runner.invoke(
        app, ["report", "--data", str(data), "--date", DAY, "--output", str(target)]
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    header = next(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    assert '\'=HYPERLINK("http://x")' in header and "'@SUM(1+1)" in header
    assert not [h for h in header if h[:1] in ("=", "@", "+", "-")]
