"""Change a few values in a tender file without touching the rest of it.

People put comments, blank lines and their own order in these files, and a
YAML dump would throw all of that away. So an edit rewrites only the line of
each changed key (keeping its comment) and inserts lines for new keys; where
the layout is anything but simple one-line ``key: value`` lines (a flow
mapping, a multi-line value, a quoted key) it refuses instead of guessing.
The caller checks the result by loading it again.

The same editor serves the overleg files (`data/overleg/`): their decisions are
a list of small blocks, so an edit can also reach a key inside a list item
(``("besluiten", 2, "rol")``) and `AppendItem` adds a block at the end of a list.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from inkoopcheck.models import TENDER_FIELDS
from inkoopcheck.yamlsafe import SourceMap

Loc = tuple[str | int, ...]


class EditRefused(Exception):
    """The file's layout is not one we can edit safely; the message says why."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Set `loc` (``("contractwaarde",)`` or ``("publicatie", "kwartaal")``) to the
    YAML text `value`; None removes the key."""

    loc: Loc
    value: str | None


@dataclass(frozen=True, slots=True)
class AppendItem:
    """Add a block ``- key: value`` (one line per pair, in this order) at the end
    of the list at the top-level key `loc`; the list is made when it is absent
    or written as ``[]``."""

    loc: tuple[str]
    fields: tuple[tuple[str, str], ...]


def _name(loc: Loc) -> str:
    return ".".join(str(k) for k in loc)


_SIMPLE_VALUE = re.compile(
    r"""(?:
        '(?:[^']|'')*'              # single-quoted
      | "(?:[^"\\]|\\.)*"           # double-quoted
      | \[[^\[\]{}#]*\]             # a one-line flow list
      | [^\s'"\[\]{}|>&*!%@`#][^#]*?  # plain, not a block indicator
    )\Z""",
    re.VERBOSE,
)
_COMMENT = re.compile(r"[ \t]+#.*\Z")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_indent(line: str) -> int:
    """Where the key of a line starts: after the indent and any ``- `` of a list item."""
    m = re.match(r"[ ]*(?:-[ ]+)*", line)
    return m.end() if m else 0


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


class _Lines:
    def __init__(self, text: str, source: SourceMap) -> None:
        if "\t" in text:
            raise EditRefused("het bestand bevat tabs")
        self.lines = text.splitlines()
        self.trailing_newline = text.endswith("\n")
        self.source = source

    def line_of(self, loc: Loc) -> int | None:
        """0-based line of the key at `loc`, checked to be a plain block key."""
        pos = self.source.positions.get(loc)
        if pos is None:
            return None
        index, col = pos[0] - 1, pos[1] - 1
        line = self.lines[index]
        key = loc[-1]
        if not line[col:].startswith(f"{key}:") or _key_indent(line) != col:
            raise EditRefused(f"'{_name(loc)}' staat niet op een eigen regel als 'naam: waarde'")
        return index

    def split(self, index: int, key: str) -> tuple[str, str, str]:
        """(``  key: ``, value, ``  # comment``) of a one-line key: value."""
        line = self.lines[index]
        head, _, rest = line.partition(f"{key}:")
        spaces = len(rest) - len(rest.lstrip(" "))
        value = rest.strip(" ")
        comment = ""
        m = _COMMENT.search(value)
        if value.startswith("#"):
            comment, value = " " + value, ""
        elif m is not None and not value.startswith(("'", '"')):
            comment, value = value[m.start() :], value[: m.start()]
        elif m is not None:  # a quoted value: the comment starts after its closing quote
            for cut in (c.start() for c in _COMMENT.finditer(value)):
                if _SIMPLE_VALUE.match(value[:cut]):
                    comment, value = value[cut:], value[:cut]
                    break
        return f"{head}{key}:{' ' * max(spaces, 1)}", value, comment

    def span_end(self, index: int) -> int:
        """Last line that belongs to the key at `index` (its nested or continued lines)."""
        own = _key_indent(self.lines[index])
        end = index
        for j in range(index + 1, len(self.lines)):
            line = self.lines[j]
            if not _is_content(line):
                if line.strip() and _indent(line) <= own:  # a comment of what follows
                    break
                continue
            if _indent(line) <= own:
                break
            end = j
        return end

    def item_end(self, item: Loc) -> tuple[int, int]:
        """(last line, key column) of the block-style list item at `item`
        (``("besluiten", 2)``): where a new key of that item goes."""
        pos = self.source.positions.get(item)
        if pos is None:
            raise EditRefused(f"'{_name(item)}' bestaat niet")
        index, col = pos[0] - 1, pos[1] - 1
        line = self.lines[index]
        dash = line.rfind("-", 0, col)
        if dash < 0 or line[:dash].strip() or _key_indent(line) != col:
            raise EditRefused(f"'{_name(item)}' staat niet als blok 'naam: waarde'-regels")
        end = index
        for j in range(index + 1, len(self.lines)):
            if not _is_content(self.lines[j]):
                continue
            if _indent(self.lines[j]) <= dash:
                break
            end = j
        return end, col

    def check_one_line(self, index: int, key: str, loc: Loc) -> None:
        _, value, _ = self.split(index, key)
        if not value or not _SIMPLE_VALUE.match(value) or self.span_end(index) != index:
            raise EditRefused(f"de waarde van '{_name(loc)}' staat niet op één regel")

    def text(self) -> str:
        return "\n".join(self.lines) + ("\n" if self.trailing_newline else "")


def _preceding(keys: Sequence[str], key: str, present: set[str]) -> str | None:
    """The key that comes before `key` in the file's canonical order and is present."""
    if key not in keys:
        return None
    before = [k for k in keys[: keys.index(key)] if k in present]
    return before[-1] if before else None


def _shape_ok(loc: Loc) -> bool:
    """``(key,)``, ``(key, key)`` or ``(key, index, key)``: a top-level key, a key
    of a block under it, or a key of an item of a list under it."""
    kinds = tuple(type(k) for k in loc)
    return kinds in ((str,), (str, str), (str, int, str))


def apply(
    text: str,
    source: SourceMap,
    edits: Sequence[Edit | AppendItem],
    *,
    order: Sequence[str] = TENDER_FIELDS,
) -> str:
    """`text` with `edits` applied; EditRefused when that cannot be done safely.
    `order` is the canonical order of the top-level keys: a new key goes after
    the one before it in that order."""
    doc = _Lines(text, source)
    replace: dict[int, str] = {}
    remove: set[int] = set()
    insert: dict[int, list[str]] = defaultdict(list)
    new_blocks: dict[str, list[Edit]] = defaultdict(list)
    new_lists: dict[str, list[str]] = defaultdict(list)

    for edit in edits:
        if isinstance(edit, AppendItem):
            _append_item(doc, replace, insert, new_lists, edit)
            continue
        if not _shape_ok(edit.loc):
            raise EditRefused(f"'{_name(edit.loc)}' ligt te diep")
        index = doc.line_of(edit.loc)
        if index is not None:
            key = str(edit.loc[-1])
            doc.check_one_line(index, key, edit.loc)
            if edit.value is None:
                remove.add(index)
            else:
                head, _, comment = doc.split(index, key)
                replace[index] = f"{head}{edit.value}{comment}"
            continue
        if edit.value is None:
            continue  # removing what is not there
        if len(edit.loc) == 1:
            new_blocks[""].append(edit)
            continue
        if len(edit.loc) == 3:
            end, col = doc.item_end(edit.loc[:2])
            insert[end].append(f"{' ' * col}{edit.loc[2]}: {edit.value}")
            continue
        parent = str(edit.loc[0])
        parent_index = doc.line_of((parent,))
        if parent_index is None:
            new_blocks[parent].append(edit)
            continue
        head, value, _ = doc.split(parent_index, parent)
        if value:
            raise EditRefused(f"'{parent}' staat niet als blok met regels eronder")
        end = doc.span_end(parent_index)
        children = [i for i in range(parent_index + 1, end + 1) if _is_content(doc.lines[i])]
        spaces = " " * (_indent(doc.lines[children[0]]) if children else _indent(head) + 2)
        insert[end].append(f"{spaces}{edit.loc[1]}: {edit.value}")

    top_present = {k for k in order if (k,) in source.positions}
    keys = list(order)
    for parent, group in new_blocks.items():
        if parent == "":
            for edit in group:
                name = str(edit.loc[0])
                _insert_top(doc, insert, keys, top_present, name, [f"{name}: {edit.value}"])
        else:
            block = [f"{parent}:"] + [f"  {e.loc[1]}: {e.value}" for e in group]
            _insert_top(doc, insert, keys, top_present, parent, block)
    for name, items in new_lists.items():
        _insert_top(doc, insert, keys, top_present, name, [f"{name}:", *items])

    out: list[str] = []
    for i, line in enumerate(doc.lines):
        if i not in remove:
            out.append(replace.get(i, line))
        out.extend(insert.get(i, []))
    doc.lines = out
    return doc.text()


def _item_lines(pad: int, fields: tuple[tuple[str, str], ...]) -> list[str]:
    if not fields:
        raise EditRefused("een nieuw blok in een lijst heeft minstens één veld")
    (k0, v0), rest = fields[0], fields[1:]
    return [f"{' ' * pad}- {k0}: {v0}"] + [f"{' ' * (pad + 2)}{k}: {v}" for k, v in rest]


def _append_item(
    doc: _Lines,
    replace: dict[int, str],
    insert: dict[int, list[str]],
    new_lists: dict[str, list[str]],
    edit: AppendItem,
) -> None:
    key = edit.loc[0]
    index = doc.line_of(edit.loc)
    if index is None:
        new_lists[key].extend(_item_lines(2, edit.fields))
        return
    head, value, comment = doc.split(index, key)
    own = _indent(head)
    if value == "[]":
        replace[index] = head.rstrip() + comment
        insert[index].extend(_item_lines(own + 2, edit.fields))
        return
    if value:
        raise EditRefused(f"'{key}' staat niet als lijst met blokken eronder")
    end, pad = index, own + 2
    for j in range(index + 1, len(doc.lines)):
        line = doc.lines[j]
        if not _is_content(line):
            continue
        item = line.lstrip(" ").startswith("- ") or line.strip() == "-"
        if _indent(line) < own or (_indent(line) == own and not item):
            break
        if end == index:  # the first line under the key says how items are written
            if not item:
                raise EditRefused(f"'{key}' staat niet als lijst met blokken eronder")
            pad = _indent(line)
        end = j
    insert[end].extend(_item_lines(pad, edit.fields))


def _insert_top(
    doc: _Lines,
    insert: dict[int, list[str]],
    order: list[str],
    present: set[str],
    key: str,
    block: list[str],
) -> None:
    before = _preceding(order, key, present)
    if before is None:
        raise EditRefused(f"geen plek gevonden voor '{key}'")
    index = doc.line_of((before,))
    assert index is not None
    if _indent(doc.lines[index]):
        raise EditRefused("de velden staan niet aan het begin van de regel")
    insert[doc.span_end(index)].extend(block)
