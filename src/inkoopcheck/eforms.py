"""The eForms codes inkoopcheck advises on, and their standard mapping to OCDS.

The one place for this data. Sources:
- eForms codelists (EU Publications Office, eForms SDK): BT-754 *accessibility*
  (codelist `accessibility`) and BT-775 *social objective* (codelist
  `social-objective`).
- BT-775 -> OCDS `sustainability.goal`: the eForms-to-OCDS mapping of the Open
  Contracting Partnership (open-contracting-extensions/eforms), whose goals are
  codes of the sustainability extension's `sustainabilityGoal` codelist.
- BT-754 `inc` may only be left out "in duly justified cases": Directive
  2014/24/EU, article 42(1).
"""

from __future__ import annotations

from typing import Literal

Bt754 = Literal["inc", "n-inc", "n-inc-just"]
Bt775 = Literal["acc-all", "opp", "gen-eq", "et-eq", "work-cond", "hum-right", "other"]

BT754_LABELS: dict[str, str] = {
    "inc": "toegankelijkheidscriteria voor personen met een handicap zijn opgenomen",
    "n-inc": "niet opgenomen: de opdracht is niet bedoeld voor gebruik door personen",
    "n-inc-just": "niet opgenomen, met een motivering (BT-755)",
}

BT775_LABELS: dict[str, str] = {
    "acc-all": "toegankelijkheid voor iedereen",
    "opp": "werkgelegenheid voor langdurig werklozen, kansarmen en/of personen met een handicap",
    "gen-eq": "gendergelijkheid",
    "et-eq": "etnische gelijkheid",
    "work-cond": "eerlijke arbeidsvoorwaarden",
    "hum-right": "mensenrechten in de toeleveringsketen (due diligence)",
    "other": "ander sociaal doel",
}

# BT-775 code -> OCDS sustainability goal (open-contracting-extensions/eforms).
BT775_TO_OCDS_GOAL: dict[str, str] = {
    "acc-all": "social.accessibility",
    "opp": "social.disadvantagedEmploymentOpportunities",
    "gen-eq": "social.genderEquality",
    "et-eq": "social.ethnicEquality",
    "work-cond": "social.laborRightsPromotion",
    "hum-right": "social.humanRightsInSupplyChains",
    "other": "social",
}
