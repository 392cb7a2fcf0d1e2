"""The handelingskader's rules applied to a tender: which rules match, and so
which themes are relevant. Used by the checks and by triage alike."""

from __future__ import annotations

from inkoopcheck.kader import Kader, Regel, normalise
from inkoopcheck.models import Tender


def matches(regel: Regel, tender: Tender, kader: Kader) -> bool:
    """All conditions must hold; within a list, any item will do."""
    als = regel.als
    if als.personeel is not None and tender.personeel is not als.personeel:
        return False
    if als.cpv and not any(code.startswith(p) for code in tender.cpv for p in als.cpv):
        return False
    if als.trefwoorden:
        text = f"{tender.titel}\n{tender.opmerkingen or ''}".casefold()
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
    return [r for r in kader.regels if matches(r, tender, kader)]


def relevant_themes(rules: list[Regel], kader: Kader) -> list[str]:
    """Themes made relevant by `rules`, in the kader's order."""
    wanted = {t for r in rules for t in r.themas}
    return [t for t in kader.themas if t in wanted]
