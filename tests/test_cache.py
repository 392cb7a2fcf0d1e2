"""The result cache is never wrong: whatever a file's result depends on changes,
the file is checked again. Each test compares a cached run with a run without
cache, after one kind of change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inkoopcheck import cache as cache_module
from inkoopcheck.cli import app

from .helpers import make_data, tender

PUB = "{kwartaal: 2025-Q2, zekerheid: zeker}"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(
        tmp_path,
        {
            "bedrijfsvoering/een": tender(
                "een",
                "Schoonmaak",
                soort="diensten",
                procedure="europees",
                contractwaarde="100000",
                publicatie=PUB,
            ),
            "bedrijfsvoering/twee": tender(
                "twee",
                "Catering",
                soort="diensten",
                procedure="europees",
                contractwaarde="100000",
                publicatie=PUB,
            ),
            "fysiek/drie": tender("drie", "Liften", "Fysiek", procedure="europees", publicatie=PUB),
        },
    )


def validate(data: Path, cache: Path | None, *extra: str) -> tuple[int, str]:
    args = ["validate", "--data", str(data), "--date", "2025-01-06", *extra]
    args += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout


def assert_fresh(data: Path, cache: Path, *extra: str) -> str:
    """A cached run gives exactly what a run without cache gives."""
    cached = validate(data, cache, *extra)
    assert cached == validate(data, None, *extra)
    return cached[1]


def findings_file(cache: Path) -> Path:
    (found,) = cache.glob("*.findings.bin")
    return found


def tamper(cache: Path) -> None:
    """Change every cached message, so a run that uses the cache shows it."""
    path = findings_file(cache)
    doc = cache_module.read_doc(path)
    doc["files"] = {
        key: (row[0], tuple((*f[:5], "UIT DE CACHE", f[6]) for f in row[1]), *row[2:])
        for key, row in doc["files"].items()
    }
    path.write_bytes(cache_module.encode(doc))


def test_the_cache_is_used_when_nothing_changed(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = assert_fresh(data, cache)
    assert "IC302" in first  # some findings to cache
    tamper(cache)
    assert "UIT DE CACHE" in validate(data, cache)[1]


def test_edited_file_is_checked_again(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    tamper(cache)
    f = data / "tenders" / "bedrijfsvoering" / "een.yaml"
    f.write_text(f.read_text().replace("status: kalender", "status: Kalender"))
    out = validate(data, cache)[1]
    line = next(x for x in out.splitlines() if "een.yaml" in x and "IC104" in x)
    assert "'Kalender' is geen geldige waarde" in line
    assert "UIT DE CACHE" in out  # the other files still come from the cache


def test_edit_of_the_same_size_and_time_is_seen(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    f = data / "tenders" / "fysiek" / "drie.yaml"
    st = f.stat()
    f.write_text(f.read_text().replace("Liften", "Lifte!"))  # same length
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    assert_fresh(data, cache)


def test_renamed_file_is_checked_again(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    (data / "tenders" / "fysiek" / "drie.yaml").rename(data / "tenders" / "fysiek" / "vier.yaml")
    out = assert_fresh(data, cache)
    assert "IC204 id 'drie' is niet gelijk aan de bestandsnaam 'vier.yaml'" in out


def test_moved_to_another_directie_folder(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    (data / "tenders" / "fysiek" / "drie.yaml").rename(
        data / "tenders" / "bedrijfsvoering" / "drie.yaml"
    )
    assert "IC205" in assert_fresh(data, cache)


def test_deleted_file_disappears_and_cross_file_checks_rerun(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    copy = data / "tenders" / "fysiek" / "een.yaml"
    copy.write_text(
        (data / "tenders" / "bedrijfsvoering" / "een.yaml")
        .read_text()
        .replace("Bedrijfsvoering", "Fysiek")
    )
    assert "IC206" in assert_fresh(data, cache)  # the same id twice
    copy.unlink()
    out = assert_fresh(data, cache)
    assert "IC206" not in out and "fysiek/een.yaml" not in out


def test_edited_kader_checks_everything_again(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    tamper(cache)
    kader = data / "kader.yaml"
    kader.write_text(kader.read_text().replace("  capaciteit: 4", "  capaciteit: 5"))
    out = validate(data, cache)[1]
    assert "UIT DE CACHE" not in out
    assert_fresh(data, cache)


def test_new_tool_version_checks_everything_again(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    tamper(cache)
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    assert "UIT DE CACHE" not in validate(data, cache)[1]


def test_other_peildatum_checks_again(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    late = assert_fresh(data, cache, "--date", "2025-09-01")
    assert "IC304" in late  # publication passed, status still kalender


def test_other_working_directory_shows_other_paths(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.chdir(data.parent)
    assert "\ndata/tenders/fysiek/drie.yaml:" in "\n" + assert_fresh(data, cache)
    monkeypatch.chdir(data / "tenders")
    assert "\nfysiek/drie.yaml:" in "\n" + assert_fresh(data, cache)


def test_corrupt_cache_is_ignored(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert_fresh(data, cache)
    findings_file(cache).write_text('{"stamp": [1, 2], "files": ')
    assert_fresh(data, cache)
    findings_file(cache).write_bytes(b"\xff\x00garbage")
    assert_fresh(data, cache)
    assert_fresh(data, cache)  # written whole again
    whole = findings_file(cache).read_bytes()
    findings_file(cache).write_bytes(whole[: len(whole) // 2])  # truncated
    assert_fresh(data, cache)
    tampered = bytearray(findings_file(cache).read_bytes())
    tampered[-3] ^= 1  # one bit of the body: the checksum no longer fits
    findings_file(cache).write_bytes(bytes(tampered))
    assert_fresh(data, cache)


def test_unwritable_cache_folder_is_no_problem(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert_fresh(data, blocker / "cache")


def test_no_cache_writes_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("INKOOPCHECK_CACHE_DIR", str(cache))
    result = CliRunner().invoke(app, ["validate", "--data", str(data), "--no-cache"])
    assert result.exit_code == 0
    assert not cache.exists()


def test_triage_from_cache_equals_triage_without(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["triage", "--data", str(data), "--date", "2025-01-06", "--format", "json"]
    fresh = CliRunner().invoke(app, [*args, "--no-cache"]).stdout
    validate(data, cache)  # fills the cache
    assert CliRunner().invoke(app, [*args, "--cache-dir", str(cache)]).stdout == fresh
    assert CliRunner().invoke(app, [*args, "--cache-dir", str(cache)]).stdout == fresh


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("INKOOPCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_module.default_dir() == tmp_path / "inkoopcheck"
    monkeypatch.setenv("INKOOPCHECK_CACHE_DIR", str(tmp_path / "eigen"))
    assert cache_module.default_dir() == tmp_path / "eigen"


def test_help_and_version_answer_without_building_the_commands() -> None:
    """The fast paths print exactly what typer prints for the full app."""
    import subprocess
    import sys

    def run(*args: str) -> str:
        script = Path(sys.executable).parent / "inkoopcheck"
        return subprocess.run(
            [str(script), *args], capture_output=True, text=True, check=True
        ).stdout

    full = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from inkoopcheck.cli import app; "
            "sys.argv=['inkoopcheck', '--help']; app()",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert run("--help") == full
    assert "Commando's:" in full and "validate" in full and "export" in full
    from inkoopcheck import __version__

    assert run("--version") == f"inkoopcheck {__version__}\n"
