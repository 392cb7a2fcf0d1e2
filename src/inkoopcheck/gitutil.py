"""What git knows about the data folder: files changed since a ref, the commit.

`validate --changed-since` and `triage --since` name a point in history the same
way (a git reference or a date JJJJ-MM-DD, see `since_commit`), and fail the same
way: a GitError with a Dutch reason and how to fix it (the CLI exits 2).
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

from inkoopcheck.fmt import display_path
from inkoopcheck.periods import parse_day


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
        raise GitError(f"'{display_path(str(folder))}' ligt niet in een git-repository") from None


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree

# A checkout with `fetch-depth: 1` (the default of actions/checkout) has one commit
# and no other branches: git cannot compare, and must not pretend it did.
SHALLOW_FIX = (
    "deze kopie van de repository heeft maar een deel van de geschiedenis (shallow "
    "clone), dus git kan niet vergelijken. Haal de hele geschiedenis op met "
    "'git fetch --unshallow', of zet in GitHub Actions 'fetch-depth: 0' bij actions/checkout"
)

# what people write when they mean a date: 25-11-2026, 2026/11/25, 2026-13-01
_DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}\Z")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATE_FIX = "schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2024-12-02"


def shallow(top: Path) -> bool:
    try:
        return _git(top, "rev-parse", "--is-shallow-repository").strip() == "true"
    except GitError:
        return False


def _has_head(top: Path) -> bool:
    try:
        _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        return False
    return True


def _verify(top: Path, ref: str) -> str:
    if ref == EMPTY_TREE:
        return ref
    shown = display_path(ref)
    if ref.startswith("-"):
        raise GitError(f"'{shown}' is geen git-referentie")
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except GitError:
        pass
    if _DATE_LIKE.match(ref):
        raise GitError(f"'{shown}' is geen datum en geen git-referentie; {_DATE_FIX}")
    if shallow(top):
        raise GitError(f"git kent de referentie '{shown}' niet: {SHALLOW_FIX}")
    raise GitError(f"git kent de referentie '{shown}' niet")


def since_commit(folder: Path, since: str) -> str:
    """The commit `since` names: a git reference, or a date JJJJ-MM-DD (the last
    commit on HEAD before that day; git's empty tree when the history starts
    later, so everything counts as new). Refuses what git cannot answer: an
    unknown reference, a date that is no date, a date before the start of a
    shallow clone's history."""
    top = toplevel(folder)
    if not _has_head(top):
        raise GitError("de repository heeft nog geen commit om mee te vergelijken")
    if not _ISO_DATE.match(since):
        return _verify(top, since)
    day = parse_day(since)
    if day is None:
        raise GitError(f"'{display_path(since)}' is geen bestaande datum; {_DATE_FIX}")
    found = _git(top, "rev-list", "-1", f"--before={day.isoformat()} 00:00", "HEAD").strip()
    if found:
        return found
    if shallow(top):
        raise GitError(f"de geschiedenis van vóór {since} ontbreekt: {SHALLOW_FIX}")
    return EMPTY_TREE


def _merge_base(top: Path, commit: str, since: str) -> str:
    """Where HEAD left `commit`'s history: what a pull request changed is what
    changed since there, not everything in which HEAD and `commit` differ."""
    if commit == EMPTY_TREE:
        return commit
    try:
        return _git(top, "merge-base", commit, "HEAD").strip()
    except GitError:
        if shallow(top):
            raise GitError(f"'{display_path(since)}': {SHALLOW_FIX}") from None
        raise GitError(
            f"'{display_path(since)}' en HEAD hebben geen gemeenschappelijke geschiedenis"
        ) from None


def _below(folder: Path, top: Path, names: str) -> set[Path]:
    """git's names (relative to the top, NUL-separated) as paths below `folder` as
    the caller wrote it. Through a symbolic link (`--data /link/data`) the
    caller's paths and git's differ: compare the resolved folder, hand back the
    caller's form."""
    spec = _pathspec(folder, top)
    prefix = "" if spec == "." else spec + "/"
    given = folder.absolute()
    return {given / n[len(prefix) :] for n in names.split("\0") if n and n.startswith(prefix)}


def _pathspec(folder: Path, top: Path) -> str:
    """The folder relative to the repository's top, as git names it (always /)."""
    rel = os.path.relpath(folder.resolve(), top)
    return "." if rel == "." else Path(rel).as_posix()


def changed_since(folder: Path, since: str, *, merge_base: bool = False) -> set[Path]:
    """Files below `folder` added or changed since `since` (see `since_commit`):
    committed, staged, in the working tree, or new and untracked. Deleted files
    are not listed. With `merge_base`, since the merge base of `since` and HEAD."""
    top = toplevel(folder).resolve()
    commit = since_commit(folder, since)
    if merge_base:
        commit = _merge_base(top, commit, since)
    here = _pathspec(folder, top)
    out = _git(top, "diff", "--name-only", "-z", "--diff-filter=d", commit, "--", here)
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", here)
    return _below(folder, top, out + "\0" + untracked)


