"""The tender file, as docs/handleiding.md ("De velden") describes it. Strict:
unknown keys are errors on every level and nothing is coerced behind the user's
back (``"6000000"``, ``6.000`` and ``6.0`` are not amounts).

Validators raise `PydanticCustomError` whose *type* is our finding code and
whose context carries a Dutch message template (``{waarde}`` = the value as the
user wrote it) and a hint; `messages.py` turns those into findings.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from inkoopcheck.periods import Quarter, parse_day

Soort = Literal["leveringen", "diensten", "werken", "sociale-diensten"]
Procedure = Literal["europees", "nationaal", "meervoudig-onderhands", "enkelvoudig-onderhands"]
Zekerheid = Literal["zeker", "waarschijnlijk", "onzeker", "zeer-onzeker"]
Status = Literal["kalender", "voorbereiding", "gepubliceerd", "gegund", "afgerond", "ingetrokken"]
Rol = Literal["aanschuiven", "achtervang", "geen"]
ThemaStand = Literal["ja", "nee", "open"]
Werkwijze = Literal["traditioneel", "maatwerk"]
Voorstel = Literal["gevraagd", "ontvangen", "geaccepteerd", "afgewezen"]

FINISHED: frozenset[str] = frozenset({"gegund", "afgerond", "ingetrokken"})
NOT_YET_PUBLISHED: frozenset[str] = frozenset({"kalender", "voorbereiding"})
MAX_AMOUNT = 100_000_000_000  # € 100 miljard: more is a typo, not a tender

ID_PATTERN = r"[a-z0-9][a-z0-9-]{2,79}"
_ID = re.compile(ID_PATTERN + r"\Z")
_CPV = re.compile(r"[0-9]{8}(?:-[0-9])?\Z")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def fout(code: str, bericht: str, hint: str | None = None) -> PydanticCustomError:
    """A validation error carrying our code, a Dutch message and a hint."""
    return PydanticCustomError(code, bericht, {"bericht": bericht, "hint": hint or ""})


def _id(value: str) -> str:
    if not _ID.match(value):
        raise fout(
            "IC106",
            "'{waarde}' is geen geldig id",
            "Een id bestaat uit 3 tot 80 kleine letters (a-z), cijfers en streepjes, "
            "begint met een letter of cijfer en is gelijk aan de bestandsnaam, "
            "bijvoorbeeld arbodienstverlening-2025.",
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise fout("IC112", "deze tekst is leeg", "Vul een tekst in of laat het veld weg.")
    return value


def _datum(value: Any) -> Any:
    if isinstance(value, str) and _ISO_DATE.match(value):
        day = parse_day(value)
        if day is None:
            raise fout(
                "IC105",
                "'{waarde}' is geen bestaande datum",
                "Schrijf een echte datum als JJJJ-MM-DD.",
            )
        return day
    if not isinstance(value, date):
        raise fout(
            "IC105",
            "'{waarde}' is geen datum",
            "Schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-01.",
        )
    return value


def _kwartaal(value: str) -> str:
    if Quarter.parse(value) is None:
        raise fout(
            "IC109",
            "'{waarde}' is geen kwartaal",
            "Schrijf een kwartaal als JJJJ-Qn, bijvoorbeeld 2025-Q1.",
        )
    return value


def _ja_nee(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value == "ja":
        return True
    if value == "nee":
        return False
    raise fout("IC104", "'{waarde}' is geen geldige waarde", "Kies ja of nee.")


def _amount(value: Any) -> Any:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        if value is not None and not 0 <= value <= MAX_AMOUNT:
            raise fout(
                "IC107",
                "'{waarde}' is geen realistisch bedrag",
                "Geef de geschatte waarde in hele euro's, tussen 0 en 100 miljard.",
            )
        return value
    raise fout(
        "IC107",
        "'{waarde}' is geen bedrag in hele euro's",
        "Schrijf alleen cijfers, zonder euroteken, punten, komma's of aanhalingstekens: "
        "6000000 voor € 6.000.000. Onbekend? Schrijf null.",
    )


def _cpv(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99_999_999:
        return f"{value:08d}"  # YAML reads 79620000 as a number
    if isinstance(value, str) and _CPV.match(value):
        return value
    raise fout(
        "IC108",
        "'{waarde}' is geen CPV-code",
        "Een CPV-code is 8 cijfers met een streepje en controlecijfer, bijvoorbeeld 85147000-1.",
    )


def _percentage(value: float) -> float:
    if not 0 <= value <= 100:
        raise fout(
            "IC111",
            "'{waarde}' ligt niet tussen 0 en 100",
            "Geef een percentage van de contractwaarde, bijvoorbeeld 5.",
        )
    return value


def _toelichting(value: Any) -> Any:
    """Text about the whole tender, or per theme a text: one check, one message."""
    if value is None:
        return None
    if isinstance(value, str):
        return _text(value)
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items())
    ):
        return dict(value)
    raise fout(
        "IC103",
        "toelichting is een tekst, of per thema een tekst",
        "Schrijf per thema waarom het op nee staat, bijvoorbeeld:\n"
        "toelichting:\n  toegankelijkheid: Niet bedoeld voor gebruik door personen, want ...",
    )


TenderId = Annotated[str, AfterValidator(_id)]
Text = Annotated[str, AfterValidator(_text)]
Datum = Annotated[date, BeforeValidator(_datum)]
Kwartaal = Annotated[
    str,
    AfterValidator(_kwartaal),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]{4}-Q[1-4]$"}),
]
JaNee = Annotated[bool, BeforeValidator(_ja_nee)]
Bedrag = Annotated[int | None, BeforeValidator(_amount)]
CpvCode = Annotated[str, BeforeValidator(_cpv)]
Percentage = Annotated[
    float,
    AfterValidator(_percentage),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Publicatie(Strict):
    kwartaal: Kwartaal | None = None
    datum: Datum | None = None
    zekerheid: Zekerheid

    @model_validator(mode="after")
    def _one_of(self) -> Publicatie:
        if self.kwartaal is not None and self.datum is not None:
            raise fout(
                "IC110",
                "publicatie heeft zowel een kwartaal als een datum",
                "Kies één: 'datum' als de dag bekend is, anders 'kwartaal'.",
            )
        if self.kwartaal is None and self.datum is None and self.zekerheid != "zeer-onzeker":
            raise fout(
                "IC110",
                "publicatie mist een kwartaal of datum",
                "Vul 'kwartaal: 2025-Q1' of 'datum: 2025-03-01' in, of zet "
                "'zekerheid: zeer-onzeker' als het nog niet bekend is.",
            )
        return self

    @property
    def start(self) -> date | None:
        """First day the publication may fall on."""
        if self.datum is not None:
            return self.datum
        if self.kwartaal is not None:
            q = Quarter.parse(self.kwartaal)
            return q.start if q else None
        return None

    @property
    def end(self) -> date | None:
        """Last day the publication may fall on."""
        if self.datum is not None:
            return self.datum
        if self.kwartaal is not None:
            q = Quarter.parse(self.kwartaal)
            return q.end if q else None
        return None

    def display(self) -> str:
        """``2025-Q1`` or ``2025-03-01``; empty when unknown."""
        if self.datum is not None:
            return self.datum.isoformat()
        return self.kwartaal or ""


class Betrokkenheid(Strict):
    rol: Rol
    sinds: Datum | None = None


class SocialReturn(Strict):
    percentage: Percentage | None = None
    werkwijze: Werkwijze = "traditioneel"
    doelgroepen: list[Text] = Field(default_factory=list)
    evaluatie: Datum | None = None
    voorstel: Voorstel | None = None
    leverancier: Text | None = None
    gestart: Datum | None = None


class TenderNedRef(Strict):
    """The procedure on TenderNed: its kenmerk (shared by all its notices) and
    the page of its notice."""

    kenmerk: Text
    url: Text | None = None


class Tender(Strict):
    id: TenderId
    titel: Annotated[Text, Field(max_length=300)]
    directie: Text
    leadbuyer: Text | None = None
    soort: Soort | None = None
    cpv: list[CpvCode] = Field(default_factory=list)
    contractwaarde: Bedrag = None
    procedure: Procedure | None = None
    publicatie: Publicatie | None = None
    personeel: JaNee | None = None
    themas: dict[str, ThemaStand] = Field(default_factory=dict)
    toelichting: Annotated[
        str | dict[str, str] | None,
        PlainValidator(_toelichting),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
                    {"type": "null"},
                ],
                "description": "Waarom een thema op nee staat: per thema een tekst "
                "(of één tekst voor de hele aanbesteding).",
            }
        ),
    ] = None
    status: Status
    betrokkenheid: Betrokkenheid | None = None
    contact: Text | None = None
    social_return: SocialReturn | None = None
    bron: Text | None = None
    tenderned: TenderNedRef | None = None
    opmerkingen: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def theme(self, key: str) -> str:
        return self.themas.get(key, "open")

    def reason(self, key: str, *, own: bool = False) -> str | None:
        """Why theme `key` is as it is: its own toelichting, or (unless `own`)
        the toelichting of the whole tender."""
        if isinstance(self.toelichting, dict):
            return self.toelichting.get(key)
        return None if own else self.toelichting


TENDER_FIELDS: tuple[str, ...] = tuple(Tender.model_fields)
