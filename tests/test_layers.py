"""The layout holds: no module imports from a layer above its own, no module
grows past ~500 lines, and every module has a layer (a new one must be placed).

Layers, bottom to top (README, "Voor ontwikkelaars"):
  basis     values without domain: findings, formatting, dates, OS errors, atomic writes
  domein    the tender and the kader as models, and the rules over them
  laden     bytes → data + findings (YAML, loader)
  controle  per-file and cross-file checks (tender files, overleg files)
  werkruimte  the pipeline that loads and checks a whole data folder, its cache, git
  kern      pure builders over models: triage, report, advies, exports, ...
  schrijven changing files: new, import, the comment-preserving update, outputs
  render    views → str/bytes, one module per format family
  cli       typer: parse options, call the core, print
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "inkoopcheck"
ORDER = [
    "basis",
    "domein",
    "laden",
    "controle",
    "werkruimte",
    "kern",
    "schrijven",
    "render",
    "cli",
]


def layer_of(module: str) -> str | None:
    """module: dotted name below inkoopcheck (e.g. 'render.report_xlsx')."""
    top = module.split(".")[0]
    if top in ("render", "cli"):
        return top
    for layer, names in LAYERS.items():
        if top in names:
            return layer
    return None


LAYERS: dict[str, set[str]] = {
    "basis": {
        "__init__",
        "findings",
        "fmt",
        "periods",
        "oserrors",
        "atomic",
        "cpv",
        "eforms",
        "codes",
        "names",
    },
    "domein": {
        "models",
        "kader",
        "values",
        "thresholds",
        "timing",
        "rules",
        "social_return",
        "personal",
    },
    "laden": {"yamlsafe", "yamlsyntax", "messages", "loader"},
    "controle": {"checks", "crossfile", "overleg"},
    "werkruimte": {"pipeline", "cache", "analysis", "gitutil", "workspace", "prfiles"},
    "kern": {
        "triage",
        "history",
        "report",
        "export",
        "advice",
        "kaderdoc",
        "ocds",
        "codeowners",
        "schema",
        "decisions",
        "tenderdiff",
        "agenda",
        "workload",
        "ics",
        "summary",
    },
    "schrijven": {
        "tenderedit",
        "tenderfile",
        "newtender",
        "importer",
        "importrow",
        "workbook",
        "tenderned",  # reconciles and, with --apply, writes
        "outputs",
        "update",
        "overlegfile",
    },
    "cli": {"entry", "__main__", "helpformat"},
}


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def dotted(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    return ".".join(rel.parts)


def imports_of(path: Path) -> set[str]:
    """Every inkoopcheck module this file imports, wherever the import stands
    (commands import their core inside the function)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "inkoopcheck":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("inkoopcheck."):
                found.add(node.module.removeprefix("inkoopcheck."))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("inkoopcheck."):
                    found.add(alias.name.removeprefix("inkoopcheck."))
    return found


@pytest.mark.parametrize("path", modules(), ids=dotted)
def test_every_module_has_a_layer(path: Path) -> None:
    assert layer_of(dotted(path)) is not None, (
        f"{dotted(path)}: give it a layer in tests/test_layers.py (and the README)"
    )


@pytest.mark.parametrize("path", modules(), ids=dotted)
def test_no_module_imports_from_a_layer_above(path: Path) -> None:
    mine = layer_of(dotted(path))
    assert mine is not None
    above = [
        target
        for target in sorted(imports_of(path))
        if (theirs := layer_of(target)) is not None and ORDER.index(theirs) > ORDER.index(mine)
    ]
    assert above == [], f"{dotted(path)} ({mine}) imports from a layer above: {above}"


@pytest.mark.parametrize("path", modules(), ids=dotted)
def test_no_module_over_500_lines(path: Path) -> None:
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= 520, f"{dotted(path)} has {lines} lines; split it by what it owns"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The walk is real: a module of the domain that imports the CLI is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from inkoopcheck.cli import app\n")
    assert imports_of(bad) == {"cli"}
    assert ORDER.index(layer_of("cli") or "") > ORDER.index(layer_of("models") or "")
