"""Load: files on disk -> models + findings. Never raises on bad data.

Like check-jsonschema's loader, every file yields a result that holds either a
model or the findings that explain why there is none.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inkoopcheck.codes import severity_of
from inkoopcheck.findings import Finding, Severity
from inkoopcheck.fmt import display_path
from inkoopcheck.oserrors import long_name, reason, too_long
from inkoopcheck.yamlsafe import Path as Loc
from inkoopcheck.yamlsafe import Problem, SourceMap, parse

if TYPE_CHECKING:  # pydantic and the models load only when a file is parsed (warm runs skip it)
    from pydantic import BaseModel

    from inkoopcheck.kader import Kader
    from inkoopcheck.models import Tender

MAX_BYTES = 1_000_000
# what atomic.write_atomic names its temp file (".<name>.XXXXXXXX.tmp"): seen in
# the data folder, it is left from a write that was killed
_TEMP = re.compile(r"^\.(.+\.yaml)\.[^./]+\.tmp$")
KADER_FILE = "kader.yaml"
TENDERS_DIR = "tenders"
OVERLEG_DIR = "overleg"  # the overleg's decisions (overleg.py)


class DataFolderError(Exception):
    """The command cannot run: no data folder. (Caught by the CLI: exit 2.)"""


@dataclass(frozen=True, slots=True)
class Located:
    """A file's findings and where its keys stand, for checks that come later."""

    display: str
    source: SourceMap

    def finding(
        self,
        loc: Loc,
        code: str,
        message: str,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        line, col = self.source.position(loc)
        return Finding(self.display, line, col, code, severity or severity_of(code), message, hint)


@dataclass(frozen=True, slots=True)
class FileResult:
    path: Path
    display: str
    tender: Tender | None
    findings: tuple[Finding, ...]
    source: SourceMap

    @property
    def where(self) -> Located:
        return Located(self.display, self.source)


@dataclass(frozen=True, slots=True)
class KaderResult:
    path: Path
    display: str
    kader: Kader | None
    findings: tuple[Finding, ...]
    source: SourceMap

    @property
    def where(self) -> Located:
        return Located(self.display, self.source)


def show(path: Path | str, base: Path | str | None = None) -> str:
    """The path as people should see it: relative to the working directory when
    it lies below it, with unprintable characters escaped."""
    # plain string work: this runs for every file, and pathlib is slow at it
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)
    if "/." in text or "//" in text:
        text = os.path.normpath(text)
    prefix = os.fspath(base or os.getcwd()).rstrip(os.sep) + os.sep
    if text.startswith(prefix):
        text = text[len(prefix) :]
    return display_path(text)


def _folder_unreadable(exc: OSError) -> tuple[str, str]:
    """Message and hint for a folder that cannot be read (IC001, like a file)."""
    return (
        f"map niet te lezen: {reason(exc)}; wat erin staat wordt niet gecontroleerd",
        "Geef jezelf leesrechten op de map (of haal haar weg als ze hier niet hoort).",
    )


def _to_finding(display: str, p: Problem) -> Finding:
    severity = Severity.WAARSCHUWING if p.warning else severity_of(p.code)
    return Finding(display, p.line, p.column, p.code, severity, p.message, p.hint)


