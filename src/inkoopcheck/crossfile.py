"""Checks that need all files at once (the same id twice, possible duplicates).
Never cached, and light to import: a warm validate runs this and little else."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from typing import Any, Protocol

from inkoopcheck.codes import severity_of
from inkoopcheck.findings import Finding


class Identified(Protocol):
    """What the cross-file check needs of a file."""

    @property
    def display(self) -> str: ...
    @property
    def tender_id(self) -> str | None: ...
    @property
    def id_pos(self) -> tuple[int, int]: ...


def check_cross(files: Iterable[Identified]) -> Iterator[Finding]:
    """The same id in two files: reported at each of them."""
    first: dict[str, Identified] = {}
    twice: dict[str, list[Identified]] = {}  # only ids that occur more than once
    for r in files:
        tid = r.tender_id
        if tid is None:
            continue
        seen = first.setdefault(tid, r)
        if seen is not r:
            twice.setdefault(tid, [seen]).append(r)
    for tid, group in twice.items():
        for r in group:
            others = ", ".join(o.display for o in group if o is not r)
            yield Finding(
                r.display,
                r.id_pos[0],
                r.id_pos[1],
                "IC206",
                severity_of("IC206"),
                f"id '{tid}' wordt ook gebruikt in {others}",
                "Elk id komt één keer voor: geef één van de bestanden een ander id en "
                "bestandsnaam.",
            )


class Described(Protocol):
    """What the possible-duplicates check needs of a file: where, and its tender
    (the model when this run loaded it, its JSON data when it came from the cache)."""

    @property
    def display(self) -> str: ...
    @property
    def id_pos(self) -> tuple[int, int]: ...
    @property
    def payload(self) -> Any: ...


SIMILAR = 0.8  # difflib ratio of two normalised titles from which they count as very similar


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _slot(display: str, payload: Any) -> tuple[str, str, str, str, int] | None:
    """Folder (= directie), publication, soort and value, all known; else None."""
    pub = _get(payload, "publicatie")
    when = _get(pub, "datum") or _get(pub, "kwartaal") if pub is not None else None
    soort, waarde = _get(payload, "soort"), _get(payload, "contractwaarde")
    if when is None or soort is None or not isinstance(waarde, int):
        return None
    return display.rsplit("/", 1)[0], str(when), str(soort), "", waarde


def _title(payload: Any) -> str:
    return " ".join(re.findall(r"\w+", str(_get(payload, "titel") or "").casefold()))


def similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= SIMILAR


def check_duplicates(files: Iterable[Described]) -> Iterator[Finding]:
    """Two tenders of one directie (one folder) with the same publication, soort
    and value and very similar titles: possibly one tender twice (a title renamed
    in Excel and imported again). A warning at each of them."""
    groups: dict[tuple[str, str, str, str, int], list[Described]] = {}
    for r in files:
        if r.payload is None:
            continue
        key = _slot(r.display, r.payload)
        if key is not None:
            groups.setdefault(key, []).append(r)
    for group in groups.values():
        if len(group) < 2:
            continue
        titles = [_title(r.payload) for r in group]
        for i, r in enumerate(group):
            others = [
                o.display for j, o in enumerate(group) if j != i and similar(titles[i], titles[j])
            ]
            if others:
                yield Finding(
                    r.display,
                    r.id_pos[0],
                    r.id_pos[1],
                    "IC313",
                    severity_of("IC313"),
                    f"mogelijk dezelfde aanbesteding als {', '.join(others)}: zelfde publicatie, "
                    "soort en waarde en een bijna gelijke titel",
                    "Is het één aanbesteding (bijvoorbeeld een titel die in Excel is veranderd "
                    "en opnieuw geïmporteerd)? Verwijder dan één van de bestanden.",
                )
