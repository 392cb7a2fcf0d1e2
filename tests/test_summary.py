"""The job summary (issue 17, part 1): `validate` writes Markdown to
$GITHUB_STEP_SUMMARY (or `--summary FILE`): every finding by file and, for a pull
request, what it means for the team. Tests build a real git repository with a
base commit and a pull-request commit and run the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import SHIPPED, make_data, tender

DATE = "2025-01-06"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "team",
        "GIT_AUTHOR_EMAIL": "team-inclusief-inkopen@example.org",
        "GIT_COMMITTER_NAME": "team",
        "GIT_COMMITTER_EMAIL": "team-inclusief-inkopen@example.org",
    }
    if when is not None:  # a commit on that day (the overleg compares with git's history)
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00"
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def inkoopcheck(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [sys.executable, "-m", "inkoopcheck", *args],
        cwd=cwd,
        env={**clean_env, "INKOOPCHECK_NO_CACHE": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


BASE = {
    # the team's pick before the pull request: personnel, soon, large, date uncertain
    "bedrijfsvoering/arbodienst-2025": tender(
        "arbodienst-2025",
        "Arbodienst",
        soort="diensten",
        personeel="ja",
        contractwaarde="2500000",
        procedure="europees",
        publicatie="{datum: 2025-03-01, zekerheid: onzeker}",
    ),
    # relevant (lifts) and far enough away that the team is achtervang
    "fysiek/liften-2025": tender(
        "liften-2025",
        "Onderhoud liften stadhuis",
        "Fysiek",
        soort="diensten",
        contractwaarde="300000",
        procedure="europees",
        publicatie="{kwartaal: 2025-Q3, zekerheid: onzeker}",
    ),
    # no rule matches, until the pull request says it is about personnel
    "bedrijfsvoering/schoonmaak-2025": tender(
        "schoonmaak-2025",
        "Schoonmaak kantoren",
        soort="diensten",
        personeel="nee",
        contractwaarde="400000",
        procedure="europees",
        publicatie="{kwartaal: 2025-Q3, zekerheid: onzeker}",
    ),
}

ADDED = {
    "bedrijfsvoering/uitzendkrachten-2025": tender(
        "uitzendkrachten-2025",
        "Inhuur uitzendkrachten",
        soort="diensten",
        personeel="ja",
        contractwaarde="1000000",
        procedure="europees",
        publicatie="{datum: 2025-02-15, zekerheid: zeker}",
    ),
    # two findings: an unknown leadbuyer (error) and a person as contact (warning)
    "wonen/catering-bewonersavonden-2025": tender(
        "catering-bewonersavonden-2025",
        "Catering bewonersavonden",
        "Wonen",
        leadbuyer="Wonen",
        soort="diensten",
        contractwaarde="150000",
        procedure="nationaal",
        publicatie="{kwartaal: 2025-Q2, zekerheid: waarschijnlijk}",
        contact="j.jansen@example.nl",
    ),
}

CHANGED = tender(
    "schoonmaak-2025",
    "Schoonmaak kantoren",
    soort="diensten",
    personeel="ja",
    contractwaarde="800000",
    procedure="europees",
    publicatie="{kwartaal: 2025-Q2, zekerheid: waarschijnlijk}",
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A data repository: main with three tenders, and branch 'pr' that adds two
    and changes one (value, personnel, publication) — as a directie's pull request."""
    repo = tmp_path / "datarepo"
    kader = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    kader = kader.replace("  capaciteit: 4 ", "  capaciteit: 1 ")
    assert "capaciteit: 1 " in kader
    make_data(repo, BASE, kader=kader)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "basis")
    git(repo, "switch", "-q", "-c", "pr")
    make_data(repo, ADDED, kader=kader)
    (repo / "data/tenders/bedrijfsvoering/schoonmaak-2025.yaml").write_text(CHANGED)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "twee nieuwe aanbestedingen, schoonmaak gewijzigd")
    return repo


