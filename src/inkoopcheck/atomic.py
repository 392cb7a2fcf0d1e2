"""Write a file whole or not at all: a temp file beside it, then a rename.

The temp file is registered while it exists, so that whatever ends the process —
an exception, Ctrl-C in the middle of a write, a signal handled by the command
line — `remove_pending()` can take it away: no `.name.XXXX.tmp` is ever left for
`git add` to pick up. `written()` says which files this process completed, so an
interrupted command can tell the truth about what it already wrote.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

_PENDING: set[str] = set()
_WRITTEN: list[Path] = []


class ReadOnlyFile(PermissionError):
    """The file to replace is read-only: its owner meant it not to change."""


def _new_mode() -> int:
    """What a plain new file gets under the umask (mkstemp's own 0600 is too narrow)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(path: Path) -> int:
    """The mode the new file gets: that of the file it replaces (never wider), or
    that of a plain new file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return _new_mode()
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ReadOnlyFile(13, "het bestand is alleen-lezen", str(path))
    return stat.S_IMODE(st.st_mode)


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True, durable: bool = True) -> None:
    """Write `data` to `path` atomically. With overwrite=False an existing file is
    never replaced (FileExistsError), even one created while we were writing. A
    replaced file keeps its mode; a read-only one is refused (ReadOnlyFile).
    durable=False leaves out the fsync, for a batch that syncs once at its end
    (`import` of 10,000 rows: 35 s of fsync on a slow disk)."""
    mode = _mode_for(path) if overwrite else _new_mode()
    with _deferred_interrupt():  # Ctrl-C between creating and registering would leak it
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        _PENDING.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        with _deferred_interrupt():  # the file and the record of it change together
            if overwrite:
                os.replace(tmp, path)
            else:
                os.link(tmp, path)  # fails if path exists: no race with another writer
                os.unlink(tmp)
            _PENDING.discard(tmp)
            _WRITTEN.append(path)
    finally:
        if tmp in _PENDING:
            _remove(tmp)


@contextlib.contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Hold SIGINT for a few system calls: it is delivered right after, so Ctrl-C
    still stops the command, but never between two steps that belong together."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    _PENDING.discard(tmp)


def remove_pending() -> None:
    """Remove every temp file of an unfinished write (called when a command ends)."""
    for tmp in list(_PENDING):
        _remove(tmp)


def written() -> tuple[Path, ...]:
    """The files this process wrote completely, in order."""
    return tuple(_WRITTEN)
