"""The CPV 2008 code list (package data), for checking and completing codes.

The check digit follows no published rule, so a code is checked by looking it
up. A code written without its check digit (``79620000``) is completed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def codes() -> dict[str, str]:
    """8 digits -> full code (``########-#``)."""
    text = resources.files("inkoopcheck").joinpath("data/cpv_en.json").read_text("utf-8")
    return {code[:8]: code for code in json.loads(text)}


@cache
def labels() -> dict[str, str]:
    text = resources.files("inkoopcheck").joinpath("data/cpv_en.json").read_text("utf-8")
    data: dict[str, str] = json.loads(text)
    return data


def complete(code: str) -> str | None:
    """The full code for `code` (with or without check digit), or None if unknown
    or if its check digit is wrong."""
    full = codes().get(code[:8])
    if full is None:
        return None
    if len(code) > 8 and code != full:
        return None
    return full
