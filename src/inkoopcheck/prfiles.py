"""The tender files a pull request adds, changes or deletes, with their bytes at
its base and now: what `validate --changed-since` summarises (summary.py).

Asks git (gitutil); raises GitError with the reason and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inkoopcheck.gitutil import pull_request_base, read_at, status_since
from inkoopcheck.loader import KADER_FILE, TENDERS_DIR, read_bytes, show
from inkoopcheck.yamlsafe import Problem

_STATUS = {"A": "nieuw", "M": "gewijzigd", "D": "verwijderd"}


@dataclass(frozen=True, slots=True)
class ChangedFile:
    """A tender file the pull request adds, changes or deletes (`status`: nieuw,
    gewijzigd or verwijderd), with its bytes at the base and now (None where it
    does not exist)."""

    display: str
    status: str
    old: bytes | None
    new: bytes | None


@dataclass(frozen=True, slots=True)
class PullRequestFiles:
    base: str  # the commit compared with
    files: tuple[ChangedFile, ...]
    kader_changed: bool


def pull_request_files(root: Path, since: str) -> PullRequestFiles:
    """What changed below `root` since the merge base of `since` and HEAD."""
    base = pull_request_base(root, since)
    status = status_since(root, base)
    tenders = (root / TENDERS_DIR).absolute()
    kader = (root / KADER_FILE).absolute()
    ours = [
        (path, kind)
        for path, kind in sorted(status.items())
        if path.suffix == ".yaml" and path.is_relative_to(tenders)
    ]
    before = read_at(root, base, [path for path, kind in ours if kind != "A"])
    olds = iter(before)
    files = []
    for path, kind in ours:
        new: bytes | None = None
        if kind != "D":
            read = read_bytes(path)
            new = None if isinstance(read, Problem) else read
        old = next(olds) if kind != "A" else None
        files.append(ChangedFile(show(path), _STATUS[kind], old, new))
    return PullRequestFiles(base, tuple(files), status.get(kader) is not None)
