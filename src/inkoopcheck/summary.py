"""The job summary of a CI run (`validate` with GITHUB_STEP_SUMMARY or
`--summary FILE`): every finding grouped by file and, for a pull request, what it
means for the team — per tender added, changed or deleted: what changed, the
relevant themes and why, the role triage proposes today and whether that changes
the team's plan, the deadline for the wensen en eisen, and the advice command
for the directie.

Pure: findings, tenders before and after, the kader and a peildatum in; a frozen
view out. The themes, the deadline and why come from advice.build (the rule
matcher of triage and validate), the roles from triage over all tenders before
and after the pull request (with the overleg's standing decisions), the months
over capacity from the Werklast (workload.py), what changed from tenderdiff: the
summary never disagrees with triage, the agenda or advies. Git is asked by the
command (prfiles, and the rulings it passes in); render/summary.py makes the
Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inkoopcheck.advice import build as advice_for
from inkoopcheck.findings import Finding, count
from inkoopcheck.kader import Kader
from inkoopcheck.models import Tender
from inkoopcheck.prfiles import ChangedFile
from inkoopcheck.tenderdiff import FieldChange, changes
from inkoopcheck.triage import Decision, Triage, triage
from inkoopcheck.workload import Month, month_name, workload

if TYPE_CHECKING:
    from inkoopcheck.decisions import Ruling

# the overleg's standing decisions for a set of tenders (history.standing_rulings)
Rulings = Callable[[Sequence[Tender]], Mapping[str, "Ruling"]]

_ORDER = {"nieuw": 0, "gewijzigd": 1, "verwijderd": 2}


@dataclass(frozen=True, slots=True)
class FileFindings:
    path: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class ThemaWaarom:
    naam: str
    waarom: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TenderMeaning:
    id: str
    titel: str
    directie: str
    path: str
    status: str  # nieuw, gewijzigd or verwijderd
    velden: tuple[FieldChange, ...] | None  # what changed; None: not to tell (errors)
    fouten: bool  # the file has errors now: no role, no advice until they are fixed
    themas: tuple[ThemaWaarom, ...]  # relevant (a rule of the kader) or set to ja
    rol: str | None  # what triage says today; None: not in the triage (rol_uitleg says why)
    rol_voor: str | None  # the same before the pull request
    besloten: bool
    score: float | None
    rol_uitleg: str
    plan: tuple[str, ...]  # how the team's plan changes because of this tender
    deadline: date | None
    deadline_uitleg: str
    advies: str | None  # the command for the directie


@dataclass(frozen=True, slots=True)
class RoleShift:
    """A tender the pull request does not touch whose role changes because of it
    (a place for aanschuiven taken or freed)."""

    id: str
    titel: str
    directie: str
    voor: str
    na: str


@dataclass(frozen=True, slots=True)
class PullRequest:
    ref: str
    kader_gewijzigd: bool
    tenders: tuple[TenderMeaning, ...]
    verschuivingen: tuple[RoleShift, ...]
    capaciteit: int
    aanschuiven_voor: int
    aanschuiven_na: int
    nieuw_boven: tuple[Month, ...]  # Werklast months over capacity now that were not before


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    errors: int
    warnings: int
    by_file: tuple[FileFindings, ...]
    pull_request: PullRequest | None
    note: str | None = None  # why a pull request's meaning is missing


def by_file(findings: Iterable[Finding]) -> tuple[FileFindings, ...]:
    """All findings grouped by file, files in the order of their first finding."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.path, []).append(f)
    return tuple(FileFindings(p, tuple(fs)) for p, fs in groups.items())


def build(
    findings: Sequence[Finding],
    files: int,
    pull_request: PullRequest | None = None,
    note: str | None = None,
) -> Summary:
    errors, warnings = count(findings)
    return Summary(files, errors, warnings, by_file(findings), pull_request, note)


# --- the pull request ---------------------------------------------------------------


def _old_tender(f: ChangedFile) -> Tender | None:
    if f.old is None:
        return None
    from inkoopcheck.loader import load_tender

    return load_tender(Path(f.display), f.display, data=f.old).tender


def _written(f: ChangedFile, field: str) -> str:
    """A field as written in a file that has errors (no model): its titel or directie."""
    from inkoopcheck.yamlsafe import parse

    for data in (f.new, f.old):
        parsed = parse(data) if data is not None else None
        if parsed is not None and parsed.ok and isinstance(parsed.data, dict):
            value = parsed.data.get(field)
            if isinstance(value, str) and value.strip():
                return value
    return ""


def _rol_uitleg(t: Tender | None, d: Decision | None, after: Triage, kader: Kader) -> str:
    if t is None:
        return "geen rol"
    if d is not None:
        if d.decided:
            return "besloten in het overleg"
        return "voorstel van de triage, nog niet besloten in het overleg"
    if t.finished:
        return f"de aanbesteding is {t.status}: geen rol"
    if any(i.tender.id == t.id for i in after.bijwerken):
        return (
            "de publicatie is ruim voorbij en de status niet bijgewerkt: staat bij "
            "'bijwerken', zonder rol"
        )
    return f"publiceert na de horizon van de triage ({kader.triage.horizon_maanden} maanden)"


