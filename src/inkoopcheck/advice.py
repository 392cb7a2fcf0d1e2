"""Advies: what the handelingskader asks of one tender, for the directie that
buys. Pure: a tender, the kader, a peildatum and the triage (for the team's
proposed role) in; a frozen view out. The renderers live in render/advice.py.

Which rules apply and why comes from rules.explained_rules: the same matcher as
triage and validate, so the advice never disagrees with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from inkoopcheck.decisions import legacy_rulings
from inkoopcheck.eforms import BT754_LABELS, BT775_LABELS
from inkoopcheck.fmt import euro, percent
from inkoopcheck.kader import Grondslag, Kader, Regel
from inkoopcheck.models import FINISHED, Tender
from inkoopcheck.rules import explained_rules, relevant_themes
from inkoopcheck.social_return import active, implied_amount
from inkoopcheck.thresholds import reference_date, social_return_due
from inkoopcheck.triage import Changes, Decision, Triage, decide

WERKWIJZEN: tuple[str, ...] = (
    "traditioneel: de 5 %-regeling, een percentage van de contractwaarde, gekoppeld aan "
    "de uitvoering van de opdracht",
    "maatwerk (Maatwerk voor Mensen): de leverancier doet een voorstel voor een proeftuin; "
    "na een jaar wordt de ambitie geëvalueerd en zo nodig bijgesteld",
)


@dataclass(frozen=True, slots=True)
class ThemaAdvies:
    thema: str  # the key in kader.yaml
    naam: str
    stand: str  # ja, nee or open, as the tender says
    relevant: bool  # a rule of the kader makes it relevant
    waarom: tuple[str, ...]
    eisen: tuple[str, ...]
    grondslag: tuple[Grondslag, ...]
    contact: str
    toelichting: str | None


@dataclass(frozen=True, slots=True)
class EformsAdvies:
    bt_754: str | None  # None: not yet decidable (theme open, or no theme decides it)
    bt_754_uitleg: str
    bt_755: str | None
    bt_775: tuple[str, ...]
    bt_775_uitleg: tuple[str, ...]  # one line per code: what it means and where it comes from


@dataclass(frozen=True, slots=True)
class SocialReturnAdvies:
    van_toepassing: bool | None  # None: cannot tell (value or soort unknown)
    uitleg: str
    drempel: int | None
    percentage: float | None
    bedrag: int | None
    werkwijze: str | None
    doelgroepen: tuple[str, ...]
    werkwijzen: tuple[str, ...]
    contact: str | None


@dataclass(frozen=True, slots=True)
class RolAdvies:
    rol: str
    besloten: bool
    uitleg: str
    contact: str


@dataclass(frozen=True, slots=True)
class Advies:
    id: str
    titel: str
    directie: str
    status: str
    publicatie: str  # "2025-Q1 (waarschijnlijk)", or "" when unknown
    peildatum: date
    themas: tuple[ThemaAdvies, ...]
    eforms: EformsAdvies
    social_return: SocialReturnAdvies
    deadline: date | None
    deadline_uitleg: str
    rol: RolAdvies
    open: tuple[str, ...]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _themes(t: Tender, kader: Kader, fired: list[tuple[Regel, list[str]]]) -> list[ThemaAdvies]:
    relevant = relevant_themes([r for r, _ in fired], kader)
    out = []
    for key, thema in kader.themas.items():
        stand = t.theme(key)
        if key not in relevant and stand != "ja":
            continue
        rules = [(r, why) for r, why in fired if key in r.themas]
        waarom = [f"{r.naam}: {', '.join(why)}" if why else r.naam for r, why in rules]
        if not rules:
            waarom.append("de directie vulde 'ja' in (geen regel van het kader van toepassing)")
        basis: dict[str, Grondslag] = {}
        for g in (*thema.grondslag, *(g for r, _ in rules for g in r.grondslag)):
            basis.setdefault(g.naam, g)
        out.append(
            ThemaAdvies(
                thema=key,
                naam=thema.naam,
                stand=stand,
                relevant=key in relevant,
                waarom=tuple(waarom),
                eisen=_unique(
                    (*thema.voorbeeld_eisen, *(e for r, _ in rules for e in r.eisen_voor(key)))
                ),
                grondslag=tuple(basis.values()),
                contact=kader.theme_contact(key),
                toelichting=t.reason(key),
            )
        )
    return out


def _bt_754(t: Tender, kader: Kader) -> tuple[str | None, str, str | None]:
    key = next((k for k, th in kader.themas.items() if th.eforms.bt_754), None)
    if key is None:
        return None, "het kader wijst geen thema aan voor BT-754 (toegankelijkheid)", None
    naam = kader.themas[key].naam
    stand = t.theme(key)
    if stand == "ja":
        return "inc", f"{BT754_LABELS['inc']} (thema {naam}: ja)", None
    if stand == "nee":
        reason = t.reason(key, own=True)
        return (
            "n-inc-just",
            f"{BT754_LABELS['n-inc-just']} (thema {naam}: nee); is de opdracht niet bedoeld "
            f"voor gebruik door personen, kies dan n-inc",
            reason,
        )
    return (
        None,
        f"thema {naam} staat open; ja wordt inc, nee wordt n-inc-just "
        f"(met de motivering als BT-755) of n-inc (niet bedoeld voor gebruik door personen)",
        None,
    )


def _social_return(t: Tender, kader: Kader, peildatum: date) -> SocialReturnAdvies:
    settings = kader.social_return
    drempel = social_return_due(t, kader, peildatum)
    if drempel is None:
        drempel_nu = kader.social_return_drempel(reference_date(t, peildatum))
    else:
        drempel_nu = drempel
    sr = t.social_return
    if sr is not None and active(t):
        bedrag = implied_amount(t)
        pct = percent(sr.percentage) if sr.percentage is not None else "percentage onbekend"
        return SocialReturnAdvies(
            True,
            f"afgesproken: {sr.werkwijze}, {pct}"
            + (f" van {euro(t.contractwaarde)} = {euro(bedrag)}" if bedrag is not None else ""),
            drempel_nu,
            sr.percentage,
            bedrag,
            sr.werkwijze,
            tuple(sr.doelgroepen),
            WERKWIJZEN,
            settings.contact,
        )
    if drempel is not None and t.contractwaarde is not None:
        bedrag = round(t.contractwaarde * settings.percentage / 100)
        return SocialReturnAdvies(
            True,
            f"verwacht: de waarde ({euro(t.contractwaarde)}) haalt de drempel "
            f"({euro(drempel)}); met {percent(settings.percentage)} is dat {euro(bedrag)}",
            drempel,
            settings.percentage,
            bedrag,
            None,
            (),
            WERKWIJZEN,
            settings.contact,
        )
    if t.soort is not None and t.soort not in settings.soorten:
        why = f"niet voor {t.soort} (alleen {', '.join(settings.soorten)})"
        applies: bool | None = False
    elif t.contractwaarde is None:
        why, applies = "niet te bepalen: de waarde is onbekend", None
    elif t.soort is None:
        why, applies = "niet te bepalen: de soort is onbekend", None
    elif drempel_nu is None:
        why, applies = "niet te bepalen: het kader heeft geen drempel voor deze periode", None
    else:
        why = f"niet nodig: de waarde ({euro(t.contractwaarde)}) ligt onder de drempel"
        why += f" ({euro(drempel_nu)})"
        applies = False
    return SocialReturnAdvies(
        applies, why, drempel_nu, None, None, None, (), WERKWIJZEN, settings.contact
    )


def _bt_775(
    t: Tender, kader: Kader, themas: list[ThemaAdvies], sr: SocialReturnAdvies
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Social objectives: of each relevant or chosen theme not set to nee, and of
    social return when it applies."""
    sources: dict[str, list[str]] = {}
    for ta in themas:
        if ta.stand != "nee":
            for code in kader.themas[ta.thema].eforms.bt_775:
                sources.setdefault(code, []).append(f"thema {ta.naam}")
    if sr.van_toepassing:
        for code in kader.social_return.eforms.bt_775:
            sources.setdefault(code, []).append("social return")
    codes = tuple(sources)
    lines = tuple(f"{c} ({BT775_LABELS[c]}): {', '.join(sources[c])}" for c in codes)
    return codes, lines


