"""The four lists of `inkoopcheck tenderned`, and what --apply and --nieuw write.

1. gekoppeld: a register tender and its procedure, with what the register
   should update (status, the real publication date, the kenmerk and URL);
2. gepubliceerd, niet in het register: own procedures published in the look-back
   window that no register tender matches — with the directie where the kader
   can tell and the themes its rules make relevant (rules.matching_rules, the
   same as triage);
3. gepland, niet gepubliceerd: register tenders overdue (timing.overdue) with no
   notice found;
4. heraanbesteding verwacht: awarded own procedures whose contract ends within
   the horizon plus the preparation time, and no open register tender for the
   next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from inkoopcheck.kader import Kader
from inkoopcheck.models import Tender
from inkoopcheck.periods import Quarter
from inkoopcheck.rules import matching_rules, relevant_themes
from inkoopcheck.tenderedit import Edit
from inkoopcheck.tenderfile import Existing, TenderFields, TenderIndex, scalar
from inkoopcheck.tenderned.buyer import Own
from inkoopcheck.tenderned.match import POSSIBLE, Pair, Procedure, assign, score
from inkoopcheck.tenderned.notice import Broken, Notice, SourceInfo
from inkoopcheck.timing import horizon_end, overdue
from inkoopcheck.values import propose_id

_RANK = {"kalender": 0, "voorbereiding": 1, "gepubliceerd": 2, "gegund": 3, "afgerond": 4}


@dataclass(frozen=True, slots=True)
class Update:
    """One value the register should change: shown as `field: old -> new`."""

    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Linked:
    pair: Pair
    path: Path
    updates: tuple[Update, ...]
    edits: tuple[Edit, ...]
    model_update: dict[str, Any]

    @property
    def sure(self) -> bool:
        return self.pair.score.sure


@dataclass(frozen=True, slots=True)
class Unregistered:
    """A procedure for lists 2 and 4, with the key `--nieuw --id` takes."""

    key: str
    procedure: Procedure
    directie: str | None
    directie_reden: str
    themas: tuple[str, ...]
    regels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overdue:
    tender: Tender
    path: Path


@dataclass(slots=True)
class Reconciliation:
    peildatum: date
    sinds: date
    tot: date
    source: SourceInfo
    read: int
    own: int
    broken: list[Broken]
    gekoppeld: list[Linked] = field(default_factory=list)
    niet_in_register: list[Unregistered] = field(default_factory=list)
    niet_gepubliceerd: list[Overdue] = field(default_factory=list)
    heraanbesteding: list[Unregistered] = field(default_factory=list)
    skipped_files: int = 0

    def item(self, key: str) -> Unregistered | None:
        for u in (*self.niet_in_register, *self.heraanbesteding):
            if u.key == key:
                return u
        return None


def reconcile(
    procedures: Sequence[Procedure],
    existing: TenderIndex,
    kader: Kader,
    peildatum: date,
    sinds: date,
    source: SourceInfo,
    read: int,
    own: int,
    broken: list[Broken],
) -> Reconciliation:
    files = _files(existing)
    tenders = [e.tender for e in files.values() if e.tender is not None]
    r = Reconciliation(
        peildatum,
        sinds,
        horizon_end(peildatum, kader) + timedelta(weeks=kader.triage.voorbereiding_weken),
        source,
        read,
        own,
        broken,
        skipped_files=sum(1 for e in files.values() if e.tender is None),
    )
    pairs = assign(tenders, procedures)
    for pair in sorted(pairs, key=lambda p: p.tender.id):
        r.gekoppeld.append(_linked(pair, files[pair.tender.id].path))
    linked_t = {p.tender.id for p in pairs}
    linked_p = {p.procedure.kenmerk for p in pairs}
    for p in procedures:
        day = p.gepubliceerd
        if p.kenmerk not in linked_p and day is not None and sinds <= day <= peildatum:
            r.niet_in_register.append(_unregistered(p.kenmerk, p, kader))
    for t in sorted(tenders, key=lambda t: t.id):
        if t.id not in linked_t and overdue(t, peildatum):
            r.niet_gepubliceerd.append(Overdue(t, files[t.id].path))
    open_tenders = [t for t in tenders if not t.finished]
    for p in procedures:
        end = p.einde
        if not p.gegund or end is None or not peildatum <= end <= r.tot:
            continue
        if _covered(p, open_tenders, pairs):
            continue
        r.heraanbesteding.append(_unregistered(f"her-{p.kenmerk}", p, kader))
    r.heraanbesteding.sort(key=lambda u: (u.procedure.einde or date.max, u.key))
    return r


def _files(existing: TenderIndex) -> dict[str, Existing]:
    """Each tender file once, by the tender's id."""
    out: dict[str, Existing] = {}
    for e in existing.by_id.values():
        key = e.tender.id if e.tender is not None else f"/{e.path}"
        out.setdefault(key, e)
    return out


