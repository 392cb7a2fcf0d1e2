"""The pipeline every command shares: kader.yaml, every tender file, the checks.

validate shows the findings; triage and report use the tenders that have no
errors (and say how many they left out). With a cache, files whose bytes (and
everything else they depend on) did not change are not read into models again.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inkoopcheck.codes import severity_of
from inkoopcheck.crossfile import check_cross, check_duplicates
from inkoopcheck.findings import Finding
from inkoopcheck.loader import (
    KADER_FILE,
    OVERLEG_DIR,
    TENDERS_DIR,
    read_bytes,
    show,
    stray_temp_files,
    walk_tender_files,
)
from inkoopcheck.pipeline import Context, FileRecord, digest, no_gc, process_all, stat_of
from inkoopcheck.yamlsafe import Problem

if TYPE_CHECKING:
    from inkoopcheck.cache import Cache
    from inkoopcheck.kader import Kader
    from inkoopcheck.loader import KaderResult
    from inkoopcheck.models import Tender
    from inkoopcheck.overleg import OverlegFile

Progress = Callable[[int, int], Callable[[int], None] | None]  # (todo, total) -> tick


@dataclass(slots=True)
class Analysis:
    root: Path
    kader_display: str
    kader_result: KaderResult | None  # None when a warm validate did not need the model
    files: list[FileRecord]
    findings: list[Finding]
    peildatum: date
    cache: Cache | None = None
    _tenders: list[Tender] | None = field(default=None)
    overleggen: list[OverlegFile] = field(default_factory=list)  # data/overleg/, oldest first

    @property
    def kader(self) -> Kader | None:
        return self.kader_result.kader if self.kader_result else None

    def kader_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.path == self.kader_display]

    def valid_tenders(self) -> list[Tender]:
        """Tenders of files without errors, rebuilt from their records (analyse
        with payloads=True)."""
        if self._tenders is None:
            self._tenders = [
                t for r in self.files if not r.has_errors and (t := r.tender()) is not None
            ]
            # the models hold it all now: don't keep cached data next to them
            self.files = [
                replace(r, payload=None) if isinstance(r.payload, dict) else r for r in self.files
            ]
        return self._tenders

    def assessed(self) -> dict[int, tuple[Tender, Any]]:
        """What analyse's `assess` made of each tender where it was loaded, by id()
        of the tender (with the tender itself, so that an id is never another's)."""
        from inkoopcheck.models import Tender

        return {
            id(r.payload): (r.payload, r.assessed)
            for r in self.files
            if r.assessed is not None and isinstance(r.payload, Tender)
        }

    def reported(self, focus: set[str] | None) -> tuple[list[Finding], int]:
        """The findings validate shows, and how many files they are about (with
        kader.yaml): those of `focus` (None: all) and always the kader's own."""
        if focus is None:
            return self.findings, len(self.files) + 1
        shown = [f for f in self.findings if f.path in focus or f.path == self.kader_display]
        return shown, len({r.display for r in self.files} & focus) + 1

    def layout_findings(self) -> list[Finding]:
        """Findings about the data folder itself (tenders/ is no folder): without
        it no tender was read, so triage and report cannot give an answer."""
        return [f for f in self.findings if f.code == "IC020"]

    def unread(self) -> list[Finding]:
        """Places below tenders/ that were not read at all (a folder without
        permission, a link, a folder named *.yaml, a *.yml): whatever tenders they
        hold are missing from triage and report, which must say so."""
        files = {r.display for r in self.files}
        return [f for f in self.findings if f.code in _UNREAD and f.path not in files]

    def invalid_count(self) -> int:
        return sum(1 for r in self.files if r.has_errors or r.tender_id is None)


_UNREAD = frozenset({"IC001", "IC005", "IC006", "IC018"})


class SelectionError(Exception):
    """A path that does not exist, or git could not say what changed (exit 2)."""


def select(
    root: Path, paths: Sequence[Path], changed_since: str | None
) -> tuple[set[str] | None, list[Path]]:
    """Which files validate reports (None: all of them), and which files given on
    the command line it must load besides the data folder.

    A kader.yaml that is named, or changed since the ref, means everything is
    reported: the kader can change every result. "Changed since REF" counts from
    the merge base of REF and HEAD: what this branch (a pull request) changed,
    not what changed on REF's side since.
    """
    from inkoopcheck.gitutil import GitError
    from inkoopcheck.gitutil import changed_since as git_changed

    kader_file = (root / KADER_FILE).absolute()
    focus: set[str] | None = None
    extra: list[Path] = []
    if paths and not any(p.absolute() == kader_file for p in paths):
        focus = set()
        for p in paths:
            if _is_folder(p):
                for f, _ in walk_tender_files(str(p)):
                    focus.add(show(f))
                    extra.append(Path(f))
            else:
                focus.add(show(p))
                extra.append(p)
    if changed_since is not None:
        try:
            changed = git_changed(root, changed_since, merge_base=True)
        except GitError as exc:
            raise SelectionError(f"--changed-since: {exc}.") from None
        if kader_file in changed:
            return focus, extra
        shown = {show(p) for p in changed}
        focus = shown if focus is None else focus & shown
    return focus, extra


def _is_folder(path: Path) -> bool:
    """Whether a path named on the command line is a folder (not a link to one);
    SelectionError, in Dutch, when it does not exist or cannot be reached."""
    import errno
    import stat

    from inkoopcheck.oserrors import reason

    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        raise SelectionError(f"'{show(path)}' bestaat niet.") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # the reason names the part; the path is long
            raise SelectionError(f"{reason(exc)}.") from None
        raise SelectionError(f"'{show(path)}' is niet te openen: {reason(exc)}.") from None


@dataclass(frozen=True, slots=True)
class _Described:
    """A file as the possible-duplicates check reads it: its brief in the shape of
    tender data, so the check needs no tender (validate loads none)."""

    record: FileRecord

    @property
    def display(self) -> str:
        return self.record.display

    @property
    def id_pos(self) -> tuple[int, int]:
        return self.record.id_pos

    @property
    def payload(self) -> dict[str, Any]:
        assert self.record.brief is not None
        titel, soort, waarde, when = self.record.brief
        pub = None if when is None else {"datum": when}
        return {"titel": titel, "soort": soort, "contractwaarde": waarde, "publicatie": pub}


def _cached_tender(data: dict[str, Any] | None) -> Tender | None:
    """The model of cached tender data; None (so: not cached, load the file again)
    when the data is missing or of any shape the model refuses."""
    if data is None:
        return None
    from pydantic import ValidationError

    from inkoopcheck.models import Tender

    try:
        return Tender.model_validate(data)
    except (ValidationError, TypeError, ValueError):
        return None


def _kader(root: Path) -> tuple[KaderResult, list[Finding]]:
    from inkoopcheck.checks import check_kader
    from inkoopcheck.loader import load_kader

    result = load_kader(root / KADER_FILE)
    return result, [*result.findings, *check_kader(result)]


# Everything made here lives until the command ends: the cyclic GC would only walk
# it again and again (about 7 % of a run at 10,000 files).
@no_gc()
def analyse(
    root: Path,
    peildatum: date,
    extra: Sequence[Path] = (),
    *,
    cache_dir: Path | None = None,
    need_kader: bool = True,
    payloads: bool = True,
    assess: Callable[[Tender, Kader, date], Any] | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Load kader.yaml and every tender below root/tenders (plus `extra` files
    given on the command line), and check them all.

    validate asks for `need_kader=False, payloads=False`: with a warm cache it
    then builds neither the kader model nor a single tender. triage and report
    need the tenders (`payloads=True`); a cached file whose tender data is not
    in the cache counts as not cached. `assess` runs on every tender without
    errors where it is loaded (in the workers; Analysis.assessed): triage's own
    part of each decision, so that the parent only hands out the places.
    """
    cwd = Path(os.getcwd())  # once: show() runs for every file
    root = root.absolute()
    tenders_dir = root / TENDERS_DIR
    kader_path = root / KADER_FILE
    kader_display = show(kader_path, cwd)
    findings: list[Finding] = stray_temp_files(str(root))
    items: list[tuple[Path | str, str]] = []
    if tenders_dir.is_dir():
        for path, problem in walk_tender_files(str(tenders_dir)):
            if problem is not None:
                findings.append(problem)
            else:
                items.append((path, show(path, cwd)))
    elif os.path.lexists(tenders_dir):  # a file where the folder belongs: nothing checked
        findings.append(
            Finding(
                show(tenders_dir, cwd),
                0,
                0,
                "IC020",
                severity_of("IC020"),
                "hier hoort de map met de aanbestedingen, maar dit is geen map",
                f"Maak van {TENDERS_DIR} een map met één map per directie; de aanbestedingen "
                "staan in tenders/<directie>/<id>.yaml.",
            )
        )
    seen = {d for _, d in items} | {f.path for f in findings}
    overleg_dir = str(root / OVERLEG_DIR) + os.sep
    for p in extra:
        d = show(p, cwd)
        if d in seen or d == kader_display or str(p.absolute()).startswith(overleg_dir):
            continue  # an overleg file named on the command line is read as one below
        seen.add(d)
        if os.fspath(p).endswith(".yml"):  # named on the command line (pre-commit): say only that
            findings.append(
                Finding(
                    d,
                    0,
                    0,
                    "IC018",
                    severity_of("IC018"),
                    "de bestandsnaam eindigt op .yml",
                    f"Hernoem het bestand naar {Path(p).stem}.yaml.",
                )
            )
            continue
        items.append((p, d))

    kader_result: KaderResult | None = None
    kader_findings: list[Finding] | None = None
    kader_bytes = read_bytes(kader_path)
    cache: Cache | None = None
    if cache_dir is not None and not isinstance(kader_bytes, Problem):
        from inkoopcheck.cache import Cache, stamp, trustworthy

        cache = Cache(cache_dir, root, stamp(kader_bytes, peildatum.isoformat(), tenders_dir))
        cache.load()
        kader_findings = cache.kader_findings

    records: dict[str, FileRecord] = {}
    todo: list[tuple[Path | str, str]] = []
    refresh = False  # stats to store that the cache does not trust yet
    if cache is not None:
        for item, display in items:
            # like git's index: a file whose stat is the one stored with its hash
            # (stored only when trustworthy) is not read; any other is read and hashed
            key = stat_of(item)
            hashed = cache.trusted_digest(display, key) if key is not None else None
            if hashed is None:
                data = read_bytes(item)
                hashed = None if isinstance(data, Problem) else digest(data)
                refresh = refresh or (hashed is not None and trustworthy(key, cache.started_ns))
            hit = cache.lookup(display, hashed, str(item), key) if hashed is not None else None
            if hit is not None and payloads and hit.tender_id is not None:
                tender = _cached_tender(cache.payload(display, hit.digest))
                hit = replace(hit, payload=tender) if tender is not None else None
            if hit is not None:
                records[display] = hit
            else:
                todo.append((item, display))
    else:
        todo = items

    if need_kader or todo or kader_findings is None:
        kader_result, kader_findings = _kader(root)
    assert kader_findings is not None
    if todo:
        kader = kader_result.kader if kader_result else None
        ctx = Context(
            kader, peildatum, tenders_dir, payload=payloads, stats=cache is not None, assess=assess
        )
        tick = progress(len(todo), len(items)) if progress else None
        for record in process_all(todo, ctx, tick):
            records[record.display] = record

    files = [records[d] for _, d in items]
    findings.extend(kader_findings)
    for r in files:
        findings.extend(r.findings)
    findings.extend(check_cross(files))
    findings.extend(check_duplicates(_Described(r) for r in files if r.brief is not None))
    overleggen: list[OverlegFile] = []
    if os.path.isdir(overleg_dir):
        from inkoopcheck import overleg

        overleggen, problems = overleg.load_all(root)
        known = {r.tender_id or Path(r.path).stem for r in files}
        findings.extend(problems)
        findings.extend(overleg.check_all(overleggen, known, peildatum))
    findings.sort(key=Finding.sort_key)

    if cache is not None and (todo or refresh or cache.kader_findings is None):
        cache.save(kader_findings, files, payloads)
    # what was loaded lives until the command ends: later collections (triage and
    # report allocate a lot) need not walk it again and again
    gc.freeze()
    return Analysis(
        root, kader_display, kader_result, files, findings, peildatum, cache, overleggen=overleggen
    )
