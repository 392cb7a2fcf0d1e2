"""Personal data where a role belongs (IC307): the e-mail address of a person, or a
name after "contact" / "contactpersoon". The data repository is read by every
directie and its history keeps everything, so tenders and the kader name roles,
teams and team mailboxes only.

A heuristic, tuned to say too little rather than too much: an address counts as a
person's when its part before the @ is made of name-like words (``jan.jansen``,
``j.jansen``, ``p.de.vries``) none of which is a word of a role or team
(``inkoop.fysiek``, ``team.inclusie``) or of the kader (directies, themes). A team
mailbox that looks like a name anyway is listed under ``functieadressen`` in
kader.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TUSSENVOEGSELS = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "te", "het", "in", "op", "t", "d", "la", "le"}
)
# Words of roles, teams and mailboxes: an address or name with one of them is not a person.
_ROLE_WORDS = frozenset(
    [
        "aanbesteding",
        "aanbestedingen",
        "admin",
        "adviseur",
        "afdeling",
        "algemeen",
        "beheer",
        "bestuur",
        "bureau",
        "cluster",
        "contact",
        "contracten",
        "contractbeheer",
        "directie",
        "facilitair",
        "financien",
        "functie",
        "gemeente",
        "helpdesk",
        "inclusie",
        "inclusief",
        "info",
        "informatie",
        "inkoop",
        "inkopen",
        "inkoper",
        "juridisch",
        "loket",
        "mail",
        "monitoring",
        "noreply",
        "no",
        "reply",
        "post",
        "projecten",
        "project",
        "projectleider",
        "return",
        "secretariaat",
        "service",
        "servicedesk",
        "social",
        "sociaal",
        "stadsdeel",
        "support",
        "team",
        "toegankelijkheid",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NAME = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_INITIALS = r"(?:[A-Z]\.\s?)+"
_TUSSEN = r"(?:(?:van|de|der|den|ter|ten|te|het|in 't|op)\s+)*"
_CONTACT_NAME = re.compile(
    r"(?i:\b(contact(?:persoon|personen)?)\b)\s*(?::|-|—|is)?\s*"
    r"(?:(?i:de heer|mevrouw|dhr\.|mw\.)\s+)?"
    rf"((?:{_NAME}\s+|{_INITIALS}){_TUSSEN}{_NAME})"
)


@dataclass(frozen=True, slots=True)
class Personal:
    """Something in a text that looks like a person: `what` is the address or
    name as written; `after` the word it followed ("contactpersoon"), or None
    for an e-mail address."""

    what: str
    after: str | None


def role_words(names: Iterable[str]) -> frozenset[str]:
    """The words of the kader's own names (directies, slugs, themes, teams): they
    make an address a team's, not a person's."""
    return frozenset(
        w
        for n in names
        for w in re.split(r"[\W_]+", n.casefold())
        if len(w) > 2 and w not in _TUSSENVOEGSELS
    )


def personal_address(
    address: str, known: Iterable[str] = (), words: frozenset[str] = frozenset()
) -> bool:
    """Whether `address` looks like a person's e-mail address."""
    if address.casefold() in {k.casefold() for k in known}:
        return False
    local = address.split("@", 1)[0].casefold()
    parts = re.split(r"[._]", local)
    if len(parts) < 2 or not all(_WORD.fullmatch(p) for p in parts):
        return False  # inkoop-bv@, jjansen@, kamer12@: a role, or nothing we can tell
    pieces = {w for p in parts for w in p.split("-")}
    if pieces & (_ROLE_WORDS | words):
        return False
    names = [p for p in parts if p not in _TUSSENVOEGSELS]
    return len(names) >= 2


def find_personal(
    text: str, known: Iterable[str] = (), words: frozenset[str] = frozenset()
) -> list[Personal]:
    """Every e-mail address of a person and every name after "contact(persoon)"
    in `text`, in order. `known`: team mailboxes of the kader (never a person);
    `words`: the kader's own names (see role_words)."""
    known = list(known)
    found: list[tuple[int, Personal]] = []
    for m in _EMAIL.finditer(text):
        if personal_address(m.group(0), known, words):
            found.append((m.start(), Personal(m.group(0), None)))
    for m in _CONTACT_NAME.finditer(text):
        name = m.group(2)
        lowered = {w.casefold().strip(".") for w in name.split()}
        if lowered & (_ROLE_WORDS | words):
            continue  # "contact Bureau Inclusie", "contactpersoon Directie Inkoop"
        found.append((m.start(), Personal(name, m.group(1).lower())))
    return [p for _, p in sorted(found, key=lambda x: x[0])]