def _deadline(t: Tender, kader: Kader) -> tuple[date | None, str]:
    weeks = kader.triage.voorbereiding_weken
    start = t.publicatie.start if t.publicatie else None
    if start is None:
        return None, (
            f"publicatiedatum onbekend: de wensen en eisen staan {weeks} weken voor de "
            "publicatie vast"
        )
    day = start - timedelta(weeks=weeks)
    assert t.publicatie is not None
    when = t.publicatie.display()
    first = f", vanaf {start}" if t.publicatie.datum is None else ""
    return day, f"{weeks} weken voor de publicatie ({when}{first})"


def _rol(t: Tender, kader: Kader, decision: Decision | None) -> RolAdvies:
    team = kader.team.contact or kader.team.naam
    if t.status in FINISHED:
        return RolAdvies("geen", False, f"de aanbesteding is {t.status}", team)
    if decision is None:
        return RolAdvies("geen", False, "buiten de horizon van de triage: nog geen voorstel", team)
    role = decision.role
    if role == "aanschuiven":
        what = "het team schuift aan bij het opstellen van de wensen en eisen"
    elif role == "achtervang":
        what = (
            "de directie stelt de wensen en eisen zelf op met het handelingskader; het team "
            "is achtervang en helpt bij vragen"
        )
    else:
        what = "geen regel van het kader van toepassing; het team kijkt niet mee"
    if decision.decided:
        sinds = decision.ruling.record.datum if decision.ruling else None
        how = "besloten in het overleg" + (f" ({sinds})" if sinds else "")
    else:
        how = "voorstel van de triage, nog niet besloten in het overleg"
    return RolAdvies(role, decision.decided, f"{what} ({how})", team)


