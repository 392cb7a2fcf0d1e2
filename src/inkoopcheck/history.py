"""What changed in the data repository since last week's overleg, from git."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from inkoopcheck.gitutil import EMPTY_TREE, GitError, added_since, changed_since, commit_before
from inkoopcheck.pipeline import FileRecord
from inkoopcheck.triage import Changes


def changes_since(
    root: Path, since: str, files: Iterable[FileRecord]
) -> tuple[Changes, str | None]:
    """(changes, note): the ids of tenders added or changed since `since` (a git
    ref or a date). Without git the note says why nothing is marked."""
    try:
        ref = since
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", since):
            ref = commit_before(root, date.fromisoformat(since)) or EMPTY_TREE
        changed = changed_since(root, ref)
        added = added_since(root, ref)
    except (GitError, ValueError) as exc:
        return Changes(), f"--since {since}: {exc}; nieuw en gewijzigd zijn niet bepaald."
    new: set[str] = set()
    edited: set[str] = set()
    for r in files:
        if r.tender_id is None:
            continue
        p = Path(r.path).absolute()
        if p in added:
            new.add(r.tender_id)
        elif p in changed:
            edited.add(r.tender_id)
    return Changes(frozenset(new), frozenset(edited)), None
