"""Releases people can pin (issue 17, part 2): one source of the version, read by
pyproject.toml, printed by --version (without loading typer) and named by the
newest CHANGELOG entry and by every example that pins a version."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from inkoopcheck import __version__

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(sys.executable).parent / "inkoopcheck")


def pyproject_version() -> str:
    """The version a build of pyproject.toml gets: setuptools reads the attribute it
    names statically from the module's source, as done here."""
    doc = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in doc["project"], "one source: the version is not written twice"
    assert "version" in doc["project"]["dynamic"]
    attr = doc["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    module, name = attr.rsplit(".", 1)
    source = ROOT / "src" / Path(*module.split(".")) / "__init__.py"
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, str)
            return value
    raise AssertionError(f"{attr} not found")


def changelog_versions() -> list[str]:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return re.findall(r"^## (\d+\.\d+\.\d+)\s*$", text, flags=re.MULTILINE)


def test_pyproject_version_and_changelog_agree() -> None:
    versions = changelog_versions()
    assert versions, "CHANGELOG.md has no '## X.Y.Z' entries"
    assert pyproject_version() == __version__ == versions[0]
    ordered = sorted(versions, key=lambda v: tuple(int(p) for p in v.split(".")), reverse=True)
    assert versions == ordered, "newest first"
    assert len(set(versions)) == len(versions)


def test_every_changelog_entry_says_something() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    parts = re.split(r"^## \d+\.\d+\.\d+\s*$", text, flags=re.MULTILINE)[1:]
    assert all(len(p.strip()) > 40 for p in parts)


def test_version_is_printed_without_importing_typer() -> None:
    done = subprocess.run([SCRIPT, "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"inkoopcheck {__version__}\n"
    probe = (
        "import sys; sys.argv = ['inkoopcheck', '--version']\n"
        "from inkoopcheck.entry import main; main()\n"
        "print(sorted(m for m in ('typer', 'click', 'rich', 'pydantic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == f"inkoopcheck {__version__}\n[]\n"


def test_examples_pin_the_version_that_exists() -> None:
    tag = f"v{__version__}"
    workflow = (ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
    precommit = (ROOT / "examples" / "pre-commit-config.yaml").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    pins = re.findall(r"git\+[^\"`\n]*?@(v[\d.]*\d)", workflow + guide)
    pins += re.findall(r"rev: (v[\d.]+)", precommit)
    assert len(pins) >= 3
    assert set(pins) == {tag}, pins
