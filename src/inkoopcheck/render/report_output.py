"""Choose the report renderer: a format for stdout, or a file type by extension.
The xlsx renderer (and with it openpyxl) is imported only when a workbook is asked for."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import assert_never

from inkoopcheck import gitutil
from inkoopcheck.atomic import write_atomic
from inkoopcheck.loader import show
from inkoopcheck.report import Overview, Provenance


class ReportFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class FileKind(StrEnum):
    XLSX = ".xlsx"
    MARKDOWN = ".md"
    JSON = ".json"
    CSV = ".csv"

    @classmethod
    def of(cls, suffix: str) -> FileKind | None:
        try:
            return cls(suffix.lower())
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class RenderedFile:
    data: bytes
    warnings: tuple[str, ...] = ()


def render(
    fmt: ReportFormat,
    overview: Overview,
    *,
    width: int = 120,
    color: bool = False,
    social_return_only: bool = False,
) -> str:
    if fmt is ReportFormat.TEXT:
        from inkoopcheck.render.report_text import text

        return text(overview, width=width, color=color, social_return_only=social_return_only)
    if fmt is ReportFormat.MARKDOWN:
        from inkoopcheck.render.report_markdown import markdown

        return markdown(overview, social_return_only=social_return_only)
    if fmt is ReportFormat.JSON:
        from inkoopcheck.render.report_json import as_json

        return as_json(overview, social_return_only=social_return_only)
    assert_never(fmt)


def render_file(kind: FileKind, overview: Overview, source: Provenance) -> RenderedFile:
    """The whole report as the bytes of a file of this kind."""
    if kind is FileKind.XLSX:
        from inkoopcheck.render.report_xlsx import render_xlsx

        result = render_xlsx(overview, source)
        return RenderedFile(result.data, result.warnings)
    if kind is FileKind.MARKDOWN:
        from inkoopcheck.render.report_markdown import markdown

        return RenderedFile(markdown(overview).encode("utf-8"))
    if kind is FileKind.JSON:
        from inkoopcheck.render.report_json import as_json

        return RenderedFile(as_json(overview).encode("utf-8"))
    if kind is FileKind.CSV:
        from inkoopcheck.render.report_csv import as_csv

        return RenderedFile(as_csv(overview).encode("utf-8"))
    assert_never(kind)


def provenance(root: Path, version: str, kind: FileKind) -> Provenance:
    """Where the data came from. Only the workbook's Toelichting names the git
    commit, so git runs only for it; uncommitted changes are mentioned."""
    commit = gitutil.head_commit(root) if kind is FileKind.XLSX else None
    if commit is not None:
        try:
            changed = gitutil.changed_since(root, "HEAD")
        except gitutil.GitError:
            changed = set()
        if changed:
            commit += f" (met {len(changed)} niet vastgelegde wijziging(en))"
    return Provenance(show(root), commit, version)


def write_report(
    path: Path, kind: FileKind, overview: Overview, root: Path, version: str
) -> RenderedFile:
    """Render the whole report and write it atomically: on any error (OSError
    for the caller) the old file, if any, is left as it was."""
    rendered = render_file(kind, overview, provenance(root, version, kind))
    write_atomic(path, rendered.data)
    return rendered
