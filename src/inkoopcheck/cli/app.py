"""The typer app and the way in: Dutch help and errors, exit codes, Ctrl-C."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from inkoopcheck import __version__
from inkoopcheck.helpformat import DutchCommand, DutchGroup, dutch_usage

if TYPE_CHECKING:
    pass


def out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


# The whole help frame in Dutch (usage line, headings, placeholders, notes).
_Group, _Command = DutchGroup, DutchCommand


app = typer.Typer(
    cls=_Group,
    name="inkoopcheck",
    help=(
        "Inclusief inkopen: controleer aanbestedingen tegen het handelingskader, "
        "bepaal waar het team aanschuift en maak het overzicht van Europese aanbestedingen.\n\n"
        "Begin met: inkoopcheck triage --date 2024-12-09"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        out(f"inkoopcheck {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie en stop."),
    ] = False,
) -> None:
    """Inclusief inkopen."""


def _dutch_help(typer_app: typer.Typer) -> None:
    """Every command gets the Dutch --help (set once here, not on each decorator)."""
    for info in typer_app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = _Command
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _dutch_help(group.typer_instance)


def _quick_app() -> typer.Typer:
    """The same top-level command list, with parameterless stand-ins for the
    commands: typer inspects every signature to build the real app (about 30 ms),
    which the top-level help does not need. Its output is the same (tested)."""
    from typer.main import get_command_name

    quick = typer.Typer(
        cls=_Group,
        name=app.info.name,
        help=app.info.help,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
    )
    quick.callback()(_main)
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or get_command_name(info.callback.__name__)

        def stand_in() -> None:  # pragma: no cover - never invoked, only listed
            pass

        stand_in.__doc__ = info.callback.__doc__
        quick.command(name, help=info.help, hidden=info.hidden, cls=_Command)(stand_in)
    for group in app.registered_groups:
        assert group.typer_instance is not None
        quick.add_typer(group.typer_instance, name=group.name)
    return quick


# Patterns compiled only when there is a mistake to explain (not for every run).
_VALUE_PATTERNS = (
    (
        r"(?:Value error, )?(.*) is not one of (.*)\.$",
        r"\1 is geen keuze; kies uit \2.",
    ),
    (r"Value (.*) is not a valid integer\.?$", r"\1 is geen geheel getal."),
    (r".* is not a valid integer(?: range)?\.?$", "geen geheel getal."),
    (r".* is not in the range x>=(\S+?)\.?$", r"moet minstens \1 zijn."),
    (r"Input should be a valid integer.*$", "geen geheel getal."),
    (r"Input should be greater than or equal to (\S+)$", r"moet minstens \1 zijn."),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$",
        r"onverwacht extra argument: \1.",
    ),
    (
        r"No such command '(.*)'\. Did you mean '(.*)'\?$",
        r"onbekend commando '\1' — bedoel je '\2'?",
    ),
    (r"No such command '(.*)'\.$", r"onbekend commando '\1'."),
    # click's own checks of a path (older click: 'File', newer: 'file')
    (
        r"(?i:file|directory|path) ('.*'|\".*\") is not readable\.$",
        r"\1 is niet te lezen: je hebt er geen toestemming voor.",
    ),
    (
        r"(?i:file|directory|path) ('.*'|\".*\") is not writable\.$",
        r"in \1 mag je niet schrijven: je hebt er geen toestemming voor.",
    ),
    (r"(?i:file|directory|path) ('.*'|\".*\") does not exist\.$", r"\1 bestaat niet."),
)


def _nl(message: str) -> str:
    """typer's own messages about options, in Dutch where we know them."""
    for pattern, replacement in _VALUE_PATTERNS:
        if re.match(pattern, message):
            text = re.sub(pattern, replacement, message)
            if "Did you mean" in pattern:  # several: 'validate' of 'kader'
                text = text.replace("', '", "' of '")
            return text
    return message


def _click_exceptions() -> Any:
    """click's exceptions: vendored inside newer typer releases, a dependency of older ones."""
    try:
        from typer._click import exceptions
    except ImportError:
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