def _covered(p: Procedure, open_tenders: Iterable[Tender], pairs: Sequence[Pair]) -> bool:
    """An open register tender is the next procedure of this contract: it is not
    the procedure itself and it matches on title or CPV (publication window aside)."""
    for t in open_tenders:
        if any(x.tender.id == t.id and x.procedure.kenmerk == p.kenmerk for x in pairs):
            continue
        if t.tenderned is not None and t.tenderned.kenmerk == p.kenmerk:
            continue
        bare = t.model_copy(update={"publicatie": None, "tenderned": None})
        s = score(bare, p)
        if s is not None and s.points >= POSSIBLE:
            return True
    return False


# --- list 1: what the register should update ----------------------------------------------


def _linked(pair: Pair, path: Path) -> Linked:
    t, p = pair.tender, pair.procedure
    updates: list[Update] = []
    edits: list[Edit] = []
    model: dict[str, Any] = {}
    status = "gegund" if p.gegund else "gepubliceerd"
    if t.status in _RANK and _RANK[status] > _RANK[t.status]:
        updates.append(Update("status", t.status, status))
        edits.append(Edit(("status",), status))
        model["status"] = status
    day = p.gepubliceerd
    pub = t.publicatie
    if day is not None and (pub is None or pub.datum != day or pub.zekerheid != "zeker"):
        if pub is not None and pub.kwartaal is not None:
            updates.append(Update("publicatie.kwartaal", pub.kwartaal, "(weg)"))
            edits.append(Edit(("publicatie", "kwartaal"), None))
        if pub is None or pub.datum != day:
            old = pub.datum.isoformat() if pub is not None and pub.datum else "(leeg)"
            updates.append(Update("publicatie.datum", old, day.isoformat()))
            edits.append(Edit(("publicatie", "datum"), day.isoformat()))
        if pub is None or pub.zekerheid != "zeker":
            updates.append(
                Update("publicatie.zekerheid", pub.zekerheid if pub else "(leeg)", "zeker")
            )
            edits.append(Edit(("publicatie", "zekerheid"), "zeker"))
        model["publicatie"] = {"kwartaal": None, "datum": day, "zekerheid": "zeker"}
    ref = t.tenderned
    if ref is None or ref.kenmerk != p.kenmerk:
        updates.append(Update("tenderned.kenmerk", ref.kenmerk if ref else "(leeg)", p.kenmerk))
        edits.append(Edit(("tenderned", "kenmerk"), scalar(p.kenmerk)))
    url = (ref.url if ref else None) or p.url
    if p.url and (ref is None or ref.url is None):
        updates.append(Update("tenderned.url", "(leeg)", p.url))
        edits.append(Edit(("tenderned", "url"), scalar(p.url)))
    if ref is None or ref.kenmerk != p.kenmerk or ref.url != url:
        model["tenderned"] = {"kenmerk": p.kenmerk, **({"url": url} if url else {})}
    order = {name: i for i, name in enumerate(Tender.model_fields)}
    edits.sort(key=lambda e: order.get(str(e.loc[0]), 99))  # where the shipped files have them
    return Linked(pair, path, tuple(updates), tuple(edits), model)


# --- lists 2 and 4: directie and themes -------------------------------------------------------

