"""The report's sort key (a regular expression over the normalised name, cached)
equals the plain reading of its rule: the letters and digits of the normalised
name, character by character."""

from __future__ import annotations

import random

from inkoopcheck.kader import normalise
from inkoopcheck.report import sort_key

# accents, ligatures, other scripts, digits of other scripts, punctuation, spaces
ALPHABET = "aAzZ09 _-&.,'éÉèëïöüçñßæøåÅłŁĳﬁ²½٣५αΩжЖ中文€$@#\t\n\u00a0\u2009"


def plain(name: str) -> str:
    return "".join(ch for ch in normalise(name) if ch.isalnum())


def test_sort_key_equals_the_plain_rule_on_random_names() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        name = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
        assert sort_key(name) == plain(name), repr(name)
        assert sort_key(name) == plain(name), repr(name)  # and again, from the cache


def test_sort_key_orders_as_the_note_does() -> None:
    names = ["Kantoorartikelen", "K&W Dranken", "kaas", "Ëten", "10 fietsen"]
    assert sorted(names, key=sort_key) == [
        "10 fietsen",
        "Ëten",
        "kaas",
        "Kantoorartikelen",
        "K&W Dranken",
    ]
