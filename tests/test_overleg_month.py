"""One realistic month of the weekly loop: four overleggen with git history
(tenders added and changed between them), `besluit` after each, each week's
agenda showing exactly what changed since the previous overleg, a decision
reopened because the publication moved, a month over capacity in Werklast, and
an .ics that follows the changes with stable UIDs."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from icalendar import Calendar
from typer.testing import CliRunner

from inkoopcheck.cli import app

from .helpers import make_data, tender
from .test_triage import KADER as TRIAGE_KADER

# the triage tests' kader, with the team that owns data/overleg/
KADER = TRIAGE_KADER.replace(
    "\ntriage:",
    "\nteam:\n  naam: Team inclusief inkopen\n"
    '  eigenaars: ["@org/team-inclusief-inkopen"]\ntriage:',
    1,
)

A = tender(
    "uitzendkrachten-2025",
    "Uitzendkrachten",
    personeel="ja",
    soort="diensten",
    contractwaarde="1000000",
    procedure="europees",
    publicatie="{datum: 2025-04-15, zekerheid: zeker}",
)
B = tender(
    "liften-2025",
    "Onderhoud liften",
    "Fysiek",
    soort="diensten",
    contractwaarde="400000",
    procedure="europees",
    publicatie="{kwartaal: 2025-Q2, zekerheid: waarschijnlijk}",
)
C = tender(
    "inhuur-2025",
    "Inhuur specialisten",
    personeel="ja",
    soort="diensten",
    contractwaarde="500000",
    procedure="europees",
    publicatie="{datum: 2025-05-01, zekerheid: zeker}",
)
D = "# de maaiers\n" + tender(
    "maaien-2025",
    "Maaien bermen",
    "Fysiek",
    soort="diensten",
    contractwaarde="100000",
    procedure="nationaal",
    publicatie="{kwartaal: 2025-Q2, zekerheid: zeker}",
)
E = tender(
    "trainees-2025",
    "Traineeprogramma",
    personeel="ja",
    soort="diensten",
    contractwaarde="300000",
    procedure="europees",
    publicatie="{datum: 2025-04-20, zekerheid: zeker}",
)

WEEKS = ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"]


def git(repo: Path, when: str, *args: str) -> None:
    stamp = f"{when}T18:00:00"
    subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "team",
            "GIT_AUTHOR_EMAIL": "team@example.nl",
            "GIT_COMMITTER_NAME": "team",
            "GIT_COMMITTER_EMAIL": "team@example.nl",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "PATH": os.environ["PATH"],
            "HOME": str(repo),
        },
    )


def commit(repo: Path, when: str, message: str) -> None:
    git(repo, when, "add", "-A")
    git(repo, when, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def agenda(runner: CliRunner, data: Path, day: str, out: Path) -> tuple[str, dict[str, Any]]:
    """The week's agenda as markdown (written with --output) and as JSON."""
    md = out / f"agenda-{day}.md"
    result = runner.invoke(
        app, ["triage", "--data", str(data), "--date", day, "--no-cache", "--output", str(md)]
    )
    assert result.exit_code == 0, result.output
    assert f"Agenda geschreven naar {md}" in result.stderr or "Agenda geschreven" in result.stderr
    again = runner.invoke(
        app, ["triage", "--data", str(data), "--date", day, "--no-cache", "--format", "json"]
    )
    assert again.exit_code == 0, again.output
    return md.read_text(encoding="utf-8"), json.loads(again.stdout)


