"""Triage: wat wel en wat niet. Pure functions from tenders and the kader to a
role, a score and the reasons for each tender in the horizon.

The score (every number comes from kader.yaml, section `triage`):

    score = sum of the weights of the matching rules
            x zekerheid    (zeker 1.0 ... zeer-onzeker 0.5)
            x nabijheid    (urgent 1.0, falling to horizon_eind at the horizon)
            x waarde       (log-scaled from min to max between ondergrens and
                            bovengrens; unknown value: onbekend)
            x open_themas  (niets_open ... alles_open, by the share of relevant
                            themes still open)

Roles: tenders whose role the overleg decided (a standing ruling from
decisions.py: data/overleg/, or the old `betrokkenheid.rol`) keep it and count first;
the remaining capacity goes to the highest scores (at least
`min_score_aanschuiven`); other relevant tenders are `achtervang`; a tender no
rule matches is `geen`.

A tender whose publication window ended more than three months ago while its
status still says it has not been published is not ranked at all: it is
administration to chase (`bijwerken`), and ranking it would take a place from
the work that is due now. Only a role the overleg decided keeps it ranked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from inkoopcheck.decisions import Ruling, legacy_rulings
from inkoopcheck.fmt import decimal, euro
from inkoopcheck.kader import Kader, Regel
from inkoopcheck.models import Rol, Tender
from inkoopcheck.rules import matching_rules, relevant_themes
from inkoopcheck.social_return import EvaluatieStand, active, evaluation_due
from inkoopcheck.thresholds import assess
from inkoopcheck.timing import horizon_end, in_horizon, overdue, stale, urgent_window

ROLES: tuple[Rol, ...] = ("aanschuiven", "achtervang", "geen")


@dataclass(frozen=True, slots=True)
class Signal:
    """Something the overleg should see beside the role. `code` is stable."""

    code: str
    tekst: str


@dataclass(frozen=True, slots=True)
class Factor:
    naam: str
    waarde: float
    uitleg: str


@dataclass(frozen=True, slots=True)
class Decision:
    tender: Tender
    directie: str
    role: Rol
    decided: bool
    score: float
    base: float
    rules: tuple[Regel, ...]
    factors: tuple[Factor, ...]
    relevant_themes: tuple[str, ...]
    signals: tuple[Signal, ...]
    ruling: Ruling | None = None  # the overleg's decision on record, standing or not

    @property
    def reasons(self) -> list[str]:
        """The why, in full: each rule with its weight, then each factor."""
        out = [f"regel {r.naam} (+{decimal(r.gewicht)})" for r in self.rules]
        if not self.rules:
            out.append("geen regel van het kader van toepassing")
        out.extend(f"{f.uitleg} ×{decimal(f.waarde, 2)}" for f in self.factors)
        if self.decided:
            out.append(f"rol {self.role} besloten in het overleg")
        return out

    @property
    def why(self) -> str:
        """The why, short enough for a table cell: the rules, and the factors that
        moved the score most (below 0.8 or above 1.1)."""
        parts = [r.naam for r in self.rules] or ["geen regel van het kader"]
        if self.rules:
            strong = sorted(
                (f for f in self.factors if f.waarde < 0.8 or f.waarde > 1.1),
                key=lambda f: abs(math.log(f.waarde)) if f.waarde > 0 else 99,
                reverse=True,
            )
            parts += [f"{f.uitleg} ×{decimal(f.waarde, 2)}" for f in strong[:2]]
        if self.decided:
            parts.append("rol besloten in overleg")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ProeftuinItem:
    """A Maatwerk voor Mensen proeftuin or a social-return review that is due.

    Reviews run during the contract, so awarded tenders count here too."""

    tender: Tender
    directie: str
    werkwijze: str
    voorstel: str | None
    evaluatie: date | None
    status: EvaluatieStand  # "verlopen", "binnenkort", or ""


@dataclass(frozen=True, slots=True)
class BijwerkItem:
    """A tender long overdue whose status nobody updated: not ranked, to chase."""

    tender: Tender
    directie: str
    verwacht: date  # the last day its publication was due


@dataclass(frozen=True, slots=True)
class Triage:
    peildatum: date
    horizon_maanden: int
    horizon_tot: date
    capaciteit: int
    decisions: tuple[Decision, ...]
    decided_aanschuiven: int
    in_use: int  # aanschuiven over the whole team, also when the view is filtered
    social_return: tuple[ProeftuinItem, ...] = ()
    since: str | None = None
    skipped: int = 0
    bijwerken: tuple[BijwerkItem, ...] = ()  # by directie, then due date
    # with a directie filter: the aanschuiven places that went to other directies
    elsewhere: tuple[Decision, ...] = ()

    @property
    def over_capacity(self) -> bool:
        return self.decided_aanschuiven > self.capaciteit

    def count(self, role: Rol) -> int:
        return sum(1 for d in self.decisions if d.role == role)


@dataclass(frozen=True, slots=True)
class Changes:
    """What git says was added or changed since last week's overleg, by tender id."""

    new: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def factors(t: Tender, kader: Kader, peildatum: date, relevant: Sequence[str]) -> list[Factor]:
    s = kader.triage
    pub = t.publicatie
    zekerheid = pub.zekerheid if pub else "zeer-onzeker"
    out = [Factor("zekerheid", s.zekerheid.get(zekerheid, 1.0), zekerheid)]

    start = pub.start if pub else None
    window = urgent_window(peildatum, kader)
    horizon = horizon_end(peildatum, kader)
    if overdue(t, peildatum):
        out.append(Factor("nabijheid", s.nabijheid.urgent, "publicatie voorbij"))
    elif start is None:
        out.append(Factor("nabijheid", s.nabijheid.onbekend, "publicatiedatum onbekend"))
    elif start <= window:
        out.append(
            Factor(
                "nabijheid", s.nabijheid.urgent, f"publicatie binnen {s.voorbereiding_weken} weken"
            )
        )
    else:
        span = max((horizon - window).days, 1)
        share = _clamp((start - window).days / span, 0.0, 1.0)
        value = s.nabijheid.urgent - (s.nabijheid.urgent - s.nabijheid.horizon_eind) * share
        months = max(1, round((start - peildatum).days / 30.4))
        out.append(Factor("nabijheid", value, f"publicatie over ca. {months} maanden"))

    w = s.waarde
    if t.contractwaarde is None:
        out.append(Factor("waarde", w.onbekend, "waarde onbekend"))
    else:
        v = max(t.contractwaarde, 1)
        share = _clamp(math.log(v / w.ondergrens) / math.log(w.bovengrens / w.ondergrens), 0, 1)
        out.append(Factor("waarde", w.min + (w.max - w.min) * share, euro(t.contractwaarde)))

    if relevant:
        open_count = sum(1 for k in relevant if t.theme(k) == "open")
        o = s.open_themas
        value = o.niets_open + (o.alles_open - o.niets_open) * open_count / len(relevant)
        out.append(
            Factor("open_themas", value, f"{open_count} van {len(relevant)} relevante thema's open")
        )
    return out


