"""Stream notices out of a TenderNed download: an OCDS release package, a record
package, JSON lines (one release, record or package per line), or the Excel
dataset (excel.py).

The yearly OCDS file is hundreds of megabytes, so nothing reads it whole: a
package is parsed with ijson (its C backend where installed), one release or
record at a time; JSON lines one line at a time. The stdlib has no streaming
JSON parser, and splitting a package by hand would break on the first
"releases" key inside a record. A release that cannot be read is handed on as
`Broken` with its number; a file that is neither format is a NoticeFileError.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import ijson  # type: ignore[import-untyped]

from inkoopcheck.loader import show
from inkoopcheck.oserrors import reason
from inkoopcheck.periods import parse_day
from inkoopcheck.tenderned.notice import (
    NOTICE_URL,
    Broken,
    Notice,
    NoticeFileError,
    Soort,
    SourceInfo,
    short,
)

Progress = Callable[[int, int], None]  # (bytes read, bytes in all)

MAX_LINE = 64 * 1024 * 1024  # one JSON line longer than this is not one notice
_SNIFF = 8 * 1024 * 1024
_CATEGORY: dict[str, Soort] = {"goods": "leveringen", "services": "diensten", "works": "werken"}


@dataclass(slots=True)
class Opened:
    info: SourceInfo
    items: Iterator[Notice | Broken]


def open_notices(path: Path, progress: Progress | None = None) -> Opened:
    """The notices in `path`, streamed; NoticeFileError when it is not a
    TenderNed dataset."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF)
    except FileNotFoundError:
        raise NoticeFileError(f"'{show(path)}' bestaat niet.") from None
    except OSError as exc:
        raise NoticeFileError(f"'{show(path)}' is niet te lezen: {reason(exc)}.") from None
    if head.startswith(b"PK\x03\x04"):
        from inkoopcheck.tenderned.excel import open_excel

        return open_excel(path, progress)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"{"):
        raise NoticeFileError(_neither(path))
    if _is_json_lines(head, size):
        return Opened(SourceInfo("ocds-jsonl"), _json_lines(path, size, progress))
    key = _package_key(path)
    if key is None:
        raise NoticeFileError(_neither(path))
    info = SourceInfo("ocds-releases" if key == "releases" else "ocds-records")
    return Opened(info, _package(path, key, size, progress))


def _neither(path: Path) -> str:
    return (
        f"'{show(path)}' is geen OCDS-bestand van TenderNed en geen Excel-dataset. "
        "Download op TenderNed de open data als OCDS (JSON: een releasepakket, "
        "recordpakket of JSON lines) of als Excel-bestand (.xlsx), en geef dat bestand op."
    )


def _is_json_lines(head: bytes, size: int) -> bool:
    """One object per line: the first line is a release, record or package of its
    own (or, if it is broken, it ends like one and the next lines are). A package
    starts with a line that opens it, or is all on one line."""
    lines = head.split(b"\n")
    complete = lines if len(head) >= size else lines[:-1]
    filled = [line.strip() for line in complete if line.strip()][:20]
    if not filled or (len(filled) == 1 and len(head) < size):
        return False
    if _notice_object(filled[0]):
        return True
    return filled[0].endswith(b"}") and any(_notice_object(line) for line in filled[1:])


def _notice_object(line: bytes) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and bool({"ocid", "releases", "records"} & value.keys())


def _package_key(path: Path) -> str | None:
    """'releases' or 'records': the array of the package, found by reading no
    further than its start."""
    try:
        with open(path, "rb") as fh:
            for prefix, event, value in ijson.parse(fh):
                if prefix == "" and event == "map_key" and value in ("releases", "records"):
                    return str(value)
                if prefix == "" and event in ("end_map", "start_array"):
                    return None
    except (ijson.JSONError, ijson.IncompleteJSONError, ValueError, OSError):
        return None
    return None


class _Counting:
    """A binary file that reports how far it has been read."""

    def __init__(self, fh: IO[bytes], size: int, progress: Progress | None) -> None:
        self.fh, self.size, self.progress, self.done = fh, size, progress, 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.done += len(data)
        if self.progress is not None and data:
            self.progress(self.done, self.size)
        return data


def _package(
    path: Path, key: str, size: int, progress: Progress | None
) -> Iterator[Notice | Broken]:
    what = "release" if key == "releases" else "record"
    number = 0
    with open(path, "rb") as fh:
        stream = _Counting(fh, size, progress)
        try:
            for item in ijson.items(stream, f"{key}.item", use_float=True):
                number += 1
                yield from _from_item(item, f"{what} {number}", key == "records")
        except (ijson.JSONError, ijson.IncompleteJSONError, ValueError) as exc:
            yield Broken(
                f"na {what} {number}",
                f"het bestand is hier onleesbaar ({exc}); de rest is niet gelezen. "
                "Download het bestand opnieuw.",
            )


def _json_lines(path: Path, size: int, progress: Progress | None) -> Iterator[Notice | Broken]:
    done = 0
    with open(path, "rb") as fh:
        for number, line in enumerate(_lines(fh), 1):
            done += len(line)
            if progress is not None:
                progress(done, size)
            if not line.strip():
                continue
            where = f"regel {number}"
            if len(line) > MAX_LINE:
                yield Broken(where, "de regel is langer dan 64 MB; dat is geen enkele aankondiging")
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield Broken(where, f"geen geldige JSON ({exc})")
                continue
            if isinstance(item, dict) and isinstance(item.get("releases"), list):
                for i, release in enumerate(item["releases"], 1):
                    yield from _from_item(release, f"{where}, release {i}", False)
            elif isinstance(item, dict) and isinstance(item.get("records"), list):
                for i, record in enumerate(item["records"], 1):
                    yield from _from_item(record, f"{where}, record {i}", True)
            else:
                yield from _from_item(item, where, _is_record(item))


