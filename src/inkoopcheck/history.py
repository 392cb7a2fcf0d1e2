"""The data repository in git: what changed since last week's overleg, and which
commit an output was made from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from inkoopcheck import gitutil
from inkoopcheck.gitutil import added_since, changed_since
from inkoopcheck.loader import show
from inkoopcheck.pipeline import FileRecord
from inkoopcheck.report import Provenance
from inkoopcheck.triage import Changes


@dataclass(frozen=True, slots=True)
class Since:
    """The files git says were added or changed since a ref or date."""

    added: set[Path]
    changed: set[Path]


def paths_since(root: Path, since: str) -> Since:
    """Ask git first (a mistake in `since` stops the command before the long
    run); raises GitError with the reason and the fix."""
    return Since(added_since(root, since), changed_since(root, since))


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
