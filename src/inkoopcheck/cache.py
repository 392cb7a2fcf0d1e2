"""The result cache: per tender file, its findings and data, keyed by a hash of
its bytes. A file is reused only when its content, its path, kader.yaml, the
peildatum and inkoopcheck itself are all unchanged; anything else is checked
again. Cross-file checks are never cached.

Like git's index, a file whose (mode, device, inode, size, mtime, ctime) is what
it was when its bytes were hashed is not read again: its stored hash is trusted.
Only a stat taken well before the run that stored it counts (`MARGIN`, git's
"racy" guard): an edit that keeps the size and sets the mtime back still moves
the ctime (nothing can set that but the clock), unless it falls in the same
clock tick as the stat — and a stat that young is never stored, so such a file
is always read and hashed.

Stored in two files per data folder, each read in one go: the findings (all
`validate` needs) and the tender data (for triage and report), as `marshal`
data of plain types (lists, tuples, strings, numbers) behind a header and a
checksum of the body, so a truncated, corrupt or foreign file is never decoded
and counts as empty; what is decoded is checked for its shape as well. They live
under $INKOOPCHECK_CACHE_DIR, else $XDG_CACHE_HOME/inkoopcheck, else
~/.cache/inkoopcheck — outside the repository, so git never sees it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat as stat_module
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inkoopcheck import __version__
from inkoopcheck.findings import Finding, Severity
from inkoopcheck.pipeline import FileRecord, StatKey

FORMAT = 3  # 3: marshal behind a checksum; stat keys trusted like git's index
# the header: what wrote it (marshal's format may change with Python's version)
MAGIC = f"inkoopcheck-cache {FORMAT} {sys.implementation.cache_tag} {marshal.version}\n".encode()
_SUM = 16  # bytes of the blake2b checksum after the header
# A stat is trusted only when both its times are this much older than the start
# of the run that stored it: file times come from a coarse clock (a tick of up to
# 10 ms on Linux) and some file systems keep whole seconds, or two (FAT).
MARGIN_NS = 2_500_000_000
# Windows reports the creation time as ctime (an edit does not move it): there,
# every file is read and hashed.
TRUST_STAT = os.name != "nt"


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


def trustworthy(key: StatKey | None, started_ns: int) -> bool:
    """Whether a stat taken during a run that started at `started_ns` may stand
    for the bytes read after it: a regular file whose mtime and ctime are both
    older than the run by more than a clock tick. Any later change to the file
    then gives it a ctime at or after the run's start: another stat."""
    return (
        TRUST_STAT
        and key is not None
        and stat_module.S_ISREG(key[0])
        and max(key[4], key[5]) < started_ns - MARGIN_NS
    )


def encode(doc: Any) -> bytes:
    body = marshal.dumps(doc)
    return MAGIC + hashlib.blake2b(body, digest_size=_SUM).digest() + body


def decode(data: bytes) -> Any:
    """The document in a cache file; ValueError for anything this version did not
    write whole (another format, a truncated or damaged file)."""
    if not data.startswith(MAGIC):
        raise ValueError("not a cache file of this version")
    start = len(MAGIC) + _SUM
    body = data[start:]
    if hashlib.blake2b(body, digest_size=_SUM).digest() != data[len(MAGIC) : start]:
        raise ValueError("cache file damaged")
    try:
        return marshal.loads(body)
    except (EOFError, TypeError) as exc:
        raise ValueError("cache file damaged") from exc


def read_doc(path: Path) -> Any:
    return decode(path.read_bytes())


def _finding_row(f: Finding, pool: dict[Any, Any]) -> tuple[Any, ...]:
    """A finding as a row; equal texts share one object through `pool`, so
    marshal stores each message once (a reference after that): a smaller file,
    read faster."""
    return (
        pool.setdefault(f.path, f.path),
        f.line,
        f.column,
        pool.setdefault(f.code, f.code),
        pool.setdefault(f.severity.value, f.severity.value),
        pool.setdefault(f.message, f.message),
        pool.setdefault(f.hint, f.hint),
    )


_ROW_TYPES = frozenset(
    {(str, int, int, str, str, str, str), (str, int, int, str, str, str, type(None))}
)


_SEVERITY = {s.value: s for s in Severity}


def _finding(row: Any) -> Finding:
    """A finding from its cached row; ValueError for a row of any other shape (a
    cache that was edited or written by something else)."""
    if type(row) is not tuple or tuple(map(type, row)) not in _ROW_TYPES:
        raise ValueError("cache row of the wrong shape")
    try:
        severity = _SEVERITY[row[4]]
    except KeyError:
        raise ValueError("cache row of the wrong shape") from None
    return Finding(row[0], row[1], row[2], row[3], severity, row[5], row[6])


_ROW_LEN = 6  # digest, findings, id, id position, stat, brief


def _is_brief(v: Any) -> bool:
    return (
        type(v) is tuple
        and len(v) == 4
        and type(v[0]) is str
        and all(x is None or type(x) is t for x, t in zip(v[1:], (str, int, str), strict=True))
    )


