"""Values as people type them in prompts, options and Excel cells."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from inkoopcheck.values import (
    ValueProblem,
    parse_amount,
    parse_cpv,
    parse_kwartaal,
    parse_publicatie,
    parse_soort,
    parse_zekerheid,
    propose_id,
)


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        (6000000, 6000000),
        (2500000.0, 2500000),
        ("€ 6.000.000", 6000000),
        ("€\u00a06.000.000,-", 6000000),
        ("6.000.000,00", 6000000),
        ("6,5 mln", 6500000),
        ("2.5 miljoen", 2500000),
        ("ca. 5 mln", 5000000),
        ("250k", 250000),
        ("2,500,000", 2500000),
        ("N.n.b.", None),
        ("nnb", None),
        ("onbekend", None),
        ("", None),
        (None, None),
    ],
)
def test_amounts(written: object, amount: int | None) -> None:
    assert parse_amount(written) == amount


@pytest.mark.parametrize("written", ["veel", "1.5.3", "-5", True, "6 appels"])
def test_not_amounts(written: object) -> None:
    with pytest.raises(ValueProblem):
        parse_amount(written)


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Zeker (volgens publicatiedatum)", "zeker"),
        ("Waarschijnlijk (marge 1 kwartaal)", "waarschijnlijk"),
        ("Onzeker (marge 2 of meer kwartalen)", "onzeker"),
        ("Zeer onzeker (nog niet bekend)", "zeer-onzeker"),
        ("zeer-onzeker", "zeer-onzeker"),
        ("ZEKER", "zeker"),
        ("onzeker", "onzeker"),
    ],
)
def test_certainty_labels_and_first_words(label: str, key: str) -> None:
    assert parse_zekerheid(label) == key


def test_unknown_certainty_names_the_choices() -> None:
    with pytest.raises(ValueProblem, match="Zeer onzeker"):
        parse_zekerheid("misschien")


def test_publication_cells() -> None:
    # "(marge 1 kwartaal)" is part of the label, not a quarter
    assert parse_publicatie("Waarschijnlijk (marge 1 kwartaal)") == (None, None, "waarschijnlijk")
    assert parse_publicatie("Q2 2026") == ("2026-Q2", None, None)
    assert parse_publicatie("2026-Q3 (zeker)") == ("2026-Q3", None, "zeker")
    assert parse_publicatie("1e kwartaal 2027") == ("2027-Q1", None, None)
    assert parse_publicatie(datetime(2026, 3, 1)) == (None, date(2026, 3, 1), None)
    assert parse_publicatie("15-03-2026") == (None, date(2026, 3, 15), None)
    with pytest.raises(ValueProblem):
        parse_publicatie("2026-02-30")
    assert parse_kwartaal("q4-2025") == "2025-Q4"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Zeker (volgens publicatiedatum)", (None, None, "zeker")),
        ("zeer onzeker (nog niet bekend)", (None, None, "zeer-onzeker")),
        ("2026-Q2, Waarschijnlijk", ("2026-Q2", None, "waarschijnlijk")),
        ("Q1 2027 - zeer-onzeker", ("2027-Q1", None, "zeer-onzeker")),
        ("ONZEKER 15-03-2026", (None, date(2026, 3, 15), "onzeker")),
        ("2026-Q3 (verwacht)", ("2026-Q3", None, None)),  # no certainty: none read
    ],
)
def test_publication_cell_with_an_exact_certainty(
    written: str, read: tuple[object, object, object]
) -> None:
    assert parse_publicatie(written) == read


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("nog niet zeker", "'nog niet zeker'"),
        ("heel zeker", "'heel zeker'"),
        ("Zeker niet", "'Zeker niet'"),
        ("2026-Q2 nog niet zeker", "'2026-Q2 nog niet zeker': 'nog niet zeker'"),
        ("2026-Q2 (niet zeker)", "'2026-Q2 (niet zeker)': 'niet zeker'"),
        ("2026-Q2 verwacht", "'2026-Q2 verwacht': 'verwacht'"),
    ],
)
def test_publication_cell_with_another_certainty_is_refused(written: str, shown: str) -> None:
    """The word zeker somewhere in the cell is not enough: "nog niet zeker" is not zeker."""
    with pytest.raises(ValueProblem) as exc:
        parse_publicatie(written)
    assert str(exc.value) == (
        f"{shown} is geen zekerheid; kies Zeker, Waarschijnlijk, Onzeker of Zeer onzeker, "
        "of het hele label zoals 'Waarschijnlijk (marge 1 kwartaal)'"
    )


@pytest.mark.parametrize("written", ["nog niet zeker", "Zeker niet", "zeer", "heel zeker"])
def test_certainty_option_is_exact(written: str) -> None:
    with pytest.raises(ValueProblem, match="is geen zekerheid"):
        parse_zekerheid(written)


def test_soort_and_cpv() -> None:
    assert parse_soort("Diensten") == "diensten"
    assert parse_soort("Sociale en andere specifieke diensten") == "sociale-diensten"
    assert parse_cpv("85147000-1 (Arbodiensten)") == ("85147000-1",)
    assert parse_cpv(79620000) == ("79620000-6",)  # completed with its check digit
    with pytest.raises(ValueProblem):
        parse_cpv("8514700")


def test_proposed_ids() -> None:
    assert propose_id("Arbodienstverlening", 2025) == "arbodienstverlening-2025"
    assert propose_id("AJH 2027", 2027) == "ajh-2027"
    assert propose_id("K&W Dranken", None) == "k-en-w-dranken"
    assert propose_id("Café-inrichting", 2026) == "cafe-inrichting-2026"
    # as the shipped file is named
    assert propose_id("Inhuur gecertificeerde BOA's", 2025) == "inhuur-gecertificeerde-boas-2025"
    long = propose_id(" ".join(["onderhoud"] * 20), 2026)
    assert len(long) <= 80 and long.endswith("-2026") and "--" not in long
    assert len(propose_id("AB", None)) >= 3
