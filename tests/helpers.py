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
