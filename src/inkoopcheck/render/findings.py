"""Findings of `validate` as text, JSON or GitHub Actions workflow commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from typing import assert_never

from inkoopcheck.findings import Finding, count
from inkoopcheck.fmt import display_path


class FindingsFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def summary(findings: Sequence[Finding], files: int) -> str:
    """`files` counts kader.yaml too (it is always checked): the line names it, so
    one file given never reads as "2 bestanden"."""
    errors, warnings = count(findings)
    tenders = files - 1
    what = (
        "kader.yaml"
        if tenders < 1
        else (f"{tenders} {'bestand' if tenders == 1 else 'bestanden'} en kader.yaml")
    )
    parts = [
        f"{errors} {'fout' if errors == 1 else 'fouten'}",
        f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}",
    ]
    verdict = "in orde" if errors == 0 else "niet in orde"
    return f"{what} gecontroleerd: {', '.join(parts)} — {verdict}."


def _place(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}" if f.line else f.path


_BOLD, _RED, _YELLOW, _DIM, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"


def text(findings: Sequence[Finding], files: int, *, color: bool = False) -> str:
    """One line per finding, the hint indented below it, and a summary."""
    return (
        lines(findings, color=color) + ("\n" if findings else "") + summary(findings, files) + "\n"
    )


def lines(findings: Sequence[Finding], *, color: bool = False) -> str:
    """One line per finding, the hint indented below it. With `color` (a
    terminal): the place bold, errors red, warnings yellow. Everything from the
    data is escaped first, so only these codes reach the terminal."""
    lines = []
    for f in findings:
        severity = str(f.severity)
        place = _place(f)
        if color:
            severity = (_RED if f.is_error else _YELLOW) + severity + _RESET
            place = _BOLD + place + _RESET
        lines.append(f"{place}: {severity} {f.code} {display_path(f.message)}")
        if f.hint:
            hint = f"    → {display_path(f.hint)}"
            lines.append(_DIM + hint + _RESET if color else hint)
    return "\n".join(lines)


def as_json(findings: Sequence[Finding], files: int) -> str:
    errors, warnings = count(findings)
    doc = {
        "findings": [
            {
                "path": f.path,
                "line": f.line or None,
                "column": f.column or None,
                "code": f.code,
                "severity": str(f.severity),
                "message": f.message,
                "hint": f.hint,
            }
            for f in findings
        ],
        "files": files,
        "errors": errors,
        "warnings": warnings,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], files: int) -> str:
    """GitHub Actions workflow commands: an annotation on the file and line."""
    lines = []
    for f in findings:
        kind = "error" if f.is_error else "warning"
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.code)}")
        message = display_path(f.message) + (f"\n{display_path(f.hint)}" if f.hint else "")
        lines.append(f"::{kind} {','.join(props)}::{_escape_data(message)}")
    lines.append(summary(findings, files))
    return "\n".join(lines) + "\n"


def render_findings(
    fmt: FindingsFormat, findings: Sequence[Finding], files: int, *, color: bool = False
) -> str:
    if fmt is FindingsFormat.TEXT:
        return text(findings, files, color=color)
    if fmt is FindingsFormat.JSON:
        return as_json(findings, files)
    if fmt is FindingsFormat.GITHUB:
        return github(findings, files)
    assert_never(fmt)
