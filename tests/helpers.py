"""Build small data folders for tests: the shipped kader (optionally changed)
plus tender files written as YAML text, so tests read like the files users write."""

from __future__ import annotations

import shutil
import textwrap
from datetime import date
from pathlib import Path

from inkoopcheck.checks import check_tender
from inkoopcheck.loader import TENDERS_DIR, load_kader, load_tender

SHIPPED = Path(__file__).resolve().parent.parent / "data"
# The peildatum of the tests of new and import (passed as --date): never today.
PEILDATUM = date(2026, 1, 5)


def make_data(root: Path, tenders: dict[str, str], kader: str | None = None) -> Path:
    """`tenders` maps 'slug/id' (or 'id') to the YAML text of the file."""
    data = root / "data"
    (data / "tenders").mkdir(parents=True, exist_ok=True)
    if kader is None:
        shutil.copy(SHIPPED / "kader.yaml", data / "kader.yaml")
    else:
        (data / "kader.yaml").write_text(textwrap.dedent(kader), encoding="utf-8")
    for name, text in tenders.items():
        path = data / "tenders" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return data


def tender(tid: str, titel: str, directie: str = "Bedrijfsvoering", **fields: str) -> str:
    """A tender file with the required fields and `fields` as extra YAML lines
    (`fields` values are YAML text, e.g. publicatie='{kwartaal: 2025-Q1, zekerheid: zeker}')."""
    lines = [f"id: {tid}", f"titel: {titel}", f"directie: {directie}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    if "status" not in fields:
        lines.append("status: kalender")
    return "\n".join(lines) + "\n"


def catering_data(root: Path, kader: str) -> Path:
    """A data folder with one plain European tender and the kader text given."""
    catering = tender(
        "catering",
        "Catering",
        procedure="europees",
        contractwaarde="400000",
        publicatie="{kwartaal: 2025-Q1, zekerheid: zeker}",
    )
    return make_data(root, {"bedrijfsvoering/catering": catering}, kader)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes: to prove nothing was written."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_valid(path: Path, data: Path, peildatum: date = PEILDATUM) -> None:
    """The file loads with the real loader and passes the real checks."""
    result = load_tender(path)
    assert result.tender is not None, result.findings
    kader = load_kader(data / "kader.yaml").kader
    assert kader is not None
    findings = [*result.findings, *check_tender(result, kader, peildatum, data / TENDERS_DIR)]
    assert not [f for f in findings if f.is_error], findings


# --- running as a user that chmod stops -------------------------------------------

_CAPSH_DROP = "--drop=cap_dac_override,cap_dac_read_search"


def _denied(prefix: list[str]) -> bool:
    """Whether a command run with `prefix` is refused a file of mode 000 in a folder
    every user may enter (so: chmod works for it)."""
    import os
    import subprocess
    import tempfile

    folder = tempfile.mkdtemp(prefix="inkoopcheck-probe-")
    try:
        os.chmod(folder, 0o755)
        probe = os.path.join(folder, "geheim")
        with open(probe, "w", encoding="utf-8") as fh:
            fh.write("x")
        os.chmod(probe, 0)
        try:
            done = subprocess.run(
                [*prefix, "cat", probe], capture_output=True, timeout=30, check=False
            )
        except OSError:
            return False
        return done.returncode != 0 and b"x" not in done.stdout
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def unprivileged() -> tuple[list[str] | None, str]:
    """(prefix, why): how to run a command so that file permissions apply to it. As
    an ordinary user nothing is needed. As root (the test machine): drop the two
    capabilities that let root read everything (capsh), else become 'nobody'
    (setpriv, runuser). None and the reason when the machine can do neither."""
    import os
    import pwd

    if not hasattr(os, "geteuid"):
        return None, "no POSIX permissions on this system"
    if os.geteuid() != 0:
        return [], ""
    candidates: list[list[str]] = []
    if shutil.which("capsh"):
        candidates.append(["capsh", _CAPSH_DROP, "--", "-c", 'exec "$0" "$@"'])
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        nobody = None
    if nobody is not None and shutil.which("setpriv"):
        candidates.append(
            [
                "setpriv",
                f"--reuid={nobody.pw_uid}",
                f"--regid={nobody.pw_gid}",
                "--clear-groups",
            ]
        )
    if nobody is not None and shutil.which("runuser"):
        candidates.append(["runuser", "-u", "nobody", "--"])
    for prefix in candidates:
        if _denied(prefix):
            return prefix, ""
    return None, (
        "as root, chmod does not stop reading, and neither capsh nor setpriv/runuser "
        "could run a command without that power here"
    )
