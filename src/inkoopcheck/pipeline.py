"""The per-file pipeline every command shares.

For each tender file: read it safely, hash it, and either take its result from
the cache or load it (parse, model, per-file checks) — in two processes when
there are many. The result per file is a `FileRecord` of plain data, so it
travels between processes and into the cache cheaply; triage and report
rebuild tender models from it.

This module imports no pydantic: a warm `validate` runs without building a
single model.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inkoopcheck.findings import Finding
from inkoopcheck.loader import _to_finding, read_bytes
from inkoopcheck.yamlsafe import Problem

if TYPE_CHECKING:
    from inkoopcheck.kader import Kader
    from inkoopcheck.models import Tender

# Below this many files a second process costs more than it saves (measured:
# docs/performance.md). INKOOPCHECK_JOBS overrides the number of processes.
PARALLEL_MIN = 2000

# (mode, device, inode, size, mtime_ns, ctime_ns): what the cache compares
# before it trusts a stored hash (cache.trustworthy)
StatKey = tuple[int, int, int, int, int, int]
# (titel, soort, contractwaarde, publicatie datum or kwartaal) of a loaded tender:
# what the possible-duplicates check compares, so validate needs no tender data
Brief = tuple[str, str | None, int | None, str | None]


@dataclass(frozen=True, slots=True)
class FileRecord:
    path: str
    display: str
    digest: str  # blake2b of the bytes; "" when the file could not be read
    findings: tuple[Finding, ...]
    tender_id: str | None
    id_pos: tuple[int, int]
    # The tender, for triage and report: the model when this run loaded the file
    # (a pickled model travels back from a worker faster than its data would be
    # dumped, sent and validated again), or its JSON data when it came from the
    # cache. None when it did not load, or when the command needs no tenders.
    payload: Tender | dict[str, Any] | None
    # the file's stat taken before its bytes were read (None: not taken)
    stat: StatKey | None = None
    brief: Brief | None = None  # None: the file did not load
    # what Context.assess made of this tender where it loaded (in a worker): only
    # for a tender without errors, when asked (triage's part of each decision)
    assessed: Any = None

    def tender(self) -> Tender | None:
        if self.payload is None or isinstance(self.payload, dict):
            from inkoopcheck.models import Tender

            return None if self.payload is None else Tender.model_validate(self.payload)
        return self.payload

    def data(self) -> dict[str, Any] | None:
        """The tender as JSON data, for the cache."""
        if self.payload is None or isinstance(self.payload, dict):
            return self.payload
        return self.payload.model_dump(mode="json", exclude_defaults=True)

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


@dataclass(frozen=True, slots=True)
class Context:
    """What the per-file checks need besides the file."""

    kader: Kader | None
    peildatum: date
    tenders_dir: Path
    # the tender as data, for triage/report and the cache; validate without a
    # cache needs none (and then nothing has to travel back from the workers)
    payload: bool = True
    # the stat of every file, for the cache (not needed without one)
    stats: bool = False
    # run on every tender without errors where it is loaded (the workers); its
    # result (plain data: it travels back) is the record's `assessed`
    assess: Callable[[Tender, Kader, date], Any] | None = None


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stat_of(path: Path | str) -> StatKey | None:
    """The stat the cache keys a file on, taken before its bytes are read: a
    change after this moment gives the file another ctime."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_mode, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def process(path: Path | str, display: str, ctx: Context) -> FileRecord:
    """Load one tender file and run its own checks. Never raises on bad data."""
    from inkoopcheck.checks import check_tender
    from inkoopcheck.loader import load_tender

    key = stat_of(path) if ctx.stats else None
    data = read_bytes(path)
    if isinstance(data, Problem):
        return FileRecord(str(path), display, "", (_to_finding(display, data),), None, (0, 0), None)
    result = load_tender(path, display, data)
    findings = list(result.findings)
    tender = result.tender
    assessed = None
    if tender is not None and ctx.kader is not None:
        findings.extend(check_tender(result, ctx.kader, ctx.peildatum, ctx.tenders_dir))
        if ctx.assess is not None and not any(f.is_error for f in findings):
            assessed = ctx.assess(tender, ctx.kader, ctx.peildatum)
    return FileRecord(
        str(path),
        display,
        digest(data),
        tuple(findings),
        tender.id if tender is not None else None,
        result.source.position(("id",)),
        tender if ctx.payload else None,
        key,
        brief_of(tender) if tender is not None else None,
        assessed if ctx.payload else None,
    )


def brief_of(t: Tender) -> Brief:
    pub = t.publicatie
    when = None if pub is None else (pub.datum.isoformat() if pub.datum else pub.kwartaal)
    return (t.titel, t.soort, t.contractwaarde, when)


@contextmanager
def no_gc() -> Iterator[None]:
    """The loop allocates many small objects that all live on; the cyclic GC only
    spends time walking them (about 7 % of a cold run)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_WORKER_CTX: Context | None = None


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent: it stops the pool (terminate on leaving
    the `with`) and says one line, instead of every worker printing a traceback.
    A worker is born with SIGINT blocked (see _new_pool), so a Ctrl-C that comes
    while it starts cannot kill it half-way, leaving the parent waiting for a
    result that never comes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _new_pool(jobs: int) -> Any:
    """A fork pool whose workers (and the threads that start new ones) inherit a
    blocked SIGINT; the parent's Ctrl-C is delivered as soon as the pool exists."""
    import multiprocessing
    import signal

    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return multiprocessing.get_context("fork").Pool(jobs, _quiet_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _work(item: tuple[Path | str, str]) -> FileRecord:
    assert _WORKER_CTX is not None
    return process(item[0], item[1], _WORKER_CTX)


def jobs_for(count: int) -> int:
    env = os.environ.get("INKOOPCHECK_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    if count < PARALLEL_MIN:
        return 1
    return min(2, os.cpu_count() or 1)


def process_all(
    items: Sequence[tuple[Path | str, str]],
    ctx: Context,
    progress: Callable[[int], None] | None = None,
) -> list[FileRecord]:
    """Process files, in as many processes as pays; results in input order."""
    global _WORKER_CTX
    jobs = jobs_for(len(items))
    out: list[FileRecord] = []
    with no_gc():
        if jobs > 1 and "fork" in _start_methods():
            _WORKER_CTX = ctx  # inherited by the forked workers, not pickled per file
            try:
                chunk = max(8, len(items) // (jobs * 16))
                with _new_pool(jobs) as pool:
                    for record in pool.imap(_work, items, chunksize=chunk):
                        out.append(record)
                        if progress:
                            progress(1)
            finally:
                _WORKER_CTX = None
        else:
            for path, display in items:
                out.append(process(path, display, ctx))
                if progress:
                    progress(1)
    return out


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()
