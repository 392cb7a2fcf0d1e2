"""`inkoopcheck tenderned`: the four lists from each format, --apply, --nieuw,
files that are not a dataset, and the memory of a large file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from inkoopcheck.cli import app
from tests.helpers import SHIPPED, assert_valid, make_data, snapshot
from tests.tenderned_data import (
    KADER_ORGANISATIE,
    NOTICES,
    REGISTER,
    release,
    write_excel,
    write_jsonl,
    write_package,
)

DAY = "2025-06-02"
WRITERS = {"package": write_package, "jsonl": write_jsonl, "excel": write_excel}
SUFFIX = {"package": ".json", "jsonl": ".jsonl", "excel": ".xlsx"}
BROKEN = {
    "package": [("release 11", "publicatiedatum (date) '31-31-2025' is geen datum")],
    "jsonl": [
        ("regel 4", None),  # the line that is no JSON at all
        ("regel 12", "publicatiedatum (date) '31-31-2025' is geen datum"),
    ],
    "excel": [("rij 12", "Publicatiedatum '31-31-2025' is geen datum")],
}
SCHOONMAAK = "tenders/bedrijfsvoering/schoonmaak-stadhuis-2025.yaml"


def _data(tmp_path: Path, kader_extra: str = KADER_ORGANISATIE) -> Path:
    shipped = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    # the test's own organisatie instead of the shipped one
    kader = re.sub(r"(?m)^organisatie:\n(?:  .*\n)*", "", shipped) + kader_extra
    return make_data(tmp_path, REGISTER, kader)


def _run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["tenderned", *args, "--date", DAY], catch_exceptions=False)


def _json(runner: CliRunner, file: Path, data: Path, *extra: str) -> dict[str, Any]:
    result = _run(runner, str(file), "--data", str(data), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_four_lists_from_each_format(tmp_path: Path, runner: CliRunner, fmt: str) -> None:
    data = _data(tmp_path)
    file = WRITERS[fmt](tmp_path / f"tenderned{SUFFIX[fmt]}")
    out = _json(runner, file, data)

    # 1. gekoppeld: two notices of 300001 count as one procedure; the title differs
    linked = [(x["aanbesteding"], x["kenmerk"], x["zeker"]) for x in out["gekoppeld"]]
    assert linked == [
        ("inhuur-personeel-2025", "300009", False),
        ("schoonmaak-stadhuis-2025", "300001", True),
    ]
    sure = out["gekoppeld"][1]
    assert sure["titel"] == "Schoonmaakdiensten stadhuis en stadskantoren"
    assert [(u["veld"], u["oud"], u["nieuw"]) for u in sure["bijwerken"]] == [
        ("status", "kalender", "gegund"),
        ("publicatie.kwartaal", "2025-Q1", "(weg)"),
        ("publicatie.datum", "(leeg)", "2025-02-10"),
        ("publicatie.zekerheid", "waarschijnlijk", "zeker"),
        ("tenderned.kenmerk", "(leeg)", "300001"),
        ("tenderned.url", "(leeg)", "https://www.tenderned.nl/aankondigingen/overzicht/900101"),
    ]
    assert any("titel lijkt" in r for r in sure["redenen"])
    assert any("CPV-codes gelijk" in r for r in sure["redenen"])

    # 2. gepubliceerd, niet in het register: per directie, with the triage's themes
    two = out["gepubliceerd_niet_in_register"]["items"]
    assert [(x["id"], x["directie"], x["themas"], x["regels"]) for x in two] == [
        ("300002", "Communicatie", ["toegankelijkheid"], ["vergaderlocaties-en-evenementen"])
    ]
    # 3. gepland, niet gepubliceerd
    assert [x["aanbesteding"] for x in out["gepland_niet_gepubliceerd"]] == ["ict-werkplekken-2025"]
    # 4. heraanbesteding verwacht: 300005 (known by its KvK number only); 300006 has
    # a register tender for the next one; 300007 ends after the horizon
    four = out["heraanbesteding_verwacht"]["items"]
    assert [(x["id"], x["einde"], x["winnaar"]) for x in four] == [
        ("her-300005", "2025-12-31", "Regelaars BV")
    ]
    assert four[0]["themas"] == ["representatie", "sociale_veiligheid"]

    # another buyer with a similar name never counts as the municipality
    assert out["bron"]["gelezen"] == 10
    assert out["bron"]["eigen"] == 8
    shown = json.dumps(out)
    assert "300003" not in shown and "300004" not in shown

    broken = [(b["waar"], b["reden"]) for b in out["bron"]["niet_te_lezen"]]
    assert [w for w, _ in broken] == [w for w, _ in BROKEN[fmt]]
    for (_, got), (_, want) in zip(broken, BROKEN[fmt], strict=True):
        assert want is None or got == want


def test_excel_columns_used_unused_and_missing_by_name(tmp_path: Path, runner: CliRunner) -> None:
    data = _data(tmp_path)
    file = write_excel(tmp_path / "dataset.xlsx")
    out = _json(runner, file, data)["bron"]
    assert out["blad"] == "Dataset 2016-2025"
    assert out["kolommen_niet_gebruikt"] == ["Opmerking"]
    assert out["kolommen_niet_gevonden"] == ["URL TenderNed"]
    assert "Officiële benaming" in out["kolommen_gebruikt"]
    text = _run(runner, str(file), "--data", str(data)).stdout
    assert "Niet gebruikt: 'Opmerking'." in text
    assert "Niet gevonden: 'URL TenderNed'." in text


def test_text_and_markdown_show_the_four_lists(tmp_path: Path, runner: CliRunner) -> None:
    data = _data(tmp_path)
    file = write_package(tmp_path / "tenderned.json")
    result = _run(runner, str(file), "--data", str(data))
    assert result.exit_code == 0
    text = result.stdout
    for title in (
        "1. Gekoppeld (2)",
        "2. Gepubliceerd, niet in het register (1)",
        "3. Gepland, niet gepubliceerd (1)",
        "4. Heraanbesteding verwacht (1)",
    ):
        assert title in text
    assert "schoonmaak-stadhuis-2025 <-> TenderNed 300001" in text
    assert "score 54,2, mogelijk" in text
    assert "bijwerken: status: kalender -> gegund" in text
    assert "release 11: publicatiedatum (date) '31-31-2025' is geen datum" in text
    assert "1 aankondiging(en) niet te lezen" in result.stderr
    md = _run(runner, str(file), "--data", str(data), "--format", "markdown").stdout
    assert "## 4. Heraanbesteding verwacht (1)" in md
    assert "| her-300005 | 2025-12-31 | Inhuur verkeersregelaars |" in md


def test_xlsx_has_a_sheet_per_list_and_keeps_formulas_as_text(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = _data(tmp_path)
    notices = [
        *NOTICES,
        {
            **NOTICES[2],
            "id": "909901",
            "kenmerk": "399999",
            "titel": '=HYPERLINK("http://x","klik")',
        },
    ]
    file = write_package(tmp_path / "tenderned.json", notices)
    target = tmp_path / "uit" / "lijsten.xlsx"
    target.parent.mkdir()
    result = _run(
        runner, str(file), "--data", str(data), "--format", "xlsx", "--output", str(target)
    )
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [
        "Gekoppeld",
        "Niet in register",
        "Niet gepubliceerd",
        "Heraanbesteding",
        "Toelichting",
    ]
    ws = wb["Niet in register"]
    titles = {ws.cell(row=r, column=3).value: ws.cell(row=r, column=3) for r in range(2, 4)}
    cell = titles['=HYPERLINK("http://x","klik")']
    assert cell.data_type == "s" and cell.quotePrefix
    assert wb["Heraanbesteding"]["A2"].value == "her-300005"
    # an existing file is replaced only with --force; never one in the data folder
    again = [str(file), "--data", str(data), "--format", "xlsx", "--output", str(target)]
    refused = _run(runner, *again)
    assert refused.exit_code == 2 and "bestaat al" in refused.stderr
    assert _run(runner, *again, "--force").exit_code == 0
    inside = _run(runner, *again[:-1], str(data / "lijsten.xlsx"))
    assert inside.exit_code == 2 and "ligt in de datamap" in inside.stderr


def test_xlsx_needs_an_output_file(tmp_path: Path, runner: CliRunner) -> None:
    data = _data(tmp_path)
    file = write_package(tmp_path / "tenderned.json")
    result = _run(runner, str(file), "--data", str(data), "--format", "xlsx")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_nothing_is_written_without_apply_or_nieuw(tmp_path: Path, runner: CliRunner) -> None:
    data = _data(tmp_path)
    before = snapshot(data)
    for fmt, write in WRITERS.items():
        file = write(tmp_path / f"tenderned{SUFFIX[fmt]}")
        assert _run(runner, str(file), "--data", str(data)).exit_code == 0
    assert snapshot(data) == before


def test_apply_writes_only_sure_matches_and_a_rerun_changes_nothing(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = _data(tmp_path)
    file = write_excel(tmp_path / "dataset.xlsx")
    before = snapshot(data)
    result = _run(runner, str(file), "--data", str(data), "--apply")
    assert result.exit_code == 0, result.output
    after = snapshot(data)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == [SCHOONMAAK]  # the possible match (inhuur-personeel) is not written
    assert (data / SCHOONMAAK).read_text(encoding="utf-8") == textwrap.dedent("""\
        id: schoonmaak-stadhuis-2025  # het id
        titel: Schoonmaak stadhuis
        directie: Bedrijfsvoering
        soort: diensten
        cpv: [90919200-4]
        contractwaarde: 800000
        publicatie:
          zekerheid: zeker
          datum: 2025-02-10
        status: gegund  # nog niet bijgewerkt
        tenderned:
          kenmerk: "300001"
          url: https://www.tenderned.nl/aankondigingen/overzicht/900101
        """)
    assert_valid(data / SCHOONMAAK, data)
    assert "geschreven: schoonmaak-stadhuis-2025" in result.stderr

    again = _run(runner, str(file), "--data", str(data), "--apply")
    assert again.exit_code == 0
    assert snapshot(data) == after
    assert "Niets te schrijven: het register is bij." in again.stderr
    # the written kenmerk now decides the match on its own, with nothing to update
    out = _json(runner, file, data)
    sure = next(x for x in out["gekoppeld"] if x["aanbesteding"] == "schoonmaak-stadhuis-2025")
    assert sure["score"] == 100 and sure["bijwerken"] == []


def test_nieuw_creates_files_for_lists_2_and_4_and_a_rerun_changes_nothing(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = _data(tmp_path)
    file = write_package(tmp_path / "tenderned.json")
    before = snapshot(data)
    # her-300005 names no directie: refused before anything is written
    result = _run(
        runner, str(file), "--data", str(data), "--nieuw", "--id", "300002", "--id", "her-300005"
    )
    assert result.exit_code == 2
    assert "bij her-300005 is de directie niet bekend" in result.stderr
    assert "--directie NAAM" in result.stderr
    assert snapshot(data) == before

    result = _run(
        runner,
        str(file),
        "--data",
        str(data),
        "--nieuw",
        "--id",
        "300002",
        "--id",
        "her-300005",
        "--directie",
        "Inkoop",
    )
    assert result.exit_code == 0, result.output
    published = (
        data / "tenders/communicatie/vergaderlocaties-en-bijeenkomsten-communicatie-2025.yaml"
    )
    retender = data / "tenders/inkoop/inhuur-verkeersregelaars-2025.yaml"
    for path in (published, retender):
        assert_valid(path, data)
    text = published.read_text(encoding="utf-8")
    assert "status: gepubliceerd" in text and 'kenmerk: "300002"' in text
    assert "datum: 2025-03-03" in text
    text = retender.read_text(encoding="utf-8")
    assert "status: kalender" in text and "kwartaal: 2025-Q4" in text  # 12 weeks before 2025-12-31
    assert "loopt af op 2025-12-31" in text

    after = snapshot(data)
    out = _json(runner, file, data)
    assert out["gepubliceerd_niet_in_register"]["items"] == []
    assert out["heraanbesteding_verwacht"]["items"] == []
    new = next(x for x in out["gekoppeld"] if x["kenmerk"] == "300002")
    assert new["zeker"] and new["bijwerken"] == []
    again = _run(runner, str(file), "--data", str(data), "--nieuw", "--id", "300002")
    assert again.exit_code == 2
    assert "--id 300002 staat niet in" in again.stderr
    assert snapshot(data) == after


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("lijst.csv", b"Naam aanbesteding;Publicatiedatum\nx;2025-01-01\n", "geen OCDS-bestand"),
        ("ander.json", b'{"data": [1, 2, 3]}', "geen OCDS-bestand"),
        ("leeg.json", b"", "geen OCDS-bestand"),
    ],
)
def test_a_file_that_is_neither_is_a_clear_error(
    tmp_path: Path, runner: CliRunner, name: str, content: bytes, says: str
) -> None:
    data = _data(tmp_path)
    file = tmp_path / name
    file.write_bytes(content)
    result = _run(runner, str(file), "--data", str(data))
    assert result.exit_code == 2
    assert says in result.stderr and "Download op TenderNed" in result.stderr
    assert "Traceback" not in result.output


def test_a_workbook_without_the_dataset_columns_is_a_clear_error(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = _data(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Opdracht omschrijving", "Directie"])
    wb.save(tmp_path / "kalender.xlsx")
    result = _run(runner, str(tmp_path / "kalender.xlsx"), "--data", str(data))
    assert result.exit_code == 2
    assert "geen blad heeft in de eerste 10 regels de kolommen van de TenderNed-dataset" in (
        result.stderr
    )


def test_without_organisatie_in_kader_it_says_what_to_add(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = _data(tmp_path, kader_extra="")
    file = write_package(tmp_path / "tenderned.json")
    result = _run(runner, str(file), "--data", str(data))
    assert result.exit_code == 2
    assert "kader.yaml zegt niet welke organisatie de eigen is" in result.stderr
    assert "ocid_prefix" in result.stderr


# --- memory: a 200 MB file, streamed -----------------------------------------------------

_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(done.returncode, peak)
sys.stdout.write(done.stdout[-2000:])
sys.stderr.write(done.stderr[-2000:])
"""