def _lines(fh: IO[bytes]) -> Iterator[bytes]:
    """Lines, each cut at MAX_LINE + 1 bytes (the rest of an overlong line is skipped)."""
    while True:
        line = fh.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(MAX_LINE)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _is_record(item: Any) -> bool:
    return isinstance(item, dict) and "compiledRelease" in item


def _from_item(item: Any, where: str, record: bool) -> Iterator[Notice | Broken]:
    if record and isinstance(item, dict):
        compiled = item.get("compiledRelease")
        if isinstance(compiled, dict):
            yield _release(compiled, where)
            return
        releases = item.get("releases")
        full = (
            [r for r in releases if isinstance(r, dict) and "tender" in r]
            if isinstance(releases, list)
            else []
        )
        if not full:
            yield Broken(where, "het record heeft geen compiledRelease en geen volledige releases")
            return
        for release in full:
            yield _release(release, where)
        return
    yield _release(item, where)


# --- one release -> a notice ----------------------------------------------------------


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


class _Bad(ValueError):
    pass


def _day(value: Any, name: str) -> date | None:
    """An OCDS date-time (2024-03-01T00:00:00+01:00) as a day."""
    if value is None:
        return None
    day = parse_day(value[:10]) if isinstance(value, str) else None
    if day is None:
        raise _Bad(f"{name} '{value}' is geen datum")
    return day


def _amount(value: Any) -> int | None:
    amount = _obj(value).get("amount")
    if isinstance(amount, int | float) and not isinstance(amount, bool) and amount >= 0:
        return round(amount)
    return None


def _cpv(release: dict[str, Any]) -> tuple[str, ...]:
    tender = _obj(release.get("tender"))
    found: list[str] = []
    classes = [tender.get("classification")]
    for item in _list(tender.get("items")):
        classes.append(_obj(item).get("classification"))
        classes.extend(_list(_obj(item).get("additionalClassifications")))
    for c in classes:
        c = _obj(c)
        code = _str(c.get("id"))
        if code and str(c.get("scheme", "CPV")).upper() == "CPV" and code not in found:
            found.append(code)
    return tuple(found)


def _release(release: Any, where: str) -> Notice | Broken:
    if not isinstance(release, dict):
        return Broken(where, "dit is geen JSON-object (release)")
    tender = _obj(release.get("tender"))
    ocid = _str(release.get("ocid"))
    kenmerk = _local_id(ocid) if ocid else _str(tender.get("id"))
    if kenmerk is None:
        return Broken(where, "de release heeft geen ocid en geen tender.id")
    try:
        names: list[str] = []
        ids: list[str] = []
        parties = [_obj(p) for p in _list(release.get("parties"))]
        buyers = [_obj(release.get("buyer"))] + [
            p for p in parties if "buyer" in _list(p.get("roles"))
        ]
        for party in buyers:
            name = _str(party.get("name"))
            if name and name not in names:
                names.append(name)
            for ident in [
                party,
                _obj(party.get("identifier")),
                *_list(party.get("additionalIdentifiers")),
            ]:
                value = _str(_obj(ident).get("id"))
                if value and value not in ids:
                    ids.append(value)
        awards = [_obj(a) for a in _list(release.get("awards"))]
        contracts = [_obj(c) for c in _list(release.get("contracts"))]
        periods = [
            _obj(tender.get("contractPeriod")),
            *(_obj(a.get("contractPeriod")) for a in awards),
            *(_obj(c.get("period")) for c in contracts),
        ]
        ends = [d for p in periods if (d := _day(p.get("endDate"), "einddatum")) is not None]
        starts = [d for p in periods if (d := _day(p.get("startDate"), "begindatum")) is not None]
        award_days = [d for a in awards if (d := _day(a.get("date"), "gunningsdatum")) is not None]
        tags = [t for t in _list(release.get("tag")) if isinstance(t, str)]
        winners = [
            n for a in awards for s in _list(a.get("suppliers")) if (n := _str(_obj(s).get("name")))
        ]
        publicatie_id = _str(release.get("id"))
        waarde = _amount(tender.get("value"))
        if waarde is None:
            waarde = next((v for a in awards if (v := _amount(a.get("value"))) is not None), None)
        return Notice(
            where=where,
            publicatie_id=publicatie_id,
            kenmerk=kenmerk,
            datum=_day(release.get("date"), "publicatiedatum (date)"),
            koper_namen=tuple(names),
            koper_ids=tuple(ids),
            titel=short(_str(tender.get("title")) or ""),
            omschrijving=short(_str(tender.get("description")) or ""),
            url=_url(tender, publicatie_id),
            cpv=_cpv(release),
            soort=_CATEGORY.get(str(tender.get("mainProcurementCategory"))),
            waarde=waarde,
            gegund=bool(award_days or winners or {"award", "contract"} & set(tags)),
            gunning=min(award_days, default=None),
            aanvang=min(starts, default=None),
            einde=max(ends, default=None),
            winnaar=", ".join(winners[:3]) or None,
            procedure=_str(tender.get("procurementMethodDetails")),
        )
    except _Bad as exc:
        return Broken(where, str(exc))


def _local_id(ocid: str) -> str:
    """ocds-1l04xe-123456 -> 123456: the procedure's own number (Tenderned kenmerk)."""
    parts = ocid.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "ocds" and parts[2] else ocid


def _url(tender: dict[str, Any], publicatie_id: str | None) -> str | None:
    for doc in _list(tender.get("documents")):
        url = _str(_obj(doc).get("url"))
        if url and "tenderned.nl" in url:
            return url
    if publicatie_id and publicatie_id.isdigit():
        return NOTICE_URL.format(publicatie_id)
    return None
