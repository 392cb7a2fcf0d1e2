"""The handelingskader as a readable document for directies, made only from
kader.yaml (so it is never out of date): themes with example requirements,
legal basis and contacts, the rules in plain words, EU thresholds, social return
and the triage settings. Pure: a Kader in, a neutral document out; the
renderers (render/kaderdoc.py) write it as Markdown or self-contained HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inkoopcheck.eforms import BT775_LABELS
from inkoopcheck.fmt import decimal, euro, percent
from inkoopcheck.kader import Grondslag, Kader, Regel, normalise

Block = tuple[str, object]  # ("p", str) | ("ul", list[str]) | ("table", (headers, rows))


@dataclass(slots=True)
class Section:
    id: str  # anchor, unique in the document
    title: str
    blocks: list[Block] = field(default_factory=list)
    sub: list[Section] = field(default_factory=list)

    def p(self, text: str) -> None:
        self.blocks.append(("p", text))

    def ul(self, items: list[str]) -> None:
        if items:
            self.blocks.append(("ul", items))

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(("table", (headers, rows)))


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]


def anchor(text: str) -> str:
    """An HTML id / Markdown anchor: lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-") or "x"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " of " + items[-1]


def rule_sentence(regel: Regel, kader: Kader) -> str:
    """'Een aanbesteding waarin ... raakt representatie en sociale veiligheid.'"""
    als = regel.als
    conds: list[str] = []
    if als.personeel is not None:
        conds.append(
            "waarin personeel wordt ingezet of ondersteund ('personeel: ja')"
            if als.personeel
            else "zonder inzet van personeel ('personeel: nee')"
        )
    if als.cpv:
        conds.append("met een CPV-code die begint met " + _or(list(als.cpv)))
    if als.trefwoorden:
        words = [f"'{w}'" for w in als.trefwoorden]
        conds.append("met " + _or(words) + " in de titel of de opmerkingen")
    if als.soort:
        conds.append("voor " + _or(list(als.soort)))
    if als.directie:
        conds.append("van directie " + _or(list(als.directie)))
    if als.min_waarde is not None:
        conds.append(f"met een waarde vanaf {euro(als.min_waarde)}")
    themes = _and([kader.themas[t].naam.lower() if t in kader.themas else t for t in regel.themas])
    return f"Een aanbesteding {_and(conds)} raakt {themes}."


def _grondslag(g: Grondslag) -> str:
    return f"{g.naam}: {g.tekst} (bron: {g.bron})"


def _themes(kader: Kader) -> Section:
    s = Section("themas", "De thema's")
    s.p(
        "Per thema: wat het is, voorbeelden van wensen en eisen, de grondslag en wie je "
        "kunt vragen. In het aanbestedingsbestand zet je per thema ja (wensen en eisen "
        "opgenomen), nee (bewust niet, met een toelichting) of open (nog niet beoordeeld)."
    )
    for key, t in kader.themas.items():
        sub = Section(anchor(f"thema-{key}"), t.naam)
        if t.omschrijving:
            sub.p(t.omschrijving)
        sub.p(f"In het bestand: themas: {key}: ja | nee | open (label in overzichten: {t.label}).")
        if t.voorbeeld_eisen:
            sub.p("Voorbeelden van wensen en eisen:")
            sub.ul(list(t.voorbeeld_eisen))
        rules = [r for r in kader.regels if key in r.themas]
        if rules:
            sub.p("Speelt bij: " + _and([r.naam for r in rules]) + " (zie de regels).")
        for g in t.grondslag:
            sub.p("Grondslag: " + _grondslag(g))
            if g.nee_motiveren:
                sub.p(
                    f"Daarom: staat {t.naam.lower()} op nee, schrijf dan in het bestand onder "
                    f"'toelichting:' met '{key}: ...' waarom. Zonder die motivering meldt "
                    "inkoopcheck validate een waarschuwing (IC312)."
                )
        eforms = []
        if t.eforms.bt_754:
            eforms.append(
                "BT-754 (toegankelijkheid): ja wordt inc; nee wordt n-inc-just met de "
                "toelichting als motivering (BT-755), of n-inc als de opdracht niet bedoeld is "
                "voor gebruik door personen"
            )
        if t.eforms.bt_775:
            eforms.append(
                "BT-775 (sociaal doel): "
                + "; ".join(f"{c} ({BT775_LABELS[c]})" for c in t.eforms.bt_775)
            )
        if eforms:
            sub.p("Op de eForms-aankondiging:")
            sub.ul(eforms)
        sub.p(f"Vragen: {kader.theme_contact(key)}.")
        if t.bron:
            sub.p(f"Bron: {t.bron}")
        s.sub.append(sub)
    return s


