"""Check: pure functions from loaded files and the kader to findings.

Three kinds: the kader's own consistency, each tender against the kader (and
the CPV list, the thresholds, the calendar), and what only shows across files
(the same id twice).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from inkoopcheck import cpv
from inkoopcheck.findings import Finding
from inkoopcheck.fmt import display_path, euro
from inkoopcheck.kader import Kader, normalise
from inkoopcheck.loader import FileResult, KaderResult
from inkoopcheck.models import ID_PATTERN, Tender
from inkoopcheck.names import did_you_mean, suggest
from inkoopcheck.personal import Personal, find_personal, role_words
from inkoopcheck.rules import matching_rules, relevant_themes
from inkoopcheck.thresholds import assess, reference_date, social_return_due
from inkoopcheck.timing import in_horizon, overdue


def check_kader(result: KaderResult) -> list[Finding]:
    kader = result.kader
    if kader is None:
        return []
    at = result.where
    out: list[Finding] = []
    seen_names: dict[str, str] = {}
    seen_slugs: dict[str, str] = {}
    for canonical, d in kader.directies.items():
        for i, name in enumerate((canonical, *d.aliassen)):
            key = normalise(name)
            other = seen_names.get(key)
            loc = (
                ("directies", canonical) if i == 0 else ("directies", canonical, "aliassen", i - 1)
            )
            if other is not None and other != canonical:
                out.append(
                    at.finding(
                        loc,
                        "IC403",
                        f"'{name}' hoort al bij directie '{other}'",
                        "Een naam of alias mag maar bij één directie horen.",
                    )
                )
            seen_names.setdefault(key, canonical)
        if d.slug in seen_slugs:
            out.append(
                at.finding(
                    ("directies", canonical, "slug"),
                    "IC404",
                    f"map '{d.slug}' hoort al bij directie '{seen_slugs[d.slug]}'",
                )
            )
        seen_slugs.setdefault(d.slug, canonical)
    seen_lb: set[str] = set()
    for i, lb in enumerate(kader.leadbuyers):
        if normalise(lb) in seen_lb:
            out.append(
                at.finding(("leadbuyers", i), "IC407", f"leadbuyer '{lb}' staat er twee keer")
            )
        seen_lb.add(normalise(lb))
    periods = sorted(enumerate(kader.drempels), key=lambda p: p[1].vanaf)
    for i, period in periods:
        if period.tot < period.vanaf:
            out.append(
                at.finding(
                    ("drempels", i, "tot"),
                    "IC402",
                    f"drempelperiode eindigt ({period.tot}) voor ze begint ({period.vanaf})",
                )
            )
    for (_, a), (j, b) in itertools.pairwise(periods):
        if b.vanaf <= a.tot:
            out.append(
                at.finding(
                    ("drempels", j, "vanaf"),
                    "IC402",
                    f"drempelperiode vanaf {b.vanaf} overlapt met de periode {a.vanaf} tot {a.tot}",
                    "Laat elke periode beginnen na het einde van de vorige.",
                )
            )
    seen_rules: set[str] = set()
    for i, regel in enumerate(kader.regels):
        if regel.id in seen_rules:
            out.append(at.finding(("regels", i, "id"), "IC406", f"regel-id '{regel.id}' is dubbel"))
        seen_rules.add(regel.id)
        for j, thema in enumerate(regel.themas):
            if thema not in kader.themas:
                out.append(
                    at.finding(
                        ("regels", i, "themas", j),
                        "IC401",
                        f"regel '{regel.id}' noemt onbekend thema '{thema}'"
                        + suggest(thema, kader.themas),
                        "Thema's: " + ", ".join(kader.themas) + ".",
                    )
                )
        if isinstance(regel.eisen, dict):
            for thema in regel.eisen:
                if thema not in regel.themas:
                    out.append(
                        at.finding(
                            ("regels", i, "eisen", thema),
                            "IC401",
                            f"regel '{regel.id}' geeft eisen voor thema '{thema}', maar "
                            "dat thema staat niet onder haar 'themas'",
                            "Thema's van deze regel: " + ", ".join(regel.themas) + ".",
                        )
                    )
        for j, name in enumerate(regel.als.directie):
            if kader.resolve_directie(name) is None:
                out.append(
                    at.finding(
                        ("regels", i, "als", "directie", j),
                        "IC405",
                        f"regel '{regel.id}' noemt onbekende directie '{name}'",
                    )
                )
    bt_754 = [key for key, t in kader.themas.items() if t.eforms.bt_754]
    for key in bt_754[1:]:
        out.append(
            at.finding(
                ("themas", key, "eforms", "bt_754"),
                "IC408",
                f"thema '{key}' bepaalt BT-754, maar thema '{bt_754[0]}' doet dat al",
                "Zet 'bt_754: true' bij één thema: het thema over toegankelijkheid.",
            )
        )
    contacts: list[tuple[tuple[str, ...], str | None]] = [
        (("themas", k, "contact"), t.contact) for k, t in kader.themas.items()
    ]
    contacts += [
        (("social_return", "contact"), kader.social_return.contact),
        (("team", "contact"), kader.team.contact),
    ]
    for where, contact in contacts:
        if contact is not None and _personal(f"contact: {contact}", kader):
            out.append(
                at.finding(
                    where,
                    "IC307",
                    f"contact '{contact}' lijkt een persoonlijk adres",
                    "Gebruik een functie- of teamadres, of de naam van het team.",
                )
            )
    missing = [
        k
        for k in ("zeker", "waarschijnlijk", "onzeker", "zeer-onzeker")
        if k not in kader.triage.zekerheid
    ]
    if missing:
        out.append(
            at.finding(
                ("triage", "zekerheid"),
                "IC101",
                "triage.zekerheid mist " + ", ".join(missing),
                "Geef een factor voor alle vier: zeker, waarschijnlijk, onzeker, zeer-onzeker.",
            )
        )
    return out


def _folder_slug(path: Path, tenders_dir: Path | None) -> str | None:
    """The directie folder a file stands in: '' directly in tenders/ (in no
    directie's folder), None outside tenders/ (a file named on the command line)."""
    if tenders_dir is None:
        return None
    prefix = os.fspath(tenders_dir) + os.sep
    text = os.fspath(path)
    if not text.startswith(prefix):
        return None
    parts = text[len(prefix) :].split(os.sep)
    return parts[0] if len(parts) > 1 else ""


def check_tender(
    result: FileResult, kader: Kader, peildatum: date, tenders_dir: Path | None
) -> Iterator[Finding]:
    t = result.tender
    if t is None:
        return
    at = result.where
    stem = result.path.name.removesuffix(".yaml")
    if t.id != stem:
        fix = f"Hernoem het bestand naar {t.id}.yaml"
        if re.fullmatch(ID_PATTERN, stem):
            fix += f", of zet 'id: {stem}'"
        yield at.finding(
            ("id",),
            "IC204",
            f"id '{t.id}' is niet gelijk aan de bestandsnaam '{display_path(result.path.name)}'",
            fix + ".",
        )
    canonical = kader.resolve_directie(t.directie)
    if canonical is None:
        yield at.finding(
            ("directie",),
            "IC201",
            f"onbekende directie '{t.directie}'" + suggest(t.directie, kader.directie_names()),
            "Gebruik een directie uit kader.yaml: " + ", ".join(kader.directies) + ".",
        )
    else:
        folder = _folder_slug(result.path, tenders_dir)
        slug = kader.directies[canonical].slug
        if folder == "":
            yield at.finding(
                ("directie",),
                "IC205",
                "het bestand staat direct in tenders/, niet in de map van een directie",
                f"Zet het bestand in tenders/{slug}/ zodat {canonical} de wijziging goedkeurt.",
            )
        elif folder is not None and folder != slug:
            owner = next((n for n, d in kader.directies.items() if d.slug == folder), None)
            where = f"de map van {owner}" if owner else f"map '{folder}'"
            yield at.finding(
                ("directie",),
                "IC205",
                f"directie '{t.directie}' staat in {where}",
                f"Zet het bestand in tenders/{slug}/ zodat {canonical} de wijziging "
                "goedkeurt, of pas de directie aan.",
            )
    if t.leadbuyer is not None and kader.resolve_leadbuyer(t.leadbuyer) is None:
        yield at.finding(
            ("leadbuyer",),
            "IC203",
            f"onbekende leadbuyer '{t.leadbuyer}'" + suggest(t.leadbuyer, kader.leadbuyers),
            "Leadbuyers: " + ", ".join(kader.leadbuyers) + ".",
        )
    for key in t.themas:
        if key not in kader.themas:
            yield at.finding(
                ("themas", key),
                "IC202",
                f"onbekend thema '{key}'" + suggest(key, kader.themas),
                "Thema's: " + ", ".join(kader.themas) + ".",
            )
    if isinstance(t.toelichting, dict):
        for key in t.toelichting:
            if key not in kader.themas:
                guess = did_you_mean(key, kader.themas)
                yield at.finding(
                    ("toelichting", key),
                    "IC202",
                    f"toelichting bij onbekend thema '{key}'"
                    + (f" — bedoel je '{guess}'?" if guess else ""),
                    "Thema's: " + ", ".join(kader.themas) + ".",
                )
    for i, code in enumerate(t.cpv):
        if cpv.complete(code) is None:
            full = cpv.codes().get(code[:8])
            if full is not None:
                yield at.finding(
                    ("cpv", i),
                    "IC208",
                    f"CPV-code '{code}' heeft een verkeerd controlecijfer — bedoel je '{full}'?",
                )
            else:
                yield at.finding(
                    ("cpv", i),
                    "IC208",
                    f"CPV-code '{code}' bestaat niet",
                    "Zoek de code op in de CPV-lijst (CPV 2008).",
                )
    hits = _personal(f"contact: {t.contact}", kader) if t.contact is not None else []
    if hits:
        what = "een persoonlijk adres" if hits[0].after is None else "de naam van een persoon"
        yield at.finding(
            ("contact",),
            "IC307",
            f"contact '{t.contact}' lijkt {what}",
            "Gebruik een functie- of teamadres, zoals inkoop-bv@example.nl.",
        )
    if t.betrokkenheid is not None:
        b = t.betrokkenheid
        yield at.finding(
            ("betrokkenheid",),
            "IC508",
            f"de rol van het team ({b.rol}) staat in het aanbestedingsbestand; die hoort in "
            "data/overleg/",
            f"Leg het besluit vast met 'inkoopcheck besluit {t.id} {b.rol}"
            + (f" --datum {b.sinds}" if b.sinds else "")
            + "' en haal 'betrokkenheid' uit dit bestand. Tot dan telt de rol hier nog mee.",
        )
    yield from _personal_in_text(result, t, kader)
    yield from _threshold_findings(result, t, kader, peildatum)
    yield from _social_return_findings(result, t, kader, peildatum)
    if not t.finished:
        yield from _advice(result, t, kader, peildatum)


# The kader's mailboxes and words for IC307, gathered once per kader: every file
# of a run is checked against the same kader (a memo on identity, holding it).
_personal_memo: tuple[Kader, list[str], frozenset[str]] | None = None


def _personal(text: str, kader: Kader) -> list[Personal]:
    """Personal data in `text` (IC307); the kader's names are only gathered when
    the text could hold any."""
    global _personal_memo
    if "@" not in text and "contact" not in text.casefold():
        return []
    if _personal_memo is None or _personal_memo[0] is not kader:
        names = [*kader.directie_names(), *(d.slug for d in kader.directies.values())]
        names += [kader.team.naam, *kader.themas, *(t.naam for t in kader.themas.values())]
        known = [*kader.functieadressen, *(c for c in (kader.team.contact,) if c)]
        _personal_memo = (kader, known, role_words(names))
    _, known, words = _personal_memo
    return find_personal(text, known, words)


_FREE_TEXT: tuple[str, ...] = ("titel", "opmerkingen", "bron")


def _personal_in_text(result: FileResult, t: Tender, kader: Kader) -> Iterator[Finding]:
    """A person's e-mail address or name in the free text of a tender (IC307)."""
    texts: list[tuple[tuple[str, ...], str, str | None]] = [
        ((name,), name, getattr(t, name)) for name in _FREE_TEXT
    ]
    if isinstance(t.toelichting, dict):
        texts += [(("toelichting", k), f"toelichting {k}", v) for k, v in t.toelichting.items()]
    else:
        texts.append((("toelichting",), "toelichting", t.toelichting))
    for where, label, text in texts:
        for p in _personal(text or "", kader):
            if p.after is None:
                message = f"{label} noemt '{p.what}': dat lijkt het e-mailadres van een persoon"
                hint = (
                    "Gebruik een functie- of teamadres, zoals inkoop-bv@example.nl. Is dit "
                    "een teamadres, zet het dan onder 'functieadressen' in kader.yaml."
                )
            else:
                message = (
                    f"{label} noemt '{p.what}' als {p.after}: dat lijkt de naam van een persoon"
                )
                hint = (
                    "Noem een rol, een team of een functieadres in plaats van een naam: de "
                    "datarepository is voor alle directies leesbaar en vergeet niets."
                )
            yield result.where.finding(where, "IC307", message, hint)


def _threshold_findings(
    result: FileResult, t: Tender, kader: Kader, peildatum: date
) -> Iterator[Finding]:
    at = result.where
    a = assess(t, kader, peildatum)
    day = reference_date(t, peildatum)
    if not t.finished and t.soort is not None and kader.drempel_op(day) is None:
        yield at.finding(
            ("publicatie",),
            "IC311",
            f"kader.yaml heeft geen Europese drempel voor {day.isoformat()}",
            "Vraag het team de drempels voor die periode aan kader.yaml toe te voegen; tot dan "
            "zijn procedure en social return niet te controleren.",
        )
    if (
        a.drempel is not None
        and t.contractwaarde is not None
        and t.procedure is not None
        and t.procedure != "europees"
        and t.contractwaarde >= a.drempel
    ):
        yield at.finding(
            ("procedure",),
            "IC207",
            f"procedure '{t.procedure}' terwijl de waarde ({euro(t.contractwaarde)}) "
            f"boven de Europese drempel voor {t.soort} ligt ({euro(a.drempel)})",
            "Boven de drempel is Europees aanbesteden verplicht: zet "
            "'procedure: europees', of controleer waarde en soort.",
        )
    if a.net_onder and not t.finished and a.drempel is not None:
        yield at.finding(
            ("contractwaarde",),
            "IC306",
            f"de waarde ({euro(t.contractwaarde)}) ligt net onder de Europese drempel "
            f"voor {t.soort} ({euro(a.drempel)}, {a.aandeel} %)",
            "Controleer de raming: opdelen of te laag ramen om onder de drempel te "
            "blijven mag niet.",
        )


def _social_return_findings(
    result: FileResult, t: Tender, kader: Kader, peildatum: date
) -> Iterator[Finding]:
    at = result.where
    sr = t.social_return
    settings = kader.social_return
    drempel = social_return_due(t, kader, peildatum)
    if sr is None:
        if not t.finished and drempel is not None and t.contractwaarde is not None:
            yield at.finding(
                ("contractwaarde",),
                "IC305",
                f"geen social return bij een waarde van {euro(t.contractwaarde)} "
                f"(drempel {euro(drempel)})",
                f"Voeg 'social_return:' toe, bijvoorbeeld met 'percentage: "
                f"{settings.percentage:g}' en 'werkwijze: traditioneel' of 'maatwerk'.",
            )
        return
    known = {normalise(d): d for d in settings.doelgroepen}
    if known:
        for i, groep in enumerate(sr.doelgroepen):
            if normalise(groep) not in known:
                yield at.finding(
                    ("social_return", "doelgroepen", i),
                    "IC209",
                    f"onbekende doelgroep '{groep}'" + suggest(groep, known.values()),
                    "Bekende doelgroepen: " + ", ".join(known.values()) + ".",
                )
    if sr.werkwijze == "maatwerk" and sr.voorstel == "geaccepteerd" and sr.evaluatie is None:
        yield at.finding(
            ("social_return",),
            "IC308",
            "de proeftuin (Maatwerk voor Mensen) is geaccepteerd maar heeft geen evaluatiedatum",
            "Zet 'evaluatie: JJJJ-MM-DD': na een jaar wordt de ambitie bijgesteld.",
        )
    if (
        sr.gestart is not None
        and sr.evaluatie is not None
        and (sr.evaluatie > _one_year_after(sr.gestart))
    ):
        yield at.finding(
            ("social_return", "evaluatie"),
            "IC309",
            f"de evaluatie ({sr.evaluatie}) ligt meer dan een jaar na de start ({sr.gestart})",
            "Evalueer de proeftuin uiterlijk een jaar na de start.",
        )


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)


