"""What git knows about the data folder: files changed since a ref, the commit."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is no repository, or the ref is unknown."""


def _git(cwd: Path, *args: str) -> str:
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise GitError("git is niet geïnstalleerd") from None
    except subprocess.TimeoutExpired:
        raise GitError("git reageerde niet binnen een minuut") from None
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["onbekende fout"])[0]
        raise GitError(first)
    return proc.stdout


def toplevel(folder: Path) -> Path:
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except GitError:
        raise GitError(f"'{folder}' ligt niet in een git-repository") from None


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree


def _verify(top: Path, ref: str) -> str:
    if ref == EMPTY_TREE:
        return ref
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is geen git-referentie")
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except GitError:
        raise GitError(f"git kent de referentie '{ref}' niet") from None


def changed_since(folder: Path, ref: str) -> set[Path]:
    """Files below `folder` added or changed since `ref`: committed, staged, in the
    working tree, or new and untracked. Deleted files are not listed."""
    top = toplevel(folder)
    commit = _verify(top, ref)
    here = str(folder.absolute())
    out = _git(top, "diff", "--name-only", "-z", "--diff-filter=d", commit, "--", here)
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", here)
    names = [n for n in (out + untracked).split("\0") if n]
    return {(top / n).absolute() for n in names}


def commit_before(folder: Path, day: date) -> str | None:
    """The last commit on HEAD before `day` (00:00), if any."""
    top = toplevel(folder)
    out = _git(top, "rev-list", "-1", f"--before={day.isoformat()} 00:00", "HEAD").strip()
    return out or None


def added_since(folder: Path, ref: str) -> set[Path]:
    """Files below `folder` that did not exist at `ref` (new), as absolute paths."""
    top = toplevel(folder)
    commit = _verify(top, ref)
    here = str(folder.absolute())
    out = _git(top, "diff", "--name-only", "-z", "--diff-filter=A", commit, "--", here)
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", here)
    return {(top / n).absolute() for n in (out + untracked).split("\0") if n}


def head_commit(folder: Path) -> str | None:
    try:
        top = toplevel(folder)
        return _git(top, "rev-parse", "--short=12", "HEAD").strip() or None
    except GitError:
        return None