def summary_of(repo: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    target = repo.parent / "step-summary.md"
    target.write_text("eerdere stap\n", encoding="utf-8")
    done = inkoopcheck(
        repo,
        "validate",
        "--date",
        DATE,
        *args,
        env={"GITHUB_STEP_SUMMARY": str(target), "GITHUB_ACTIONS": "true"},
    )
    return done, target.read_text(encoding="utf-8")


def test_pull_request_summary_says_what_it_means(repo: Path) -> None:
    done, text = summary_of(repo, "--changed-since", "main")
    assert done.returncode == 1, done.stderr  # the unknown leadbuyer is an error
    # appended after what an earlier step wrote, as GitHub expects
    assert text.startswith("eerdere stap\n## inkoopcheck validate\n")
    md = text.split("\n", 1)[1]
    assert (
        "**3 bestanden en kader.yaml gecontroleerd: 1 fout, 7 waarschuwingen — niet in orde.**"
        in md
    )

    # every finding, by file, with its place and fix
    catering = "data/tenders/wonen/catering-bewonersavonden-2025.yaml"
    assert f"#### {catering} — 1 fout, 1 waarschuwing" in md
    assert "- **fout IC203** (regel 4, kolom 1): onbekende leadbuyer 'Wonen'" in md
    assert (
        "- **waarschuwing IC307** (regel 9, kolom 1): contact 'j.jansen@example.nl' lijkt "
        "een persoonlijk adres"
    ) in md
    assert "  → Gebruik een functie- of teamadres, zoals inkoop-bv@example.nl." in md
    assert_every_finding(md, repo, "--changed-since", "main")
    # the annotations on stdout are still there for the lines of the pull request
    assert "::error file=data/tenders/wonen/catering-bewonersavonden-2025.yaml" in done.stdout

    meaning = md[md.index("### Wat deze pull request betekent") : md.index("### Meldingen")]
    assert (
        "Vergeleken met main, peildatum 2025-01-06: 2 nieuw, 1 gewijzigd. Aanschuiven: 1 → 1 "
        "bij een capaciteit van 1."
    ) in meaning

    # the changed tender: what changed, field by field, old → new
    schoonmaak = _section(meaning, "#### Gewijzigd: Schoonmaak kantoren (schoonmaak-2025, ")
    assert "| contractwaarde | € 400.000 | € 800.000 |" in schoonmaak
    assert "| personeel | nee | ja |" in schoonmaak
    assert "| publicatie.kwartaal | 2025-Q3 | 2025-Q2 |" in schoonmaak
    assert "| publicatie.zekerheid | onzeker | waarschijnlijk |" in schoonmaak
    assert "| titel |" not in schoonmaak  # unchanged fields are not listed
    # now about personnel: relevant, and why, from the kader's rules
    assert (
        "  - Representatie: Inzet van personeel of ondersteuning van personeel: "
        "'personeel: ja' ingevuld"
    ) in schoonmaak
    assert "**Rol van het team vandaag:** achtervang (score " in schoonmaak
    assert "; was geen" in schoonmaak
    # 12 weeks before the first day of 2025-Q2
    assert "**Wensen en eisen vast:** 2025-01-07 — 12 weken voor de publicatie" in schoonmaak
    assert "**Voor de directie:** `inkoopcheck advies schoonmaak-2025`" in schoonmaak

    # a new tender that takes the team's only place from the arbo tender
    uitzend = _section(meaning, "#### Nieuw: Inhuur uitzendkrachten (uitzendkrachten-2025, ")
    assert "data/tenders/bedrijfsvoering/uitzendkrachten-2025.yaml" in uitzend
    assert "Wat er veranderde" not in uitzend
    assert "**Rol van het team vandaag:** aanschuiven (score " in uitzend
    assert (
        "**Plan van het team:** nieuw aanschuiven: het team schuift aan bij de wensen en "
        "eisen; daarvoor gaat de plaats niet meer naar Arbodienst (arbodienst-2025)"
    ) in uitzend
    assert "**Wensen en eisen vast:** 2024-11-23 — 12 weken voor de publicatie" in uitzend
    assert "`inkoopcheck advies uitzendkrachten-2025`" in uitzend
    assert "#### Andere aanbestedingen waarvan de rol verandert" in meaning
    assert "- Arbodienst (arbodienst-2025, Bedrijfsvoering): aanschuiven → achtervang" in meaning
    # within capacity every month: the Werklast has nothing new to say
    assert "Werklast" not in meaning

    # the new tender with an error: no role until it is fixed
    catering_meaning = _section(meaning, "#### Nieuw: Catering bewonersavonden (")
    assert "Het bestand heeft fouten" in catering_meaning
    assert "inkoopcheck advies" not in catering_meaning


def _section(text: str, head: str) -> str:
    start = text.index(head)
    end = text.find("\n#### ", start + 1)
    return text[start : end if end != -1 else len(text)]


def assert_every_finding(md: str, repo: Path, *args: str) -> None:
    """Every finding validate reports (as JSON) is in the summary, under its file."""
    done = inkoopcheck(repo, "validate", "--date", DATE, "--format", "json", *args)
    doc = json.loads(done.stdout)
    assert doc["findings"]
    for f in doc["findings"]:
        where = f"regel {f['line']}, kolom {f['column']}" if f["line"] else "het hele bestand"
        line = f"- **{f['severity']} {f['code']}** ({where}): "
        section = _section(md, f"#### {f['path']} — ")
        assert line in section, (f, section)
        assert md.count(line) >= 1
    verdict = f"{doc['errors']} {'fout' if doc['errors'] == 1 else 'fouten'}, {doc['warnings']} "
    assert verdict in md


def test_push_to_main_summary_holds_the_findings_only(repo: Path) -> None:
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "pr")
    done, text = summary_of(repo)
    md = text.split("\n", 1)[1]
    assert "Wat deze pull request betekent" not in md
    assert "**5 bestanden en kader.yaml gecontroleerd: 1 fout, " in md
    assert_every_finding(md, repo)
    assert done.returncode == 1