def _advice(result: FileResult, t: Tender, kader: Kader, peildatum: date) -> Iterator[Finding]:
    at = result.where
    horizon = in_horizon(t, peildatum, kader)
    if overdue(t, peildatum):
        assert t.publicatie is not None
        yield at.finding(
            ("status",),
            "IC304",
            f"publicatie ({t.publicatie.display()}) is voorbij maar de status is nog '{t.status}'",
            "Werk de status bij (gepubliceerd, gegund, ingetrokken) of schuif de publicatie op.",
        )
    elif (
        horizon
        and t.contractwaarde is None
        and t.publicatie is not None
        and (t.publicatie.start is not None)
    ):
        yield at.finding(
            ("contractwaarde",),
            "IC301",
            f"de waarde is onbekend terwijl de publicatie binnen "
            f"{kader.triage.horizon_maanden} maanden valt ({t.publicatie.display()})",
            "Geef een schatting in hele euro's; zonder waarde zijn drempel en "
            "social return niet te bepalen.",
        )
    if t.procedure is None and t.soort is None and horizon:
        yield at.finding(
            ("soort",),
            "IC310",
            "soort ontbreekt, dus de Europese drempel is niet te bepalen",
            "Vul 'soort:' in: leveringen, diensten, werken of sociale-diensten.",
        )
    rules = matching_rules(t, kader)
    for theme in relevant_themes(rules, kader):
        stand = t.theme(theme)
        why = ", ".join(r.naam for r in rules if theme in r.themas)
        naam = kader.themas[theme].naam
        loc = ("themas", theme) if theme in t.themas else ("themas",)
        if stand == "open" and horizon:
            yield at.finding(
                loc,
                "IC302",
                f"thema {naam} is relevant ({why}) maar nog open",
                "Neem wensen of eisen op (ja) of leg uit waarom niet (nee + toelichting).",
            )
        elif stand == "nee" and not t.reason(theme) and not _needs_reason(kader, theme):
            yield at.finding(
                loc,
                "IC303",
                f"thema {naam} is relevant ({why}) maar staat op nee zonder toelichting",
                f"Leg uit waarom dit thema niet wordt meegenomen, onder 'toelichting:' "
                f"met '{theme}: ...'.",
            )
    for theme, stand in t.themas.items():
        if stand == "nee" and _needs_reason(kader, theme) and not t.reason(theme, own=True):
            basis = next(g for g in kader.themas[theme].grondslag if g.nee_motiveren)
            yield at.finding(
                ("themas", theme),
                "IC312",
                f"thema {kader.themas[theme].naam} staat op nee zonder eigen toelichting; "
                f"dat mag alleen gemotiveerd ({basis.naam})",
                f"Neem de eisen op (ja), of schrijf de motivering onder 'toelichting:' met "
                f"'{theme}: ...' (die komt ook op de aankondiging). Zie "
                f"'inkoopcheck advies {t.id}'.",
            )


def _needs_reason(kader: Kader, theme: str) -> bool:
    """A `nee` on this theme is only lawful with its own reason (kader: grondslag
    with nee_motiveren)."""
    t = kader.themas.get(theme)
    return t is not None and any(g.nee_motiveren for g in t.grondslag)