def read_bytes(path: Path | str) -> bytes | Problem:
    """Read a file that is safe to read: a regular file, not a link, at most 1 MB.

    O_NOFOLLOW refuses a symbolic link in the open itself (no gap between a check
    and the open), O_NONBLOCK keeps a FIFO named *.yaml from hanging us, and one
    fstat on the open file tells its kind and size.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            return Problem(
                "IC005",
                0,
                0,
                "dit is een symbolische koppeling, geen bestand",
                "Zet het echte bestand hier neer; koppelingen worden niet gevolgd.",
            )
        if os.path.isdir(path):  # a folder named on the command line
            return Problem("IC001", 0, 0, *_folder_unreadable(exc))
        return Problem(
            "IC001",
            0,
            0,
            f"bestand niet te lezen: {reason(exc)}",
            "Controleer of het bestand bestaat en of je het mag lezen.",
        )
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "een map" if stat.S_ISDIR(st.st_mode) else "geen gewoon bestand"
            return Problem(
                "IC006",
                0,
                0,
                f"dit is {kind}",
                "Een aanbesteding is een gewoon tekstbestand dat eindigt op .yaml.",
            )
        if st.st_size > MAX_BYTES:
            return Problem(
                "IC004",
                0,
                0,
                f"het bestand is {st.st_size:,} bytes; de grens is 1 MB".replace(",", "."),
                "Een aanbesteding past in een paar kilobyte. Staat er per ongeluk iets anders in?",
            )
        chunks = []
        size = 0
        while size <= MAX_BYTES:  # a file may grow while we read it
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return Problem("IC001", 0, 0, f"bestand niet te lezen: {reason(exc)}")
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        return Problem("IC004", 0, 0, "het bestand is groter dan 1 MB")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _load(
    path: Path, display: str, model: type[BaseModel], data: bytes | None = None
) -> tuple[BaseModel | None, list[Finding], SourceMap]:
    from pydantic import ValidationError

    from inkoopcheck.messages import problems_from

    if data is None:
        read = read_bytes(path)
        if isinstance(read, Problem):
            return None, [_to_finding(display, read)], SourceMap()
        data = read
    parsed = parse(data)
    findings = [_to_finding(display, p) for p in parsed.problems]
    source = parsed.source
    if not parsed.ok:
        return None, findings, source
    if not isinstance(parsed.data, dict):
        line, col = source.position(())
        if parsed.data is None:
            findings.append(
                Finding(
                    display,
                    line,
                    col,
                    "IC007",
                    Severity.FOUT,
                    "het bestand bevat geen velden",
                    "Vul de velden in, of gebruik 'inkoopcheck new'.",
                )
            )
        else:
            what = "een lijst" if isinstance(parsed.data, list) else "losse tekst"
            findings.append(
                Finding(
                    display,
                    line,
                    col,
                    "IC009",
                    Severity.FOUT,
                    f"bovenaan staat {what} in plaats van velden",
                    "Begin met regels als 'id: ...' en 'titel: ...', zonder '- '.",
                )
            )
        return None, findings, source
    try:
        obj = model.model_validate(parsed.data)
    except ValidationError as exc:
        findings.extend(_to_finding(display, p) for p in problems_from(exc, source, model))
        return None, findings, source
    return obj, findings, source


# Fields of free text, where ' #' is more likely part of the text than a comment.
_FREE_TEXT = frozenset({"titel", "toelichting", "contact", "bron", "opmerkingen"})


def _free_text(loc: Loc) -> bool:
    if len(loc) == 1:
        return loc[0] in _FREE_TEXT
    return loc[0] == "social_return" and loc[1] in ("leverancier", "doelgroepen")


def _cut_by_comment(display: str, source: SourceMap) -> list[Finding]:
    """A text YAML cut short at ' #': 'titel: Catering #2 stadhuis' is "Catering"."""
    from inkoopcheck.messages import loc_text

    out = []
    for loc, rest in source.comments.items():
        value = source.raw.get(loc)
        if value is None or not _free_text(loc):
            continue
        meant = (value + rest).replace("\\", "\\\\").replace('"', '\\"')
        line, col = source.position(loc)
        out.append(
            Finding(
                display,
                line,
                col,
                "IC114",
                severity_of("IC114"),
                f"{loc_text(loc)}: YAML leest alleen '{value}'; '{rest.strip()}' is commentaar",
                f'Hoort het bij de tekst, zet de tekst dan tussen aanhalingstekens: "{meant}"; '
                "is het commentaar, zet het dan op een eigen regel.",
            )
        )
    return out


def load_tender(
    path: Path | str, display: str | None = None, data: bytes | None = None
) -> FileResult:
    """Load one tender file (or `data`, its bytes when already read)."""
    from inkoopcheck.models import Tender

    path = Path(path)
    display = display if display is not None else show(path)
    tender, findings, source = _load(path, display, Tender, data)
    if source.comments:
        findings.extend(_cut_by_comment(display, source))
        source.comments.clear()
    source.raw.clear()  # only needed for the messages above
    assert tender is None or isinstance(tender, Tender)
    return FileResult(path, display, tender, tuple(findings), source)


def load_model(
    path: Path, display: str, model: type[BaseModel], data: bytes | None = None
) -> tuple[BaseModel | None, list[Finding], SourceMap]:
    """Any strict model from a YAML file, with the same findings as a tender
    (the overleg files use it)."""
    obj, findings, source = _load(path, display, model, data)
    source.raw.clear()
    return obj, findings, source


def load_kader(path: Path, display: str | None = None) -> KaderResult:
    from inkoopcheck.kader import Kader

    display = display if display is not None else show(path)
    kader, findings, source = _load(path, display, Kader)
    source.raw.clear()
    assert kader is None or isinstance(kader, Kader)
    return KaderResult(path, display, kader, tuple(findings), source)


def tender_files(folder: Path) -> Iterator[tuple[Path, Finding | None]]:
    """Every tender file below `folder`, sorted; with a finding for what looks like
    a tender file but cannot be one (a *.yml, a folder named *.yaml)."""
    for path, problem in walk_tender_files(os.fspath(folder)):
        yield Path(path), problem


def _unreadable_folder(exc: OSError) -> Finding:
    where = os.fsdecode(exc.filename) if exc.filename else "?"
    return Finding(show(where), 0, 0, "IC001", Severity.FOUT, *_folder_unreadable(exc))


def _stray_temp(path: str, target: str) -> Finding:
    return Finding(
        show(path),
        0,
        0,
        "IC021",
        Severity.FOUT,
        f"tijdelijk bestand van een afgebroken schrijfactie (bij {display_path(target)})",
        "Verwijder het bestand. Het bleef over van een schrijfactie die werd afgebroken en "
        f"hoort niet in git; {display_path(target)} zelf is nooit half geschreven.",
    )


def stray_temp_files(folder: str) -> list[Finding]:
    """Temp files of unfinished writes directly in `folder` (the data folder's own
    files; walk_tender_files finds those below tenders/)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []  # the data folder itself is checked where it is found
    found = []
    for name in names:
        temp = _TEMP.match(name) if name.startswith(".") else None
        if temp is not None:
            found.append(_stray_temp(os.path.join(folder, name), temp.group(1)))
    return found


