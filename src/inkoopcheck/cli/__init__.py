"""The command line. Thin: each command module parses its options, calls the
core and prints; `app` holds the typer app, the Dutch help and errors, and the
way in (`main`). Imports of the core happen inside each command, so `--help` and
`--version` load neither pydantic models, rich tables nor openpyxl.

A new command is one new module here, imported below.
"""

from inkoopcheck.cli import (  # noqa: F401  (importing registers the commands)
    advies,
    besluit,
    codeowners,
    explain,
    export,
    export_ics,
    import_,
    kader,
    new,
    report,
    schema,
    tenderned,
    triage,
    validate,
)
from inkoopcheck.cli.app import _dutch_help, app, main

_dutch_help(app)

__all__ = ["app", "main"]