def _big_package(path: Path, target_bytes: int) -> tuple[int, int]:
    """A release package of about `target_bytes`, written release by release;
    one release in a hundred is the municipality's. Returns (all, own)."""
    filler = "Uitgebreide omschrijving van de opdracht. " * 30
    own = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"uri": "x", "version": "1.1", "releases": [\n')
        i = 0
        while fh.tell() < target_bytes:
            n = {
                **NOTICES[2],
                "id": str(10_000_000 + i),
                "kenmerk": str(5_000_000 + i),
                "omschrijving": filler,
                "datum": "2024-01-15",
            }
            if i % 100 == 0:
                own += 1
            else:
                n["koper"] = f"Gemeente Elders {i}"
                n["koper_id"] = "NL-KVK-99999999"
            fh.write(("," if i else "") + json.dumps(release(n)) + "\n")
            i += 1
        fh.write("]}\n")
    return i, own


@pytest.mark.skipif(
    bool(os.environ.get("INKOOPCHECK_SKIP_MEMORY_TEST")),
    reason="INKOOPCHECK_SKIP_MEMORY_TEST is gezet",
)
def test_a_200_mb_package_is_streamed_under_300_mib(tmp_path: Path) -> None:
    data = _data(tmp_path)
    big = tmp_path / "groot.json"
    count, own = _big_package(big, 200 * 1024 * 1024)
    result = tmp_path / "lijsten.json"
    assert big.stat().st_size >= 200 * 1024 * 1024
    command = [
        sys.executable,
        "-m",
        "inkoopcheck",
        "tenderned",
        str(big),
        "--data",
        str(data),
        "--date",
        DAY,
        "--format",
        "json",
        "--output",
        str(result),
    ]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    code, peak_kib = (int(x) for x in done.stdout.split("\n", 1)[0].split())
    assert code == 0, done.stderr
    assert peak_kib < 300 * 1024, f"piek {peak_kib // 1024} MiB"
    bron = json.loads(result.read_text(encoding="utf-8"))["bron"]
    assert (bron["gelezen"], bron["eigen"], bron["niet_te_lezen"]) == (count, own, [])


def test_output_must_end_in_the_suffix_of_its_format(tmp_path: Path) -> None:
    """The one --output rule: a workbook is .xlsx, the text .txt; nothing else."""
    from typer.testing import CliRunner

    from inkoopcheck.cli import app

    target = tmp_path / "lijsten.pdf"
    result = CliRunner().invoke(
        app,
        [
            "tenderned",
            str(tmp_path / "geen.json"),
            "--data",
            str(Path(__file__).resolve().parent.parent / "data"),
            "--format",
            "xlsx",
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 2
    assert "'.pdf' is geen bekende bestandssoort; kies .xlsx (Excel)." in result.stderr
    assert not target.exists()
