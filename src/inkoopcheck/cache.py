"""The result cache: per tender file, its findings and data, keyed by a hash of
its bytes. A file is reused only when its content, its path, kader.yaml, the
peildatum and inkoopcheck itself are all unchanged; anything else is checked
again. Cross-file checks are never cached.

Stored as JSON (safe to read, easy to inspect) in two files per data folder:
the findings (all `validate` needs) and the tender data (for triage and report),
under $INKOOPCHECK_CACHE_DIR, else $XDG_CACHE_HOME/inkoopcheck, else
~/.cache/inkoopcheck — outside the repository, so git never sees it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inkoopcheck import __version__
from inkoopcheck.findings import Finding, Severity
from inkoopcheck.pipeline import FileRecord

FORMAT = 2  # 2: tender data stored with the digest of the bytes it came from


def default_dir() -> Path:
    env = os.environ.get("INKOOPCHECK_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "inkoopcheck"


def code_fingerprint() -> str:
    """Changes whenever inkoopcheck's own files change: a new version, an edit in
    a development checkout, or new package data (the CPV list)."""
    package = Path(__file__).parent
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    for p in sorted(package.rglob("*")):
        if p.suffix in (".py", ".json"):
            st = p.stat()
            h.update(f"{p.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def stamp(kader_bytes: bytes, peildatum: str, tenders_dir: Path) -> list[str]:
    """Everything besides a file's own bytes that its result depends on."""
    return [
        str(FORMAT),
        code_fingerprint(),
        hashlib.blake2b(kader_bytes, digest_size=16).hexdigest(),
        peildatum,
        str(tenders_dir.absolute()),
        os.getcwd(),  # findings carry paths as shown from here
    ]


def _finding_row(f: Finding) -> list[Any]:
    return [f.path, f.line, f.column, f.code, str(f.severity), f.message, f.hint]


_ROW_TYPES: tuple[type | tuple[type, ...], ...] = (str, int, int, str, str, str, (str, type(None)))


def _finding(row: Any) -> Finding:
    """A finding from its cached row; ValueError for a row of any other shape (a
    cache that was edited, truncated or written by something else)."""
    if (
        not isinstance(row, list)
        or len(row) != len(_ROW_TYPES)
        or not all(
            isinstance(v, t) and not isinstance(v, bool)
            for v, t in zip(row, _ROW_TYPES, strict=True)
        )
    ):
        raise ValueError("cache row of the wrong shape")
    return Finding(row[0], row[1], row[2], row[3], Severity(row[4]), row[5], row[6])


@dataclass(slots=True)
class Cache:
    directory: Path
    root: Path
    stamp: list[str]
    kader_findings: list[Finding] | None = None
    rows: dict[str, list[Any]] = field(default_factory=dict)  # display -> record row
    # why the cache folder could not be used (no permission, not a folder, a
    # name too long): the run goes on without it, and the command says so
    problem: OSError | None = None
    _payloads: dict[str, Any] | None = None

    @property
    def _base(self) -> Path:
        key = hashlib.blake2b(str(self.root.absolute()).encode(), digest_size=10).hexdigest()
        return self.directory / key

    def load(self) -> None:
        """Read the cache; anything unreadable, foreign or stale counts as empty."""
        try:
            doc = json.loads((self._base.with_suffix(".findings.json")).read_text("utf-8"))
            if not isinstance(doc, dict) or doc.get("stamp") != self.stamp:
                return
            rows = doc["files"]
            if not isinstance(rows, dict):
                return
            kader = doc["kader"]
            if not isinstance(kader, list):
                return
            self.kader_findings = [_finding(r) for r in kader]
            self.rows = rows
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            self.kader_findings = None
            self.rows = {}
            if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
                self.problem = exc

    def lookup(self, display: str, digest: str, path: str) -> FileRecord | None:
        row = self.rows.get(display)
        if not isinstance(row, list) or len(row) != 4 or row[0] != digest:
            return None
        _, rows, tender_id, pos = row
        if not (
            isinstance(rows, list)
            and (tender_id is None or isinstance(tender_id, str))
            and isinstance(pos, list)
            and len(pos) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in pos)
        ):
            return None
        try:
            findings = tuple(_finding(r) for r in rows)
        except ValueError:
            return None
        return FileRecord(path, display, digest, findings, tender_id, (pos[0], pos[1]), None)

    def payload(self, display: str, digest: str) -> dict[str, Any] | None:
        """A cached file's tender data (loaded on first use: validate never needs it),
        only when it was made from these very bytes. validate rewrites the findings
        but not the tender data, so the data carries its own digest: data of an
        older version of the file is never served."""
        if self._payloads is None:
            self._payloads = {}
            try:
                doc = json.loads(self._base.with_suffix(".tenders.json").read_text("utf-8"))
                if isinstance(doc, dict) and doc.get("stamp") == self.stamp:
                    files = doc.get("files")
                    self._payloads = files if isinstance(files, dict) else {}
            except OSError as exc:
                if not isinstance(exc, FileNotFoundError):
                    self.problem = self.problem or exc
            except ValueError:
                pass
        entry = self._payloads.get(display)
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == digest):
            return None
        return entry[1] if isinstance(entry[1], dict) else None

    def save(
        self,
        kader_findings: list[Finding],
        records: list[FileRecord],
        payloads: bool,
    ) -> None:
        """Write the findings (and, with `payloads`, the tender data the records
        carry) atomically; a cache that cannot be written is skipped."""
        from inkoopcheck.atomic import write_atomic

        rows = {
            r.display: [
                r.digest,
                [_finding_row(f) for f in r.findings],
                r.tender_id,
                list(r.id_pos),
            ]
            for r in records
            if r.digest
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if payloads:
                data = {r.display: [r.digest, d] for r in records if (d := r.data()) is not None}
                write_atomic(
                    self._base.with_suffix(".tenders.json"),
                    json.dumps(
                        {"stamp": self.stamp, "files": data},
                        ensure_ascii=False,
                        separators=(",", ":"),
                    ).encode("utf-8"),
                )
            write_atomic(
                self._base.with_suffix(".findings.json"),
                json.dumps(
                    {
                        "stamp": self.stamp,
                        "kader": [_finding_row(f) for f in kader_findings],
                        "files": rows,
                    },
                    ensure_ascii=False,
                    separators=(",", ":"),
                ).encode("utf-8"),
            )
        except OSError as exc:
            self.problem = self.problem or exc
