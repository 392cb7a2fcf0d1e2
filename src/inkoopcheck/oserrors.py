"""Operating-system errors in plain Dutch: strerror is English ("Is a directory")."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from inkoopcheck.fmt import display_path

NAME_MAX = 255  # bytes in one path component on every file system we meet

_REASONS = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EACCES: "je hebt er geen toestemming voor",
    errno.EPERM: "je hebt er geen toestemming voor",
    errno.EISDIR: "dat is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EEXIST: "dat bestaat al",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EMFILE: "er staan te veel bestanden tegelijk open",
    errno.ENFILE: "er staan te veel bestanden tegelijk open",
    errno.ELOOP: "het pad bevat een kringverwijzing (een link die naar zichzelf wijst)",
    errno.EXDEV: "het bestand staat op een andere schijf",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EDQUOT: "je schijfquotum is op",
    errno.EIO: "de schijf gaf een leesfout",
    errno.EINVAL: "de naam of het pad is ongeldig",
}


def too_long(path: Path | str) -> str | None:
    """The first component of `path` that no file system accepts, if any."""
    for part in Path(path).parts:
        if len(os.fsencode(part)) > NAME_MAX:
            return part
    return None


def long_name(part: str) -> str:
    """What to say about a component that is too long (it is shown shortened)."""
    return (
        f"de naam '{display_path(part[:40])}…' is te lang (meer dan {NAME_MAX} bytes); "
        "kies een kortere naam"
    )


def reason(exc: OSError) -> str:
    """Why the operating system said no, for a person: never the English strerror."""
    from inkoopcheck.atomic import ReadOnlyFile

    if isinstance(exc, ReadOnlyFile):
        return "het bestand is alleen-lezen; maak het eerst schrijfbaar als het mag veranderen"
    if exc.errno == errno.ENAMETOOLONG:
        long = too_long(os.fsdecode(exc.filename)) if exc.filename else None
        if long is not None:
            return long_name(long)
    known = _REASONS.get(exc.errno or 0)
    if known:
        return known
    name = errno.errorcode.get(exc.errno or 0)
    return f"het besturingssysteem weigert ({name})" if name else "het besturingssysteem weigert"
