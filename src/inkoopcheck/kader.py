"""kader.yaml: the handelingskader as a rulebook (themes, directies, rules,
thresholds, triage settings), and the checks that keep it consistent.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from inkoopcheck.eforms import Bt775
from inkoopcheck.models import (
    Datum,
    JaNee,
    Soort,
    Strict,
    Text,
    Zekerheid,
    fout,
)


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


# Bounds far above any municipality's handelingskader (the shipped one has 3
# themes, 9 directies and 8 rules; a large city has a few dozen directies). A
# kader beyond them is a mistake (generated, pasted twice), and would make a
# report no spreadsheet opens (every theme is a column) or runs that take
# minutes. Counted before the items are read, so a huge list costs nothing.
# The explanation of IC409 (codes.py) names them; a test keeps the two equal.
MAX_THEMAS = 100
MAX_DIRECTIES = 1000
MAX_LEADBUYERS = 1000
MAX_REGELS = 200
MAX_DREMPELS = 100
MAX_ITEMS = 100  # every other list: aliassen, eigenaars, eisen, trefwoorden, cpv, ...


def _at_most(limit: int, what: str) -> BeforeValidator:
    """A list or block of at most `limit` entries (IC409), checked before its items."""

    def check(value: Any) -> Any:
        if isinstance(value, (list, dict)) and len(value) > limit:
            count = f"{len(value):,}".replace(",", ".")
            raise fout(
                "IC409",
                f"{count} {what}; de grens is {limit}",
                "Zoveel heeft geen gemeente nodig: staat er iets dubbel, of is het "
                "gegenereerd? 'inkoopcheck explain IC409' noemt alle grenzen.",
            )
        return value

    return BeforeValidator(check)


Items = _at_most(MAX_ITEMS, "items")


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Compare names without regard to case, accents or spacing."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(folded.casefold().split())


CpvPrefix = Annotated[str, Field(pattern=r"^[0-9]{1,8}$")]


class Grondslag(Strict):
    """Where a theme or rule rests on: a law or a standard, cited (`bron`).
    `nee_motiveren`: leaving the theme out is only lawful with a reason, so a
    tender with `nee` and no toelichting for this theme gets a warning (IC312)."""

    naam: Text
    tekst: Text
    bron: Text
    nee_motiveren: bool = False


class EformsThema(Strict):
    """What a theme means on the eForms notice: BT-775 social objectives, and
    whether the theme's answer decides BT-754 (accessibility)."""

    bt_754: bool = False
    bt_775: Annotated[list[Bt775], Items] = Field(default_factory=list)


class Thema(Strict):
    label: Text
    naam: Text
    omschrijving: str = ""
    voorbeeld_eisen: Annotated[list[Text], Items] = Field(default_factory=list)
    grondslag: Annotated[list[Grondslag], Items] = Field(default_factory=list)
    contact: Text | None = None  # a team mailbox or team name, never a person
    eforms: EformsThema = Field(default_factory=EformsThema)
    bron: str = ""


class Directie(Strict):
    slug: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
    aliassen: Annotated[list[Text], Items] = Field(default_factory=list)
    eigenaars: Annotated[list[Text], Items] = Field(default_factory=list)
    omschrijving: str = ""


class Drempel(Strict):
    vanaf: Datum
    tot: Datum
    leveringen: Annotated[int, Field(gt=0)]
    diensten: Annotated[int, Field(gt=0)]
    werken: Annotated[int, Field(gt=0)]
    sociale_diensten: Annotated[int, Field(gt=0, alias="sociale-diensten")]

    def for_soort(self, soort: str) -> int:
        return {
            "leveringen": self.leveringen,
            "diensten": self.diensten,
            "werken": self.werken,
            "sociale-diensten": self.sociale_diensten,
        }[soort]


class Als(Strict):
    """Conditions of a rule. All given keys must hold; within a list, any item."""

    personeel: JaNee | None = None
    cpv: Annotated[list[CpvPrefix], Items, BeforeValidator(_as_list)] = Field(default_factory=list)
    trefwoorden: Annotated[list[Text], Items, BeforeValidator(_as_list)] = Field(
        default_factory=list
    )
    soort: Annotated[list[Soort], Items, BeforeValidator(_as_list)] = Field(default_factory=list)
    directie: Annotated[list[Text], Items, BeforeValidator(_as_list)] = Field(default_factory=list)
    min_waarde: int | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Als:
        if not self.model_fields_set:
            raise fout(
                "IC112",
                "deze regel heeft geen voorwaarden",
                "Geef minstens één van: personeel, cpv, trefwoorden, soort, directie, min_waarde.",
            )
        return self


