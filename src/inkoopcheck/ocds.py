"""The register's plan as open data: an OCDS 1.1 release package with one
planning release per open tender (status kalender or voorbereiding), with the
sustainability extension for the themes set to `ja` and for social return.

Pure: tenders, the kader and a date in, a dict out (cli.py writes it). Goals
come from the kader's BT-775 codes via the standard eForms-to-OCDS mapping
(eforms.BT775_TO_OCDS_GOAL). Strategies: a theme with `ja` means its wensen en
eisen are in the specifications (technicalSpecifications); social return is a
condition of performing the contract (contractPerformanceConditions).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from inkoopcheck import cpv
from inkoopcheck.eforms import BT775_TO_OCDS_GOAL
from inkoopcheck.kader import Kader, Organisatie
from inkoopcheck.models import NOT_YET_PUBLISHED, Tender

OCDS_VERSION = "1.1"
SUSTAINABILITY_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_sustainability_extension/master/extension.json"
)
CATEGORY: dict[str, str] = {
    "leveringen": "goods",
    "diensten": "services",
    "sociale-diensten": "services",
    "werken": "works",
}
THEME_STRATEGY = "technicalSpecifications"
SOCIAL_RETURN_STRATEGY = "contractPerformanceConditions"


class NoOrganisation(Exception):
    """kader.yaml has no `organisatie` section: no buyer and no ocid prefix."""


def _datetime(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def buyer(org: Organisatie) -> dict[str, Any]:
    """The municipality as an OCDS party; its id from the KvK number when known."""
    party: dict[str, Any] = {"name": org.naam}
    if org.identificatie:
        party["id"] = f"NL-KVK-{org.identificatie}"
        party["identifier"] = {"scheme": "NL-KVK", "id": org.identificatie, "legalName": org.naam}
    else:
        party["id"] = f"{org.ocid_prefix}-koper"
    return party


def _sustainability(t: Tender, kader: Kader) -> list[dict[str, Any]]:
    strategies: dict[str, list[str]] = {}
    for key, thema in kader.themas.items():
        if t.theme(key) == "ja":
            for code in thema.eforms.bt_775:
                strategies.setdefault(BT775_TO_OCDS_GOAL[code], []).append(THEME_STRATEGY)
    if t.social_return is not None:
        for code in kader.social_return.eforms.bt_775:
            strategies.setdefault(BT775_TO_OCDS_GOAL[code], []).append(SOCIAL_RETURN_STRATEGY)
    return [{"goal": goal, "strategies": list(dict.fromkeys(s))} for goal, s in strategies.items()]


def release(t: Tender, kader: Kader, org: Organisatie, day: date) -> dict[str, Any]:
    ocid = f"{org.ocid_prefix}-{t.id}"
    party = buyer(org)
    tender: dict[str, Any] = {"id": t.id, "title": t.titel, "status": "planned"}
    if t.soort is not None:
        tender["mainProcurementCategory"] = CATEGORY[t.soort]
    if t.contractwaarde is not None:
        tender["value"] = {"amount": t.contractwaarde, "currency": "EUR"}
    items = []
    for i, code in enumerate(t.cpv, start=1):
        full = cpv.complete(code)
        classification: dict[str, Any] = {"scheme": "CPV", "id": code[:8]}
        if full is not None and full in cpv.labels():
            classification["description"] = cpv.labels()[full]
        items.append({"id": str(i), "classification": classification})
    if items:
        tender["items"] = items
    start = t.publicatie.start if t.publicatie else None
    if start is not None:
        tender["tenderPeriod"] = {"startDate": _datetime(start)}
    goals = _sustainability(t, kader)
    if goals:
        tender["hasSustainability"] = True
        tender["sustainability"] = goals
    return {
        "ocid": ocid,
        "id": f"{ocid}-planning-{day.isoformat()}",
        "date": _datetime(day),
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "nl",
        "buyer": {"id": party["id"], "name": party["name"]},
        "parties": [{**party, "roles": ["buyer"]}],
        "tender": tender,
    }


def planned(tenders: Iterable[Tender]) -> list[Tender]:
    """The register's open tenders: not yet published, by id."""
    return sorted((t for t in tenders if t.status in NOT_YET_PUBLISHED), key=lambda t: t.id)


def release_package(
    tenders: Iterable[Tender], kader: Kader, day: date, uri: str | None = None
) -> dict[str, Any]:
    org = kader.organisatie
    if org is None:
        raise NoOrganisation
    return {
        "uri": uri or f"urn:inkoopcheck:{org.ocid_prefix}:plan:{day.isoformat()}",
        "version": OCDS_VERSION,
        "extensions": [SUSTAINABILITY_EXTENSION],
        "publishedDate": _datetime(day),
        "publisher": {"name": org.naam},
        "releases": [release(t, kader, org, day) for t in planned(tenders)],
    }