def test_summary_file_outside_ci_is_the_same_text(repo: Path) -> None:
    _, in_ci = summary_of(repo, "--changed-since", "main")
    out = repo.parent / "samenvatting.md"
    done = inkoopcheck(
        repo, "validate", "--date", DATE, "--changed-since", "main", "--summary", str(out)
    )
    assert done.returncode == 1
    assert "eerdere stap\n" + out.read_text(encoding="utf-8") == in_ci
    # the one --output rule: an existing file only with --force, never in the data folder
    again = inkoopcheck(repo, "validate", "--date", DATE, "--summary", str(out))
    assert again.returncode == 2
    assert f"--summary {out} bestaat al. Geef --force" in again.stderr
    forced = inkoopcheck(repo, "validate", "--date", DATE, "--summary", str(out), "--force")
    assert forced.returncode == 1 and "Wat deze pull request" not in out.read_text()
    inside = inkoopcheck(repo, "validate", "--summary", "data/s.md")
    assert inside.returncode == 2 and "ligt in de datamap" in inside.stderr


def test_every_finding_is_in_the_summary_not_ten(tmp_path: Path) -> None:
    """GitHub shows 10 annotations per step; the summary shows them all."""
    tenders = {
        f"bedrijfsvoering/t{i:02d}-2025": tender(f"t{i:02d}-2025", f"Opdracht {i}", leadbuyer="X")
        for i in range(25)
    }
    data = make_data(tmp_path, tenders)
    out = tmp_path / "s.md"
    done = inkoopcheck(tmp_path, "validate", "--data", str(data), "--summary", str(out))
    assert done.returncode == 1
    md = out.read_text(encoding="utf-8")
    assert md.count("- **fout IC203**") == 25
    assert md.count("#### data/tenders/bedrijfsvoering/t") == 25


