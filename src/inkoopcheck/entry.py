"""The console script's entry point: so small that Ctrl-C while Python is still
importing the command line (typer, rich: a tenth of a second) is met with the same
Dutch line as later on, not a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # answered before the command line is built
        from inkoopcheck import __version__

        sys.stdout.write(f"inkoopcheck {__version__}\n")
        return
    try:
        from inkoopcheck.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("inkoopcheck: afgebroken; er is niets geschreven.\n")
        sys.exit(130)
    run()