class Regel(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    naam: Text
    als: Als
    themas: Annotated[list[str], Items]
    gewicht: Annotated[float, Field(gt=0, le=1000)]
    toelichting: str = ""
    # example requirements for this rule's subject: one list for all its themes,
    # or per theme a list
    eisen: Annotated[list[Text] | dict[str, Annotated[list[Text], Items]], Items] = Field(
        default_factory=list
    )
    grondslag: Annotated[list[Grondslag], Items] = Field(default_factory=list)
    bron: str = ""

    def eisen_voor(self, theme: str) -> list[str]:
        if isinstance(self.eisen, dict):
            return list(self.eisen.get(theme, []))
        return list(self.eisen)


# A factor multiplies the score: never negative (that would turn the ranking
# upside down), and more than 10 is surely a typo.
Multiplier = Annotated[float, Field(ge=0, le=10)]


class Nabijheid(Strict):
    urgent: Multiplier = 1.0
    horizon_eind: Multiplier = 0.6
    onbekend: Multiplier = 0.7


class Waardering(Strict):
    ondergrens: Annotated[int, Field(gt=0)] = 50_000
    bovengrens: Annotated[int, Field(gt=0)] = 10_000_000
    min: Multiplier = 0.75
    max: Multiplier = 1.25
    onbekend: Multiplier = 1.0

    @model_validator(mode="after")
    def _ordered(self) -> Waardering:
        if self.bovengrens <= self.ondergrens:
            raise fout(
                "IC111",
                "bovengrens moet hoger zijn dan ondergrens",
                "Bijvoorbeeld ondergrens: 50000 en bovengrens: 10000000.",
            )
        if self.max < self.min:
            raise fout(
                "IC111", "max mag niet lager zijn dan min", "Bijvoorbeeld min: 0.75 en max: 1.25."
            )
        return self


class OpenThemas(Strict):
    alles_open: Multiplier = 1.0
    niets_open: Multiplier = 0.5


def _default_zekerheid() -> dict[Zekerheid, float]:
    return {"zeker": 1.0, "waarschijnlijk": 0.85, "onzeker": 0.65, "zeer-onzeker": 0.5}


class TriageInstellingen(Strict):
    capaciteit: Annotated[int, Field(ge=0, le=1000)] = 4
    horizon_maanden: Annotated[int, Field(ge=1, le=120)] = 9
    voorbereiding_weken: Annotated[int, Field(ge=0, le=520)] = 12
    min_score_aanschuiven: Annotated[float, Field(ge=0)] = 0
    evaluatie_weken: Annotated[int, Field(ge=0, le=104)] = 4
    zekerheid: dict[Zekerheid, Multiplier] = Field(default_factory=_default_zekerheid)
    nabijheid: Nabijheid = Field(default_factory=Nabijheid)
    waarde: Waardering = Field(default_factory=Waardering)
    open_themas: OpenThemas = Field(default_factory=OpenThemas)


def _sr_drempel(value: Any) -> int | Literal["eu-diensten"]:
    """One check, one message: an amount or eu-diensten (not two union errors)."""
    if value == "eu-diensten" or (
        isinstance(value, int) and not isinstance(value, bool) and value >= 0
    ):
        return value  # type: ignore[no-any-return]
    raise fout(
        "IC104",
        "'{waarde}' is geen drempel",
        "Geef een bedrag in hele euro's (bijvoorbeeld 250000) of eu-diensten.",
    )


class SocialReturnInstellingen(Strict):
    """When social return is expected. `drempel` is an amount in euros, or
    `eu-diensten`: the EU threshold for services in the period of publication
    (Amsterdam's practice; the Rijk uses a fixed € 250.000)."""

    drempel: Annotated[
        int | Literal["eu-diensten"],
        PlainValidator(_sr_drempel),
        WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"const": "eu-diensten"}]}),
    ] = 250_000
    percentage: Annotated[float, Field(ge=0, le=100)] = 5
    soorten: Annotated[list[Soort], Items] = Field(
        default_factory=lambda: list[Soort](["werken", "diensten"])
    )
    doelgroepen: Annotated[list[Text], Items] = Field(default_factory=list)
    bron: str = ""
    contact: Text | None = None
    eforms: EformsThema = Field(default_factory=EformsThema)