def _usage_error(exc: Any) -> str:
    """A mistyped command line, told in Dutch from the error's own fields (the
    caller escapes what the user typed, like every message)."""
    from inkoopcheck.fmt import display_path

    ce = _click_exceptions()
    param = getattr(exc, "param", None)
    if param is not None and param.param_type_name == "argument":
        # its metavar (PAD), not the Python name (paths)
        name = getattr(param, "metavar", None) or str(param.name or "?").upper()
    else:
        name = (
            (param.opts[0] if param is not None and param.opts else None)
            or getattr(exc, "param_hint", None)
            or "?"
        )
    if isinstance(exc, ce.NoSuchOption):
        text = f"onbekende optie '{display_path(exc.option_name)}'"
        if exc.possibilities:
            text += " — bedoel je " + " of ".join(f"'{p}'" for p in sorted(exc.possibilities)) + "?"
        return text
    if isinstance(exc, ce.MissingParameter):
        return f"'{name}' ontbreekt."
    if isinstance(exc, ce.BadParameter):
        return f"ongeldige waarde voor '{name}': {_nl(exc.message)}"
    if isinstance(exc, ce.BadOptionUsage) and "requires an argument" in exc.message:
        return f"optie '{exc.option_name}' heeft een waarde nodig."
    unknown = re.match(r"No such command '(.*?)'\.", exc.message)
    ctx = getattr(exc, "ctx", None)
    if unknown and ctx is not None and hasattr(ctx.command, "list_commands"):
        # our own guess, not click's (which differs between versions and guesses
        # 'kader' for 'valideer'): right or absent, like every "bedoel je"
        from inkoopcheck.fmt import display_path
        from inkoopcheck.names import suggest

        word = unknown.group(1)
        hint = suggest(word, ctx.command.list_commands(ctx))
        return f"onbekend commando '{display_path(word)}'" + (hint or ".")
    return _nl(exc.message)


def _interrupted() -> int:
    """Ctrl-C: one Dutch line that tells the truth about what was written; exit 130."""
    from inkoopcheck.atomic import remove_pending, written

    remove_pending()
    done = written()
    if not done:
        sys.stderr.write("inkoopcheck: afgebroken; er is niets geschreven.\n")
    else:
        from inkoopcheck.loader import show

        names = ", ".join(show(p) for p in done[:5]) + (" …" if len(done) > 5 else "")
        sys.stderr.write(
            f"inkoopcheck: afgebroken; {len(done)} bestand(en) waren al helemaal geschreven "
            f"({names}), de rest niet.\n"
        )
    return 130


def _run() -> int:
    """Run the app without click's own error printing, so mistakes on the command
    line are explained in Dutch too."""
    from inkoopcheck.fmt import display_text

    ce = _click_exceptions()
    try:
        code = app(standalone_mode=False)
    except ce.NoArgsIsHelpError as exc:
        exc.show()
        return EXIT_USAGE
    except ce.UsageError as exc:
        if exc.ctx is not None:
            sys.stderr.write(
                f"{dutch_usage(exc.ctx.get_usage())}\n"
                f"Probeer '{exc.ctx.command_path} --help' voor hulp.\n\n"
            )
        sys.stderr.write(f"inkoopcheck: {display_text(_usage_error(exc))}\n")
        return EXIT_USAGE
    except typer.Abort:
        return _interrupted()
    if code == 130:  # typer turns Ctrl-C into a quiet exit 130: say it
        return _interrupted()
    return code if isinstance(code, int) else EXIT_OK


_INTERRUPTED: list[bool] = []  # set when Ctrl-C came, whatever became of its exception


def _on_sigint(signum: int, frame: Any) -> None:
    """Python's own Ctrl-C handler, plus a note that it happened: a KeyboardInterrupt
    raised inside a library's native code can come back as another exception (older
    pydantic-core turns it into a PanicException), and that is still the user's Ctrl-C,
    not a bug of ours."""
    _INTERRUPTED.append(True)
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    import signal

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, _on_sigint)
    args = sys.argv[1:]
    try:
        if args == ["--version"]:  # answer before typer builds anything
            out(f"inkoopcheck {__version__}\n")
            return
        if args in ([], ["--help"]):
            _quick_app()()
            return
        sys.exit(_run())
    except KeyboardInterrupt:
        sys.exit(_interrupted())
    except SystemExit:
        raise
    except BaseException as exc:  # a bug of ours, not the user's data
        if _INTERRUPTED:
            sys.exit(_interrupted())
        if os.environ.get("INKOOPCHECK_DEBUG"):
            raise
        sys.stderr.write(
            f"inkoopcheck: interne fout ({type(exc).__name__}: {exc}).\n"
            "Dit is een fout in inkoopcheck, niet in je gegevens. Meld het aan het team, "
            "met de opdracht die je gaf; INKOOPCHECK_DEBUG=1 toont de details.\n"
        )
        sys.exit(3)
    finally:
        from inkoopcheck.atomic import remove_pending

        remove_pending()