_CPV = re.compile(r"[0-9]{8}(?:-[0-9])?")
_WORDS = re.compile(r"\w+")
_SPLIT = re.compile(r"\s*(?:,|;|/|\(|\)|\s-\s|\s–\s)\s*")


def _directie(p: Procedure, kader: Kader) -> tuple[str | None, str]:
    """The directie a notice names: a part of the buyer's name, or a directie name
    or alias (of four letters or more) as whole words in its title or description."""
    for n in p.notices:
        for name in n.koper_namen:
            for part in _SPLIT.split(name):
                found = kader.resolve_directie(part) or kader.resolve_directie(
                    re.sub(r"(?i)^directie\s+", "", part)
                )
                if found:
                    return found, f"de aanbestedende dienst heet '{name}'"
    found_words = _WORDS.findall(f"{p.titel} {p.omschrijving}".casefold())
    text = " " + " ".join(found_words) + " "
    for canonical, d in kader.directies.items():
        for name in (canonical, *d.aliassen):
            spelled = " ".join(_WORDS.findall(name.casefold()))
            if len(spelled) >= 4 and f" {spelled} " in text:
                return canonical, f"'{name}' staat in de titel of omschrijving"
    return None, "de aankondiging noemt geen directie uit kader.yaml"


def as_tender(p: Procedure, directie: str | None) -> Tender:
    """The procedure as a register tender, to hold against the kader's rules."""
    data: dict[str, Any] = {
        "id": "tenderned-aankondiging",
        "titel": p.titel[:300] or "(zonder titel)",
        "directie": directie or "(onbekend)",
        "status": "gegund" if p.gegund else "gepubliceerd",
        "soort": p.soort,
        "cpv": [c for c in p.cpv if _CPV.fullmatch(c)],
        "contractwaarde": p.waarde,
        "opmerkingen": p.omschrijving or None,
    }
    return Tender.model_validate({k: v for k, v in data.items() if v is not None})


def _unregistered(key: str, p: Procedure, kader: Kader) -> Unregistered:
    directie, why = _directie(p, kader)
    rules = matching_rules(as_tender(p, directie), kader)
    return Unregistered(
        key, p, directie, why, tuple(relevant_themes(rules, kader)), tuple(r.id for r in rules)
    )


# --- --nieuw: the fields of a new register file ------------------------------------------------


def new_fields(
    item: Unregistered,
    heraanbesteding: bool,
    directie: str,
    kader: Kader,
    peildatum: date,
    taken: TenderIndex,
) -> TenderFields:
    p = item.procedure
    soort = p.soort
    if heraanbesteding:
        end = p.einde or peildatum
        planned = max(end - timedelta(weeks=kader.triage.voorbereiding_weken), peildatum)
        kwartaal = str(Quarter.of(planned))
        fields = TenderFields(
            id="",
            titel=p.titel[:300] or "(zonder titel)",
            directie=directie,
            status="kalender",
            soort=soort,
            cpv=tuple(c for c in p.cpv if _CPV.fullmatch(c)),
            contractwaarde=p.waarde,
            kwartaal=kwartaal,
            zekerheid="onzeker",
            bron=f"TenderNed: heraanbesteding van kenmerk {p.kenmerk}",
            opmerkingen=(
                f"Het contract van TenderNed-kenmerk {p.kenmerk}"
                + (f" ({p.url})" if p.url else "")
                + f" loopt af op {end.isoformat()}"
                + (f"; gegund aan {p.winnaar}" if p.winnaar else "")
                + ". Publicatie geschat op de voorbereidingstijd voor het einde."
            ),
        )
    else:
        day = p.gepubliceerd or peildatum
        fields = TenderFields(
            id="",
            titel=p.titel[:300] or "(zonder titel)",
            directie=directie,
            status="gegund" if p.gegund else "gepubliceerd",
            soort=soort,
            cpv=tuple(c for c in p.cpv if _CPV.fullmatch(c)),
            contractwaarde=p.waarde,
            datum=day,
            zekerheid="zeker",
            bron=f"TenderNed: kenmerk {p.kenmerk}",
            tenderned_kenmerk=p.kenmerk,
            tenderned_url=p.url,
        )
    base = propose_id(fields.titel, fields.year)
    candidate, n = base, 2
    while taken.find(candidate) is not None:
        candidate, n = f"{base[:76]}-{n}", n + 1
    return replace(fields, id=candidate)


