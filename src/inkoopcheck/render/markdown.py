"""The one Markdown escaper: data from the files made inert in a Markdown line or
table cell, so a title cannot break a table or become a link, emphasis or HTML."""

from __future__ import annotations

import re

from inkoopcheck.fmt import clean

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(value: str) -> str:
    """One line, no control characters, and punctuation that means something
    backslash-escaped (GitHub honours the escapes, also of ``|`` in tables)."""
    one_line = " ".join(clean(value).split())
    return _SPECIAL.sub(r"\\\1", one_line)
