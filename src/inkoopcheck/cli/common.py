"""What every command shares: the options, the data folder, the peildatum,
printing, failing, and the one --output rule."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from inkoopcheck.analysis import Analysis, Progress
    from inkoopcheck.kader import Kader

from inkoopcheck.cli.app import EXIT_USAGE

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="De datamap (met kader.yaml en tenders/). Standaard: "
        "$INKOOPCHECK_DATA, anders de dichtstbijzijnde map 'data' met een kader.yaml.",
        show_default=False,
        readable=False,  # find_data_folder says in Dutch what it cannot reach
    ),
]


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="JJJJ-MM-DD", help="Peildatum (standaard: vandaag).", show_default=False
    ),
]


ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Vervang een bestaand uitvoerbestand."),
]


NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Controleer alles opnieuw, zonder de cache te gebruiken."),
]


CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Map voor de cache (standaard $INKOOPCHECK_CACHE_DIR, anders ~/.cache/inkoopcheck).",
        show_default=False,
        readable=False,  # a cache that cannot be used is a warning (warn_cache), not exit 2
    ),
]


def cache_location(no_cache: bool, cache_dir: Path | None) -> Path | None:
    if no_cache or os.environ.get("INKOOPCHECK_NO_CACHE"):
        return None
    if cache_dir is not None:
        return cache_dir
    from inkoopcheck.cache import default_dir

    return default_dir()


@contextmanager
def progress_bar() -> Iterator[Progress | None]:
    """A progress bar on stderr for long runs, only for a person at a terminal:
    never in CI logs or when stderr is piped."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    state: dict[str, Any] = {}

    def start(todo: int, total: int) -> Callable[[int], None] | None:
        if todo < 500:
            return None
        from rich.console import Console
        from rich.progress import Progress as Bar

        bar = Bar(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task(f"{todo} van {total} bestanden controleren", total=todo)
        state["bar"] = bar
        return lambda n: bar.advance(task, n)

    try:
        yield start
    finally:
        if "bar" in state:
            state["bar"].stop()


def output_allowed(
    path: Path, suffixes: list[str], root: Path | None, force: bool, option: str = "--output"
) -> None:
    """The one rule for every --output (outputs.py); exit 2 when it says no."""
    from inkoopcheck.outputs import OutputRefused, check_output

    try:
        check_output(path, suffixes=suffixes, data_root=root, force=force, option=option)
    except OutputRefused as exc:
        fail(str(exc))


def terminal_width(default: int = 160) -> int:
    """The width to render for: the terminal's, or `default` when not at one."""
    if not sys.stdout.isatty():
        return default
    import shutil

    return shutil.get_terminal_size((default, 40)).columns


def write_output(path: Path, content: str | bytes) -> None:
    """Write a whole output file atomically (after output_allowed), or say why not."""
    from inkoopcheck.atomic import write_atomic
    from inkoopcheck.loader import show
    from inkoopcheck.oserrors import reason

    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        write_atomic(path, data)
    except OSError as exc:
        fail(f"kan '{show(path)}' niet schrijven: {reason(exc)}. Er is niets geschreven.")


def say(message: str) -> None:
    """One message for the user on stderr. Values the user typed are escaped where
    the message is made; this escapes what is left, so no control character
    typed on the command line reaches the terminal."""
    from inkoopcheck.fmt import display_text

    sys.stderr.write(f"inkoopcheck: {display_text(message)}\n")


def append_step_summary(path: Path, text: str) -> None:
    """Add to the job summary of a GitHub Actions step (the file GitHub names in
    $GITHUB_STEP_SUMMARY; each step appends to its own)."""
    from inkoopcheck.loader import show
    from inkoopcheck.oserrors import reason

    try:
        with path.open("a", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        fail(
            f"kan de samenvatting niet toevoegen aan '{show(path)}' ($GITHUB_STEP_SUMMARY): "
            f"{reason(exc)}."
        )


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """A message for the user on stderr, and out."""
    say(message)
    raise typer.Exit(code)


def data_folder(option: Path | None) -> Path:
    from inkoopcheck.loader import DataFolderError, find_data_folder

    try:
        return find_data_folder(option, os.environ.get("INKOOPCHECK_DATA"), Path.cwd())
    except DataFolderError as exc:
        fail(str(exc))


def peildatum(option: str | None) -> date:
    if option is None:
        return date.today()
    from inkoopcheck.periods import parse_day

    day = parse_day(option)
    if day is None:
        from inkoopcheck.fmt import display_path

        fail(
            f"'{display_path(option)}' is geen datum; schrijf de datum als JJJJ-MM-DD, "
            "bijvoorbeeld 2024-12-09."
        )
    return day


def kader_or_fail(root: Path) -> Kader:
    """The kader for commands without the pipeline: its errors shown, exit 2."""
    from inkoopcheck.render.findings import text
    from inkoopcheck.workspace import open_kader

    state = open_kader(root)
    if state.kader is None:
        sys.stderr.write(text([f for f in state.findings if f.is_error], 1))
        fail(
            "kader.yaml bevat fouten; herstel die eerst (zie hierboven of 'inkoopcheck validate')."
        )
    return state.kader


def directie_or_fail(kader: Kader, directie: str | None) -> str | None:
    """The canonical name of a --directie (None when not given); exit 2, with the
    directies that exist, when it is unknown."""
    if directie is None:
        return None
    canonical = kader.resolve_directie(directie)
    if canonical is None:
        fail(kader.unknown_directie_message(directie))
    return canonical


def usable(analysis: Analysis) -> Kader:
    """triage, report and friends need a kader they can use: it, or exit 2."""
    from inkoopcheck.render.findings import text

    if analysis.kader is None or any(f.is_error for f in analysis.kader_findings()):
        sys.stderr.write(text(analysis.kader_findings(), 1))
        fail(
            "kader.yaml bevat fouten; herstel die eerst (zie hierboven of 'inkoopcheck validate')."
        )
    if analysis.layout_findings():
        sys.stderr.write(text(analysis.layout_findings(), 1))
        fail("de datamap klopt niet; herstel dat eerst (zie hierboven).")
    return analysis.kader


def warn_invalid(analysis: Analysis) -> None:
    skipped = analysis.invalid_count()
    if skipped:
        noun = "aanbesteding" if skipped == 1 else "aanbestedingen"
        say(f"{skipped} {noun} met fouten overgeslagen; zie 'inkoopcheck validate'.")
    unread = analysis.unread()
    if unread:
        others = len(unread) - 1
        more = f" (en {others} andere plek{'ken' if others > 1 else ''})" if others else ""
        say(
            f"'{unread[0].path}'{more} is niet gelezen; de aanbestedingen daarin ontbreken "
            "hier. Zie 'inkoopcheck validate'."
        )


def warn_cache(analysis: Analysis) -> None:
    """A cache folder that cannot be used, however it was chosen (--cache-dir,
    INKOOPCHECK_CACHE_DIR or the default): the run went on without it; say so."""
    cache = analysis.cache
    if cache is None or cache.problem is None:
        return
    from inkoopcheck.loader import show
    from inkoopcheck.oserrors import reason

    say(
        f"waarschuwing: de cache in '{show(cache.directory)}' is niet te gebruiken "
        f"({reason(cache.problem)}); er is zonder cache gewerkt. Kies een andere map met "
        "--cache-dir of INKOOPCHECK_CACHE_DIR, of zet de cache uit met --no-cache."
    )


def _opt(help_text: str, name: str, metavar: str | None = None) -> typer.models.OptionInfo:
    option: typer.models.OptionInfo = typer.Option(
        name, help=help_text, metavar=metavar, show_default=False
    )
    return option