# --- writing: --apply and --nieuw ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    """What one write did: `ok` false means nothing was changed for it."""

    key: str
    path: Path | None
    ok: bool
    message: str


def apply_links(r: Reconciliation, data_root: Path, kader: Kader, peildatum: date) -> list[Written]:
    """The updates of the sure matches, each through the import's checked,
    comment-preserving update; possible matches are never written."""
    from inkoopcheck.loader import show
    from inkoopcheck.update import UpdateFailed, update_file

    out: list[Written] = []
    for link in r.gekoppeld:
        if not link.sure or not link.edits:
            continue
        t = link.pair.tender
        try:
            update_file(
                link.path, t, list(link.edits), link.model_update, data_root, kader, peildatum
            )
        except UpdateFailed as exc:
            out.append(Written(t.id, link.path, False, str(exc)))
            continue
        changed = ", ".join(u.field for u in link.updates)
        out.append(Written(t.id, link.path, True, f"{show(link.path)} bijgewerkt ({changed})"))
    return out


class ChoiceError(Exception):
    """--id names no item, or an item without a directie (exit 2); nothing is written."""


def choose(r: Reconciliation, keys: Sequence[str], directie: str | None) -> list[Unregistered]:
    """The items of lists 2 and 4 that --id names, all checked before anything is written."""
    chosen: list[Unregistered] = []
    for key in dict.fromkeys(keys):
        item = r.item(key)
        if item is None:
            known = [u.key for u in (*r.niet_in_register, *r.heraanbesteding)]
            hint = f" Kies uit: {', '.join(known)}." if known else " Lijst 2 en 4 zijn leeg."
            raise ChoiceError(
                f"--id {key} staat niet in 'gepubliceerd, niet in het register' of "
                f"'heraanbesteding verwacht'.{hint}"
            )
        if item.directie is None and directie is None:
            raise ChoiceError(
                f"bij {key} is de directie niet bekend ({item.directie_reden}); "
                "geef haar op met --directie NAAM."
            )
        chosen.append(item)
    return chosen


def create_new(
    items: Sequence[Unregistered],
    directie: str | None,
    data_root: Path,
    kader: Kader,
    peildatum: date,
    existing: TenderIndex,
) -> list[Written]:
    """A register file per item, through `new`'s checked writer (never over a file)."""
    from inkoopcheck.loader import show
    from inkoopcheck.newtender import NewError, prepare, write

    out: list[Written] = []
    for item in items:
        chosen = item.directie or directie
        assert chosen is not None  # choose() made sure
        fields = new_fields(item, item.key.startswith("her-"), chosen, kader, peildatum, existing)
        try:
            prepared = prepare(fields, data_root, kader, existing, peildatum)
            write(prepared)
        except NewError as exc:
            out.append(Written(item.key, None, False, str(exc)))
            continue
        existing.add(Existing(prepared.path, prepared.checked.tender), kader)
        out.append(Written(item.key, prepared.path, True, f"{show(prepared.path)} geschreven"))
    return out


# --- reading: the own notices of a download ------------------------------------------------------

MAX_BROKEN = 1_000  # told one by one; more are counted


@dataclass(slots=True)
class Collected:
    notices: list[Notice]
    read: int
    broken: list[Broken]


def collect(items: Iterable[Notice | Broken], own: Own) -> Collected:
    """Keep the own notices (and the unreadable ones, to tell): the rest of a
    file of hundreds of megabytes passes through without staying in memory."""
    out = Collected([], 0, [])
    extra = 0
    for item in items:
        if isinstance(item, Broken):
            if len(out.broken) < MAX_BROKEN:
                out.broken.append(item)
            else:
                extra += 1
            continue
        out.read += 1
        if own.owns(item):
            out.notices.append(item)
    if extra:
        out.broken.append(Broken("en verder", f"nog {extra} niet te lezen"))
    return out
