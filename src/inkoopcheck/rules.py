"""The handelingskader's rules applied to a tender: which rules match, and so
which themes are relevant. Used by the checks and by triage alike."""

from __future__ import annotations

from inkoopcheck.kader import Kader, Regel, normalise
from inkoopcheck.models import Tender


def searchable(tender: Tender) -> str:
    """Where trefwoorden are looked for: titel and opmerkingen, case-folded."""
    return f"{tender.titel}\n{tender.opmerkingen or ''}".casefold()


def matches(regel: Regel, tender: Tender, kader: Kader, text: str | None = None) -> bool:
    """All conditions must hold; within a list, any item will do. `text` is
    searchable(tender), passed in when matching many rules."""
    als = regel.als
    if als.personeel is not None and tender.personeel is not als.personeel:
        return False
    if als.cpv and not any(code.startswith(p) for code in tender.cpv for p in als.cpv):
        return False
    if als.trefwoorden:
        text = searchable(tender) if text is None else text
        if not any(word.casefold() in text for word in als.trefwoorden):
            return False
    if als.soort and tender.soort not in als.soort:
        return False
    if als.directie:
        own = kader.resolve_directie(tender.directie) or normalise(tender.directie)
        wanted = {kader.resolve_directie(d) or normalise(d) for d in als.directie}
        if own not in wanted:
            return False
    return als.min_waarde is None or (
        tender.contractwaarde is not None and tender.contractwaarde >= als.min_waarde
    )


def matching_rules(tender: Tender, kader: Kader) -> list[Regel]:
    text = searchable(tender)
    return [r for r in kader.regels if matches(r, tender, kader, text)]


def relevant_themes(rules: list[Regel], kader: Kader) -> list[str]:
    """Themes made relevant by `rules`, in the kader's order."""
    wanted = {t for r in rules for t in r.themas}
    return [t for t in kader.themas if t in wanted]
