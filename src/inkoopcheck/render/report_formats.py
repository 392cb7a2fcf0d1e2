"""The report's formats by name: the file type for --output and the renderer.
The --format choices and the accepted --output suffixes of `inkoopcheck report`
come from `FORMATS`, so a new format is one entry here and its renderer module.

Renderers take the frozen `Overview` (and how it is shown) and return text or
bytes; they never touch the terminal, the file system or git. Each renderer is
imported only when its format is asked for (openpyxl only for a workbook)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inkoopcheck.report import Overview, Provenance


@dataclass(frozen=True, slots=True)
class Medium:
    """How the report is shown: terminal width and colour, only the social-return
    part (on the screen), and where the data came from (the workbook names it)."""

    width: int = 120
    color: bool = False
    social_return_only: bool = False
    source: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    data: str | bytes
    warnings: tuple[str, ...] = ()  # said on stderr, the output is still made


Renderer = Callable[["Overview", Medium], Rendered]


def _text(overview: Overview, medium: Medium) -> Rendered:
    from inkoopcheck.render.report_text import text

    return Rendered(
        text(
            overview,
            width=medium.width,
            color=medium.color,
            social_return_only=medium.social_return_only,
        )
    )


def _markdown(overview: Overview, medium: Medium) -> Rendered:
    from inkoopcheck.render.report_markdown import markdown

    return Rendered(markdown(overview, social_return_only=medium.social_return_only))


def _json(overview: Overview, medium: Medium) -> Rendered:
    from inkoopcheck.render.report_json import as_json

    return Rendered(as_json(overview, social_return_only=medium.social_return_only))


def _csv(overview: Overview, medium: Medium) -> Rendered:
    from inkoopcheck.render.report_csv import as_csv

    return Rendered(as_csv(overview))


def _xlsx(overview: Overview, medium: Medium) -> Rendered:
    from inkoopcheck.render.report_xlsx import render_xlsx

    assert medium.source is not None, "the workbook names where the data came from"
    result = render_xlsx(overview, medium.source)
    return Rendered(result.data, result.warnings)


@dataclass(frozen=True, slots=True)
class Format:
    suffix: str | None  # the --output file type; None: only on the screen
    screen: bool  # a choice of --format (text to read or pipe, not a binary file)
    render: Renderer
    provenance: bool = False  # names the git commit of the data (runs git)


# In the order the help and the messages name them: the workbook first.
FORMATS: dict[str, Format] = {
    "xlsx": Format(".xlsx", False, _xlsx, provenance=True),
    "text": Format(None, True, _text),
    "markdown": Format(".md", True, _markdown),
    "json": Format(".json", True, _json),
    "csv": Format(".csv", False, _csv),
}

SCREEN_FORMATS: tuple[str, ...] = tuple(name for name, f in FORMATS.items() if f.screen)
FILE_SUFFIXES: tuple[str, ...] = tuple(f.suffix for f in FORMATS.values() if f.suffix)


def for_suffix(suffix: str) -> str:
    """The format of an --output file (its suffix was accepted by output_allowed)."""
    return next(name for name, f in FORMATS.items() if f.suffix == suffix.lower())
