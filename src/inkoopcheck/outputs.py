"""Where a command may write its output file: one rule for every `--output`.

- the name ends in a kind the command makes, is not a folder, and its folder
  exists (no folders are made on the user's behalf);
- never inside the data folder: only the commands whose job it is (new, import,
  besluit, tenderned --apply) write there, through their own checks;
- an existing file is replaced only with `--force`: we cannot tell a report of
  last week from somebody's hand-made file of the same name, so we never guess;
- a read-only file is refused, and a replaced file keeps its mode (atomic.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from inkoopcheck.loader import show
from inkoopcheck.oserrors import long_name, reason, too_long

_LABELS = {".xlsx": ".xlsx (Excel)", ".md": ".md (Markdown)", ".html": ".html (webpagina)"}


class OutputRefused(Exception):
    """The output cannot or may not be written; the message says why, in Dutch."""


def check_output(
    path: Path,
    *,
    suffixes: Sequence[str],
    data_root: Path | None,
    force: bool,
    option: str = "--output",
) -> None:
    """Raise OutputRefused when `path` may not be written; nothing is written here.
    `option` names the option in the messages (validate writes `--summary`)."""
    long = too_long(path)
    if long is not None:
        raise OutputRefused(f"{option}: {long_name(long)}.")
    if suffixes and path.suffix.lower() not in suffixes:
        what = f"'{path.suffix}'" if path.suffix else "geen extensie"
        names = [_LABELS.get(s, s) for s in suffixes]
        choice = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " of " + names[-1]
        raise OutputRefused(
            f"{option} {show(path)}: {what} is geen bekende bestandssoort; kies {choice}."
        )
    try:
        folder = path.is_dir()
        parent = path.parent.is_dir()
    except OSError as exc:  # a folder on the way that may not be entered
        raise OutputRefused(
            f"{option} {show(path)} is niet te gebruiken: {reason(exc)}. Er is niets geschreven."
        ) from None
    if folder:
        raise OutputRefused(f"{option} {show(path)} is een map; geef een bestandsnaam.")
    if not parent:
        raise OutputRefused(
            f"{option}: de map '{show(path.parent)}' bestaat niet; maak haar eerst aan."
        )
    if data_root is not None and _inside(path, data_root):
        raise OutputRefused(
            f"{option} {show(path)} ligt in de datamap '{show(data_root)}'; daar schrijven "
            "alleen new, import en besluit. Kies een plek buiten de datamap."
        )
    if os.path.lexists(path) and not force:
        raise OutputRefused(
            f"{option} {show(path)} bestaat al. Geef --force om het te vervangen, of kies "
            "een andere naam. Er is niets geschreven."
        )


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.parent.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False
