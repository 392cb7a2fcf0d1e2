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


def reason(exc: OSError) -> str:
    """Why the operating system said no, for a person: never the English strerror."""
    from inkoopcheck.atomic import ReadOnlyFile

    if isinstance(exc, ReadOnlyFile):
        return "het bestand is alleen-lezen; maak het eerst schrijfbaar als het mag veranderen"
    known = _REASONS.get(exc.errno or 0)
    if known:
        return known
    name = errno.errorcode.get(exc.errno or 0)
    return f"het besturingssysteem weigert ({name})" if name else "het besturingssysteem weigert"