def _rules(kader: Kader) -> Section:
    s = Section("regels", "Wanneer speelt een thema: de regels")
    s.p(
        "Geldt een regel voor een aanbesteding, dan zijn haar thema's relevant. "
        "inkoopcheck past de regels toe in validate, triage en advies. Het gewicht telt "
        "mee in de score van de triage."
    )
    for r in kader.regels:
        sub = Section(anchor(f"regel-{r.id}"), r.naam)
        sub.p(rule_sentence(r, kader))
        if r.toelichting:
            sub.p(r.toelichting)
        for theme in r.themas:
            eisen = r.eisen_voor(theme)
            if eisen:
                naam = kader.themas[theme].naam if theme in kader.themas else theme
                sub.p(f"Wensen en eisen voor {naam.lower()}:")
                sub.ul(eisen)
        for g in r.grondslag:
            sub.p("Grondslag: " + _grondslag(g))
        sub.p(f"Gewicht in de triage: {decimal(r.gewicht)} (regel-id {r.id}).")
        if r.bron:
            sub.p(f"Bron: {r.bron}")
        s.sub.append(sub)
    return s


def _thresholds(kader: Kader) -> Section:
    s = Section("drempels", "Europese drempels")
    s.p(
        "Vanaf deze bedragen (excl. btw) is Europees aanbesteden verplicht. inkoopcheck "
        "neemt de periode waarin de publicatie valt."
    )
    s.table(
        ["periode", "leveringen", "diensten", "werken", "sociale diensten"],
        [
            [
                f"{d.vanaf} tot en met {d.tot}",
                euro(d.leveringen),
                euro(d.diensten),
                euro(d.werken),
                euro(d.sociale_diensten),
            ]
            for d in kader.drempels
        ],
    )
    return s


def _social_return(kader: Kader) -> Section:
    sr = kader.social_return
    s = Section("social-return", "Social return")
    drempel = (
        "de Europese drempel voor diensten in de periode van de publicatie"
        if sr.drempel == "eu-diensten"
        else euro(sr.drempel)
    )
    s.p(
        f"Vanaf {drempel} hoort bij {_or(list(sr.soorten))} een social-returnafspraak: "
        f"gebruikelijk {percent(sr.percentage)} van de contractwaarde."
    )
    s.p("Twee werkwijzen:")
    s.ul(
        [
            "traditioneel: de 5 %-regeling, een percentage van de contractwaarde, gekoppeld "
            "aan de uitvoering van de opdracht",
            "maatwerk (Maatwerk voor Mensen): de leverancier doet een voorstel voor een "
            "proeftuin; na een jaar wordt de ambitie geëvalueerd en zo nodig bijgesteld",
        ]
    )
    if sr.doelgroepen:
        s.p("Doelgroepen:")
        s.ul(list(sr.doelgroepen))
    if sr.eforms.bt_775:
        s.p(
            "Op de eForms-aankondiging (BT-775): "
            + "; ".join(f"{c} ({BT775_LABELS[c]})" for c in sr.eforms.bt_775)
            + "."
        )
    if sr.contact:
        s.p(f"Vragen: {sr.contact}.")
    if sr.bron:
        s.p(f"Bron: {sr.bron}")
    return s


