"""The one way to get the kader for commands that do not run the whole pipeline
(new, import, schema, codeowners, kader, tenderned): loaded and checked exactly
as validate checks it. A kader with errors comes back as its findings, for the
command line to show; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inkoopcheck.checks import check_kader
from inkoopcheck.findings import Finding
from inkoopcheck.kader import Kader
from inkoopcheck.loader import KADER_FILE, load_kader


@dataclass(frozen=True, slots=True)
class KaderState:
    kader: Kader | None  # None when kader.yaml has errors
    findings: tuple[Finding, ...]  # all of them, warnings included


def open_kader(data_root: Path) -> KaderState:
    result = load_kader(data_root / KADER_FILE)
    findings = (*result.findings, *check_kader(result))
    usable = result.kader is not None and not any(f.is_error for f in findings)
    return KaderState(result.kader if usable else None, findings)