def besluit(runner: CliRunner, data: Path, day: str, rol: str, *ids: str) -> str:
    result = runner.invoke(
        app, ["besluit", *ids, rol, "--data", str(data), "--datum", day, "--toelichting", "overleg"]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def discussed(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in doc["te_bespreken"]}


def rows(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in doc["aanbestedingen"]}


def ics(runner: CliRunner, data: Path, day: str, out: Path) -> dict[str, Any]:
    """Export the calendar and check every event with icalendar; UID -> event."""
    result = runner.invoke(
        app,
        ["export", "ics", "--data", str(data), "--date", day, "--output", str(out), "--force"],
    )
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    events: dict[str, Any] = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        assert re.fullmatch(
            r"[a-z0-9-]+\.(wensen-en-eisen|publicatie|evaluatie-social-return)@inkoopcheck", uid
        )
        assert uid not in events, "one event per tender and kind"
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is date and type(end) is date and end > start  # all-day
        assert str(ev["SUMMARY"]).startswith(("Wensen en eisen vast: ", "Publicatie verwacht"))
        text = str(ev["DESCRIPTION"])
        assert "Rol van het team: " in text and "Relevante thema's: " in text
        assert f"Bestand: data/tenders/{'fysiek' if 'liften' in uid else 'bedrijfsvoering'}/" in (
            text
        )
        events[uid] = ev
    return events


def test_a_month_of_overleggen(runner: CliRunner, tmp_path: Path) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/uitzendkrachten-2025": A,
            "fysiek/liften-2025": B,
            "bedrijfsvoering/inhuur-2025": C,
            "fysiek/maaien-2025": D,
        },
        KADER,
    )
    repo = data.parent
    git(repo, "2025-01-03", "init", "-q", "-b", "main")
    commit(repo, "2025-01-03", "de kalender")
    tenders = data / "tenders"

    # --- week 1: the first overleg. Nothing came before it, so nothing is new.
    md, doc = agenda(runner, data, WEEKS[0], tmp_path)
    assert "## Te bespreken (0)" in md and doc["te_bespreken"] == []
    assert doc["vorig_overleg"] is None
    assert rows(doc)["uitzendkrachten-2025"]["rol"] == "aanschuiven"
    said = besluit(runner, data, WEEKS[0], "aanschuiven", "uitzendkrachten-2025", "inhuur-2025")
    assert "Gemaakt: " in said and "uitzendkrachten-2025: aanschuiven (nieuw besluit)" in said
    besluit(runner, data, WEEKS[0], "achtervang", "liften-2025")
    first_ics = ics(runner, data, WEEKS[0], tmp_path / "week1.ics")
    commit(repo, WEEKS[0], "overleg 1")

    # --- between: a tender added, a value raised
    (tenders / "bedrijfsvoering" / "trainees-2025.yaml").write_text(E, encoding="utf-8")
    edit(tenders / "bedrijfsvoering" / "inhuur-2025.yaml", "500000", "800000")
    commit(repo, "2025-01-08", "nieuw en bijgewerkt")

    # --- week 2: exactly the new and the changed tender, with the field
    md, doc = agenda(runner, data, WEEKS[1], tmp_path)
    assert doc["vorig_overleg"] == WEEKS[0] and doc["sinds"] == WEEKS[0]
    assert set(discussed(doc)) == {"trainees-2025", "inhuur-2025"}
    assert discussed(doc)["trainees-2025"]["soort"] == "nieuw"
    changed = discussed(doc)["inhuur-2025"]
    assert changed["soort"] == "gewijzigd"
    assert changed["wijzigingen"] == [
        {"veld": "contractwaarde", "was": "€ 500.000", "wordt": "€ 800.000"}
    ]
    assert "  - contractwaarde: € 500.000 → € 800.000" in md
    assert "Vorig overleg 2025-01-06: nieuw en gewijzigd sinds die dag." in md
    # the decisions of week 1 stand (a value raised above the threshold it was above anyway)
    assert rows(doc)["inhuur-2025"]["besluit"]["staat"] is True
    assert rows(doc)["uitzendkrachten-2025"]["rol_besloten"] is True
    besluit(runner, data, WEEKS[1], "aanschuiven", "trainees-2025")
    commit(repo, WEEKS[1], "overleg 2")

    # --- between: the lifts move two quarters, the mowing file gets a comment only
    edit(tenders / "fysiek" / "liften-2025.yaml", "2025-Q2", "2025-Q4")
    edit(tenders / "fysiek" / "maaien-2025.yaml", "# de maaiers", "# de maaiers, ook de dijken")
    commit(repo, "2025-01-15", "planning")

    # --- week 3: the lifts' decision is reopened; three decided aanschuiven on a
    # capacity of two: February to April are over capacity, with the three named
    md, doc = agenda(runner, data, WEEKS[2], tmp_path)
    assert set(discussed(doc)) == {"liften-2025", "maaien-2025"}
    lifts = discussed(doc)["liften-2025"]
    assert lifts["soort"] == "herzien" and lifts["besloten"] is False
    assert lifts["wijzigingen"] == [
        {"veld": "publicatie.kwartaal", "was": "2025-Q2", "wordt": "2025-Q4"}
    ]
    assert rows(doc)["liften-2025"]["besluit"]["waarom_niet"] == ["publicatie 2025-Q2 → 2025-Q4"]
    assert "besluit herzien? achtervang (2025-01-06): publicatie 2025-Q2 → 2025-Q4" in md
    assert discussed(doc)["maaien-2025"]["wijzigingen"] == []
    assert "alleen opmaak of commentaar gewijzigd" in md
    months = {m["maand"]: m for m in doc["werklast"]["maanden"]}
    over = [m for m in doc["werklast"]["maanden"] if m["over_capaciteit"]]
    assert [m["maand"] for m in over] == ["2025-02", "2025-03", "2025-04"]
    assert set(months["2025-03"]["botsing"]) == {
        "uitzendkrachten-2025",
        "inhuur-2025",
        "trainees-2025",
    }
    assert months["2025-03"]["aanschuiven"] == 3 and not months["2025-03"]["aanschuiven_schatting"]
    assert (
        "| maart 2025 | 3 |" in md
        and "**over capaciteit (3 tegelijk, capaciteit 2): Uitzendkrachten" in md
    )
    besluit(runner, data, WEEKS[2], "achtervang", "liften-2025")
    commit(repo, WEEKS[2], "overleg 3")

    # --- between: the uitzendkrachten move from April to August
    edit(tenders / "bedrijfsvoering" / "uitzendkrachten-2025.yaml", "2025-04-15", "2025-08-01")
    commit(repo, "2025-01-22", "later")

    # --- week 4: reopened because the publication moved, and ranked again
    md, doc = agenda(runner, data, WEEKS[3], tmp_path)
    assert set(discussed(doc)) == {"uitzendkrachten-2025"}
    moved = discussed(doc)["uitzendkrachten-2025"]
    assert moved["soort"] == "herzien" and moved["besloten"] is False
    assert moved["wijzigingen"] == [
        {"veld": "publicatie.datum", "was": "2025-04-15", "wordt": "2025-08-01"}
    ]
    row = rows(doc)["uitzendkrachten-2025"]
    assert row["rol_besloten"] is False and row["besluit"]["staat"] is False
    assert "herzien" in [s["code"] for s in row["signalen"]]
    assert rows(doc)["liften-2025"]["besluit"]["staat"] is True  # decided again in week 3
    said = besluit(runner, data, WEEKS[3], "achtervang", "uitzendkrachten-2025")
    assert "eerder besloten: aanschuiven (2025-01-06)" in said
    commit(repo, WEEKS[3], "overleg 4")
    assert sorted(p.name for p in (data / "overleg").iterdir()) == [f"{w}.yaml" for w in WEEKS]

    # --- the calendar followed: same UIDs, moved dates, SEQUENCE up by each move
    last_ics = ics(runner, data, WEEKS[3], tmp_path / "week4.ics")
    assert set(first_ics) <= set(last_ics)
    assert "trainees-2025.publicatie@inkoopcheck" in set(last_ics) - set(first_ics)
    assert not any(uid.startswith("maaien-2025") for uid in last_ics)  # no rule: no work
    pub = "uitzendkrachten-2025.publicatie@inkoopcheck"
    assert first_ics[pub].decoded("DTSTART") == date(2025, 4, 15)
    assert last_ics[pub].decoded("DTSTART") == date(2025, 8, 1)
    assert (first_ics[pub]["SEQUENCE"], last_ics[pub]["SEQUENCE"]) == (0, 1)
    ready = "uitzendkrachten-2025.wensen-en-eisen@inkoopcheck"
    assert last_ics[ready].decoded("DTSTART") == date(2025, 5, 9)  # 12 weeks before
    assert last_ics[ready]["SEQUENCE"] == 1
    assert "Rol van het team: achtervang (besloten in het overleg van 2025-01-27)" in str(
        last_ics[ready]["DESCRIPTION"]
    )
    lifts_pub = "liften-2025.publicatie@inkoopcheck"  # a quarter: the whole quarter
    assert last_ics[lifts_pub].decoded("DTSTART") == date(2025, 10, 1)
    assert last_ics[lifts_pub].decoded("DTEND") == date(2026, 1, 1)
    assert last_ics[lifts_pub]["SEQUENCE"] == 1
    inhuur = "inhuur-2025.publicatie@inkoopcheck"  # its value changed, not its date
    assert (first_ics[inhuur]["SEQUENCE"], last_ics[inhuur]["SEQUENCE"]) == (0, 0)