def signals(
    t: Tender,
    kader: Kader,
    peildatum: date,
    relevant: Sequence[str],
    changes: Changes,
    ruling: Ruling | None = None,
) -> list[Signal]:
    return [*_context_signals(t, changes, ruling), *own_signals(t, kader, peildatum, relevant)]


def _context_signals(t: Tender, changes: Changes, ruling: Ruling | None) -> list[Signal]:
    """The signals that come from outside the tender: git and the overleg."""
    out: list[Signal] = []
    if t.id in changes.new:
        out.append(Signal("nieuw", "nieuw sinds vorige keer"))
    elif t.id in changes.changed:
        out.append(Signal("gewijzigd", "gewijzigd sinds vorige keer"))
    if ruling is not None and not ruling.stands:
        was = ruling.record.rol + (f" ({ruling.record.datum})" if ruling.record.datum else "")
        out.append(Signal("herzien", f"besluit herzien? {was}: " + "; ".join(ruling.why)))
    return out


def own_signals(t: Tender, kader: Kader, peildatum: date, relevant: Sequence[str]) -> list[Signal]:
    """The signals that need only the tender, the kader and the peildatum."""
    out: list[Signal] = []
    pub = t.publicatie
    if overdue(t, peildatum):
        assert pub is not None
        out.append(
            Signal("te-laat", f"te laat: publicatie {pub.display()} voorbij, status {t.status}")
        )
    else:
        open_relevant = [k for k in relevant if t.theme(k) == "open"]
        start = pub.start if pub else None
        if start is not None and start <= urgent_window(peildatum, kader) and open_relevant:
            labels = ", ".join(kader.theme_label(k) for k in open_relevant)
            out.append(Signal("urgent", f"urgent: {labels} open"))
    if t.contractwaarde is None:
        out.append(Signal("waarde-onbekend", "waarde onbekend"))
    a = assess(t, kader, peildatum)
    if a.net_onder:
        out.append(Signal("net-onder-drempel", f"net onder EU-drempel ({a.aandeel} %)"))
    # A procedure that contradicts the threshold is an error (IC207): such a tender
    # is left out of triage with the other invalid ones, so only "unknown" is a signal.
    if t.procedure is None:
        out.append(Signal("procedure", "procedure onbekend"))
    sr = t.social_return
    if sr is not None:
        due = evaluation_due(t, kader, peildatum)
        if due == "verlopen":
            out.append(Signal("evaluatie", f"evaluatie social return verlopen ({sr.evaluatie})"))
        elif due == "binnenkort":
            out.append(Signal("evaluatie", f"evaluatie social return {sr.evaluatie}"))
        start = pub.start if pub else None
        if (
            sr.werkwijze == "maatwerk"
            and sr.voorstel == "gevraagd"
            and start is not None
            and start <= urgent_window(peildatum, kader)
        ):
            out.append(Signal("voorstel", "voorstel proeftuin nog niet binnen"))
    return out


# What of a decision needs only the tender, the kader and the peildatum, as plain
# data (it travels back from a worker): the indices of the matching rules in
# kader.regels, the relevant themes, the factors and the tender's own signals.
Assessed = tuple[
    tuple[int, ...],
    tuple[str, ...],
    tuple[tuple[str, float, str], ...],
    tuple[tuple[str, str], ...],
]


def assess_tender(t: Tender, kader: Kader, peildatum: date) -> Assessed:
    rules = matching_rules(t, kader)
    index = {id(r): i for i, r in enumerate(kader.regels)}
    relevant = relevant_themes(rules, kader)
    return (
        tuple(index[id(r)] for r in rules),
        tuple(relevant),
        tuple((f.naam, f.waarde, f.uitleg) for f in factors(t, kader, peildatum, relevant)),
        tuple((s.code, s.tekst) for s in own_signals(t, kader, peildatum, relevant)),
    )


def assess_ahead(t: Tender, kader: Kader, peildatum: date) -> Assessed | None:
    """assess_tender, where the tender is loaded (analyse's `assess`, in the
    workers), for a tender triage will rank: in the horizon and not long overdue
    (the few of those the overleg decided are assessed in triage itself)."""
    if not in_horizon(t, peildatum, kader) or stale(t, peildatum):
        return None
    return assess_tender(t, kader, peildatum)


@dataclass(frozen=True, slots=True)
class Assessments:
    """Tenders assessed ahead with `kader` and `peildatum` (assess_ahead in the
    workers: Analysis.assessed), by id() of the tender, each with the tender
    itself so that an id is never taken for another's."""

    kader: Kader
    peildatum: date
    by_tender: Mapping[int, tuple[Tender, Any]]

    def get(self, t: Tender, kader: Kader, peildatum: date) -> Assessed | None:
        if kader is not self.kader or peildatum != self.peildatum:
            return None
        entry = self.by_tender.get(id(t))
        return cast("Assessed", entry[1]) if entry is not None and entry[0] is t else None


def decide(
    t: Tender,
    kader: Kader,
    peildatum: date,
    changes: Changes,
    ruling: Ruling | None = None,
    assessed: Assessed | None = None,
) -> Decision:
    """Rules, score, factors and signals of one tender. Its role is provisional:
    the decided role if the overleg's decision stands, else geen or achtervang by
    relevance; `triage` hands out the aanschuiven places."""
    rule_ix, relevant, factor_rows, own = assessed or assess_tender(t, kader, peildatum)
    rules = tuple(kader.regels[i] for i in rule_ix)
    base = float(sum(r.gewicht for r in rules))
    fs = tuple(Factor(*f) for f in factor_rows)
    score = base
    for f in fs:
        score *= f.waarde
    decided = ruling.rol if ruling is not None else None
    role: Rol = decided or ("achtervang" if base > 0 else "geen")
    return Decision(
        t,
        kader.resolve_directie(t.directie) or t.directie,
        role,
        decided is not None,
        round(score, 1),
        base,
        rules,
        fs,
        relevant,
        (*_context_signals(t, changes, ruling), *(Signal(*x) for x in own)),
        ruling,
    )


def social_return_items(
    tenders: Iterable[Tender], kader: Kader, peildatum: date
) -> list[ProeftuinItem]:
    """Every proeftuin (werkwijze maatwerk) and every review due within
    `evaluatie_weken` or past, of tenders not withdrawn; reviews first."""
    out = []
    for t in tenders:
        sr = t.social_return
        if sr is None or not active(t):
            continue
        status = evaluation_due(t, kader, peildatum)
        if sr.werkwijze == "maatwerk" or status:
            out.append(
                ProeftuinItem(
                    t,
                    kader.resolve_directie(t.directie) or t.directie,
                    sr.werkwijze,
                    sr.voorstel,
                    sr.evaluatie,
                    status,
                )
            )
    order = {"verlopen": 0, "binnenkort": 1, "": 2}
    out.sort(key=lambda i: (order[i.status], i.evaluatie or date.max, i.tender.id))
    return out


def _publication_start(t: Tender) -> date:
    return t.publicatie.start if t.publicatie and t.publicatie.start else date.max


def triage(
    tenders: Iterable[Tender],
    kader: Kader,
    peildatum: date,
    *,
    capaciteit: int | None = None,
    directie: str | None = None,
    changes: Changes | None = None,
    rulings: Mapping[str, Ruling] | None = None,
    since: str | None = None,
    skipped: int = 0,
    ahead: Assessments | None = None,
) -> Triage:
    """`rulings`: the overleg's decisions (decisions.rulings); without them only
    the roles in the tender files count. `since` (as shown) and `skipped` (files
    left out for their errors) are carried into the result for the agenda.
    `ahead`: tenders assessed ahead (in the workers, analysis.Analysis.assessments);
    the others are assessed here."""
    capacity = kader.triage.capaciteit if capaciteit is None else capaciteit
    changes = changes or Changes()
    wanted = kader.resolve_directie(directie) if directie else None
    tenders = list(tenders)
    if rulings is None:
        rulings = legacy_rulings(tenders, peildatum)
    in_view = [t for t in tenders if in_horizon(t, peildatum, kader)]
    # long overdue and no role that stands: to chase, not to rank (it would take a place)
    to_update = [
        t for t in in_view if not (t.id in rulings and rulings[t.id].stands) and stale(t, peildatum)
    ]
    skip = {id(t) for t in to_update}
    assessed = [
        decide(
            t,
            kader,
            peildatum,
            changes,
            rulings.get(t.id),
            ahead.get(t, kader, peildatum) if ahead is not None else None,
        )
        for t in in_view
        if id(t) not in skip
    ]
    bijwerken = sorted(
        (
            BijwerkItem(t, kader.resolve_directie(t.directie) or t.directie, t.publicatie.end)
            for t in to_update
            if t.publicatie is not None and t.publicatie.end is not None
        ),
        key=lambda i: (i.directie, i.verwacht, i.tender.id),
    )
    decided_aanschuiven = sum(1 for d in assessed if d.decided and d.role == "aanschuiven")
    free = max(0, capacity - decided_aanschuiven)
    decisions = [d for d in assessed if d.decided]
    # highest score first; then the earliest publication; then id, so ties are stable
    candidates = sorted(
        (d for d in assessed if not d.decided),
        key=lambda d: (-d.score, _publication_start(d.tender), d.tender.id),
    )
    for d in candidates:
        if d.role == "achtervang" and free > 0 and d.score >= kader.triage.min_score_aanschuiven:
            d = replace(d, role="aanschuiven")
            free -= 1
        decisions.append(d)
    decisions.sort(key=lambda d: (ROLES.index(d.role), -d.score, d.tender.id))
    in_use = sum(1 for d in decisions if d.role == "aanschuiven")
    elsewhere: list[Decision] = []
    if directie is not None:
        # roles are decided over the whole team's capacity; the filter only narrows the view
        mine = wanted or directie
        elsewhere = [d for d in decisions if d.role == "aanschuiven" and d.directie != mine]
        decisions = [d for d in decisions if d.directie == mine]
    return Triage(
        peildatum,
        kader.triage.horizon_maanden,
        horizon_end(peildatum, kader),
        capacity,
        tuple(decisions),
        decided_aanschuiven,
        in_use,
        tuple(
            i
            for i in social_return_items(tenders, kader, peildatum)
            if directie is None or i.directie == (wanted or directie)
        ),
        bijwerken=tuple(
            i for i in bijwerken if directie is None or i.directie == (wanted or directie)
        ),
        since=since,
        skipped=skipped,
        elsewhere=tuple(elsewhere),
    )
