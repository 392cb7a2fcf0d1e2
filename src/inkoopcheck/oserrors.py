"""Operating-system errors in plain Dutch: strerror is English ("Is a directory")."""

from __future__ import annotations

import errno

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
}


def reason(exc: OSError) -> str:
    """Why the operating system said no, for a person."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))
