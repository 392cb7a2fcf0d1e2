"""The codes are documented twice, and both must agree with codes.CODES: the
table in docs/meldingen.md (for the directies) and `inkoopcheck explain`."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from inkoopcheck.cli import app
from inkoopcheck.codes import CODES

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "meldingen.md"
ROW = re.compile(r"^\| (IC\d{3}) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$")


def table() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            code, ernst, titel, uitleg = (g.strip() for g in m.groups())
            rows.append((code, ernst, titel, uitleg))
        else:
            assert not line.startswith("| IC"), f"a table row that does not parse: {line!r}"
    return rows


def test_docs_list_exactly_the_codes_with_the_same_titles() -> None:
    rows = table()
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "a code is listed twice in docs/meldingen.md"
    missing = sorted(set(CODES) - set(codes))
    extra = sorted(set(codes) - set(CODES))
    assert not missing, f"docs/meldingen.md mist: {', '.join(missing)}"
    assert not extra, f"docs/meldingen.md noemt codes die niet bestaan: {', '.join(extra)}"
    assert codes == sorted(codes)
    for code, ernst, titel, uitleg in rows:
        c = CODES[code]
        assert (ernst, titel, uitleg) == (str(c.severity), c.titel, c.uitleg), code


def test_codes_are_well_formed() -> None:
    for key, c in CODES.items():
        assert key == c.code and re.fullmatch(r"IC[0-5]\d{2}", key)
        assert c.titel and c.uitleg.endswith(".")
        # docs/meldingen.md: advice is a warning; a wrong kader is reported like a tender error
        if key.startswith("IC3"):
            assert c.severity == "waarschuwing", key
        if key.startswith("IC4"):
            assert c.severity == "fout", key


def test_explain_one_code() -> None:
    result = CliRunner().invoke(app, ["explain", "IC102"])
    assert result.exit_code == 0
    assert result.stdout == (
        "IC102 (fout): onbekend veld\n"
        "\n"
        "Een veld dat niet bestaat, vaak een tikfout ('contractwarde'). Het wordt niet "
        "stilletjes genegeerd.\n"
    )
    lower = CliRunner().invoke(app, ["explain", "ic003"])
    assert lower.stdout.startswith("IC003 (waarschuwing): BOM aan het begin\n\n")


def test_explain_all_codes() -> None:
    result = CliRunner().invoke(app, ["explain"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(CODES)
    assert lines[0] == "IC001  fout         bestand of map niet te lezen"
    assert "IC003  waarschuwing BOM aan het begin" in lines
    assert [line.split()[0] for line in lines] == list(CODES)
    for line, c in zip(lines, CODES.values(), strict=True):
        assert line.endswith(f" {c.titel}")


def test_explain_unknown_code_exits_2() -> None:
    result = CliRunner().invoke(app, ["explain", "IC999"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "inkoopcheck: code 'IC999' bestaat niet; 'inkoopcheck explain' toont alle codes.\n"
    )


def test_every_code_a_finding_can_carry_is_documented() -> None:
    """Every 'ICnnn' the source mentions is a known code: a finding can never
    carry a code that explain and the docs do not know."""
    src = ROOT / "src" / "inkoopcheck"
    used = {
        code
        for path in src.rglob("*.py")
        for code in re.findall(r"\bIC\d{3}\b", path.read_text(encoding="utf-8"))
    }
    assert used <= set(CODES), sorted(used - set(CODES))