def _plan(
    tid: str,
    rol: str | None,
    voor: str | None,
    d: Decision | None,
    kader: Kader,
    shifts: Sequence[RoleShift],
    months: Sequence[Month],
    fouten: bool,
    gainers: int,
) -> tuple[str, ...]:
    if fouten:
        return (
            "de triage telt deze aanbesteding pas mee als de fouten hersteld zijn"
            + (f" (voor deze wijziging: {voor})" if voor else ""),
        )
    out = []
    busy = [month_name(m.first) for m in months if any(d.tender.id == tid for d in m.botsing)]
    if rol == "aanschuiven" and voor != "aanschuiven":
        text = "nieuw aanschuiven: het team schuift aan bij de wensen en eisen"
        taken = [s for s in shifts if s.voor == "aanschuiven"]
        if taken:
            names = ", ".join(f"{s.titel} ({s.id})" for s in taken)
            places = "gaat de plaats" if len(taken) == 1 else "gaan de plaatsen"
            who = "daarvoor" if gainers == 1 else "voor de nieuwe aanschuivers van deze wijziging"
            text += f"; {who} {places} niet meer naar {names}"
        out.append(text)
    elif voor == "aanschuiven" and rol != "aanschuiven":
        out.append(f"het team schuift niet meer aan (was aanschuiven, nu {rol or 'geen rol'})")
    elif (
        rol == "achtervang"
        and d is not None
        and not d.decided
        and d.score >= kader.triage.min_score_aanschuiven
    ):
        out.append(
            "relevant genoeg om aan te schuiven, maar er is geen plaats meer "
            f"(capaciteit {kader.triage.capaciteit}): achtervang"
        )
    elif rol is not None and rol == voor and not busy:
        out.append(f"het plan verandert niet: {rol}, zoals voor deze wijziging")
    elif rol is not None and rol == voor:
        out.append(f"de rol blijft {rol}")
    if busy:
        when = busy[0] if len(busy) == 1 else ", ".join(busy[:-1]) + " en " + busy[-1]
        out.append(
            f"in {when} zijn er meer aanbestedingen tegelijk in voorbereiding dan de "
            f"capaciteit van {kader.triage.capaciteit} (zie Werklast)"
        )
    return tuple(out)


def pull_request(
    ref: str,
    changed: Sequence[ChangedFile],
    current: Mapping[str, Tender | None],
    kader: Kader,
    peildatum: date,
    *,
    rulings: Rulings | None = None,
    kader_gewijzigd: bool = False,
) -> PullRequest:
    """What the pull request means. `current` maps every tender file's display
    path to its tender today (None when the file has errors); `changed` are the
    tender files the pull request adds, changes or deletes; `rulings` gives the
    overleg's standing decisions for a set of tenders (before and after)."""
    touched = {f.display for f in changed}
    old_models = {f.display: _old_tender(f) for f in changed}
    now = [t for t in current.values() if t is not None]
    before_tenders = [t for d, t in current.items() if t is not None and d not in touched]
    before_tenders += [t for t in old_models.values() if t is not None]
    weeks = kader.triage.voorbereiding_weken

    def run(tenders: Sequence[Tender]) -> Triage:
        return triage(
            tenders, kader, peildatum, rulings=rulings(tenders) if rulings is not None else None
        )

    before, after = run(before_tenders), run(now)
    role_before = {d.tender.id: d.role for d in before.decisions}
    decision_after = {d.tender.id: d for d in after.decisions}

    ids_touched = {
        t.id for f in changed for t in (old_models[f.display], current.get(f.display)) if t
    }
    shifts = tuple(
        RoleShift(d.tender.id, d.tender.titel, d.directie, role_before[d.tender.id], d.role)
        for d in after.decisions
        if d.tender.id not in ids_touched
        and d.tender.id in role_before
        and role_before[d.tender.id] != d.role
    )
    over_before = {m.first for m in workload(before, weeks).over}
    newly_over = tuple(m for m in workload(after, weeks).over if m.first not in over_before)
    # tenders of the pull request that the team newly joins
    gainers = sum(
        1
        for i, d in decision_after.items()
        if i in ids_touched and d.role == "aanschuiven" and role_before.get(i) != "aanschuiven"
    )
    meanings = []
    for f in sorted(changed, key=lambda f: (_ORDER[f.status], f.display)):
        t = current.get(f.display) if f.status != "verwijderd" else None
        old = old_models[f.display]
        known = t or old
        tid = known.id if known is not None else Path(f.display).stem
        written = known.directie if known is not None else _written(f, "directie")
        directie = kader.resolve_directie(written) or written
        fouten = f.status != "verwijderd" and t is None
        d = decision_after.get(tid) if t is not None else None
        rol = d.role if d is not None else None
        voor = role_before.get(tid) if old is not None else None
        themas: tuple[ThemaWaarom, ...] = ()
        deadline, deadline_uitleg, advies = None, "", None
        if t is not None:
            a = advice_for(t, kader, peildatum, after)
            themas = tuple(ThemaWaarom(th.naam, th.waarom) for th in a.themas)
            deadline, deadline_uitleg = a.deadline, a.deadline_uitleg
            if not t.finished:
                advies = f"inkoopcheck advies {t.id}"
        velden: tuple[FieldChange, ...] | None = ()
        if f.status == "gewijzigd":
            velden = tuple(changes(old, t)) if old is not None and t is not None else None
        meanings.append(
            TenderMeaning(
                id=tid,
                titel=known.titel if known is not None else _written(f, "titel"),
                directie=directie,
                path=f.display,
                status=f.status,
                velden=velden,
                fouten=fouten,
                themas=themas,
                rol=rol,
                rol_voor=voor,
                besloten=d.decided if d is not None else False,
                score=d.score if d is not None else None,
                rol_uitleg=_rol_uitleg(t, d, after, kader),
                plan=_plan(tid, rol, voor, d, kader, shifts, newly_over, fouten, gainers),
                deadline=deadline,
                deadline_uitleg=deadline_uitleg,
                advies=advies,
            )
        )
    return PullRequest(
        ref,
        kader_gewijzigd,
        tuple(meanings),
        shifts,
        after.capaciteit,
        before.in_use,
        after.in_use,
        newly_over,
    )
