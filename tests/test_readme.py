"""The README and the docs stay true: every link points at a file that exists,
and every `inkoopcheck ...` example uses a real command with real options."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.main import get_command

from inkoopcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_resolve(doc: Path) -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", doc.read_text(encoding="utf-8")):
        if "://" in target:
            continue
        assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"`(inkoopcheck [^`]+)`", text)
    found += re.findall(r"\.venv/bin/(inkoopcheck [^\n`&]+)", text)
    return sorted(set(found))


@pytest.mark.parametrize("example", examples())
def test_readme_examples_use_real_commands_and_options(example: str) -> None:
    words = shlex.split(example)[1:]
    command = get_command(app)
    while words and hasattr(command, "commands") and words[0] in command.commands:
        command = command.commands[words.pop(0)]
    assert not hasattr(command, "commands"), f"{example}: no such command"
    known = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in known, f"{example}: unknown option {word}"


def test_there_are_examples() -> None:
    assert len(examples()) >= 8
