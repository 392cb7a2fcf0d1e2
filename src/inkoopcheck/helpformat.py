"""The frame of every --help in Dutch: the usage line, the section headings, the
value placeholders (metavars) and the notes after an option's help. One place:
the command and group classes of the app use it, and so does the usage line of
an error message.

click writes these in English (``Usage:``, ``Options``, ``[default: text]``,
``<int range>``); typer adds its own (``Arguments``, ``<list[Path]>``). We build
each help row ourselves from the parameter's plain fields (names, type, default,
range), which every supported click and typer release has, instead of patching
their English afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath
from typing import Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

USAGE = "Gebruik: "
OPTIONS = "[OPTIES]"
SUBCOMMAND = "COMMANDO [ARGUMENTEN]..."
HELP_TEXT = "Toon deze hulp en stop."

# click's type names -> what the value is, in Dutch
_TYPE_METAVARS = {
    "path": "PAD",
    "file": "BESTAND",
    "filename": "BESTAND",
    "directory": "MAP",
    "text": "TEKST",
    "integer": "GETAL",
    "integer range": "GETAL",
    "float": "GETAL",
    "float range": "GETAL",
    "boolean": "JA/NEE",
    "uuid": "UUID",
    "datetime": "DATUM",
}


def dutch_usage(usage: str) -> str:
    """A usage line in Dutch, also one click made itself (its error path)."""
    for english, dutch in (
        ("Usage: ", USAGE),
        ("[OPTIONS]", OPTIONS),
        ("COMMAND [ARGS]...", SUBCOMMAND),
    ):
        usage = usage.replace(english, dutch)
    return usage


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a parameter's value is: a click type name, its choices, its range."""

    name: str
    choices: tuple[str, ...] = ()
    low: Any = None
    high: Any = None
    low_open: bool = False
    high_open: bool = False


_ANNOTATIONS = {int: "integer", float: "float", str: "text", bool: "boolean"}


def _kind(param: Any) -> _Kind:
    """Newer typer describes a parameter by its annotation (`type_descriptor`),
    older typer by a click type (`type`): read whichever there is."""
    desc = getattr(param, "type_descriptor", None)
    if desc is not None:
        annotation = desc.annotation
        if get_origin(annotation) in (list, tuple):
            annotation = (get_args(annotation) or (str,))[0]
        info = desc.parameter_info
        choices = tuple(str(getattr(c, "value", c)) for c in desc.choices or ())
        if desc.is_path or (isinstance(annotation, type) and issubclass(annotation, PurePath)):
            name = "path"
        else:
            name = _ANNOTATIONS.get(annotation, getattr(annotation, "__name__", "text").lower())
        return _Kind(
            name,
            choices,
            info.min,
            info.max,
            bool(getattr(info, "min_open", False)),
            bool(getattr(info, "max_open", False)),
        )
    kind = param.type
    return _Kind(
        str(getattr(kind, "name", "")).lower(),
        tuple(str(getattr(c, "value", c)) for c in getattr(kind, "choices", None) or ()),
        getattr(kind, "min", None),
        getattr(kind, "max", None),
        bool(getattr(kind, "min_open", False)),
        bool(getattr(kind, "max_open", False)),
    )


def metavar(param: Any) -> str:
    """The placeholder for an option's or argument's value."""
    if param.metavar:
        return str(param.metavar)
    kind = _kind(param)
    if kind.choices:
        return "<" + "|".join(kind.choices) + ">"
    return _TYPE_METAVARS.get(kind.name, kind.name.upper() or "WAARDE")


def _range(kind: _Kind) -> str | None:
    """A range in words: "minstens 0", "hoogstens 10", "1 tot en met 5"."""
    low, high = kind.low, kind.high
    if low is not None and high is not None:
        left = f"meer dan {low}" if kind.low_open else f"{low}"
        right = f"minder dan {high}" if kind.high_open else f"tot en met {high}"
        return f"{left}, {right}" if kind.low_open else f"{left} {right}"
    if low is not None:
        return f"meer dan {low}" if kind.low_open else f"minstens {low}"
    if high is not None:
        return f"minder dan {high}" if kind.high_open else f"hoogstens {high}"
    return None


def _default(param: Any) -> str | None:
    shown = getattr(param, "show_default", None)
    if isinstance(shown, str):
        return shown
    if not shown or getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None  # a flag's default (off) goes without saying
    value = param.default
    if value is None or callable(value):
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(getattr(v, "value", v)) for v in value) or None
    if isinstance(value, Enum):
        return str(value.value)
    return str(value) if value != "" else None


def help_record(param: Any) -> tuple[str, str] | None:
    """One row of the help: the names with the placeholder, and the help text with
    its notes in Dutch ("[standaard: text]", "[verplicht]", "[minstens 0]")."""
    if getattr(param, "hidden", False):
        return None
    many = "..." if param.nargs != 1 else ""
    if param.param_type_name == "argument":
        name = (param.metavar or str(param.name).upper()) + many
    else:
        value = "" if param.is_flag or getattr(param, "count", False) else f" {metavar(param)}"
        name = ", ".join(param.opts) + value + many
        if param.secondary_opts:
            name += " / " + ", ".join(param.secondary_opts)
    notes = []
    default = _default(param)
    if default:
        notes.append(f"standaard: {default}")
    limits = _range(_kind(param))
    if limits:
        notes.append(limits)
    if param.required:
        notes.append("verplicht")
    text = param.help or ""
    if notes:
        text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
    return name, text


class DutchHelp:
    """Mixin for click/typer commands and groups: the whole help frame in Dutch."""

    options_metavar: str | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS
        if hasattr(self, "subcommand_metavar"):
            self.subcommand_metavar = SUBCOMMAND

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            row = help_record(param)
            if row is None:
                continue
            (arguments if param.param_type_name == "argument" else options).append(row)
        if arguments:
            with formatter.section("Argumenten"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Opties"):
                formatter.write_dl(options)
        if hasattr(self, "list_commands"):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        names = self.list_commands(ctx)  # type: ignore[attr-defined]
        commands = [(n, self.get_command(ctx, n)) for n in names]  # type: ignore[attr-defined]
        commands = [(n, c) for n, c in commands if c is not None and not c.hidden]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(n) for n, _ in commands)
        rows = [(n, c.get_short_help_str(limit)) for n, c in commands]
        with formatter.section("Commando's"):
            formatter.write_dl(rows)


class DutchGroup(DutchHelp, TyperGroup):
    pass


class DutchCommand(DutchHelp, TyperCommand):
    pass
