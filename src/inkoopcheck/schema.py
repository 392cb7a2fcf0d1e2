"""The JSON Schema of a tender file, for editors (yaml-language-server) and for
anyone who wants to check files with other tools. Generated from the pydantic
model, with the kader's directies, themes and leadbuyers as enums."""

from __future__ import annotations

import json
from typing import Any

from inkoopcheck.kader import Kader
from inkoopcheck.models import ID_PATTERN, Tender

SCHEMA_ID = "https://example.org/inkoopcheck/tender.schema.json"


def tender_schema(kader: Kader) -> dict[str, Any]:
    schema = Tender.model_json_schema(mode="validation")
    props = schema["properties"]
    props["id"] = {
        "type": "string",
        "pattern": f"^{ID_PATTERN}$",
        "description": "Gelijk aan de bestandsnaam zonder .yaml.",
    }
    props["directie"] = {
        "type": "string",
        "enum": kader.directie_names(),
        "description": "Een directie uit kader.yaml (of een alias).",
    }
    if kader.leadbuyers:
        props["leadbuyer"] = {
            "anyOf": [{"type": "string", "enum": list(kader.leadbuyers)}, {"type": "null"}]
        }
    props["themas"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            key: {
                "type": "string",
                "enum": ["ja", "nee", "open"],
                "description": f"{t.naam}: ja = wensen/eisen opgenomen, nee = bewust niet, "
                "open = nog niet beoordeeld.",
            }
            for key, t in kader.themas.items()
        },
    }
    props["personeel"] = {
        "anyOf": [{"type": "string", "enum": ["ja", "nee"]}, {"type": "boolean"}, {"type": "null"}]
    }
    props["contractwaarde"] = {
        "anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}],
        "description": "Geschatte waarde in hele euro's; null = N.n.b.",
    }
    props["cpv"] = {
        "type": "array",
        "items": {
            "anyOf": [{"type": "string", "pattern": "^[0-9]{8}(-[0-9])?$"}, {"type": "integer"}]
        },
    }
    for name, field in Tender.model_fields.items():
        if field.description is None and name in props:
            props[name].pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Aanbesteding (inkoopcheck)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_json(kader: Kader) -> str:
    return json.dumps(tender_schema(kader), ensure_ascii=False, indent=2) + "\n"


OVERLEG_SCHEMA_ID = "https://example.org/inkoopcheck/overleg.schema.json"


def overleg_schema() -> dict[str, Any]:
    """The JSON Schema of an overleg file (data/overleg/JJJJ-MM-DD.yaml). Tender ids
    are a pattern, not a list: they change every week."""
    from inkoopcheck.overleg import Besluit, Overleg

    schema = Overleg.model_json_schema(mode="validation")
    date_type = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    schema["properties"]["datum"] = {**date_type, "description": "De datum van het overleg."}
    besluit = schema["$defs"]["Besluit"]["properties"]
    besluit["id"] = {
        "type": "string",
        "pattern": f"^{ID_PATTERN}$",
        "description": "Het id van de aanbesteding (de bestandsnaam zonder .yaml).",
    }
    besluit["tot"] = {
        "anyOf": [date_type, {"type": "null"}],
        "description": Besluit.model_fields["tot"].description,
    }
    for props in (schema["properties"], besluit):
        for value in props.values():
            value.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": OVERLEG_SCHEMA_ID,
        "title": "Overleg inclusief inkopen (inkoopcheck)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_overleg() -> str:
    return json.dumps(overleg_schema(), ensure_ascii=False, indent=2) + "\n"
