"""Record decisions in an overleg file (`inkoopcheck besluit`): plan -> apply ->
verify -> write, like an update of a tender file.

An existing file is changed line by line with the one comment-preserving
editor (tenderedit): a decision already in this overleg gets its new role (and
toelichting or tot, when given); a new one is added as a block at the end of
`besluiten`. The result is loaded again and must be exactly the old overleg
with these decisions; only then is it written, atomically. A new file is made
from a small template with the schema line for the editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inkoopcheck.loader import show
from inkoopcheck.models import Rol
from inkoopcheck.overleg import (
    OVERLEG_FIELDS,
    SCHEMA_LINE,
    Besluit,
    Overleg,
    load,
    path_for,
)
from inkoopcheck.tenderedit import AppendItem, Edit, EditRefused, apply
from inkoopcheck.tenderfile import scalar


class BesluitError(Exception):
    """Nothing was written; the message says why and what to do (Dutch)."""


@dataclass(frozen=True, slots=True)
class Change:
    id: str
    before: Besluit | None  # the decision this overleg already had about it
    after: Besluit


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path
    text: str
    created: bool
    changes: tuple[Change, ...]


def _fields(b: Besluit) -> tuple[tuple[str, str], ...]:
    out = [("id", b.id), ("rol", b.rol)]
    if b.toelichting is not None:
        out.append(("toelichting", scalar(b.toelichting)))
    if b.tot is not None:
        out.append(("tot", b.tot.isoformat()))
    return tuple(out)


def new_text(day: date, aanwezig: Sequence[str], besluiten: Sequence[Besluit]) -> str:
    lines = [
        SCHEMA_LINE,
        f"# Het overleg inclusief inkopen van {day}: wie er waren en de besluiten over de",
        "# rol van het team. Wijzigen: 'inkoopcheck besluit ID ROL --datum "
        f"{day}', of met de hand.",
        f"datum: {day}",
        "aanwezig:",
        *[f"  - {scalar(a)}" for a in aanwezig],
        "besluiten:",
    ]
    for b in besluiten:
        (k0, v0), *rest = _fields(b)
        lines.append(f"  - {k0}: {v0}")
        lines += [f"    {k}: {v}" for k, v in rest]
    return "\n".join(lines) + "\n"


def plan(
    root: Path,
    day: date,
    ids: Sequence[str],
    rol: Rol,
    *,
    toelichting: str | None = None,
    tot: date | None = None,
    aanwezig: Sequence[str] = (),
) -> Planned:
    """The new text of the overleg file of `day` with these decisions; BesluitError
    when it cannot be made safely (nothing is written here)."""
    path = path_for(root, day)
    where = show(path)
    if path.exists():
        current = load(path)
        if current.overleg is None or current.has_errors:
            raise BesluitError(
                f"{where} heeft fouten; herstel die eerst (zie 'inkoopcheck validate'). "
                "Er is niets geschreven."
            )
        old = current.overleg
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BesluitError(f"kan {where} niet lezen ({exc}). Er is niets geschreven.") from None
    else:
        current, old, text = None, Overleg(datum=day, aanwezig=list(aanwezig)), None
    besluiten = list(old.besluiten)
    edits: list[Edit | AppendItem] = []
    changes: list[Change] = []
    for tid in dict.fromkeys(ids):  # each id once, in the order given
        index = next((i for i, b in enumerate(besluiten) if b.id == tid), None)
        before = besluiten[index] if index is not None else None
        after = Besluit(
            id=tid,
            rol=rol,
            toelichting=toelichting if toelichting is not None else None,
            tot=tot,
        )
        if before is not None and index is not None:
            after = before.model_copy(
                update={
                    "rol": rol,
                    "toelichting": toelichting if toelichting is not None else before.toelichting,
                    "tot": tot if tot is not None else before.tot,
                }
            )
            besluiten[index] = after
            loc = ("besluiten", index)
            edits.append(Edit((*loc, "rol"), rol))
            if toelichting is not None:
                edits.append(Edit((*loc, "toelichting"), scalar(toelichting)))
            if tot is not None:
                edits.append(Edit((*loc, "tot"), tot.isoformat()))
        else:
            besluiten.append(after)
            edits.append(AppendItem(("besluiten",), _fields(after)))
        changes.append(Change(tid, before, after))
    expected = old.model_copy(update={"besluiten": besluiten})
    if current is None or text is None:
        result = new_text(day, list(old.aanwezig), besluiten)
    else:
        try:
            result = apply(text, current.source, edits, order=OVERLEG_FIELDS)
        except EditRefused as exc:
            raise BesluitError(
                f"kan {where} niet veilig bijwerken ({exc}); pas het met de hand aan. Er is "
                "niets geschreven."
            ) from None
    again = load(path, where, result.encode("utf-8"))
    if again.overleg is None or again.overleg.model_dump() != expected.model_dump():
        raise BesluitError(
            f"kan {where} niet veilig bijwerken (het resultaat klopt niet); pas het met de "
            "hand aan. Er is niets geschreven."
        )
    return Planned(path, result, current is None, tuple(changes))


def write(planned: Planned) -> None:
    """Write atomically: a new file never over one made in the meantime."""
    from inkoopcheck.atomic import write_atomic

    planned.path.parent.mkdir(exist_ok=True)
    write_atomic(planned.path, planned.text.encode("utf-8"), overwrite=not planned.created)
