"""`inkoopcheck new`: one new tender file, from options or by asking.

The core takes the answers given on the command line and, when a terminal is
attached, an `Asker` that asks for the rest. Without an asker nothing blocks:
what is missing is an error. The file is checked with the real loader and
checks before it is written, and an existing file is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from inkoopcheck.findings import Finding
from inkoopcheck.fmt import ZEKERHEID_LABELS, clean
from inkoopcheck.kader import Kader
from inkoopcheck.loader import show
from inkoopcheck.names import did_you_mean
from inkoopcheck.oserrors import reason
from inkoopcheck.periods import publication_year
from inkoopcheck.tenderfile import (
    Checked,
    TenderFields,
    TenderIndex,
    check_text,
    destination,
    tender_yaml,
    write_new,
)
from inkoopcheck.values import (
    PROCEDURES,
    SOORTEN,
    ValueProblem,
    check_id,
    free_id,
    is_unknown,
    parse_amount,
    parse_datum,
    parse_ja_nee,
    parse_kwartaal,
    parse_procedure,
    parse_soort,
    parse_status,
    parse_zekerheid,
    propose_id,
)

T = TypeVar("T")

EXIT_DATA, EXIT_USAGE = 1, 2


class NewError(Exception):
    """Nothing was written; `code` is the exit code (1 data, 2 could not run)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class CheckFailed(NewError):
    """The file would not pass the checks; `errors` are the findings, in `text`."""

    def __init__(self, message: str, errors: tuple[Finding, ...], text: str) -> None:
        super().__init__(message, EXIT_DATA)
        self.errors = errors
        self.text = text


class Asker(Protocol):
    """Asks the user one question (with a default shown) and tells them things."""

    def ask(self, question: str, default: str | None) -> str: ...

    def say(self, text: str) -> None: ...

    def findings(self, found: Sequence[Finding]) -> None:
        """Show what the check found (how is the terminal's business)."""
        ...


@dataclass(frozen=True, slots=True)
class Answers:
    """The options as typed; None = not given."""

    titel: str | None = None
    directie: str | None = None
    soort: str | None = None
    waarde: str | None = None
    kwartaal: str | None = None
    datum: str | None = None
    zekerheid: str | None = None
    procedure: str | None = None
    leadbuyer: str | None = None
    personeel: str | None = None
    status: str = "kalender"
    contact: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Prepared:
    """A checked tender file, ready to write."""

    fields: TenderFields
    path: Path
    text: str
    checked: Checked
    same_title: Path | None  # another tender of this directie with this title


