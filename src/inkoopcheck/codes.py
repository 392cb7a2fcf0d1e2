"""Every finding code, its severity and what it means: the one list behind
`inkoopcheck explain`, docs/meldingen.md and the tests. Codes never change
meaning; a retired code is not reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from inkoopcheck.findings import Severity

F = Severity.FOUT
W = Severity.WAARSCHUWING


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    titel: str
    uitleg: str


_ALL = [
    # IC0xx: the file and its YAML
    Code(
        "IC001",
        F,
        "bestand of map niet te lezen",
        "Het bestand of de map kon niet worden geopend, bijvoorbeeld door ontbrekende "
        "rechten. Wat in een onleesbare map staat, wordt niet gecontroleerd.",
    ),
    Code(
        "IC002",
        F,
        "geen UTF-8",
        "Het bestand is in een andere codering opgeslagen (Latin-1, Windows-1252, UTF-16). "
        "Sla het op als UTF-8.",
    ),
    Code(
        "IC003",
        W,
        "BOM aan het begin",
        "Het bestand begint met een onzichtbaar BOM-teken. Het wordt gelezen, maar sla het "
        "liever op als 'UTF-8 zonder BOM'.",
    ),
    Code(
        "IC004",
        F,
        "bestand te groot",
        "Een aanbesteding past in een paar kilobyte; bestanden boven 1 MB worden niet gelezen.",
    ),
    Code(
        "IC005",
        F,
        "symbolische koppeling",
        "Een koppeling (naar een bestand of een map) kan buiten de repository wijzen en wordt "
        "niet gevolgd. Zet het echte bestand of de echte map op deze plek.",
    ),
    Code(
        "IC006",
        F,
        "geen gewoon bestand",
        "Op deze plek staat een map, een named pipe of iets anders dan een bestand.",
    ),
    Code("IC007", F, "leeg bestand", "Het bestand is leeg of bevat alleen commentaar."),
    Code(
        "IC008",
        F,
        "meerdere documenten",
        "Eén bestand bevat één aanbesteding; '---' scheidt documenten en mag niet.",
    ),
    Code(
        "IC009",
        F,
        "geen blok met velden",
        "Bovenaan moet een blok met 'naam: waarde'-regels staan, geen lijst of losse tekst.",
    ),
    Code(
        "IC010",
        F,
        "YAML-fout",
        "De tekst is geen geldige YAML: vaak een inspringing, een vergeten dubbele punt of "
        "een aanhalingsteken dat niet gesloten is.",
    ),
    Code("IC011", F, "tab om in te springen", "YAML springt alleen in met spaties."),
    Code(
        "IC012",
        F,
        "dubbele sleutel",
        "Hetzelfde veld staat twee keer in één blok; YAML zou stilletjes de laatste nemen.",
    ),
    Code(
        "IC013",
        F,
        "anker, verwijzing of samenvoegsleutel",
        "&anker, *verwijzing en '<<' worden geweigerd: een klein bestand kan er miljoenen "
        "waarden mee maken.",
    ),
    Code(
        "IC014", F, "YAML-label", "Labels als !!python/object, !!binary of !eigen worden geweigerd."
    ),
    Code(
        "IC015",
        F,
        "ongeldige sleutel",
        "Een sleutel moet een gewone naam zijn: geen lijst, blok of lege sleutel.",
    ),
    Code(
        "IC016",
        F,
        "stuurteken",
        "Onzichtbare stuurtekens (vaak meegekopieerd) zijn niet toegestaan.",
    ),
    Code(
        "IC017",
        F,
        "te diep genest",
        "Het bestand is dieper genest dan een aanbesteding ooit nodig heeft.",
    ),
    Code(
        "IC018", F, "verkeerde extensie", "Aanbestedingen staan in bestanden die eindigen op .yaml."
    ),
    Code(
        "IC019", F, "onmogelijk getal", "Een getal is oneindig, geen getal (.nan) of absurd groot."
    ),
    Code(
        "IC020",
        F,
        "tenders is geen map",
        "Op de plek van de map tenders/ staat een bestand (of iets anders dan een map), dus "
        "er is geen aanbesteding gecontroleerd.",
    ),
    Code(
        "IC021",
        F,
        "tijdelijk bestand achtergebleven",
        "Een bestand als .naam.yaml.x1y2z3.tmp bleef over van een schrijfactie die werd "
        "afgebroken (Ctrl-C, een vastgelopen computer). Het hoort niet in git: verwijder het. "
        "Het echte bestand is nooit half geschreven.",
    ),
    # IC1xx: fields
    Code(
        "IC101",
        F,
        "verplicht veld ontbreekt",
        "Elk bestand heeft minstens id, titel, directie en status.",
    ),
    Code(
        "IC102",
        F,
        "onbekend veld",
        "Een veld dat niet bestaat, vaak een tikfout ('contractwarde'). Het wordt niet "
        "stilletjes genegeerd.",
    ),
    Code(
        "IC103",
        F,
        "verkeerd soort waarde",
        "Op deze plek hoort een ander soort waarde (tekst, getal, lijst of blok).",
    ),
    Code(
        "IC104",
        F,
        "waarde niet toegestaan",
        "Het veld kent een vaste lijst waarden; de melding noemt ze. Let op: 'no' en 'yes' "
        "zijn geen ja/nee.",
    ),
    Code(
        "IC105",
        F,
        "ongeldige datum",
        "Een datum als JJJJ-MM-DD die bestaat: 2025-02-30 bestaat niet.",
    ),
    Code(
        "IC106",
        F,
        "ongeldig id",
        "Een id is 3 tot 80 tekens: kleine letters a-z, cijfers en streepjes.",
    ),
    Code(
        "IC107",
        F,
        "ongeldig bedrag",
        "Bedragen in hele euro's, alleen cijfers: 6000000. Geen '6.000.000', '6,5 mln' of "
        "aanhalingstekens; onbekend is null.",
    ),
    Code(
        "IC108",
        F,
        "ongeldige CPV-code",
        "Een CPV-code is 8 cijfers, een streepje en een controlecijfer: 85147000-1.",
    ),
    Code("IC109", F, "ongeldig kwartaal", "Een kwartaal schrijf je als JJJJ-Qn: 2025-Q1."),
    Code(
        "IC110",
        F,
        "publicatie onvolledig",
        "Publicatie heeft een kwartaal óf een datum, behalve bij zekerheid zeer-onzeker.",
    ),
    Code(
        "IC111",
        F,
        "buiten bereik",
        "Een getal ligt buiten wat kan (een percentage tussen 0 en 100).",
    ),
    Code("IC112", F, "lege tekst", "Een tekstveld is leeg; vul het in of laat het weg."),
    Code("IC113", F, "tekst te lang", "De tekst is langer dan toegestaan."),
    Code(
        "IC114",
        W,
        "tekst afgebroken door #",
        "Na een spatie begint '#' in YAML commentaar: van 'titel: Catering #2 stadhuis' blijft "
        "'Catering' over. Zet zo'n tekst tussen aanhalingstekens.",
    ),
    # IC2xx: consistency with the kader and the other files
    Code(
        "IC201",
        F,
        "onbekende directie",
        "De directie staat niet in kader.yaml (ook niet als alias).",
    ),
    Code("IC202", F, "onbekend thema", "Onder 'themas' staan alleen de thema's van kader.yaml."),
    Code(
        "IC203",
        F,
        "onbekende leadbuyer",
        "De leadbuyer staat niet in de lijst 'leadbuyers' van kader.yaml.",
    ),
    Code(
        "IC204",
        F,
        "id past niet bij bestandsnaam",
        "Het id is gelijk aan de bestandsnaam zonder .yaml.",
    ),
    Code(
        "IC205",
        F,
        "verkeerde directiemap",
        "Een aanbesteding staat in de map van haar eigen directie, zodat die directie "
        "wijzigingen goedkeurt.",
    ),
    Code("IC206", F, "id dubbel", "Twee bestanden gebruiken hetzelfde id."),
    Code(
        "IC207",
        F,
        "procedure past niet bij drempel",
        "De procedure is in strijd met de Europese drempel voor soort en periode: boven de "
        "drempel is Europees aanbesteden verplicht.",
    ),
    Code("IC208", F, "onbekende CPV-code", "De code staat niet in de CPV-lijst (CPV 2008)."),
    Code(
        "IC209",
        W,
        "onbekende doelgroep",
        "De doelgroep staat niet in de lijst van kader.yaml; controleer de spelling.",
    ),
    # IC3xx: advice
    Code(
        "IC301",
        W,
        "waarde onbekend",
        "De aanbesteding publiceert binnen de horizon maar heeft nog geen geschatte waarde.",
    ),
    Code(
        "IC302",
        W,
        "relevant thema nog open",
        "Een regel van het handelingskader maakt dit thema relevant, maar het is nog niet "
        "beoordeeld.",
    ),
    Code(
        "IC303",
        W,
        "relevant thema 'nee' zonder toelichting",
        "Bij een relevant thema dat bewust niet wordt meegenomen hoort een toelichting.",
    ),
    Code(
        "IC304",
        W,
        "publicatie verstreken",
        "De publicatiedatum is voorbij maar de status staat nog op kalender of voorbereiding.",
    ),
    Code(
        "IC305",
        W,
        "social return ontbreekt",
        "Boven de social-returndrempel hoort een social-returnafspraak.",
    ),
    Code(
        "IC306",
        W,
        "net onder de drempel",
        "De waarde ligt op 80-100 % van de Europese drempel: controleer de raming.",
    ),
    Code(
        "IC307",
        W,
        "persoonsgegevens",
        "Het e-mailadres van een persoon (bij contact, in titel, opmerkingen, toelichting of "
        "bron), of een naam na 'contact' of 'contactpersoon'. Gebruik een rol, een team of "
        "een functieadres; een teamadres dat op een naam lijkt, zet je onder functieadressen "
        "in kader.yaml.",
    ),
    Code(
        "IC308",
        W,
        "maatwerk zonder evaluatie",
        "Een geaccepteerde proeftuin (Maatwerk voor Mensen) heeft een evaluatiedatum.",
    ),
    Code(
        "IC309",
        W,
        "evaluatie te laat",
        "De ambitie van een proeftuin wordt na een jaar bijgesteld: de evaluatie ligt "
        "hoogstens een jaar na de start.",
    ),
    Code(
        "IC310",
        W,
        "soort ontbreekt",
        "Zonder soort (leveringen, diensten, werken, sociale-diensten) is de Europese drempel "
        "niet te bepalen.",
    ),
    Code(
        "IC311",
        W,
        "geen drempel voor deze datum",
        "kader.yaml heeft geen Europese drempel voor de periode van de publicatie, dus "
        "procedure, 'net onder de drempel' en social return zijn niet te controleren.",
    ),
    Code(
        "IC312",
        W,
        "'nee' zonder wettelijk vereiste motivering",
        "Het kader noemt voor dit thema een grondslag die 'nee' alleen gemotiveerd toestaat "
        "(toegankelijkheid: artikel 42, lid 1, Richtlijn 2014/24/EU). Schrijf de motivering "
        "onder 'toelichting:' bij het thema; ze hoort ook op de aankondiging (BT-755).",
    ),
    Code(
        "IC313",
        W,
        "mogelijk dubbele aanbesteding",
        "Twee aanbestedingen van één directie hebben dezelfde publicatie, soort en waarde en "
        "een bijna gelijke titel: misschien is het één aanbesteding twee keer.",
    ),
    # IC4xx: kader.yaml itself
    Code(
        "IC401",
        F,
        "kader: onbekend thema in regel",
        "Een regel noemt een thema dat niet onder 'themas' staat.",
    ),
    Code(
        "IC402",
        F,
        "kader: drempelperiodes overlappen",
        "Twee drempelperiodes overlappen of een periode eindigt voor ze begint.",
    ),
    Code(
        "IC403",
        F,
        "kader: naam of alias dubbel",
        "Dezelfde naam of alias hoort bij twee directies.",
    ),
    Code("IC404", F, "kader: map (slug) dubbel", "Twee directies gebruiken dezelfde map."),
    Code(
        "IC405",
        F,
        "kader: onbekende directie in regel",
        "Een regel noemt een directie die niet in het kader staat.",
    ),
    Code("IC406", F, "kader: regel-id dubbel", "Twee regels hebben hetzelfde id."),
    Code("IC407", F, "kader: leadbuyer dubbel", "Een leadbuyer staat twee keer in de lijst."),
    Code(
        "IC408",
        F,
        "kader: BT-754 bij meer dan één thema",
        "Eén thema bepaalt BT-754 (toegankelijkheid) op de eForms-aankondiging.",
    ),
    Code(
        "IC409",
        F,
        "kader: te veel",
        "Meer dan een gemeente ooit nodig heeft: hoogstens 100 thema's, 1.000 directies, "
        "1.000 leadbuyers, 200 regels, 100 drempelperiodes en 100 items in elke andere lijst "
        "(aliassen, eigenaars, eisen, trefwoorden, CPV-prefixen, ...). Vaak staat er iets "
        "dubbel of is het kader gegenereerd.",
    ),
    # IC5xx: the overleg files (data/overleg/) and the decisions on record
    Code(
        "IC501",
        F,
        "overleg: geen overlegbestand",
        "In data/overleg/ staat per overleg één bestand JJJJ-MM-DD.yaml, genoemd naar de "
        "datum van het overleg.",
    ),
    Code(
        "IC502",
        F,
        "overleg: datum wijkt af van de bestandsnaam",
        "De datum in het bestand is de datum van de bestandsnaam, zodat elk overleg één "
        "vaste plek heeft.",
    ),
    Code(
        "IC503",
        F,
        "overleg: datum in de toekomst",
        "Een overleg na de peildatum heeft nog niet plaatsgevonden; tot die datum tellen de "
        "besluiten niet mee.",
    ),
    Code(
        "IC504",
        F,
        "overleg: onbekende aanbesteding",
        "Een besluit noemt een id dat geen aanbesteding is (het id is de bestandsnaam zonder "
        ".yaml).",
    ),
    Code(
        "IC505",
        F,
        "overleg: aanbesteding twee keer besloten",
        "Eén overleg heeft per aanbesteding één besluit.",
    ),
    Code(
        "IC506",
        W,
        "overleg: 'tot' niet na het overleg",
        "Een besluit met 'tot' op of voor de datum van het overleg geldt nooit.",
    ),
    Code(
        "IC507",
        W,
        "overleg: aanwezigen ontbreken",
        "Het overleg zegt wie er waren (rollen of teams, geen namen van personen).",
    ),
    Code(
        "IC508",
        W,
        "rol in het aanbestedingsbestand",
        "'betrokkenheid.rol' in een aanbestedingsbestand werkt nog, maar de rol van het team "
        "hoort bij het team: leg het besluit vast met 'inkoopcheck besluit ID ROL' (in "
        "data/overleg/) en haal 'betrokkenheid' uit het bestand.",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def severity_of(code: str) -> Severity:
    return CODES[code].severity
