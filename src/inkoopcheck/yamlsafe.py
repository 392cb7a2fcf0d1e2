"""Safe YAML: bytes in, plain Python data plus a source map out, never an exception.

libyaml (PyYAML's C parser) does the parsing. We do not use PyYAML's
constructors: we build the data from the parser's *events* ourselves, because

* the event stream is iterative, so we can bound the nesting depth while we
  read (PyYAML's composer recurses: 10,000 levels raise RecursionError and
  30,000 crash the C composer);
* we refuse what a tender file never needs and what makes YAML dangerous or
  surprising: anchors, aliases and merge keys (alias bombs), tags
  (``!!python/...``), complex and null keys, duplicate keys (PyYAML keeps the
  last one silently);
* we resolve plain scalars by a small YAML 1.2-like rule set instead of YAML
  1.1's: ``no``/``yes``/``on``/``off`` stay text, ``1:30`` is not 90,
  ``0600000`` is not octal, and an impossible date is a finding with a line.

Every problem becomes a `Problem` with a 1-based line and column. The caller
turns those into findings for its file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from inkoopcheck.periods import parse_day
from inkoopcheck.yamlsyntax import dutch_syntax

try:  # the C parser is 7-16x faster; PyYAML wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on exotic platforms
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 20
MAX_DIGITS = 15  # no amount or percentage needs more; int("1" * 10_000) is slow

Key = str | int
Path = tuple[Key, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    line: int
    column: int
    message: str
    hint: str | None = None
    warning: bool = False


@dataclass(slots=True)
class SourceMap:
    """Where each key and list item of a document stands (1-based line, column).

    `raw` keeps each scalar as it was written (``no``, ``6.000``) so messages can
    quote the user's own text rather than Python's reading of it.
    """

    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)
    # plain scalars followed by a comment on their last line: the rest of that
    # line (' #2 stadhuis'), which YAML dropped and the writer may have meant
    comments: dict[Path, str] = field(default_factory=dict)

    def position(self, loc: Path) -> tuple[int, int]:
        """Position of `loc`, or of its nearest existing parent (a missing key is
        reported at the mapping that lacks it)."""
        while loc:
            pos = self.positions.get(loc)
            if pos is not None:
                return pos
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def written(self, loc: Path) -> str | None:
        return self.raw.get(loc)


@dataclass(slots=True)
class Parsed:
    data: Any
    source: SourceMap
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(not p.warning for p in self.problems)


# --- scalar resolution ----------------------------------------------------

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_INF_NAN = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class _Refused(Exception):
    """Internal: stop building; the problem has been recorded."""


def _resolve_plain(value: str, line: int, col: int, problems: list[Problem]) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(value):
            if len(value.lstrip("+-")) > MAX_DIGITS:
                problems.append(
                    Problem(
                        "IC019",
                        line,
                        col,
                        f"het getal '{_short(value)}' is onwaarschijnlijk groot",
                        f"Gebruik een getal met hoogstens {MAX_DIGITS} cijfers.",
                    )
                )
                raise _Refused
            return int(value)
        if _DATE.match(value):
            day = parse_day(value)
            if day is None:
                problems.append(
                    Problem(
                        "IC105",
                        line,
                        col,
                        f"'{value}' is geen bestaande datum",
                        "Schrijf een echte datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-01.",
                    )
                )
                raise _Refused
            return day
        if _INF_NAN.match(value):
            problems.append(
                Problem(
                    "IC019",
                    line,
                    col,
                    f"'{value}' is geen eindig getal",
                    "Schrijf een gewoon getal, of laat het veld weg als het onbekend is.",
                )
            )
            raise _Refused
        if _FLOAT.match(value):
            number = float(value)
            if not math.isfinite(number):
                problems.append(
                    Problem("IC019", line, col, f"het getal '{_short(value)}' is te groot")
                )
                raise _Refused
            return number
    return value


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- pre-checks on the text -------------------------------------------------

# C0 controls except tab/newline/carriage return, DEL, C1 controls, and the
# bidirectional overrides that can make text read differently than it is.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 strictly; explain the usual wrong encodings in plain words."""
    problems: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                "IC002",
                0,
                0,
                "het bestand is opgeslagen als UTF-16, niet als UTF-8",
                "Sla het bestand op als UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8).",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        problems.append(
            Problem(
                "IC003",
                1,
                1,
                "het bestand begint met een BOM (onzichtbaar UTF-8-teken)",
                "Niet erg, maar sla het bij voorkeur op als 'UTF-8 zonder BOM'.",
                warning=True,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        if b"\x00" in data[:200]:
            what = "het lijkt UTF-16 zonder BOM"
        else:
            what = (
                f"byte 0x{data[exc.start]:02x} is geen UTF-8 "
                "(opgeslagen als Latin-1 of Windows-1252?)"
            )
        problems.append(
            Problem(
                "IC002",
                line,
                col,
                f"het bestand is geen geldige UTF-8-tekst: {what}",
                "Sla het bestand op als UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8).",
            )
        )
        return None, problems
    return text, problems


def precheck(text: str) -> list[Problem]:
    """Problems we can name more plainly than libyaml would."""
    problems: list[Problem] = []
    for m in _CONTROL.finditer(text):
        line, col = _line_col(text, m.start())
        problems.append(
            Problem(
                "IC016",
                line,
                col,
                f"onzichtbaar stuurteken U+{ord(m.group()):04X} in de tekst",
                "Verwijder het teken (vaak meegekopieerd uit Word, Excel of een e-mail).",
            )
        )
        if len(problems) >= 5:
            break
    for m in _TAB_INDENT.finditer(text):
        line, col = _line_col(text, m.end() - 1)
        problems.append(
            Problem(
                "IC011",
                line,
                col,
                "tab gebruikt om in te springen",
                "YAML springt alleen in met spaties: vervang de tab door twee spaties.",
            )
        )
        break
    return problems


def _syntax_problem(exc: yaml.YAMLError) -> Problem:
    mark: Any = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    col = mark.column + 1 if mark is not None else 0
    code, message, hint = dutch_syntax(str(getattr(exc, "problem", "") or exc))
    return Problem(code, line, col, message if code == "IC017" else f"YAML-fout: {message}", hint)


# --- the builder --------------------------------------------------------------


class _Frame:
    __slots__ = ("container", "is_map", "key", "key_lines", "loc")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Path) -> None:
        # Any: the hot loop below checks is_map instead of narrowing types
        self.container: Any = container
        self.is_map = isinstance(container, dict)
        self.loc = loc
        self.key: Any = None  # pending mapping key (str), when a value is expected
        self.key_lines: dict[str, int] = {}


def parse(data: bytes) -> Parsed:
    """Parse one YAML document. Never raises on any input."""
    source = SourceMap()
    text, problems = decode(data)
    if text is None:
        return Parsed(None, source, problems)
    pre = precheck(text)
    if pre:
        return Parsed(None, source, problems + pre)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        value, documents = _build(data, source, problems, text)
    except _Refused:
        return Parsed(None, source, problems)
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(exc))
        return Parsed(None, source, problems)
    except (RecursionError, MemoryError):  # pragma: no cover - bounded above
        problems.append(Problem("IC017", 0, 0, "het bestand is te diep genest"))
        return Parsed(None, source, problems)
    if documents == 0:
        problems.append(
            Problem(
                "IC007",
                0,
                0,
                "het bestand is leeg (of bevat alleen commentaar)",
                "Vul de velden in; kijk voor een voorbeeld in de handleiding of gebruik "
                "'inkoopcheck new'.",
            )
        )
        return Parsed(None, source, problems)
    return Parsed(value, source, problems)