def sentence(text: str) -> str:
    """End a message with a full stop, unless it ends with one already."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _line(text: str) -> str:
    """One line of text: Excel and e-mail leave newlines and control characters."""
    return " ".join(clean(text).split())


# options that may be "not known yet" (values.UNKNOWN_WORDS)
_MAY_BE_UNKNOWN = ("--waarde", "--kwartaal", "--datum")


def _parse(option: str, value: str | None, parse: Callable[[str], T]) -> T | None:
    if value is None or not value.strip():
        return None
    if option in _MAY_BE_UNKNOWN and is_unknown(value):
        return None
    try:
        return parse(value.strip())
    except ValueProblem as exc:
        raise NewError(sentence(f"{option}: {exc}")) from None


def _directie(kader: Kader, name: str) -> str:
    canonical = kader.resolve_directie(name)
    if canonical is None:
        raise ValueProblem(
            _unknown("directie", name, kader.directie_names(), list(kader.directies))
        )
    return canonical


def _leadbuyer(kader: Kader, name: str) -> str:
    canonical = kader.resolve_leadbuyer(name)
    if canonical is None:
        raise ValueProblem(_unknown("leadbuyer", name, kader.leadbuyers, kader.leadbuyers))
    return canonical


def _unknown(what: str, name: str, spellings: list[str], shown: list[str]) -> str:
    guess = did_you_mean(name, spellings)
    return f"onbekende {what} '{name}'" + (
        f" — bedoel je '{guess}'?" if guess else f"; kies uit: {', '.join(shown)}"
    )


def _publicatie(text: str) -> tuple[str | None, date | None] | None:
    if is_unknown(text):
        return None
    try:
        return parse_kwartaal(text), None
    except ValueProblem:
        pass
    try:
        return None, parse_datum(text)
    except ValueProblem:
        raise ValueProblem(
            f"'{text}' is geen kwartaal of datum; schrijf 2025-Q1 of 2025-03-01"
        ) from None


# --- asking --------------------------------------------------------------------------


def _ask(
    asker: Asker,
    question: str,
    parse: Callable[[str], T],
    *,
    default: str | None = None,
    optional: bool = False,
) -> T | None:
    """Ask until the answer can be read; an empty answer skips an optional question."""
    while True:
        answer = asker.ask(question, default).strip()
        if not answer:
            if optional:
                return None
            asker.say("  Dit is verplicht.")
            continue
        try:
            return parse(answer)
        except ValueProblem as exc:
            asker.say(f"  {sentence(str(exc))}")


def _choose(
    asker: Asker,
    question: str,
    options: list[str],
    parse: Callable[[str], T],
    *,
    optional: bool = False,
    labels: list[str] | None = None,
) -> T | None:
    """Offer numbered options; accept a number or the value itself."""
    asker.say(question + (" (leeg = overslaan):" if optional else ":"))
    for i, label in enumerate(labels or options, 1):
        asker.say(f"  {i}. {label}")

    def by_number(answer: str) -> T:
        if answer.isdigit():
            n = int(answer)
            if not 1 <= n <= len(options):
                raise ValueProblem(f"kies een nummer van 1 tot {len(options)}")
            return parse(options[n - 1])
        return parse(answer)

    return _ask(asker, "Nummer of naam", by_number, optional=optional)


def gather(
    answers: Answers,
    kader: Kader,
    taken: Callable[[str], bool],
    asker: Asker | None = None,
    *,
    again: bool = False,
) -> TenderFields:
    """Read the options; ask for what is missing when there is someone to ask.
    Raises NewError (exit 2) for a value that cannot be read or is missing.
    An empty string in `answers` is a question skipped: it is not asked again."""
    titel = _parse("--titel", answers.titel, _line)
    directie = _parse("--directie", answers.directie, lambda n: _directie(kader, n))
    soort = _parse("--soort", answers.soort, parse_soort)
    waarde = _parse("--waarde", answers.waarde, parse_amount)
    kwartaal = _parse("--kwartaal", answers.kwartaal, parse_kwartaal)
    datum = _parse("--datum", answers.datum, parse_datum)
    zekerheid = _parse("--zekerheid", answers.zekerheid, parse_zekerheid)
    procedure = _parse("--procedure", answers.procedure, parse_procedure)
    leadbuyer = _parse("--leadbuyer", answers.leadbuyer, lambda n: _leadbuyer(kader, n))
    personeel = _parse("--personeel", answers.personeel, parse_ja_nee)
    status = _parse("--status", answers.status, parse_status) or "kalender"
    contact = _parse("--contact", answers.contact, _line)
    tender_id = _parse("--id", answers.id, check_id)
    if kwartaal is not None and datum is not None:
        raise NewError("geef --kwartaal of --datum, niet allebei.")

    if asker is None:
        missing = [o for o, v in (("--titel", titel), ("--directie", directie)) if v is None]
        if missing:
            raise NewError(
                f"{' en '.join(missing)} ontbreekt. Geef de gegevens als optie "
                "(zie 'inkoopcheck new --help'), of start 'inkoopcheck new' in een "
                "terminal om de vragen te beantwoorden. Er is niets geschreven."
            )
        if (kwartaal or datum) and zekerheid is None:
            raise NewError("geef ook --zekerheid: zeker, waarschijnlijk, onzeker of zeer-onzeker.")
    else:
        if not again:
            asker.say("Nieuwe aanbesteding. Druk op Enter om een vraag over te slaan waar dat mag.")
        if titel is None:
            titel = _ask(asker, "Titel (de opdrachtomschrijving)", _line)
        if directie is None:
            directie = _choose(
                asker,
                "Directie (de opdrachtgever)",
                list(kader.directies),
                lambda n: _directie(kader, n),
            )
        if soort is None and answers.soort is None:
            soort = _choose(asker, "Soort opdracht", list(SOORTEN), parse_soort, optional=True)
        if waarde is None and answers.waarde is None:
            waarde = _ask(
                asker,
                "Geschatte contractwaarde in euro's (leeg = nog niet bekend)",
                parse_amount,
                optional=True,
            )
        if answers.kwartaal is None and answers.datum is None:
            when = _ask(
                asker,
                "Verwachte publicatie: kwartaal (2025-Q1) of datum (2025-03-01); "
                "leeg = nog niet bekend",
                _publicatie,
                optional=True,
            )
            if when is not None:
                kwartaal, datum = when
        if zekerheid is None:
            if kwartaal is None and datum is None:
                zekerheid = "zeer-onzeker"
                asker.say("  Zekerheid: Zeer onzeker (nog niet bekend).")
            else:
                zekerheid = _choose(
                    asker,
                    "Hoe zeker is de publicatie",
                    list(ZEKERHEID_LABELS),
                    parse_zekerheid,
                    labels=list(ZEKERHEID_LABELS.values()),
                )
        if procedure is None and answers.procedure is None:
            procedure = _choose(
                asker, "Procedure", list(PROCEDURES), parse_procedure, optional=True
            )
        if leadbuyer is None and answers.leadbuyer is None and kader.leadbuyers:
            leadbuyer = _choose(
                asker,
                "Leadbuyer",
                list(kader.leadbuyers),
                lambda n: _leadbuyer(kader, n),
                optional=True,
            )
        if personeel is None and answers.personeel is None:
            personeel = _ask(
                asker,
                "Gaat het om (inzet van) personeel of de ondersteuning ervan? (ja/nee)",
                parse_ja_nee,
                optional=True,
            )
        if contact is None and answers.contact is None:
            contact = _ask(
                asker,
                "Contact: een functie- of teamadres, geen persoonsnaam",
                _line,
                optional=True,
            )
    assert titel is not None and directie is not None
    year = publication_year(kwartaal, datum)
    if tender_id is None:
        proposal = propose_id(titel, year)
        if asker is None:
            tender_id = proposal
        else:

            def free(text: str) -> str:
                chosen = check_id(text)
                if taken(chosen):
                    raise ValueProblem(f"id '{chosen}' bestaat al; kies een ander")
                return chosen

            tender_id = _ask(
                asker,
                "Id (wordt ook de bestandsnaam)",
                free,
                default=free_id(proposal, taken),
            )
    assert tender_id is not None
    return TenderFields(
        id=tender_id,
        titel=titel,
        directie=directie,
        status=status,
        leadbuyer=leadbuyer,
        soort=soort,
        contractwaarde=waarde,
        procedure=procedure,
        kwartaal=kwartaal,
        datum=datum,
        zekerheid=zekerheid,
        personeel=personeel,
        contact=contact,
    )


def prepare(
    fields: TenderFields,
    data_root: Path,
    kader: Kader,
    existing: TenderIndex,
    peildatum: date,
) -> Prepared:
    """Place, render and check the file. Raises NewError (exit 1) when the id is
    taken or the result would not pass `inkoopcheck validate`."""
    path = destination(data_root, kader, fields.directie, fields.id)
    other = existing.find(fields.id)
    if other is not None:
        raise NewError(
            f"er bestaat al een aanbesteding met id '{fields.id}': {show(other.path)}. "
            "Er is niets geschreven; kies een ander id met --id.",
            EXIT_DATA,
        )
    text = tender_yaml(fields, kader)
    checked = check_text(text, path, data_root, kader, peildatum)
    if checked.errors:
        raise CheckFailed(
            "het nieuwe bestand zou niet door de controle komen; er is niets geschreven.",
            checked.errors,
            text,
        )
    same = existing.find_title(fields.directie, fields.titel)
    return Prepared(fields, path, text, checked, same.path if same else None)


def write(prepared: Prepared) -> None:
    """Write atomically; NewError (exit 1) if the file appeared meanwhile."""
    try:
        write_new(prepared.path, prepared.text)
    except FileExistsError:
        raise NewError(
            f"{show(prepared.path)} bestaat al; er is niets overschreven.", EXIT_DATA
        ) from None
    except OSError as exc:
        raise NewError(f"kon {show(prepared.path)} niet schrijven: {reason(exc)}.") from None


# --- asking again when the check fails -----------------------------------------------

# the key on a line of the rendered file -> the question that gave it
_QUESTION = {
    "titel": "titel",
    "directie": "directie",
    "soort": "soort",
    "contractwaarde": "waarde",
    "procedure": "procedure",
    "publicatie": "publicatie",
    "kwartaal": "publicatie",
    "datum": "publicatie",
    "zekerheid": "zekerheid",
    "leadbuyer": "leadbuyer",
    "personeel": "personeel",
    "contact": "contact",
    "id": "id",
}


def _questions(errors: tuple[Finding, ...], text: str) -> set[str] | None:
    """The questions whose answers the errors point at; None when one of them
    points at nothing a question gave (then asking again cannot help)."""
    lines = text.splitlines()
    found: set[str] = set()
    for f in errors:
        if not 1 <= f.line <= len(lines):
            return None
        key = lines[f.line - 1].split(":", 1)[0].strip()
        question = _QUESTION.get(key)
        if question is None:
            return None
        found.add(question)
    return found


def _as_answers(fields: TenderFields, clear: set[str]) -> Answers:
    """The answers that gave `fields`, as typed text; "" for a question skipped,
    None for the questions in `clear` (asked again)."""

    def given(question: str, value: object) -> str | None:
        if question in clear:
            return None
        if value is None:
            return ""
        if isinstance(value, bool):
            return "ja" if value else "nee"
        return str(value)

    publicatie = "publicatie" in clear
    return Answers(
        titel=given("titel", fields.titel),
        directie=given("directie", fields.directie),
        soort=given("soort", fields.soort),
        waarde=given("waarde", fields.contractwaarde),
        kwartaal=None if publicatie else fields.kwartaal or "",
        datum=None if publicatie else (fields.datum.isoformat() if fields.datum else ""),
        zekerheid=None if publicatie else given("zekerheid", fields.zekerheid),
        procedure=given("procedure", fields.procedure),
        leadbuyer=given("leadbuyer", fields.leadbuyer),
        personeel=given("personeel", fields.personeel),
        status=fields.status,
        contact=given("contact", fields.contact),
        id=given("id", fields.id),
    )


def gather_checked(
    answers: Answers,
    kader: Kader,
    data_root: Path,
    existing: TenderIndex,
    peildatum: date,
    asker: Asker | None = None,
) -> Prepared:
    """gather + prepare. When the check fails and someone can be asked, the
    questions the errors point at are asked again; the other answers are kept."""
    fields = gather(answers, kader, lambda i: existing.find(i) is not None, asker)
    while True:
        try:
            return prepare(fields, data_root, kader, existing, peildatum)
        except CheckFailed as exc:
            questions = _questions(exc.errors, exc.text) if asker is not None else None
            if asker is None or not questions:
                raise
            asker.say("De controle vond een fout; de andere antwoorden blijven staan:")
            asker.findings(exc.errors)
            asker.say(f"Beantwoord opnieuw: {', '.join(sorted(questions))}.")
            again = _as_answers(fields, questions)
            fields = gather(again, kader, lambda i: existing.find(i) is not None, asker, again=True)
