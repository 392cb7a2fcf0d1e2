"""`inkoopcheck export ocds`: the plan as an OCDS 1.1 release package, checked
with the standard's own schemas (release package + release schema with the
sustainability extension merged in, tests/ocds/, no network) and codelists."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from inkoopcheck.cli import app

from .helpers import make_data, snapshot, tender

OCDS = Path(__file__).resolve().parent / "ocds"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch, as OCDS applies extensions."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _load(name: str) -> Any:
    return json.loads((OCDS / name).read_text(encoding="utf-8"))


def _validator() -> Draft4Validator:
    release = merge_patch(
        _load("release-schema.json"), _load("sustainability_extension/release-schema.json")
    )
    package = _load("release-package-schema.json")
    registry: Registry[Any] = Registry().with_resource(
        RELEASE_URL, Resource.from_contents(release, default_specification=DRAFT4)
    )
    return Draft4Validator(
        package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def _codes(path: str) -> set[str]:
    with (OCDS / path).open(encoding="utf-8") as fh:
        return {row["Code"] for row in csv.DictReader(fh)}


def assert_valid_ocds(package: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(package), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    assert package["version"] == "1.1"
    for r in package["releases"]:
        assert set(r["tag"]) <= _codes("codelists/releaseTag.csv")
        assert r["initiationType"] in _codes("codelists/initiationType.csv")
        t = r["tender"]
        assert t["status"] in _codes("codelists/tenderStatus.csv")
        if "mainProcurementCategory" in t:
            assert t["mainProcurementCategory"] in _codes("codelists/procurementCategory.csv")
        if "value" in t:
            assert t["value"]["currency"] in _codes("codelists/currency.csv")
        for p in r["parties"]:
            assert set(p["roles"]) <= _codes("codelists/partyRole.csv")
        assert r["buyer"]["id"] in {p["id"] for p in r["parties"] if "buyer" in p["roles"]}
        goals = _codes("sustainability_extension/codelists/sustainabilityGoal.csv")
        strategies = _codes("sustainability_extension/codelists/sustainabilityStrategy.csv")
        for s in t.get("sustainability", []):
            assert s["goal"] in goals
            assert set(s["strategies"]) <= strategies


def _export(runner: Any, data: Path, out: Path) -> dict[str, Any]:
    result = runner.invoke(
        app,
        ["export", "ocds", "--data", str(data), "--date", "2024-12-09", "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    package: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return package


def test_shipped_plan_validates(runner: Any, shipped: Path, tmp_path: Path) -> None:
    package = _export(runner, shipped, tmp_path / "plan.json")
    assert_valid_ocds(package)
    # the 11 upcoming European tenders of Q1 2025 are the register's open ones
    assert len(package["releases"]) == 11
    first = package["releases"][0]
    assert first["ocid"].startswith("inkoopcheck-amsterdam-")
    assert first["buyer"] == {"id": "NL-KVK-34366966", "name": "Gemeente Amsterdam"}
    assert "11 geplande aanbesteding(en)" in _stderr_of(runner, shipped, tmp_path)


def _stderr_of(runner: Any, data: Path, tmp_path: Path) -> str:
    result = runner.invoke(
        app,
        [
            "export",
            "ocds",
            "--data",
            str(data),
            "--date",
            "2024-12-09",
            "-o",
            str(tmp_path / "x.json"),
        ],
    )
    return str(result.output)


def test_themes_with_ja_and_social_return_become_sustainability(
    runner: Any, tmp_path: Path
) -> None:
    data = make_data(
        tmp_path,
        {
            "bedrijfsvoering/uitzendkrachten-2025": tender(
                "uitzendkrachten-2025",
                "Uitzendkrachten",
                soort="diensten",
                cpv="[79620000-6]",
                contractwaarde="3000000",
                procedure="europees",
                publicatie="{datum: 2025-03-01, zekerheid: zeker}",
                themas="{representatie: ja, toegankelijkheid: nee, sociale_veiligheid: ja}",
                toelichting="{toegankelijkheid: Geen product dat personen gebruiken.}",
                social_return="{percentage: 5, werkwijze: traditioneel}",
            ),
            "bedrijfsvoering/gepubliceerd-2025": tender(
                "gepubliceerd-2025", "Al gepubliceerd", status="gepubliceerd"
            ),
            "bedrijfsvoering/klaar-2024": tender("klaar-2024", "Afgerond", status="afgerond"),
            "bedrijfsvoering/onbekend-2026": tender("onbekend-2026", "Nog vaag"),
        },
    )
    package = _export(runner, data, tmp_path / "plan.json")
    assert_valid_ocds(package)
    by_id = {r["tender"]["id"]: r for r in package["releases"]}
    assert set(by_id) == {"uitzendkrachten-2025", "onbekend-2026"}
    t = by_id["uitzendkrachten-2025"]["tender"]
    assert t["mainProcurementCategory"] == "services"
    assert t["value"] == {"amount": 3000000, "currency": "EUR"}
    assert t["items"][0]["classification"]["scheme"] == "CPV"
    assert t["items"][0]["classification"]["id"] == "79620000"
    assert t["tenderPeriod"]["startDate"] == "2025-03-01T00:00:00Z"
    assert t["hasSustainability"] is True
    goals = {s["goal"]: s["strategies"] for s in t["sustainability"]}
    # representatie: gen-eq, et-eq; sociale veiligheid: work-cond; social return: opp.
    # toegankelijkheid is nee, so no social.accessibility.
    assert goals == {
        "social.genderEquality": ["technicalSpecifications"],
        "social.ethnicEquality": ["technicalSpecifications"],
        "social.laborRightsPromotion": ["technicalSpecifications"],
        "social.disadvantagedEmploymentOpportunities": ["contractPerformanceConditions"],
    }
    vague = by_id["onbekend-2026"]["tender"]
    assert "hasSustainability" not in vague and "value" not in vague


def test_without_organisatie_nothing_is_written(runner: Any, shipped: Path, tmp_path: Path) -> None:
    text = (shipped / "kader.yaml").read_text(encoding="utf-8")
    start = text.index("organisatie:")
    end = text.index("\n# Per thema")
    data = make_data(
        tmp_path, {"bedrijfsvoering/x-2025": tender("x-2025", "X")}, kader=text[:start] + text[end:]
    )
    before = snapshot(tmp_path)
    result = runner.invoke(
        app, ["export", "ocds", "--data", str(data), "-o", str(tmp_path / "plan.json")]
    )
    assert result.exit_code == 1
    assert "geen sectie 'organisatie'" in result.output
    assert snapshot(tmp_path) == before


def test_no_open_tenders_is_said_not_written(runner: Any, tmp_path: Path) -> None:
    data = make_data(tmp_path, {"bedrijfsvoering/k-2024": tender("k-2024", "K", status="afgerond")})
    result = runner.invoke(
        app, ["export", "ocds", "--data", str(data), "-o", str(tmp_path / "plan.json")]
    )
    assert result.exit_code == 1
    assert "geen open aanbestedingen" in result.output
    assert not (tmp_path / "plan.json").exists()


@pytest.mark.parametrize("name", ["plan.csv", "plan"])
def test_output_must_be_json(runner: Any, shipped: Path, tmp_path: Path, name: str) -> None:
    result = runner.invoke(
        app, ["export", "ocds", "--data", str(shipped), "-o", str(tmp_path / name)]
    )
    assert result.exit_code == 2
    assert ".json" in result.output
    assert not (tmp_path / name).exists()


def test_the_schema_check_catches_mistakes(runner: Any, shipped: Path, tmp_path: Path) -> None:
    """The validator is not vacuous: the release schema and the extension bite."""
    package = _export(runner, shipped, tmp_path / "plan.json")
    broken = copy.deepcopy(package)
    del broken["releases"][0]["ocid"]
    broken["releases"][1]["tender"]["sustainability"] = [{"goal": 1}]
    broken["releases"][2]["tender"]["hasSustainability"] = "ja"
    paths = {tuple(e.absolute_path)[:2] for e in _validator().iter_errors(broken)}
    assert paths == {("releases", 0), ("releases", 1), ("releases", 2)}