def _triage(kader: Kader) -> Section:
    t = kader.triage
    s = Section("triage", "Hoe het team kiest waar het aanschuift")
    s.p(
        "Het team kan niet overal aanschuiven. Het kiest met de triage: per aanbesteding "
        "een score uit de gewichten van de regels die gelden, vermenigvuldigd met de "
        "factoren hieronder. De hoogste scores krijgen de plaatsen; bij de andere relevante "
        "aanbestedingen stelt de directie de wensen en eisen zelf op met dit kader, en is "
        "het team achtervang."
    )
    z = ", ".join(f"{k} {decimal(v)}" for k, v in t.zekerheid.items())
    n, w, o = t.nabijheid, t.waarde, t.open_themas
    s.table(
        ["instelling", "waarde", "betekenis"],
        [
            ["capaciteit", f"{t.capaciteit}", "zoveel trajecten kan het team tegelijk aanschuiven"],
            ["horizon", f"{t.horizon_maanden} maanden", "zo ver vooruit kijkt de triage"],
            [
                "voorbereiding",
                f"{t.voorbereiding_weken} weken",
                "zo lang voor de publicatie staan de wensen en eisen vast",
            ],
            [
                "minimale score",
                decimal(t.min_score_aanschuiven),
                "daaronder is het team achtervang, ook als er plaats is",
            ],
            [
                "evaluatie",
                f"{t.evaluatie_weken} weken",
                "een social-returnevaluatie binnen deze tijd wordt gemeld",
            ],
            ["zekerheid", z, "factor naar de zekerheid van de publicatiedatum"],
            [
                "nabijheid",
                f"urgent {decimal(n.urgent)}, eind horizon {decimal(n.horizon_eind)}, "
                f"onbekend {decimal(n.onbekend)}",
                "hoe dichterbij de publicatie, hoe hoger",
            ],
            [
                "waarde",
                f"{decimal(w.min)} bij {euro(w.ondergrens)} tot {decimal(w.max)} bij "
                f"{euro(w.bovengrens)}; "
                f"onbekend {decimal(w.onbekend)}",
                "hoe groter de opdracht, hoe hoger (logaritmisch)",
            ],
            [
                "open thema's",
                f"niets open {decimal(o.niets_open)}, alles open {decimal(o.alles_open)}",
                "hoe meer relevante thema's nog open, hoe hoger",
            ],
        ],
    )
    return s


def _contacts(kader: Kader) -> Section:
    s = Section("contact", "Wie je kunt vragen")
    rows = [[t.naam, kader.theme_contact(k)] for k, t in kader.themas.items()]
    if kader.social_return.contact:
        rows.append(["Social return", kader.social_return.contact])
    rows.append(["Het handelingskader en inkoopcheck", kader.team.contact or kader.team.naam])
    s.table(["onderwerp", "contact"], rows)
    return s


def _howto(kader: Kader) -> Section:
    weeks = kader.triage.voorbereiding_weken
    s = Section("zo-werkt-het", "Zo werk je ermee")
    s.ul(
        [
            "Zet elke aanbesteding van je directie in het register (inkoopcheck new).",
            "Vraag het advies: inkoopcheck advies <id>. Dat zegt welke thema's spelen en "
            "waarom, welke wensen en eisen je kunt opnemen, de grondslag, wat er op de "
            "aankondiging komt en wat nog open staat.",
            "Zet per relevant thema ja (wensen en eisen opgenomen) of nee met een "
            "toelichting in het bestand.",
            f"Doe dat uiterlijk {weeks} weken voor de publicatie: dan staan de wensen en "
            "eisen vast.",
            "Vul bij publicatie de eForms-velden in zoals het advies zegt (BT-754, BT-755, "
            "BT-775).",
            "Twijfel je? Vraag het de contacten hieronder; het team is achtervang.",
        ]
    )
    return s


def build(kader: Kader) -> Document:
    intro = []
    if kader.vastgesteld:
        intro.append(f"Vastgesteld op {kader.vastgesteld.isoformat()}.")
    if kader.bron:
        intro.append(f"Bron: {kader.bron}.")
    intro.append(
        "Dit document is gemaakt uit kader.yaml (inkoopcheck kader) en is dus altijd "
        "gelijk aan de regels die inkoopcheck toepast."
    )
    sections = (
        _howto(kader),
        _themes(kader),
        _rules(kader),
        _social_return(kader),
        _thresholds(kader),
        _triage(kader),
        _contacts(kader),
    )
    return Document(kader.naam, tuple(intro), sections)