def _open(
    t: Tender,
    kader: Kader,
    peildatum: date,
    themas: list[ThemaAdvies],
    eforms: EformsAdvies,
    sr: SocialReturnAdvies,
    deadline: date | None,
) -> list[str]:
    out = []
    for ta in themas:
        if ta.stand == "open":
            out.append(f"{ta.naam}: kies ja (wensen en eisen opnemen) of nee met een toelichting")
        elif ta.stand == "nee" and not ta.toelichting:
            out.append(f"{ta.naam} staat op nee zonder toelichting: schrijf waarom")
    key = next((k for k, th in kader.themas.items() if th.eforms.bt_754), None)
    if key is not None and key not in {ta.thema for ta in themas}:
        stand = t.theme(key)
        naam = kader.themas[key].naam
        if stand == "open":
            out.append(
                f"{naam}: ook zonder regel van het kader hoort bij alles wat personen gebruiken "
                "een keuze (ja, of nee met motivering) — dat bepaalt BT-754"
            )
        elif stand == "nee" and not t.reason(key, own=True):
            out.append(f"{naam} staat op nee zonder eigen toelichting (nodig voor BT-755)")
    if sr.van_toepassing and t.social_return is None:
        out.append("social return: neem een afspraak op (traditioneel of maatwerk)")
    elif sr.van_toepassing is None:
        out.append(f"social return is {sr.uitleg}")
    if deadline is not None and deadline < peildatum and t.status in ("kalender", "voorbereiding"):
        out.append(f"de wensen en eisen hadden op {deadline} vast moeten staan: dat is voorbij")
    return out


def build(t: Tender, kader: Kader, peildatum: date, triage: Triage | None = None) -> Advies:
    """The advice for one tender. `triage` over all tenders gives the team's
    proposed role (capacity is shared); without it, the provisional role."""
    fired = explained_rules(t, kader)
    themas = _themes(t, kader, fired)
    decision = None
    if triage is not None:
        decision = next((d for d in triage.decisions if d.tender.id == t.id), None)
    elif not t.finished:
        decision = decide(t, kader, peildatum, Changes(), legacy_rulings([t], peildatum).get(t.id))
    sr = _social_return(t, kader, peildatum)
    bt_754, bt_754_uitleg, bt_755 = _bt_754(t, kader)
    bt_775, bt_775_uitleg = _bt_775(t, kader, themas, sr)
    eforms = EformsAdvies(bt_754, bt_754_uitleg, bt_755, bt_775, bt_775_uitleg)
    deadline, deadline_uitleg = _deadline(t, kader)
    pub = t.publicatie
    return Advies(
        id=t.id,
        titel=t.titel,
        directie=kader.resolve_directie(t.directie) or t.directie,
        status=t.status,
        publicatie=f"{pub.display()} ({pub.zekerheid})" if pub and pub.display() else "",
        peildatum=peildatum,
        themas=tuple(themas),
        eforms=eforms,
        social_return=sr,
        deadline=deadline,
        deadline_uitleg=deadline_uitleg,
        rol=_rol(t, kader, decision),
        open=tuple(_open(t, kader, peildatum, themas, eforms, sr, deadline)),
    )