@dataclass(slots=True)
class Cache:
    directory: Path
    root: Path
    stamp: list[str]
    kader_findings: list[Finding] | None = None
    rows: dict[str, Any] = field(default_factory=dict)  # display -> record row
    # why the cache folder could not be used (no permission, not a folder, a
    # name too long): the run goes on without it, and the command says so
    problem: OSError | None = None
    # when this run started (for the stats it stores)
    started_ns: int = field(default_factory=time.time_ns)
    _payloads: dict[str, Any] | None = None

    @property
    def _base(self) -> Path:
        key = hashlib.blake2b(str(self.root.absolute()).encode(), digest_size=10).hexdigest()
        return self.directory / key

    @property
    def findings_path(self) -> Path:
        return self._base.with_suffix(".findings.bin")

    @property
    def tenders_path(self) -> Path:
        return self._base.with_suffix(".tenders.bin")

    def load(self) -> None:
        """Read the cache; anything unreadable, foreign or stale counts as empty."""
        try:
            doc = read_doc(self.findings_path)
            if not isinstance(doc, dict) or doc.get("stamp") != self.stamp:
                return
            rows = doc["files"]
            kader = doc["kader"]
            if not isinstance(rows, dict) or not isinstance(kader, tuple):
                return
            self.kader_findings = [_finding(r) for r in kader]
            self.rows = rows
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            self.kader_findings = None
            self.rows = {}
            if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
                self.problem = exc

    def trusted_digest(self, display: str, key: StatKey) -> str | None:
        """The stored hash of a file whose stat is the one stored with it (stored
        only when it was trustworthy); None: read and hash the file."""
        row = self.rows.get(display)
        if type(row) is tuple and len(row) == _ROW_LEN and row[4] == key and type(row[0]) is str:
            return row[0]
        return None

    def lookup(
        self, display: str, digest: str, path: str, key: StatKey | None
    ) -> FileRecord | None:
        row = self.rows.get(display)
        if type(row) is not tuple or len(row) != _ROW_LEN or row[0] != digest:
            return None
        _, rows, tender_id, pos, _, brief = row
        if not (
            type(rows) is tuple
            and (tender_id is None or type(tender_id) is str)
            and type(pos) is tuple
            and len(pos) == 2
            and type(pos[0]) is int
            and type(pos[1]) is int
            and (brief is None or _is_brief(brief))
        ):
            return None
        try:
            findings = tuple(_finding(r) for r in rows)
        except ValueError:
            return None
        return FileRecord(path, display, digest, findings, tender_id, pos, None, key, brief)

    def payload(self, display: str, digest: str) -> dict[str, Any] | None:
        """A cached file's tender data (loaded on first use: validate never needs it),
        only when it was made from these very bytes. validate rewrites the findings
        but not the tender data, so the data carries its own digest: data of an
        older version of the file is never served. Each file's data is handed out
        once and then let go: the caller makes a model of it, and the data of
        10,000 tenders need not stay beside their models (a warm triage's peak)."""
        if self._payloads is None:
            self._payloads = {}
            try:
                doc = read_doc(self.tenders_path)
                if isinstance(doc, dict) and doc.get("stamp") == self.stamp:
                    files = doc.get("files")
                    self._payloads = files if isinstance(files, dict) else {}
            except OSError as exc:
                if not isinstance(exc, FileNotFoundError):
                    self.problem = self.problem or exc
            except ValueError:
                pass
        entry = self._payloads.pop(display, None)
        if not (type(entry) is tuple and len(entry) == 2 and entry[0] == digest):
            return None
        return entry[1] if isinstance(entry[1], dict) else None

    def save(
        self,
        kader_findings: list[Finding],
        records: list[FileRecord],
        payloads: bool,
    ) -> None:
        """Write the findings (and, with `payloads`, the tender data the records
        carry) atomically; a cache that cannot be written is skipped. A record's
        stat is stored only when it is trustworthy; otherwise the file is hashed
        again next time."""
        from inkoopcheck.atomic import write_atomic

        started = self.started_ns
        pool: dict[Any, Any] = {}
        rows = {
            pool.setdefault(r.display, r.display): (
                r.digest,
                tuple(_finding_row(f, pool) for f in r.findings),
                r.tender_id,
                r.id_pos,
                r.stat if trustworthy(r.stat, started) else None,
                r.brief,
            )
            for r in records
            if r.digest
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if payloads:
                data = {r.display: (r.digest, d) for r in records if (d := r.data()) is not None}
                write_atomic(
                    self.tenders_path, encode({"stamp": self.stamp, "files": data}), durable=False
                )
            doc = {
                "stamp": self.stamp,
                "kader": tuple(_finding_row(f, pool) for f in kader_findings),
                "files": rows,
            }
            write_atomic(self.findings_path, encode(doc), durable=False)
        except OSError as exc:
            self.problem = self.problem or exc