def test_a_deleted_tender_frees_its_place_and_a_changed_kader_is_said(repo: Path) -> None:
    git(repo, "switch", "-q", "main")
    git(repo, "switch", "-q", "-c", "opruimen")
    (repo / "data/tenders/bedrijfsvoering/arbodienst-2025.yaml").unlink()
    (repo / "data/tenders/bedrijfsvoering/schoonmaak-2025.yaml").write_text(CHANGED)
    kader = repo / "data" / "kader.yaml"
    kader.write_text(kader.read_text(encoding="utf-8").replace("Bureau Social Return", "SR"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "arbo ingetrokken")
    done, text = summary_of(repo, "--changed-since", "main")
    md = text.split("\n", 1)[1]
    assert "kader.yaml is gewijzigd: alle aanbestedingen zijn gecontroleerd" in md
    assert "Vergeleken met main, peildatum 2025-01-06: 0 nieuw, 1 gewijzigd, 1 verwijderd." in md
    gone = _section(md, "#### Verwijderd: Arbodienst (arbodienst-2025, Bedrijfsvoering)")
    assert "**Rol van het team:** verwijderd (was aanschuiven)" in gone
    assert "inkoopcheck advies" not in gone
    # the place the arbo tender had goes to the changed one
    schoonmaak = _section(md, "#### Gewijzigd: Schoonmaak kantoren")
    assert "**Rol van het team vandaag:** aanschuiven (score " in schoonmaak
    assert "**Plan van het team:** nieuw aanschuiven" in schoonmaak
    assert done.returncode == 0


def test_past_githubs_limit_the_rest_is_counted_not_dropped() -> None:
    from inkoopcheck.findings import Finding, Severity
    from inkoopcheck.render.summary import markdown
    from inkoopcheck.summary import build

    findings = [
        Finding(f"data/tenders/bv/t{i:03d}.yaml", 3, 1, "IC203", Severity.FOUT, "onbekend")
        for i in range(200)
    ]
    md = markdown(build(findings, 201), "2025-01-06", limit=5000)
    shown = md.count("- **fout IC203**")
    assert 0 < shown < 200
    assert len(md.encode("utf-8")) <= 5000
    assert md.rstrip().endswith(
        f"Nog {200 - shown} meldingen in {200 - shown} bestanden passen niet in de "
        "samenvatting (GitHub neemt hoogstens 1 MB): draai `inkoopcheck validate` voor alle "
        "meldingen, of zie de log van deze stap."
    )


def test_a_change_that_brings_a_month_over_capacity(tmp_path: Path) -> None:
    """The overleg decided to join two tenders (capacity 1, but their preparations
    did not overlap); a directie moves one publication six weeks earlier — not
    enough to reopen the decision — and now February has two at once."""
    repo = tmp_path / "datarepo"
    kader = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    kader = kader.replace("  capaciteit: 4 ", "  capaciteit: 1 ")
    liften = tender(
        "liften-2025",
        "Onderhoud liften stadhuis",
        "Fysiek",
        soort="diensten",
        contractwaarde="300000",
        procedure="europees",
        publicatie="{datum: 2025-06-15, zekerheid: zeker}",
    )
    make_data(
        repo,
        {
            "bedrijfsvoering/arbodienst-2025": BASE["bedrijfsvoering/arbodienst-2025"],
            "fysiek/liften-2025": liften,
        },
        kader=kader,
    )
    (repo / "data" / "overleg").mkdir()
    (repo / "data" / "overleg" / "2024-12-30.yaml").write_text(
        "datum: 2024-12-30\n"
        "aanwezig: [Team inclusief inkopen]\n"
        "besluiten:\n"
        "  - {id: arbodienst-2025, rol: aanschuiven}\n"
        "  - {id: liften-2025, rol: aanschuiven}\n",
        encoding="utf-8",
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "overleg", when="2024-12-30")
    git(repo, "switch", "-q", "-c", "eerder")
    path = repo / "data/tenders/fysiek/liften-2025.yaml"
    path.write_text(liften.replace("2025-06-15", "2025-05-01"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "liften eerder", when="2025-01-03")
    done, text = summary_of(repo, "--changed-since", "main")
    md = text.split("\n", 1)[1]
    assert done.returncode == 0, done.stderr
    lift = _section(md, "#### Gewijzigd: Onderhoud liften stadhuis (liften-2025, Fysiek)")
    assert "| publicatie.datum | 2025-06-15 | 2025-05-01 |" in lift
    assert "**Rol van het team vandaag:** aanschuiven (score " in lift
    assert "besloten in het overleg" in lift
    assert "**Plan van het team:** de rol blijft aanschuiven" in lift
    assert (
        "**Plan van het team:** in februari 2025 zijn er meer aanbestedingen tegelijk in "
        "voorbereiding dan de capaciteit van 1 (zie Werklast)"
    ) in lift
    assert "**Wensen en eisen vast:** 2025-02-06 — 12 weken voor de publicatie" in lift
    assert "#### Werklast: nieuw boven de capaciteit" in md
    assert (
        "- februari 2025: over capaciteit (2 tegelijk, capaciteit 1): Arbodienst "
        "(arbodienst-2025), Onderhoud liften stadhuis (liften-2025)"
    ) in md
    assert "- maart 2025" not in md  # the arbo tender publishes on 1 March
