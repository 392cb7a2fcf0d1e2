"""libyaml's messages, in plain Dutch: the table from the English problem libyaml
reports to (code, Dutch message, hint). `yamlsafe` turns a syntax error into a
`Problem` with it; a user never sees English."""

from __future__ import annotations

DEPTH_PROBLEM = "exceeded maximum nesting depth"  # libyaml's own bound

_SYNTAX = [
    (
        "could not find expected ':'",
        "hier verwacht ik 'sleutel: waarde' maar de dubbele punt ontbreekt",
        "Zet een dubbele punt en een spatie na de sleutel, of controleer of de regel "
        "erboven even ver inspringt.",
    ),
    (
        "mapping values are not allowed",
        "een dubbele punt op een plek waar dat niet kan",
        "Staat er ': ' in een tekst? Zet de hele tekst dan tussen aanhalingstekens, "
        "of controleer de inspringing.",
    ),
    (
        "did not find expected key",
        "de inspringing klopt niet",
        "Velden op hetzelfde niveau moeten precies even ver inspringen.",
    ),
    (
        "did not find expected '-' indicator",
        "de inspringing van de lijst klopt niet",
        "Laat alle regels van de lijst met '- ' op dezelfde plek beginnen.",
    ),
    (
        "did not find expected ',' or ']'",
        "een lijst tussen [ ] is niet goed afgesloten",
        "Controleer of elke [ een ] heeft en de waarden met komma's gescheiden zijn.",
    ),
    (
        "did not find expected ',' or '}'",
        "een blok tussen { } is niet goed afgesloten",
        "Controleer of elke { een } heeft.",
    ),
    (
        "found unexpected end of stream",
        "het bestand houdt onverwacht op",
        "Is een aanhalingsteken of haakje niet gesloten?",
    ),
    (
        "found unknown escape character",
        "een backslash (\\) in een tekst tussen dubbele aanhalingstekens",
        "Gebruik enkele aanhalingstekens ('...') of verdubbel de backslash.",
    ),
    (
        "that cannot start any token",
        "een teken waarmee een waarde niet mag beginnen (zoals @, ` of %)",
        "Zet de waarde tussen aanhalingstekens.",
    ),
    (
        "found undefined tag handle",
        "een onbekend label (!...)",
        "Labels zijn niet toegestaan: zet de waarde tussen aanhalingstekens.",
    ),
    (
        "did not find expected node content",
        "hier ontbreekt een waarde",
        "Vul de waarde in, of zet de tekst tussen aanhalingstekens.",
    ),
    ("found a tab character", "een tab waar een spatie moet staan", "Vervang de tab door spaties."),
    (
        "expected <document start>",
        "na het einde van de gegevens staat nog tekst",
        "Spring de laatste regels in zoals de rest, of verwijder ze.",
    ),
    (
        "found character that cannot start",
        "een teken waarmee een waarde niet mag beginnen",
        "Zet de waarde tussen aanhalingstekens.",
    ),
    (
        "block sequence entries are not allowed",
        "een lijstregel ('- ') op een plek waar dat niet kan",
        "Zet de lijst op een eigen regel onder de sleutel, ingesprongen, of zet een tekst "
        "die met '- ' begint tussen aanhalingstekens.",
    ),
    (
        "mapping keys are not allowed",
        "een vraagteken ('? ') op een plek waar dat niet kan",
        "Zet een tekst die met '? ' begint tussen aanhalingstekens.",
    ),
    (
        "did not find expected comment or line break",
        "na het teken | of > mag op dezelfde regel alleen nog commentaar staan",
        "Zet de tekst op de regels eronder, ingesprongen, of gebruik aanhalingstekens.",
    ),
    (
        "found an indentation indicator equal to 0",
        "een inspringing van 0 na | of >",
        "Gebruik | of > zonder cijfer, of een cijfer van 1 tot 9.",
    ),
    (
        "found unexpected ':'",
        "een dubbele punt op een plek waar dat niet kan",
        "Zet de tekst tussen aanhalingstekens.",
    ),
    (
        "found unexpected document indicator",
        "een regel '---' of '...' midden in een tekst",
        "Zet de tekst tussen aanhalingstekens, of verwijder de regel.",
    ),
    (
        "Unicode character escape code",
        "een ongeldige code met \\ in een tekst tussen dubbele aanhalingstekens",
        "Gebruik enkele aanhalingstekens ('...') of schrijf het teken zelf.",
    ),
    (
        "did not find expected hexdecimal number",
        "een ongeldige code met \\ in een tekst tussen dubbele aanhalingstekens",
        "Gebruik enkele aanhalingstekens ('...') of schrijf het teken zelf.",
    ),
    (
        DEPTH_PROBLEM,
        "het bestand is te diep genest",
        "Een aanbesteding heeft hoogstens een paar niveaus nodig.",
    ),
    (
        "control characters are not allowed",
        "een onzichtbaar stuurteken in het bestand",
        "Verwijder het teken (vaak meegekopieerd uit Word, Excel of een e-mail).",
    ),
    (
        "input is too long",
        "het bestand is te groot",
        "Een aanbesteding past in een paar kilobyte.",
    ),
]

# The rest of what libyaml can say: directives (%YAML, %TAG), tags, anchors and
# encodings. None belongs in a tender file; each family gets a Dutch sentence.
_SYNTAX_RARE = [
    (
        ("directive", "%YAML", "%TAG", "version number", "incompatible YAML document"),
        "een regel die met % begint (een YAML-instructie)",
        "Verwijder de regel, of zet een tekst die met % begint tussen aanhalingstekens.",
    ),
    (
        ("tag", "URI", "'!'", "'>'"),
        "een label (!...) dat niet klopt",
        "Labels zijn niet toegestaan: zet de waarde tussen aanhalingstekens.",
    ),
    (
        ("alphabetic or numeric",),
        "een anker (&) of verwijzing (*) zonder naam",
        "Zet een tekst die met & of * begint tussen aanhalingstekens.",
    ),
    (
        ("UTF-8", "UTF-16", "Unicode", "surrogate", "octet"),
        "het bestand is geen geldige UTF-8-tekst",
        "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als', codering UTF-8).",
    ),
]
_SYNTAX_OTHER = (
    "de opbouw van het bestand klopt hier niet",
    "Vergelijk de regel met een voorbeeld in de handleiding; let op inspringing "
    "en aanhalingstekens.",
)


def dutch_syntax(problem: str) -> tuple[str, str, str]:
    """libyaml's English problem as (code, Dutch message, hint): never English.
    Too deep is IC017 whoever stops first, libyaml (1,000 levels since 0.2.5) or
    our own bound."""
    for needle, message, hint in _SYNTAX:
        if needle in problem:
            return ("IC017" if needle == DEPTH_PROBLEM else "IC010"), message, hint
    for needles, message, hint in _SYNTAX_RARE:
        if any(n in problem for n in needles):
            return "IC010", message, hint
    return "IC010", *_SYNTAX_OTHER
