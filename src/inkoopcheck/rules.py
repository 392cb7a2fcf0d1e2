"""The handelingskader's rules applied to a tender: which rules match, and so
which themes are relevant. Used by the checks and by triage alike."""

from __future__ import annotations

from inkoopcheck.fmt import euro
from inkoopcheck.kader import Kader, Regel, normalise
from inkoopcheck.models import Tender


def searchable(tender: Tender) -> str:
    """Where trefwoorden are looked for: titel and opmerkingen, case-folded."""
    return f"{tender.titel}\n{tender.opmerkingen or ''}".casefold()


def evaluate(
    regel: Regel, tender: Tender, kader: Kader, text: str | None = None, *, explain: bool = False
) -> list[str] | None:
    """None when the rule does not match; else, with `explain`, each condition that
    holds in words ("trefwoord 'arbo' in titel of opmerkingen"), else []. The one
    rule matcher: triage, the checks and `advies` all come here. All conditions
    must hold; within a list, any item will do. `text` is searchable(tender),
    passed in when matching many rules."""
    als = regel.als
    why: list[str] = []
    if als.personeel is not None:
        if tender.personeel is not als.personeel:
            return None
        if explain:
            why.append(f"'personeel: {'ja' if als.personeel else 'nee'}' ingevuld")
    if als.cpv:
        hit = next((c for c in tender.cpv for p in als.cpv if c.startswith(p)), None)
        if hit is None:
            return None
        if explain:
            prefixes = [p for p in als.cpv if hit.startswith(p)]
            why.append(f"CPV-code {hit} begint met {prefixes[0]}")
    if als.trefwoorden:
        text = searchable(tender) if text is None else text
        word = next((w for w in als.trefwoorden if w.casefold() in text), None)
        if word is None:
            return None
        if explain:
            why.append(f"'{word}' staat in de titel of de opmerkingen")
    if als.soort:
        if tender.soort not in als.soort:
            return None
        if explain:
            why.append(f"soort {tender.soort}")
    if als.directie:
        own = kader.resolve_directie(tender.directie) or normalise(tender.directie)
        wanted = {kader.resolve_directie(d) or normalise(d) for d in als.directie}
        if own not in wanted:
            return None
        if explain:
            why.append(f"directie {own}")
    if als.min_waarde is not None:
        if tender.contractwaarde is None or tender.contractwaarde < als.min_waarde:
            return None
        if explain:
            why.append(f"waarde {euro(tender.contractwaarde)} vanaf {euro(als.min_waarde)}")
    return why


def matches(regel: Regel, tender: Tender, kader: Kader, text: str | None = None) -> bool:
    return evaluate(regel, tender, kader, text) is not None


def matching_rules(tender: Tender, kader: Kader) -> list[Regel]:
    text = searchable(tender)
    return [r for r in kader.regels if matches(r, tender, kader, text)]


def explained_rules(tender: Tender, kader: Kader) -> list[tuple[Regel, list[str]]]:
    """The matching rules, each with why it matches in words."""
    text = searchable(tender)
    out = []
    for r in kader.regels:
        why = evaluate(r, tender, kader, text, explain=True)
        if why is not None:
            out.append((r, why))
    return out


def relevant_themes(rules: list[Regel], kader: Kader) -> list[str]:
    """Themes made relevant by `rules`, in the kader's order."""
    wanted = {t for r in rules for t in r.themas}
    return [t for t in kader.themas if t in wanted]
