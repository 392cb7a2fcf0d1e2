"""The data repository in git: what changed since last week's overleg, and which
commit an output was made from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from inkoopcheck import gitutil
from inkoopcheck.fmt import display_path
from inkoopcheck.gitutil import (
    GitError,
    added_since,
    changed_since,
    commit_at_end_of,
    files_at,
    log_paths,
    read_blobs,
    since_commit,
)
from inkoopcheck.loader import show
from inkoopcheck.pipeline import FileRecord
from inkoopcheck.report import Provenance
from inkoopcheck.tenderdiff import FieldChange, changes
from inkoopcheck.triage import Changes

if TYPE_CHECKING:
    from inkoopcheck.decisions import OnRecord, Ruling
    from inkoopcheck.kader import Kader
    from inkoopcheck.models import Tender
    from inkoopcheck.overleg import OverlegFile


@dataclass(frozen=True, slots=True)
class Since:
    """The files git says were added or changed since a ref or date."""

    added: set[Path]
    changed: set[Path]
    commit: str  # the commit `since` named: what the files are compared with


def paths_since(root: Path, since: str) -> Since:
    """Ask git first (a mistake in `since` stops the command before the long
    run); raises GitError with the reason and the fix."""
    return Since(added_since(root, since), changed_since(root, since), since_commit(root, since))


def changes_since(found: Since, files: Iterable[FileRecord]) -> Changes:
    """The ids of the tenders whose files were added or changed."""
    new: set[str] = set()
    edited: set[str] = set()
    for r in files:
        if r.tender_id is None:
            continue
        p = Path(r.path).absolute()
        if p in found.added:
            new.add(r.tender_id)
        elif p in found.changed:
            edited.add(r.tender_id)
    return Changes(frozenset(new), frozenset(edited))


# --- earlier versions of tenders: the baseline of a decision, the agenda's old -> new ---


def tenders_at(root: Path, commit: str, ids: Collection[str]) -> dict[str, Tender]:
    """The tenders with these ids as they were in `commit` (found by file name, so a
    tender that moved to another directie's folder is still found). A version that
    did not load is left out. GitError when git cannot answer."""
    from inkoopcheck.loader import TENDERS_DIR, load_tender

    wanted = set(ids)
    if not wanted:
        return {}
    paths = {
        PurePosixPath(p).stem: p
        for p in files_at(root / TENDERS_DIR, commit)
        if p.endswith(".yaml") and PurePosixPath(p).stem in wanted
    }
    names = sorted(paths)
    out: dict[str, Tender] = {}
    for tid, data in zip(
        names, read_blobs(root, [f"{commit}:{paths[n]}" for n in names]), strict=True
    ):
        if data is None:
            continue
        loaded = load_tender(Path(paths[tid]), paths[tid], data)
        if loaded.tender is not None and not any(f.is_error for f in loaded.findings):
            out[tid] = loaded.tender
    return out


def decided_on(root: Path, records: Mapping[str, OnRecord]) -> tuple[dict[str, Tender], str | None]:
    """(tenders as they were at the end of the day of their decision, note): the
    baseline against which a decision is reopened. Without git the note says
    that material changes could not be checked (and the decisions stand)."""
    by_day: dict[date, set[str]] = defaultdict(set)
    for tid, r in records.items():
        if r.datum is not None:
            by_day[r.datum].add(tid)
    out: dict[str, Tender] = {}
    try:
        for day, ids in sorted(by_day.items()):
            commit = commit_at_end_of(root, day)
            if commit is not None:
                out.update(tenders_at(root, commit, ids))
    except GitError as exc:
        return {}, (
            f"besluiten: {exc}; of een aanbesteding sinds het besluit wezenlijk veranderde, is "
            "niet bepaald (de besluiten blijven staan)."
        )
    return out, None


def field_changes(
    root: Path, ref: str, ids: Collection[str], current: Mapping[str, Tender]
) -> dict[str, list[FieldChange]]:
    """For each id: what changed since `ref` (a commit), field by field. An id
    missing from the answer was not there at `ref` (new)."""
    before = tenders_at(root, ref, ids)
    return {tid: changes(old, current[tid]) for tid, old in before.items() if tid in current}


def committed_versions(root: Path) -> dict[str, list[Tender]]:
    """Every committed version of every tender file, oldest first, by id (the file
    name, so a move to another folder keeps the line). Versions that do not load
    are left out. GitError when git cannot answer."""
    from inkoopcheck.loader import TENDERS_DIR, load_tender

    specs: list[tuple[str, str]] = []
    for commit, paths in log_paths(root / TENDERS_DIR):
        specs += [(commit, p) for p in paths if p.endswith(".yaml")]
    out: dict[str, list[Tender]] = defaultdict(list)
    blobs = read_blobs(root, [f"{c}:{p}" for c, p in specs])
    for (_, p), data in zip(specs, blobs, strict=True):
        if data is None:
            continue
        loaded = load_tender(Path(p), p, data)
        if loaded.tender is not None and not any(f.is_error for f in loaded.findings):
            out[PurePosixPath(p).stem].append(loaded.tender)
    return dict(out)


def standing_rulings(
    root: Path,
    overleggen: Iterable[OverlegFile],
    tenders: Sequence[Tender],
    kader: Kader,
    peildatum: date,
) -> tuple[dict[str, Ruling], str | None]:
    """(the ruling per tender with a decision on record, a note when git could not
    say what the tenders were when decided): what triage and the calendar use."""
    from inkoopcheck.decisions import on_record, rulings

    records = on_record(overleggen, tenders, peildatum)
    then, note = decided_on(root, records)
    return rulings(records, tenders, then, kader, peildatum), note


@dataclass(frozen=True, slots=True)
class Week:
    """What changed since the agenda's starting point, as far as git can say."""

    changes: Changes | None  # None: nothing to compare with (no --since, no overleg)
    diffs: Mapping[str, list[FieldChange]] | None
    counted_from: str | None  # the ref or date the changes count from
    notes: tuple[str, ...]  # what git could not answer, for the agenda


def week(
    root: Path,
    found: Since | None,
    counted_from: str | None,
    files: Iterable[FileRecord],
    tenders: Sequence[Tender],
) -> Week:
    """New and changed tenders since `counted_from` (an explicit --since whose
    `found` is already known, or the previous overleg, which may have no git
    answer: then the agenda still comes, with a note). A file that moved to
    another directie's folder is not new: it changed."""
    notes: list[str] = []
    if found is None and counted_from is not None:
        try:
            found = paths_since(root, counted_from)
        except GitError as exc:
            shown = display_path(counted_from)
            notes.append(f"Vorig overleg {shown}: {exc}; nieuw en gewijzigd niet bepaald.")
    if found is None:
        return Week(None, None, None, tuple(notes))
    found_changes = changes_since(found, files)
    current = {t.id: t for t in tenders}
    try:
        diffs = field_changes(
            root, found.commit, found_changes.new | found_changes.changed, current
        )
    except GitError as exc:
        notes.append(
            f"{display_path(counted_from or '')}: {exc}; wat er veranderde is niet bepaald."
        )
        return Week(found_changes, None, counted_from, tuple(notes))
    moved = found_changes.new & diffs.keys()
    found_changes = Changes(found_changes.new - moved, found_changes.changed | moved)
    return Week(found_changes, diffs, counted_from, tuple(notes))


def provenance(root: Path, version: str, *, with_commit: bool) -> Provenance:
    """Where the data came from. Only the workbook's Toelichting names the git
    commit, so git runs only when asked; uncommitted changes are mentioned."""
    commit = gitutil.head_commit(root) if with_commit else None
    if commit is not None:
        try:
            changed = gitutil.changed_since(root, "HEAD")
        except gitutil.GitError:
            changed = set()
        if changed:
            commit += f" (met {len(changed)} niet vastgelegde wijziging(en))"
    return Provenance(show(root), commit, version)
