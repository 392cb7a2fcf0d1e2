"""Every loader trap of issue 2, through the real command.

Each file in tests/traps/ is a realistic tender file with exactly one thing
broken. The test puts it in a fresh data folder (the shipped kader.yaml plus
tenders/communicatie/<name>) and runs ``inkoopcheck validate --format json`` as a
user would, in a separate process (a regression in the deep-nesting or alias
cases would crash or hang the interpreter, not just fail an assertion).

What the user must see: the exit code, the code, the line, a Dutch message that
names the value as written ('no', not False), and never a traceback. Traps that
are not file contents (symlinks, FIFOs, folders named *.yaml, unreadable files,
odd file names, files over 1 MB) are made inside tmp_path by the tests below.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRAPS = Path(__file__).resolve().parent / "traps"
KADER = ROOT / "data" / "kader.yaml"
SLUG = "communicatie"  # the traps say 'directie: Communicatie'
DATE = "2024-12-09"
SECONDS = 30.0  # catches a hang, never a slow machine: speed is measured by bench/

# Words of libyaml's and pydantic's English messages: they must never reach a user.
ENGLISH = ("expected", "found", "while parsing", "could not", "Input should", "Traceback")


@dataclass(frozen=True)
class Trap:
    exit: int
    code: str
    line: int | None  # None: a finding about the whole file
    fragment: str  # part of the Dutch message, quoting the value as written
    others: frozenset[str] = frozenset()  # further codes this trap may also bring


def trap(
    exit: int, code: str, line: int | None, fragment: str, *others: str
) -> Trap:  # a short constructor keeps the table readable
    return Trap(exit, code, line, fragment, frozenset(others))


# trap file -> (exit code, finding code, line, fragment of the message)
TABLE: dict[str, Trap] = {
    # encoding
    "latin1.yaml": trap(1, "IC002", 3, "byte 0xe9 is geen UTF-8 (opgeslagen als Latin-1"),
    "utf16.yaml": trap(1, "IC002", None, "opgeslagen als UTF-16, niet als UTF-8"),
    "bom.yaml": trap(0, "IC003", 1, "begint met een BOM"),
    # YAML syntax and structure
    "tab-indent.yaml": trap(1, "IC011", 10, "tab gebruikt om in te springen"),
    "syntax-error.yaml": trap(1, "IC010", 3, "YAML-fout: een dubbele punt op een plek"),
    "unclosed-quote.yaml": trap(1, "IC010", 21, "YAML-fout: het bestand houdt onverwacht op"),
    "empty.yaml": trap(1, "IC007", None, "het bestand is leeg"),
    "comment-only.yaml": trap(1, "IC007", None, "of bevat alleen commentaar"),
    "two-documents.yaml": trap(1, "IC008", 21, "meer dan één document ('---')"),
    "top-level-list.yaml": trap(1, "IC009", 2, "bovenaan staat een lijst in plaats van velden"),
    "top-level-scalar.yaml": trap(1, "IC009", 2, "bovenaan staat losse tekst"),
    "duplicate-key-nested.yaml": trap(
        1,
        "IC012",
        12,
        "sleutel 'kwartaal' staat twee keer in hetzelfde blok (regel 10 en regel 12)",
    ),
    "duplicate-key-top.yaml": trap(
        1, "IC012", 21, "sleutel 'status' staat twee keer in hetzelfde blok (regel 18 en regel 21)"
    ),
    # what YAML can do and a tender never needs
    "anchor-alias.yaml": trap(1, "IC013", 14, "anker '&ja' is niet toegestaan"),
    "alias-bomb.yaml": trap(1, "IC013", 4, "anker '&a' is niet toegestaan"),
    "merge-key.yaml": trap(1, "IC013", 10, "samenvoegsleutel '<<' is niet toegestaan"),
    "python-tag.yaml": trap(
        1, "IC014", 3, "label '!!python/object/apply:os.system' is niet toegestaan"
    ),
    "binary-tag.yaml": trap(1, "IC014", 20, "label '!!binary' is niet toegestaan"),
    "custom-tag.yaml": trap(1, "IC014", 7, "label '!euro' is niet toegestaan"),
    "complex-key.yaml": trap(1, "IC015", 14, "een sleutel moet een gewone naam zijn"),
    "null-key.yaml": trap(1, "IC015", 15, "lege sleutel (null) is niet toegestaan"),
    "control-char.yaml": trap(1, "IC016", 3, "onzichtbaar stuurteken U+0007"),
    "bidi-override.yaml": trap(1, "IC016", 3, "onzichtbaar stuurteken U+202E"),
    "deep-nesting-10000.yaml": trap(1, "IC017", 21, "te diep genest"),
    "deep-nesting-30000.yaml": trap(1, "IC017", 21, "te diep genest"),
    # YAML 1.1 surprises: the value as written, never Python's reading of it
    "yes-no-boolean.yaml": trap(
        1, "IC104", 16, "themas.sociale_veiligheid: 'no' is geen geldige waarde"
    ),
    "personeel-yes.yaml": trap(1, "IC104", 12, "personeel: 'yes' is geen geldige waarde"),
    "sexagesimal.yaml": trap(1, "IC107", 7, "contractwaarde: '1:30' is geen bedrag"),
    "octal-amount.yaml": trap(1, "IC107", 7, "contractwaarde: '0600000' is geen bedrag"),
    "impossible-date.yaml": trap(1, "IC105", 10, "'2025-02-30' is geen bestaande datum"),
    "impossible-date-quoted.yaml": trap(
        1, "IC105", 10, "publicatie.datum: '2025-02-30' is geen bestaande datum"
    ),
    # numbers
    "infinite-number.yaml": trap(1, "IC019", 7, "'.inf' is geen eindig getal"),
    "not-a-number.yaml": trap(1, "IC019", 7, "'.nan' is geen eindig getal"),
    "huge-number.yaml": trap(1, "IC019", 7, "is onwaarschijnlijk groot"),
    "huge-exponent.yaml": trap(1, "IC019", 7, "het getal '1.5e400' is te groot"),
    "unrealistic-amount.yaml": trap(1, "IC107", 7, "'150000000000000' is geen realistisch bedrag"),
    # amounts are whole euros, nothing else
    "string-amount.yaml": trap(1, "IC107", 7, "contractwaarde: '6000000' is geen bedrag"),
    "dotted-amount.yaml": trap(1, "IC107", 7, "contractwaarde: '6.000' is geen bedrag"),
    "float-amount.yaml": trap(1, "IC107", 7, "contractwaarde: '6.0' is geen bedrag"),
    "euro-amount.yaml": trap(1, "IC107", 7, "contractwaarde: '€ 150.000' is geen bedrag"),
    # keys and fields
    "unknown-key-typo.yaml": trap(
        1, "IC102", 7, "onbekend veld 'contractwarde' — bedoel je 'contractwaarde'?"
    ),
    "unknown-key-nested.yaml": trap(
        1,
        "IC102",
        11,
        "onbekend veld 'zekerhied' in 'publicatie' — bedoel je 'zekerheid'?",
        "IC101",  # and so 'zekerheid' is missing
    ),
    "missing-required.yaml": trap(1, "IC101", 2, "verplicht veld 'status' ontbreekt"),
    "missing-nested.yaml": trap(
        1, "IC101", 9, "verplicht veld 'zekerheid' ontbreekt in 'publicatie'"
    ),
    "empty-value.yaml": trap(1, "IC103", 3, "titel is leeg; hier hoort tekst"),
    "wrong-type-list.yaml": trap(1, "IC103", 13, "hier hoort een blok met 'naam: waarde'-regels"),
    "unknown-soort.yaml": trap(
        1, "IC104", 6, "soort: 'dienst' is geen geldige waarde — bedoel je 'diensten'?"
    ),
    "bad-quarter.yaml": trap(1, "IC109", 10, "'Q2 2025' is geen kwartaal"),
    "kwartaal-and-datum.yaml": trap(1, "IC110", 9, "zowel een kwartaal als een datum"),
    "bad-cpv.yaml": trap(1, "IC108", 7, "'7980-0000' is geen CPV-code"),
    "unknown-cpv.yaml": trap(
        1, "IC208", 7, "'79800000-3' heeft een verkeerd controlecijfer — bedoel je '79800000-2'?"
    ),
    # ids: ASCII only, no paths, no trailing newline
    "bad-id-fullwidth.yaml": trap(1, "IC106", 2, "'drukwerk-２０２５' is geen geldig id"),
    "bad-id-slash.yaml": trap(1, "IC106", 2, "'communicatie/drukwerk' is geen geldig id"),
    "bad-id-dotdot.yaml": trap(1, "IC106", 2, "'../bad-id-dotdot' is geen geldig id"),
    "id-trailing-newline.yaml": trap(1, "IC106", 2, "'id-trailing-newline\\n' is geen geldig id"),
    "id-mismatch.yaml": trap(
        1, "IC204", 2, "id 'drukwerk-campagnes' is niet gelijk aan de bestandsnaam"
    ),
    # against the kader
    "unknown-directie.yaml": trap(
        1, "IC201", 4, "onbekende directie 'Comunicatie' — bedoel je 'Communicatie'?"
    ),
    "unknown-theme.yaml": trap(
        1, "IC202", 15, "onbekend thema 'toegankelijkhied' — bedoel je 'toegankelijkheid'?"
    ),
    "unknown-leadbuyer.yaml": trap(
        1, "IC203", 5, "onbekende leadbuyer 'Fysik' — bedoel je 'Fysiek'?"
    ),
}


def data_folder(tmp_path: Path) -> Path:
    """A data folder with the shipped kader.yaml and an empty directie folder."""
    data = tmp_path / "data"
    (data / "tenders" / SLUG).mkdir(parents=True)
    shutil.copy(KADER, data / "kader.yaml")
    return data


def validate(cwd: Path, *args: str, fmt: str = "json") -> tuple[int, bytes, str, float]:
    """Run the installed command; return exit code, stdout bytes, stderr, seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "INKOOPCHECK_DATA")}
    env["PYTHONIOENCODING"] = "utf-8"  # strict, as on a desktop with a UTF-8 locale
    argv = [sys.executable, "-m", "inkoopcheck", "validate", "--data", "data"]
    argv += ["--format", fmt, "--date", DATE, *args]
    start = time.monotonic()
    proc = subprocess.run(
        argv,
        cwd=cwd,
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    elapsed = time.monotonic() - start
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert "interne fout" not in stderr, stderr
    return proc.returncode, proc.stdout, stderr, elapsed


def findings_of(stdout: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(stdout.decode("utf-8"))
    return doc


def test_every_trap_file_is_in_the_table() -> None:
    on_disk = {p.name for p in TRAPS.glob("*.yaml")} - {"valid.yaml"}
    assert on_disk == set(TABLE), "tests/traps/ and TABLE must list the same files"


def test_the_untouched_tender_is_valid(tmp_path: Path) -> None:
    """The base every trap starts from validates without a finding: so each
    trap's finding comes from its one change."""
    data = data_folder(tmp_path)
    shutil.copy(TRAPS / "valid.yaml", data / "tenders" / SLUG / "valid.yaml")
    code, stdout, stderr, _ = validate(tmp_path)
    doc = findings_of(stdout)
    assert (code, doc["findings"], doc["files"], stderr) == (0, [], 2, "")


@pytest.mark.parametrize("name", sorted(TABLE))
def test_trap(tmp_path: Path, name: str) -> None:
    expected = TABLE[name]
    data = data_folder(tmp_path)
    shutil.copy(TRAPS / name, data / "tenders" / SLUG / name)
    code, stdout, stderr, elapsed = validate(tmp_path)

    assert code == expected.exit, stdout.decode("utf-8", "replace")
    assert stderr == ""
    assert elapsed < SECONDS, f"{name} took {elapsed:.1f} s"
    doc = findings_of(stdout)
    shown = f"data/tenders/{SLUG}/{name}"
    assert {f["path"] for f in doc["findings"]} == {shown}, "only the trap file has findings"
    assert {f["code"] for f in doc["findings"]} == {expected.code} | expected.others
    ours = [f for f in doc["findings"] if f["code"] == expected.code]
    assert len(ours) == 1
    finding = ours[0]
    assert finding["line"] == expected.line
    assert expected.fragment in finding["message"]
    assert finding["severity"] == ("waarschuwing" if expected.exit == 0 else "fout")
    for word in ENGLISH:
        assert word not in finding["message"] and word not in (finding["hint"] or "")
    assert doc["files"] == 2  # the trap and kader.yaml


def test_trap_in_text_names_file_line_and_fix(tmp_path: Path) -> None:
    """The same trap as a directie sees it in CI: file:line:column, the Dutch
    message with the value as written, the hint, and the one-line summary."""
    data = data_folder(tmp_path)
    shutil.copy(TRAPS / "yes-no-boolean.yaml", data / "tenders" / SLUG / "yes-no-boolean.yaml")
    code, stdout, _, _ = validate(tmp_path, fmt="text")
    assert code == 1
    assert stdout.decode("utf-8") == (
        "data/tenders/communicatie/yes-no-boolean.yaml:16:3: fout IC104 "
        "themas.sociale_veiligheid: 'no' is geen geldige waarde\n"
        "    → Kies ja (wensen/eisen opgenomen, X), nee (bewust niet, -) of open "
        "(nog niet beoordeeld).\n"
        "1 bestand en kader.yaml gecontroleerd: 1 fout, 0 waarschuwingen — niet in orde.\n"
    )


# --- traps that are not file contents ------------------------------------------


def only_finding(stdout: bytes) -> dict[str, Any]:
    doc = findings_of(stdout)
    assert len(doc["findings"]) == 1, doc["findings"]
    finding: dict[str, Any] = doc["findings"][0]
    return finding


def valid_text(tid: str) -> bytes:
    text = (TRAPS / "valid.yaml").read_text(encoding="utf-8")
    return text.replace("id: valid\n", f"id: {tid}\n").encode("utf-8")


def test_over_1_mb_is_refused_before_parsing(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    big = valid_text("over-1mb") + b"opmerkingen: |\n" + (b"  " + b"x" * 98 + b"\n") * 10_100
    assert len(big) > 1_000_000
    (data / "tenders" / SLUG / "over-1mb.yaml").write_bytes(big)
    code, stdout, _, elapsed = validate(tmp_path)
    finding = only_finding(stdout)
    assert code == 1 and elapsed < SECONDS
    assert (finding["code"], finding["line"]) == ("IC004", None)
    assert "de grens is 1 MB" in finding["message"]


def test_symlink_is_refused_not_followed(tmp_path: Path) -> None:
    """A link could point outside the repository: it is refused, and what it
    points to is never read (here a file that would have its own findings)."""
    outside = tmp_path / "elders.yaml"
    outside.write_bytes(valid_text("elders") + b"contractwarde: 1\n")
    data = data_folder(tmp_path)
    (data / "tenders" / SLUG / "link.yaml").symlink_to(outside)
    code, stdout, _, _ = validate(tmp_path)
    finding = only_finding(stdout)
    assert code == 1
    assert finding["path"] == "data/tenders/communicatie/link.yaml"
    assert (finding["code"], finding["line"]) == ("IC005", None)
    assert "symbolische koppeling" in finding["message"]


def test_symlinked_directie_folder_is_refused_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "geheim.yaml").write_bytes(valid_text("geheim") + b"contractwarde: 1\n")
    data = data_folder(tmp_path)
    (data / "tenders" / "wonen").symlink_to(elsewhere, target_is_directory=True)
    code, stdout, _, _ = validate(tmp_path)
    finding = only_finding(stdout)
    assert code == 1
    assert (finding["path"], finding["code"]) == ("data/tenders/wonen", "IC005")
    assert "symbolische koppeling naar een map" in finding["message"]


def test_fifo_named_yaml_does_not_block(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    os.mkfifo(data / "tenders" / SLUG / "pijp.yaml")
    code, stdout, _, elapsed = validate(tmp_path)  # subprocess timeout: 60 s
    finding = only_finding(stdout)
    assert code == 1 and elapsed < SECONDS
    assert (finding["code"], finding["line"]) == ("IC006", None)
    assert finding["message"] == "dit is geen gewoon bestand"


def test_directory_named_yaml(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    folder = data / "tenders" / SLUG / "map.yaml"
    folder.mkdir()
    (folder / "binnen.yaml").write_bytes(valid_text("binnen"))
    code, stdout, _, _ = validate(tmp_path)
    finding = only_finding(stdout)
    assert code == 1
    assert finding["path"] == "data/tenders/communicatie/map.yaml"
    assert (finding["code"], finding["message"]) == ("IC006", "dit is een map, geen bestand")


def test_yml_extension(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    (data / "tenders" / SLUG / "drukwerk.yml").write_bytes(valid_text("drukwerk"))
    code, stdout, _, _ = validate(tmp_path)
    finding = only_finding(stdout)
    assert code == 1
    assert finding["code"] == "IC018"
    assert finding["hint"] == "Hernoem het bestand naar drukwerk.yaml."


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="as root, chmod 000 does not stop reading, so there is no unreadable file to test",
)
def test_unreadable_file(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    path = data / "tenders" / SLUG / "geheim.yaml"
    path.write_bytes(valid_text("geheim"))
    path.chmod(0)
    try:
        code, stdout, _, _ = validate(tmp_path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    finding = only_finding(stdout)
    assert code == 1
    assert (finding["code"], finding["line"]) == ("IC001", None)
    assert finding["message"].startswith("bestand niet te lezen")


# file name on disk (bytes) -> how it is printed
ODD_NAMES: list[tuple[bytes, str]] = [
    (b"met spatie.yaml", "met spatie.yaml"),
    ("café.yaml".encode(), "café.yaml"),
    (b"kapot\xffbyte.yaml", "kapot\\xffbyte.yaml"),
    (b"kleur\x1b[31mrood.yaml", "kleur\\x1b[31mrood.yaml"),
    (b"twee\nregels.yaml", "twee\\x0aregels.yaml"),
]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
@pytest.mark.parametrize(("raw", "shown"), ODD_NAMES, ids=[s for _, s in ODD_NAMES])
def test_odd_file_names_are_printed_escaped(tmp_path: Path, raw: bytes, shown: str) -> None:
    """Spaces, accents, undecodable bytes and escape characters in a file name:
    the name is printed escaped, in the path and in the message, in every format,
    and never crashes the output (stdout here is strict UTF-8)."""
    data = data_folder(tmp_path)
    folder = os.fsencode(data / "tenders" / SLUG)
    with open(os.path.join(folder, raw), "wb") as fh:  # a bytes path: not every name decodes
        fh.write(valid_text("drukwerk-2025"))
    path = f"data/tenders/communicatie/{shown}"

    code, stdout, _, _ = validate(tmp_path, fmt="text")
    assert code == 1
    text = stdout.decode("utf-8")  # strict: no lone surrogate or raw 0xff got out
    assert "\x1b" not in text
    assert text.splitlines()[0] == (
        f"{path}:2:1: fout IC204 id 'drukwerk-2025' is niet gelijk aan de bestandsnaam '{shown}'"
    )
    assert text.splitlines()[1] == "    → Hernoem het bestand naar drukwerk-2025.yaml."
    assert len(text.splitlines()) == 3

    code, stdout, _, _ = validate(tmp_path)
    finding = only_finding(stdout)
    assert (code, finding["path"], finding["code"]) == (1, path, "IC204")

    code, stdout, _, _ = validate(tmp_path, fmt="github")
    assert code == 1
    first = stdout.decode("utf-8").splitlines()[0]
    assert first.startswith("::error file=data/tenders/communicatie/")
    assert "\x1b" not in first