def walk_tender_files(folder: str) -> Iterator[tuple[str, Finding | None]]:
    """tender_files with plain string paths: pathlib costs more than the walk
    itself when there are thousands of files. A folder that cannot be read is a
    finding, never a silent gap (os.walk would skip it without a word)."""
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable.append):
        while unreadable:
            bad = unreadable.pop(0)
            yield os.fsdecode(bad.filename or folder), _unreadable_folder(bad)
        dirnames.sort()
        for d in list(dirnames):
            p = os.path.join(dirpath, d)
            if d.startswith("."):
                dirnames.remove(d)
            elif os.path.islink(p):  # os.walk would skip it without a word
                dirnames.remove(d)
                yield (
                    p,
                    Finding(
                        show(p),
                        0,
                        0,
                        "IC005",
                        Severity.FOUT,
                        "dit is een symbolische koppeling naar een map; wat erin staat wordt "
                        "niet gecontroleerd",
                        "Zet de map zelf hier neer; koppelingen worden niet gevolgd.",
                    ),
                )
            elif d.endswith(".yaml"):
                dirnames.remove(d)
                yield (
                    p,
                    Finding(
                        show(p),
                        0,
                        0,
                        "IC006",
                        Severity.FOUT,
                        "dit is een map, geen bestand",
                        "Geef de map een naam die niet op .yaml eindigt.",
                    ),
                )
        for name in sorted(filenames):
            if name.startswith("."):
                temp = _TEMP.match(name)
                if temp is not None:  # a write that never finished (atomic.py)
                    p = os.path.join(dirpath, name)
                    yield p, _stray_temp(p, temp.group(1))
                continue
            if name.endswith(".yaml"):
                yield os.path.join(dirpath, name), None
            elif name.endswith(".yml"):
                p = os.path.join(dirpath, name)
                yield (
                    p,
                    Finding(
                        show(p),
                        0,
                        0,
                        "IC018",
                        Severity.FOUT,
                        "de bestandsnaam eindigt op .yml",
                        f"Hernoem het bestand naar {display_path(name[:-4])}.yaml.",
                    ),
                )
    for bad in unreadable:  # the folder itself
        yield os.fsdecode(bad.filename or folder), _unreadable_folder(bad)


def _has_kader(folder: Path) -> bool:
    """Whether `folder` holds a kader.yaml. OSError when the folder cannot be
    reached (no permission to enter it, a name that is too long)."""
    try:
        return stat.S_ISREG(os.stat(folder / KADER_FILE).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False


def find_data_folder(explicit: Path | None, env: str | None, cwd: Path) -> Path:
    """--data, else $INKOOPCHECK_DATA, else the nearest data/ with a kader.yaml
    (or a folder that is itself one) from `cwd` upwards."""
    for given, how in ((explicit, "--data"), (Path(env) if env else None, "INKOOPCHECK_DATA")):
        if given is not None:
            long = too_long(given)
            if long is not None:
                raise DataFolderError(f"{how}: {long_name(long)}.")
            try:
                found = _has_kader(given)
            except OSError as exc:
                raise DataFolderError(
                    f"{how} wijst naar '{display_path(str(given))}', maar daar kan ik niet "
                    f"bij: {reason(exc)}."
                ) from None
            if not found:
                raise DataFolderError(
                    f"{how} wijst naar '{display_path(str(given))}', maar daar staat geen "
                    f"{KADER_FILE}."
                )
            return given
    for folder in (cwd, *cwd.parents):
        for candidate in (folder / "data", folder):
            try:
                if _has_kader(candidate):
                    return candidate
            except OSError as exc:
                raise DataFolderError(
                    f"de map '{display_path(str(candidate))}' kan de datamap zijn, maar daar "
                    f"kan ik niet bij: {reason(exc)}. Geef de datamap op met --data PAD of "
                    "INKOOPCHECK_DATA."
                ) from None
    raise DataFolderError(
        "geen datamap gevonden: er is geen map 'data' met een kader.yaml in deze map of "
        "erboven. Geef de map op met --data PAD of de omgevingsvariabele INKOOPCHECK_DATA."
    )
