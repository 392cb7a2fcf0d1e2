"""No English word from libyaml reaches the user.

LIBYAML lists every problem text that libyaml's reader, scanner and parser can
give (taken from the strings of the libyaml inside PyYAML's wheel); each must
get a Dutch sentence. Then random damage to a valid tender file shows that
whatever libyaml says in practice, the finding is one of ours.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from inkoopcheck.yamlsafe import parse
from inkoopcheck.yamlsyntax import dutch_syntax

LIBYAML = [
    # reader
    "control characters are not allowed",
    "input is too long",
    "invalid leading UTF-8 octet",
    "incomplete UTF-8 octet sequence",
    "invalid trailing UTF-8 octet",
    "invalid length of a UTF-8 sequence",
    "invalid Unicode character",
    "incomplete UTF-16 character",
    "unexpected low surrogate area",
    "incomplete UTF-16 surrogate pair",
    "expected low surrogate area",
    # scanner
    "could not find expected ':'",
    "found character that cannot start any token",
    "block sequence entries are not allowed in this context",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    "exceeded maximum nesting depth",
    "found unknown directive name",
    "did not find expected comment or line break",
    "could not find expected directive name",
    "found unexpected non-alphabetical character",
    "did not find expected whitespace",
    "found extremely long version number",
    "did not find expected digit or '.' character",
    "did not find expected version number",
    "did not find expected alphabetic or numeric character",
    "did not find expected whitespace or line break",
    "did not find the expected '>'",
    "did not find expected tag URI",
    "did not find expected '!'",
    "did not find URI escaped octet",
    "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0",
    "found a tab character where an indentation space is expected",
    "found a tab character that violates indentation",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unknown escape character",
    "did not find expected hexdecimal number",
    "found invalid Unicode character escape code",
    "found unexpected ':'",
    # parser
    "did not find expected <stream-start>",
    "did not find expected <document start>",
    "found duplicate %YAML directive",
    "found incompatible YAML document",
    "found duplicate %TAG directive",
    "found undefined tag handle",
    "did not find expected node content",
    "did not find expected '-' indicator",
    "did not find expected key",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
]

# English words of these texts that have no place in a Dutch sentence (less the
# ones Dutch shares)
ENGLISH = {w.lower() for text in LIBYAML for w in re.findall(r"[A-Za-z]{4,}", text)} - {
    "yaml",
    "document",
    "code",
}


@pytest.mark.parametrize("problem", LIBYAML)
def test_every_libyaml_problem_has_a_dutch_sentence(problem: str) -> None:
    code, message, hint = dutch_syntax(problem)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", f"{message} {hint}")}
    assert not words & ENGLISH, (problem, message, hint)
    assert code == ("IC017" if "nesting depth" in problem else "IC010")


def test_an_unknown_text_of_a_future_libyaml_is_still_dutch() -> None:
    code, message, _ = dutch_syntax("some brand new complaint")
    assert (code, message) == ("IC010", "de opbouw van het bestand klopt hier niet")


def test_random_damage_gives_only_dutch_findings() -> None:
    base = (Path(__file__).parent / "traps" / "valid.yaml").read_text("utf-8")
    rng = random.Random(20261202)
    pieces = [*"[]{}:-?|>!&*%\"'#,@`\t\n ", "---", "...", "%YAML 1.1", "!!str", "\\x"]
    seen: set[str] = set()
    for _ in range(3000):
        text = base
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(pieces) + text[at:]
        for problem in parse(text.encode("utf-8")).problems:
            words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", problem.message)}
            assert not words & ENGLISH, (text, problem)
            seen.add(problem.code)
    assert "IC010" in seen  # the damage did reach libyaml's errors
