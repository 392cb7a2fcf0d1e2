"""Deadlines where people look: the tenders' dates as an iCalendar file (RFC 5545,
made with the `icalendar` package). Pure: tenders, the triage, their history
and the kader go in, bytes come out.

Per tender where the team or the directie has work (a rule of the kader
applies, or the overleg decided a role): "Wensen en eisen vast" at the
publication minus `voorbereiding_weken`, and the expected publication; per
tender with a social-return evaluation date, that evaluation. All-day events
(dates without a time, so the same day in every time zone; the calendar says
Europe/Amsterdam).

- A publication known as a quarter is one event over the whole quarter, and
  the wensen-en-eisen date counts back from the quarter's first day (the
  latest safe day), saying so: no false exact date.
- UID: `<tender id>.<kind>@<organisation>`: the same tender and kind keep the
  same UID, so importing the file again updates the event instead of adding one.
- SEQUENCE: how many times the event's date moved in the git history of the
  tender file (plus one when the working copy moved it again). It is derived,
  not stored: no state beside the data, the same answer on every machine, and it
  only rises, as RFC 5545 asks. Without git history it is 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from inkoopcheck.kader import Kader
from inkoopcheck.models import NOT_YET_PUBLISHED, Tender
from inkoopcheck.rules import matching_rules, relevant_themes
from inkoopcheck.triage import Decision

TIMEZONE = "Europe/Amsterdam"
KINDS = ("wensen-en-eisen", "publicatie", "evaluatie-social-return")


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    kind: str
    tender: Tender
    summary: str
    start: date
    end: date  # exclusive, as iCalendar wants it for all-day events
    sequence: int
    description: str


Span = tuple[date, date]  # first day, day after the last


def spans(t: Tender, kader: Kader) -> dict[str, Span]:
    """The dates of each kind of event of one tender (kinds without a date are absent)."""
    out: dict[str, Span] = {}
    pub = t.publicatie
    if t.status in NOT_YET_PUBLISHED and pub is not None and pub.start and pub.end:
        ready = pub.start - timedelta(weeks=kader.triage.voorbereiding_weken)
        out["wensen-en-eisen"] = (ready, ready + timedelta(days=1))
        out["publicatie"] = (pub.start, pub.end + timedelta(days=1))
    sr = t.social_return
    if sr is not None and sr.evaluatie is not None and t.status != "ingetrokken":
        out["evaluatie-social-return"] = (sr.evaluatie, sr.evaluatie + timedelta(days=1))
    return out


def sequence(kind: str, history: Sequence[Tender], current: Tender, kader: Kader) -> int:
    """How often this event's date moved: over the committed versions and then
    the working copy, counting each change between two known dates."""
    seen: list[Span] = []
    for version in [*history, current]:
        span = spans(version, kader).get(kind)
        if span is not None and (not seen or seen[-1] != span):
            seen.append(span)
    return max(0, len(seen) - 1)


def _role_line(t: Tender, decision: Decision | None) -> str:
    if decision is None:
        return "Rol van het team: nog niet bepaald (buiten de horizon van de triage)"
    if decision.decided and decision.ruling is not None:
        when = decision.ruling.record.datum
        at = f" van {when}" if when else ""
        return f"Rol van het team: {decision.role} (besloten in het overleg{at})"
    return f"Rol van het team: {decision.role} (voorstel van de triage)"


def events(
    tenders: Iterable[Tender],
    kader: Kader,
    decisions: Mapping[str, Decision],
    history: Mapping[str, Sequence[Tender]],
    paths: Mapping[str, str],
    *,
    directie: str | None = None,
    organisation: str = "inkoopcheck",
) -> list[CalendarEvent]:
    """Every event, sorted by date. `decisions`: the triage per tender id;
    `history`: the committed versions per id (history.committed_versions);
    `paths`: the file of each tender as people see it."""
    out: list[CalendarEvent] = []
    for t in tenders:
        canonical = kader.resolve_directie(t.directie) or t.directie
        if directie is not None and canonical != directie:
            continue
        decision = decisions.get(t.id)
        rules = matching_rules(t, kader)
        themes = relevant_themes(rules, kader)
        work = bool(rules) or (
            decision is not None and decision.decided and decision.role != "geen"
        )
        pub = t.publicatie.display() if t.publicatie else ""
        quarter = t.publicatie is not None and t.publicatie.datum is None
        lines = [
            _role_line(t, decision),
            "Relevante thema's: "
            + (", ".join(kader.themas[k].naam for k in themes if k in kader.themas) or "geen"),
            f"Directie: {canonical}",
            f"Bestand: {paths.get(t.id, t.id)}",
        ]
        for kind, (start, end) in spans(t, kader).items():
            if kind != "evaluatie-social-return" and not work:
                continue
            if kind == "wensen-en-eisen":
                summary = f"Wensen en eisen vast: {t.titel}"
                why = f"{kader.triage.voorbereiding_weken} weken voor de publicatie ({pub}" + (
                    "; alleen het kwartaal is bekend, dus uiterlijk deze dag)" if quarter else ")"
                )
            elif kind == "publicatie":
                summary = f"Publicatie verwacht{f' ({pub})' if quarter else ''}: {t.titel}"
                why = (
                    f"ergens in {pub} (alleen het kwartaal is bekend)"
                    if quarter
                    else f"verwacht op {pub}"
                )
            else:
                summary = f"Evaluatie social return: {t.titel}"
                why = "evaluatie van de afspraken over social return"
            out.append(
                CalendarEvent(
                    f"{t.id}.{kind}@{organisation}",
                    kind,
                    t,
                    summary,
                    start,
                    end,
                    sequence(kind, history.get(t.id, ()), t, kader),
                    "\n".join([why[0].upper() + why[1:] + ".", *lines]),
                )
            )
    out.sort(key=lambda e: (e.start, e.tender.id, KINDS.index(e.kind)))
    return out


def calendar(evs: Sequence[CalendarEvent], name: str, stamp: datetime | None = None) -> bytes:
    """The iCalendar file. `stamp` (DTSTAMP, when the file was made) defaults to now."""
    from icalendar import Calendar, Event

    made = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//inkoopcheck//inclusief inkopen//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIMEZONE)
    for e in evs:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", made)
        ev.add("dtstart", e.start)
        ev.add("dtend", e.end)
        ev.add("summary", e.summary)
        ev.add("description", e.description)
        ev.add("sequence", e.sequence)
        ev.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it blocks no time
        ev.add("categories", ["Inclusief inkopen", e.kind])
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data
