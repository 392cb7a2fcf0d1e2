"""`inkoopcheck codeowners`: a CODEOWNERS file from the `eigenaars` in kader.yaml.

Each directie's folder is owned by its team, so it approves changes to its own
tenders (validate already refuses a tender in another directie's folder);
kader.yaml and anything not in a directie folder is owned by the team
inclusief inkopen. On GitHub the last matching line wins, so the general lines
come first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from inkoopcheck.gitutil import GitError, toplevel
from inkoopcheck.kader import Kader
from inkoopcheck.loader import KADER_FILE, OVERLEG_DIR, TENDERS_DIR

DEFAULT_OUTPUT = Path(".github") / "CODEOWNERS"

# @user, @org/team or an e-mail address, as GitHub accepts them
_OWNER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]*)(?:/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+")


class CodeownersError(Exception):
    """The file cannot be made (exit 2); the message is Dutch."""


@dataclass(frozen=True, slots=True)
class OwnerProblem:
    """An owner in kader.yaml that GitHub would not understand."""

    where: str
    owner: str


@dataclass(frozen=True, slots=True)
class Codeowners:
    text: str
    problems: tuple[OwnerProblem, ...]


def repository_root(data_root: Path) -> Path:
    """The git repository holding the data folder, else the folder above it."""
    try:
        return toplevel(data_root).resolve()
    except GitError:
        return data_root.resolve().parent


def _pattern(path: str) -> str:
    """A path as a CODEOWNERS pattern: anchored at the root, spaces escaped."""
    return "/" + path.replace("\\", "/").replace(" ", "\\ ")


def codeowners_file(kader: Kader, data_rel: str) -> Codeowners:
    """The CODEOWNERS text for a data folder at `data_rel` (relative to the
    repository root, ``data`` or ``.`` for the root itself)."""
    prefix = "" if data_rel in ("", ".") else data_rel.strip("/") + "/"
    problems: list[OwnerProblem] = []

    def owners(names: list[str], where: str) -> str:
        for name in names:
            if not _OWNER.fullmatch(name):
                problems.append(OwnerProblem(where, name))
        return " ".join(names)

    team = owners(list(kader.team.eigenaars), "team")
    lines = [
        "# Gegenereerd door 'inkoopcheck codeowners' uit "
        f"{prefix}{KADER_FILE}; wijzig het niet met de hand.",
        "# Pas de 'eigenaars' in kader.yaml aan en draai 'inkoopcheck codeowners' opnieuw.",
        "# Elke directie keurt de wijzigingen in haar eigen map goed; kader.yaml en "
        f"de besluiten van het overleg (overleg/) keurt het team goed ({kader.team.naam}).",
        "",
    ]
    if team:
        lines.append(f"{_pattern(prefix + TENDERS_DIR + '/')} {team}")
        lines.append(f"{_pattern(prefix + KADER_FILE)} {team}")
        # the overleg's decisions on the team's role belong to the team, not to a directie
        lines.append(f"{_pattern(prefix + OVERLEG_DIR + '/')} {team}")
    else:
        lines.append(f"# {prefix}{KADER_FILE}: geen eigenaars onder 'team' in kader.yaml")
    lines.append("")
    for name, directie in sorted(kader.directies.items(), key=lambda d: d[1].slug):
        folder = _pattern(f"{prefix}{TENDERS_DIR}/{directie.slug}/")
        mine = owners(list(directie.eigenaars), name) or team
        if mine:
            lines.append(f"{folder} {mine}")
        else:
            lines.append(f"# {folder}: geen eigenaars voor {name} in kader.yaml")
    return Codeowners("\n".join(lines) + "\n", tuple(problems))


def data_relative(data_root: Path, repo_root: Path) -> str:
    try:
        rel = data_root.resolve().relative_to(repo_root)
    except ValueError:
        raise CodeownersError(
            f"de datamap '{data_root}' ligt niet in de repository '{repo_root}'."
        ) from None
    return rel.as_posix()


def diff(current: str | None, wanted: str, name: str) -> str:
    """What would change, as a unified diff ('' when nothing would)."""
    old = (current or "").splitlines(keepends=True)
    return "".join(
        difflib.unified_diff(
            old, wanted.splitlines(keepends=True), f"{name} (nu)", f"{name} (nieuw)"
        )
    )