def added_since(folder: Path, since: str) -> set[Path]:
    """Files below `folder` that did not exist at `since` (new), as absolute paths."""
    top = toplevel(folder).resolve()
    commit = since_commit(folder, since)
    here = _pathspec(folder, top)
    out = _git(top, "diff", "--name-only", "-z", "--diff-filter=A", commit, "--", here)
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", here)
    return _below(folder, top, out + "\0" + untracked)


def head_commit(folder: Path) -> str | None:
    try:
        top = toplevel(folder)
        return _git(top, "rev-parse", "--short=12", "HEAD").strip() or None
    except GitError:
        return None


# --- earlier versions of files (the overleg: what a tender was, what changed) ---------


def commit_at_end_of(folder: Path, day: date) -> str | None:
    """The last commit on HEAD made on or before `day` (before the next day 00:00)."""
    top = toplevel(folder)
    after = day + timedelta(days=1)
    return (
        _git(top, "rev-list", "-1", f"--before={after.isoformat()} 00:00", "HEAD").strip() or None
    )


def files_at(folder: Path, commit: str) -> list[str]:
    """The files below `folder` in `commit`, relative to the repository top."""
    top = toplevel(folder)
    if commit == EMPTY_TREE:
        return []
    out = _git(
        top, "ls-tree", "-r", "-z", "--name-only", commit, "--", _pathspec(folder, top.resolve())
    )
    return [n for n in out.split("\0") if n]


def read_blobs(folder: Path, specs: list[str]) -> list[bytes | None]:
    """The bytes of each ``commit:path`` (None where git has no such file), in one
    `git cat-file --batch`."""
    if not specs:
        return []
    top = toplevel(folder)
    try:
        proc = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=top,
            input=b"".join(s.encode("utf-8", "surrogateescape") + b"\n" for s in specs),
            capture_output=True,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise GitError("git is niet geïnstalleerd") from None
    except subprocess.TimeoutExpired:
        raise GitError("git reageerde niet binnen twee minuten") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or "onbekende fout")
    out: list[bytes | None] = []
    data, pos = proc.stdout, 0
    for _ in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "<spec> missing", or not a file
            out.append(None)
            continue
        size = int(header[2])
        out.append(data[pos : pos + size])
        pos += size + 1  # the blob is followed by a newline
    return out


def log_paths(folder: Path) -> list[tuple[str, list[str]]]:
    """Every commit on HEAD that touched files below `folder`, oldest first, with
    the files it added or changed there (relative to the top)."""
    top = toplevel(folder)
    try:
        out = _git(
            top,
            "log",
            "--reverse",
            "--format=%x01%H",
            "--name-only",
            "-z",
            "--diff-filter=AMR",
            "HEAD",
            "--",
            _pathspec(folder, top.resolve()),
        )
    except GitError:
        return []  # no commit yet
    result: list[tuple[str, list[str]]] = []
    for chunk in out.split("\x01")[1:]:  # each: hash NUL newline path NUL path NUL ...
        parts = [p.strip("\n") for p in chunk.split("\0")]
        result.append((parts[0], [p for p in parts[1:] if p]))
    return result


# --- a pull request's base: what it adds, changes and deletes, and the old bytes ---


def pull_request_base(folder: Path, since: str) -> str:
    """The commit a pull request is compared with: the merge base of `since` (a
    git reference or a date) and HEAD, as `changed_since(merge_base=True)` counts."""
    top = toplevel(folder).resolve()
    return _merge_base(top, since_commit(folder, since), since)


def status_since(folder: Path, commit: str) -> dict[Path, str]:
    """Files below `folder` that differ from `commit`, working tree included, each
    with "A" (added, also untracked), "M" (changed) or "D" (deleted). A rename
    counts as a deletion and an addition: a tender's id is its file name."""
    top = toplevel(folder).resolve()
    here = _pathspec(folder, top)
    out = _git(top, "diff", "--name-status", "--no-renames", "-z", commit, "--", here)
    fields = out.split("\0")
    status: dict[Path, str] = {}
    for kind, name in zip(fields[0::2], fields[1::2], strict=False):
        for path in _below(folder, top, name):
            status[path] = "D" if kind == "D" else "A" if kind == "A" else "M"
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", here)
    for path in _below(folder, top, untracked):
        status[path] = "A"
    return status


def read_at(folder: Path, commit: str, paths: list[Path]) -> list[bytes | None]:
    """The bytes of each of `paths` (below `folder`) as they were at `commit`, in one
    go (read_blobs); None for a file that did not exist there."""
    if commit == EMPTY_TREE or not paths:
        return [None] * len(paths)
    top = toplevel(folder).resolve()
    specs = [
        f"{commit}:{Path(os.path.relpath(p.absolute().resolve(), top)).as_posix()}" for p in paths
    ]
    return read_blobs(folder, specs)
