"""The pipeline every command shares: load the data folder, run the checks.

validate shows the findings; triage and report use the tenders that have no
errors (and say how many they left out).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inkoopcheck.checks import check_cross, check_kader, check_tender
from inkoopcheck.findings import Finding
from inkoopcheck.kader import Kader
from inkoopcheck.loader import (
    KADER_FILE,
    TENDERS_DIR,
    FileResult,
    KaderResult,
    load_kader,
    load_tender,
    show,
    tender_files,
)
from inkoopcheck.models import Tender


@dataclass(slots=True)
class Analysis:
    root: Path
    kader_result: KaderResult
    files: list[FileResult]
    findings: list[Finding]
    errors_in: set[str] = field(default_factory=set)

    @property
    def kader(self) -> Kader | None:
        return self.kader_result.kader

    def kader_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.path == self.kader_result.display]

    def valid_tenders(self) -> list[Tender]:
        return [
            r.tender for r in self.files if r.tender is not None and r.display not in self.errors_in
        ]

    def invalid_count(self) -> int:
        return sum(1 for r in self.files if r.tender is None or r.display in self.errors_in)


def load_files(paths: Iterable[Path]) -> list[FileResult]:
    return [load_tender(p) for p in paths]


def analyse(root: Path, peildatum: date, extra: Sequence[Path] = ()) -> Analysis:
    """Load kader.yaml and every tender below root/tenders (plus `extra` files
    given on the command line), and check them all."""
    kader_result = load_kader(root / KADER_FILE)
    tenders_dir = root / TENDERS_DIR
    paths: list[Path] = []
    findings: list[Finding] = [*kader_result.findings, *check_kader(kader_result)]
    if tenders_dir.is_dir():
        for path, problem in tender_files(tenders_dir):
            if problem is not None:
                findings.append(problem)
            else:
                paths.append(path)
    known = {p.resolve() for p in paths}
    for p in extra:
        if p.resolve() not in known and p.resolve() != (root / KADER_FILE).resolve():
            paths.append(p)
            known.add(p.resolve())
    files = load_files(paths)
    kader = kader_result.kader
    for r in files:
        findings.extend(r.findings)
        if kader is not None:
            findings.extend(check_tender(r, kader, peildatum, tenders_dir))
    findings.extend(check_cross(files))
    findings.sort(key=Finding.sort_key)
    errors_in = {f.path for f in findings if f.is_error}
    return Analysis(root, kader_result, files, findings, errors_in)


def display(path: Path) -> str:
    return show(path)