_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_CollectionEnd = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_MERGE_HINT = "Schrijf de waarden gewoon uit; ankers en verwijzingen worden geweigerd."


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # libyaml's line breaks


def _build(
    data: bytes, source: SourceMap, problems: list[Problem], document: str = ""
) -> tuple[Any, int]:
    """Build plain data from libyaml's events: one pass, no recursion.

    This loop runs for every node of every file, so it is written flat: one
    get_event per event, no helper call per node.
    """
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    positions = source.positions
    raw = source.raw
    # lines where a comment may follow a value: only these are looked at again
    lines = _BREAKS.split(document.lstrip("\ufeff")) if " #" in document else None

    def refuse(code: str, ev: Any, message: str, hint: str | None = None) -> NoReturn:
        mark = ev.start_mark
        problems.append(Problem(code, mark.line + 1, mark.column + 1, message, hint))
        raise _Refused

    loader = _Loader(data)
    get_event = loader.get_event
    try:
        while True:
            ev: Any = get_event()
            kind = type(ev)
            if kind is _ScalarEvent:
                if ev.anchor is not None:
                    refuse("IC013", ev, f"anker '&{ev.anchor}' is niet toegestaan", _MERGE_HINT)
                if ev.tag is not None and ev.tag != "!":
                    refuse(
                        "IC014",
                        ev,
                        f"label '{_tag(ev.tag)}' is niet toegestaan",
                        "Verwijder het label; zet tekst zo nodig tussen aanhalingstekens.",
                    )
                mark = ev.start_mark
                pos = (mark.line + 1, mark.column + 1)
                text = ev.value
                if ev.style == '"' and _CONTROL.search(text):  # written as \e, \x07, \u202e
                    refuse(
                        "IC016",
                        ev,
                        "onzichtbaar stuurteken in de tekst (als \\-code geschreven)",
                        "Haal de code (zoals \\e, \\x07 of \\u202e) uit de tekst.",
                    )
                plain = ev.style == "" and ev.implicit[0]
                if not stack:
                    root = _resolve_plain(text, pos[0], pos[1], problems) if plain else text
                    positions[()] = pos
                    continue
                top = stack[-1]
                if top.is_map and top.key is None:  # a key
                    if plain and text in _NULLS:
                        refuse(
                            "IC015",
                            ev,
                            "lege sleutel (null) is niet toegestaan",
                            "Geef de sleutel een naam.",
                        )
                    if text == "<<" and plain:
                        refuse(
                            "IC013",
                            ev,
                            "samenvoegsleutel '<<' is niet toegestaan",
                            "Schrijf de velden gewoon uit.",
                        )
                    first = top.key_lines.get(text)
                    if first is not None:
                        refuse(
                            "IC012",
                            ev,
                            f"sleutel '{text}' staat twee keer in hetzelfde blok "
                            f"(regel {first} en regel {pos[0]})",
                            "Houd één van de twee over; YAML zou stilletjes de laatste nemen.",
                        )
                    top.key_lines[text] = pos[0]
                    top.key = text
                    positions[(*top.loc, text)] = pos
                    continue
                value = _resolve_plain(text, pos[0], pos[1], problems) if plain else text
                container = top.container
                loc: Path
                if top.is_map:
                    loc = (*top.loc, top.key)
                    container[top.key] = value
                    top.key = None
                else:
                    loc = (*top.loc, len(container))
                    container.append(value)
                    positions[loc] = pos
                raw[loc] = text
                if lines is not None and plain and ev.end_mark.line < len(lines):
                    end = ev.end_mark
                    rest = lines[end.line][end.column :].rstrip()
                    if rest.lstrip().startswith("#"):
                        source.comments[loc] = rest
            elif kind is _MappingStart or kind is _SequenceStart:
                if ev.anchor is not None:
                    refuse("IC013", ev, f"anker '&{ev.anchor}' is niet toegestaan", _MERGE_HINT)
                if ev.tag is not None and not ev.implicit:
                    refuse(
                        "IC014",
                        ev,
                        f"label '{_tag(ev.tag)}' is niet toegestaan",
                        "Verwijder het label.",
                    )
                if len(stack) >= MAX_DEPTH:
                    refuse(
                        "IC017",
                        ev,
                        f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)",
                        "Een aanbesteding heeft hoogstens een paar niveaus nodig.",
                    )
                new: dict[str, Any] | list[Any] = {} if kind is _MappingStart else []
                mark = ev.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if not stack:
                    root = new
                    loc = ()
                    positions[()] = pos
                else:
                    top = stack[-1]
                    container = top.container
                    if top.is_map:
                        if top.key is None:
                            refuse(
                                "IC015",
                                ev,
                                "een sleutel moet een gewone naam zijn",
                                "Gebruik 'naam: waarde'; een lijst of blok als sleutel kan niet.",
                            )
                        loc = (*top.loc, top.key)
                        container[top.key] = new
                        top.key = None
                    else:
                        loc = (*top.loc, len(container))
                        container.append(new)
                        positions[loc] = pos
                stack.append(_Frame(new, loc))
            elif kind in _CollectionEnd:
                stack.pop()
            elif kind is yaml.AliasEvent:
                refuse("IC013", ev, f"verwijzing '*{ev.anchor}' is niet toegestaan", _MERGE_HINT)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    refuse(
                        "IC008",
                        ev,
                        "het bestand bevat meer dan één document ('---')",
                        "Eén aanbesteding per bestand: verwijder de '---' en zet de tweede "
                        "in een eigen bestand.",
                    )
            elif kind is yaml.StreamEndEvent:
                break
    finally:
        loader.dispose()
    return root, documents


def _tag(tag: str) -> str:
    """Show a tag as the user wrote it: ``!!binary``, not the full URI."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag
