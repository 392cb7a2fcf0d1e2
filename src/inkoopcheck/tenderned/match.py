"""Notices grouped into procedures, and procedures matched to register tenders by
evidence: a score with the reasons, so a person can judge the match.

Evidence and its points (a kenmerk in the register decides on its own):

    tenderned.kenmerk in the file equals the procedure's   100
    title similarity (words in common, spelling)           up to 45
    CPV codes share a prefix                               5 digits 20, 3 digits 10
    soort the same / different                             +10 / -10
    publication in the planned window                      +20, within a quarter of it +10
    value in the same band (a factor 2)                    +10, off by more than 5x -10

A publication more than a year from the planned window is another procedure
(often the previous or next one of the same contract), whatever else agrees.
SURE (70) and above is a match `--apply` may write; from POSSIBLE (45) a
match is shown for a person to judge, never written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher

from inkoopcheck.fmt import euro
from inkoopcheck.models import Tender
from inkoopcheck.tenderned.notice import Notice
from inkoopcheck.values import words

SURE = 70.0
POSSIBLE = 45.0
FAR = timedelta(days=365)
NEAR = timedelta(days=92)

# Words that say nothing about what is bought.
_STOP_WORDS = (
    "de het een en van voor in op te met aan bij of door om tot uit over naar aanbesteding "
    "opdracht gemeente europese europees nationale levering diensten dienstverlening inkoop "
    "raamovereenkomst raamovereenkomsten"
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class Procedure:
    """All notices of one procedure (one Tenderned kenmerk), summed up."""

    kenmerk: str
    notices: tuple[Notice, ...]

    @property
    def first(self) -> Notice:
        return self.notices[0]

    @property
    def titel(self) -> str:
        return self.first.titel

    @property
    def gepubliceerd(self) -> date | None:
        return min((n.datum for n in self.notices if n.datum), default=None)

    @property
    def url(self) -> str | None:
        return next((n.url for n in self.notices if n.url), None)

    @property
    def cpv(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for n in self.notices for c in n.cpv))

    @property
    def soort(self) -> str | None:
        return next((n.soort for n in self.notices if n.soort), None)

    @property
    def waarde(self) -> int | None:
        return max((n.waarde for n in self.notices if n.waarde is not None), default=None)

    @property
    def gegund(self) -> bool:
        return any(n.gegund for n in self.notices)

    @property
    def einde(self) -> date | None:
        return max((n.einde for n in self.notices if n.einde), default=None)

    @property
    def winnaar(self) -> str | None:
        return next((n.winnaar for n in reversed(self.notices) if n.winnaar), None)

    @property
    def omschrijving(self) -> str:
        return next((n.omschrijving for n in self.notices if n.omschrijving), "")

    @property
    def koper(self) -> str:
        return next((name for n in self.notices for name in n.koper_namen), "")

    @property
    def procedure(self) -> str | None:
        return next((n.procedure for n in self.notices if n.procedure), None)


def group(notices: Iterable[Notice]) -> list[Procedure]:
    """Procedures in the order of their first publication."""
    by_key: dict[str, list[Notice]] = {}
    for n in notices:
        by_key.setdefault(n.procedure_key, []).append(n)
    out = [
        Procedure(key, tuple(sorted(ns, key=lambda n: (n.datum or date.max, n.where))))
        for key, ns in by_key.items()
    ]
    return sorted(out, key=lambda p: (p.gepubliceerd or date.max, p.kenmerk))


@dataclass(frozen=True, slots=True)
class Score:
    points: float
    reasons: tuple[str, ...]

    @property
    def sure(self) -> bool:
        return self.points >= SURE


def _keywords(text: str) -> list[str]:
    return [w for w in words(text) if w not in _STOP and len(w) > 1]


def title_similarity(a: str, b: str) -> float:
    """0..1: the larger of the share of shared words and the spelling likeness."""
    wa, wb = _keywords(a), _keywords(b)
    if not wa or not wb:
        return 0.0
    sa, sb = set(wa), set(wb)
    # a word counts as shared when one starts with the other (schoonmaak/schoonmaakdiensten)
    shared = sum(
        1
        for x in sa
        if any(x.startswith(y) or y.startswith(x) for y in sb if min(len(x), len(y)) >= 4 or x == y)
    )
    overlap = shared / min(len(sa), len(sb))
    overlap = min(overlap, 1.0) * (0.6 + 0.4 * min(len(sa), len(sb)) / max(len(sa), len(sb)))
    spelling = SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio()
    return max(overlap, spelling)


def _cpv_points(tender: Sequence[str], notice: Sequence[str]) -> tuple[float, str | None]:
    best = 0
    for a in tender:
        for b in notice:
            n = 0
            for x, y in zip(a[:8], b[:8], strict=False):
                if x != y:
                    break
                n += 1
            best = max(best, n)
    if best >= 5:
        return 20, f"CPV-codes gelijk tot op {best} cijfers"
    if best >= 3:
        return 10, f"CPV-codes in dezelfde groep ({best} cijfers gelijk)"
    return 0, None


def score(tender: Tender, proc: Procedure) -> Score | None:
    """The evidence that `tender` is `proc`; None when it surely is not."""
    if tender.tenderned is not None:
        if tender.tenderned.kenmerk == proc.kenmerk:
            return Score(100, (f"TenderNed-kenmerk {proc.kenmerk} staat in het bestand",))
        return None  # the file names another procedure
    reasons: list[str] = []
    points = 0.0
    pub = tender.publicatie
    day = proc.gepubliceerd
    if pub is not None and pub.start is not None and pub.end is not None and day is not None:
        start, end = pub.start, pub.end
        if day < start - FAR or day > end + FAR:
            return None
        when = f"gepubliceerd op {day.isoformat()}"
        if start <= day <= end:
            points += 20
            reasons.append(f"{when}, binnen de planning ({pub.display()})")
        elif start - NEAR <= day <= end + NEAR:
            points += 10
            reasons.append(f"{when}, binnen een kwartaal van de planning ({pub.display()})")
    similarity = title_similarity(tender.titel, proc.titel)
    if similarity >= 0.3:
        points += 45 * similarity
        reasons.append(f"titel lijkt {round(similarity * 100)} % op '{proc.titel}'")
    cpv, why = _cpv_points(tender.cpv, proc.cpv)
    if why:
        points += cpv
        reasons.append(why)
    if tender.soort and proc.soort:
        if tender.soort == proc.soort:
            points += 10
            reasons.append(f"soort gelijk ({proc.soort})")
        elif not (tender.soort == "sociale-diensten" and proc.soort == "diensten"):
            points -= 10
            reasons.append(f"soort verschilt ({tender.soort} tegen {proc.soort})")
    if tender.contractwaarde and proc.waarde:
        ratio = max(tender.contractwaarde, proc.waarde) / min(tender.contractwaarde, proc.waarde)
        if ratio <= 2:
            points += 10
            reasons.append(f"waarde vergelijkbaar ({euro(proc.waarde)})")
        elif ratio > 5:
            points -= 10
            reasons.append(
                f"waarde verschilt sterk ({euro(tender.contractwaarde)} tegen {euro(proc.waarde)})"
            )
    if similarity < 0.3 and not why:
        return None  # without the title or the CPV, nothing says what is bought
    return Score(round(points, 1), tuple(reasons))


@dataclass(frozen=True, slots=True)
class Pair:
    tender: Tender
    procedure: Procedure
    score: Score


def assign(tenders: Sequence[Tender], procedures: Sequence[Procedure]) -> list[Pair]:
    """One procedure per tender and one tender per procedure: the best-scoring
    pairs first, from POSSIBLE up."""
    candidates: list[Pair] = []
    for t in tenders:
        for p in procedures:
            s = score(t, p)
            if s is not None and s.points >= POSSIBLE:
                candidates.append(Pair(t, p, s))
    candidates.sort(key=lambda c: (-c.score.points, c.tender.id, c.procedure.kenmerk))
    taken_t: set[str] = set()
    taken_p: set[str] = set()
    out: list[Pair] = []
    for c in candidates:
        if c.tender.id in taken_t or c.procedure.kenmerk in taken_p:
            continue
        taken_t.add(c.tender.id)
        taken_p.add(c.procedure.kenmerk)
        out.append(c)
    return out
