"""The guide for the directies (docs/handleiding.md) follows the program: every
field and allowed value of a tender file is in it, the commands it names exist,
and every command's --help has an example."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.main import get_command
from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.models import (
    Betrokkenheid,
    Procedure,
    Publicatie,
    Rol,
    SocialReturn,
    Soort,
    Status,
    Tender,
    ThemaStand,
    Werkwijze,
    Zekerheid,
)
from inkoopcheck.overleg import Besluit, Overleg

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "handleiding.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "model", [Tender, Publicatie, Betrokkenheid, SocialReturn, Overleg, Besluit]
)
def test_every_field_is_explained(model: type[BaseModel]) -> None:
    text = guide()
    missing = [name for name in model.model_fields if f"`{name}`" not in text]
    assert not missing, f"docs/handleiding.md noemt {', '.join(missing)} niet"


@pytest.mark.parametrize(
    "literal", [Soort, Procedure, Zekerheid, Status, ThemaStand, Rol, Werkwijze]
)
def test_every_allowed_value_is_named(literal: object) -> None:
    text = guide()
    missing = [v for v in typing.get_args(literal) if f"`{v}`" not in text]
    assert not missing, f"docs/handleiding.md noemt {', '.join(missing)} niet"


def test_links_and_readme() -> None:
    text = guide()
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        assert (GUIDE.parent / target).is_file(), target
    assert "inkoopcheck explain" in text and "meldingen.md" in text
    assert "(docs/handleiding.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(cmd: typing.Any, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            found.append(path)

    walk(get_command(app), [])
    return found


def test_the_commands_the_guide_names_exist() -> None:
    names = {c[0] for c in commands()}
    used = set(re.findall(r"`inkoopcheck ([a-z-]+)", guide()))
    assert used and used <= names, used - names


@pytest.mark.parametrize("command", commands(), ids=" ".join)
def test_every_command_has_an_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Voorbeeld: inkoopcheck " in result.stdout


def test_no_personal_names_in_the_guide() -> None:
    """Roles and team addresses only: no e-mail address of the form first.last@."""
    assert not re.search(r"\b[a-z]+\.[a-z]+@", guide(), re.IGNORECASE)
