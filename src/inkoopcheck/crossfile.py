"""Checks that need all files at once (the same id twice). Never cached, and
light to import: a warm validate runs this and little else."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

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