class Team(Strict):
    naam: Text = "Team inclusief inkopen"
    eigenaars: Annotated[list[Text], Items] = Field(default_factory=list)
    contact: Text | None = None


class Organisatie(Strict):
    """The municipality itself: for the OCDS export (buyer, ocid) and to
    recognise its own notices in TenderNed's data. `identificatie`: the KvK
    number or national identification number."""

    naam: Text
    aliassen: Annotated[list[Text], Items] = Field(default_factory=list)
    identificatie: Text | None = None
    ocid_prefix: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{1,79}$")]


class Kader(Strict):
    naam: Text
    vastgesteld: Datum | None = None
    bron: str = ""
    themas: Annotated[dict[str, Thema], Field(min_length=1), _at_most(MAX_THEMAS, "thema's")]
    directies: Annotated[
        dict[str, Directie], Field(min_length=1), _at_most(MAX_DIRECTIES, "directies")
    ]
    leadbuyers: Annotated[list[Text], _at_most(MAX_LEADBUYERS, "leadbuyers")] = Field(
        default_factory=list
    )
    drempels: Annotated[list[Drempel], _at_most(MAX_DREMPELS, "drempelperiodes")] = Field(
        default_factory=list
    )
    regels: Annotated[list[Regel], _at_most(MAX_REGELS, "regels")] = Field(default_factory=list)
    triage: TriageInstellingen = Field(default_factory=TriageInstellingen)
    social_return: SocialReturnInstellingen = Field(default_factory=SocialReturnInstellingen)
    team: Team = Field(default_factory=Team)
    organisatie: Organisatie | None = None
    # team and role mailboxes that look like a person's address (IC307 leaves them alone)
    functieadressen: list[Text] = Field(default_factory=list)

    _names: dict[str, str] = PrivateAttr(default_factory=dict)
    _leadbuyers: dict[str, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        names: dict[str, str] = {}
        for canonical, d in self.directies.items():
            for name in (canonical, *d.aliassen):
                names.setdefault(normalise(name), canonical)
        self._names = names
        self._leadbuyers = {normalise(n): n for n in self.leadbuyers}

    def resolve_directie(self, name: str) -> str | None:
        """The canonical directie for a name or alias (any case or spacing)."""
        return self._names.get(normalise(name))

    def resolve_leadbuyer(self, name: str) -> str | None:
        return self._leadbuyers.get(normalise(name))

    def directie_names(self) -> list[str]:
        """Every spelling a tender may use: canonical names and aliases."""
        out: list[str] = []
        for canonical, d in self.directies.items():
            out.append(canonical)
            out.extend(d.aliassen)
        return out

    def unknown_directie_message(self, name: str) -> str:
        """What every command says about a directie it cannot find: the closest
        spelling (a name or an alias), and the directies to choose from."""
        from inkoopcheck.names import suggest

        hint = suggest(name, self.directie_names()) or "."
        return (
            f"directie '{name}' staat niet in kader.yaml{hint} "
            f"Kies uit: {', '.join(self.directies)} (of een alias daarvan)."
        )

    def drempel_op(self, day: date) -> Drempel | None:
        for d in self.drempels:
            if d.vanaf <= day <= d.tot:
                return d
        return None

    def social_return_drempel(self, day: date) -> int | None:
        """The social-return threshold for a publication on `day`."""
        drempel = self.social_return.drempel
        if drempel == "eu-diensten":
            period = self.drempel_op(day)
            return period.diensten if period else None
        return drempel

    def theme_contact(self, key: str) -> str:
        """Who to ask about a theme: its own contact, else the team's."""
        t = self.themas.get(key)
        if t is not None and t.contact:
            return t.contact
        return self.team.contact or self.team.naam

    def theme_label(self, key: str) -> str:
        t = self.themas.get(key)
        return t.label if t else key
