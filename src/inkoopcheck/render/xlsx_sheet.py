"""A worksheet as a neutral description, shared by every workbook we make (report,
tenderned): typed cells with their look, column widths, wrapping and row heights,
frozen header, filter, print setup and charts. `xlsx_write` turns it into a file;
nothing here knows an Excel library, so the rules live in one place:

- text is always a string cell, never a formula or an error value; text that a
  spreadsheet would read as a formula (`fmt.looks_like_formula`) gets a quote
  prefix, so editing the cell in Excel keeps it text;
- text over Excel's 32,767 characters per cell is cut with a visible marker and
  a warning for the user, never silently;
- columns fit their text up to MAX_WIDTH; cells that need more than one line wrap,
  and their rows get the height of their lines (LibreOffice, and Excel for files
  it did not write, keep the default height otherwise and the lines overlap)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from xlsxwriter.utility import xl_rowcol_to_cell

from inkoopcheck.fmt import euro, looks_like_formula, mark, percent
from inkoopcheck.report import safe_text

EURO_FORMAT = "[$€-413] #,##0"  # "€ 6.000.000" in Dutch Excel and LibreOffice
DATE_FORMAT = "dd-mm-yyyy"
EXCEL_MAX_CHARS = 32_767
MAX_WIDTH = 60  # characters; longer text wraps
FONT_NAME = "Calibri"  # spelled out on every cell: without a name a reader may pick a serif
FONT_SIZE = 11
ROW_HEIGHT = 15.0  # points, one line of Calibri 11
HEADER_FILL = "DDE4EE"
FOOTER = "&A — pagina &P van &N"  # sheet name, page x of n
MARGINS = (0.5, 0.5, 0.6, 0.6, 0.5, 0.5)  # inches: left, right, top, bottom, header, footer


@dataclass(frozen=True, slots=True)
class Look:
    """How a cell looks; every cell is Calibri 11. A handful of these exist per
    workbook, so a writer makes one format for each and shares it."""

    bold: bool = False
    fill: str | None = None  # RGB hex of a solid fill
    horizontal: str | None = None  # "center", "right", "left"
    vertical: str | None = None  # "top"
    wrap: bool = False
    indent: int = 0
    number_format: str = "General"
    quote_prefix: bool = False  # the text only looks like a formula: keep it text


PLAIN = Look()
HEADER = Look(bold=True, fill=HEADER_FILL, vertical="top", wrap=True)
CENTRE = Look(horizontal="center", vertical="top")
# An indent keeps a right-aligned amount off the left-aligned text beside it.
RIGHT = Look(horizontal="right", vertical="top", indent=1)
AMOUNT = replace(RIGHT, number_format=EURO_FORMAT)
DAY = replace(CENTRE, number_format=DATE_FORMAT)
WRAP = Look(vertical="top", wrap=True)
TOP = Look(vertical="top")

Value = str | int | float | date
# A cell: column (1-based), value, look. Plain tuples: the report at 10,000 tender
# files holds about 200,000 of them until the sheet is written.
Cell = tuple[int, Value, Look]


@dataclass(frozen=True, slots=True)
class Range:
    """Cells of one column, rows first..last (1-based), on the chart's own sheet."""

    col: int
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Series:
    title_row: int  # the series is named by the cell in this row of `values.col`
    values: Range
    categories: Range


@dataclass(frozen=True, slots=True)
class Chart:
    kind: str  # "bar" (horizontal bars) or "col" (columns)
    title: str
    series: tuple[Series, ...]
    anchor: tuple[int, int]  # row, column of the top-left corner (1-based)
    width: float  # cm
    height: float  # cm
    x_title: str | None = None  # the category axis
    y_title: str | None = None  # the value axis
    reverse_categories: bool = False  # first category on top, as in the table
    legend: bool = True
    gridlines: bool = True  # major gridlines of the value axis
    lines: tuple[Series, ...] = ()  # drawn as a line over the bars, on the same axes
    style: int = 10


@dataclass(slots=True)
class Sheet:
    """A worksheet being filled: typed cell writers that also track column widths.
    `finish` settles the layout; after it the sheet is a description to write."""

    title: str
    warnings: list[str]
    rows: dict[int, list[Cell]] = field(default_factory=dict)
    widths: dict[int, int] = field(default_factory=dict)  # characters of text, per column
    # cells whose text needs more than one line (long, or with line breaks): the
    # only ones that need wrapping and a taller row
    long: list[tuple[int, int]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    # set by finish():
    columns: list[float] = field(default_factory=list)  # width of column 1, 2, ...
    heights: dict[int, float] = field(default_factory=dict)  # rows taller than one line
    autofilter: tuple[int, int] | None = None  # last row, last column (from A1)

    def put(self, row: int, col: int, value: Value, look: Look = PLAIN) -> None:
        """A cell as it is, without fitting the width (for numbers and fixed text)."""
        self.rows.setdefault(row, []).append((col, value, look))

    def bold(self, row: int, upto: int | None = None) -> None:
        """Make the cells of a row bold (up to column `upto`): a total, a heading."""
        self.rows[row] = [
            (c, v, replace(look, bold=True) if upto is None or c <= upto else look)
            for c, v, look in self.rows.get(row, [])
        ]

    def _fit(self, col: int, shown: str) -> None:
        longest = max(len(line) for line in shown.split("\n")) if "\n" in shown else len(shown)
        if longest > self.widths.get(col, 0):
            self.widths[col] = min(longest, MAX_WIDTH)

    def _shorten(self, value: str, where: str) -> str:
        """Cut to Excel's limit with a marker in the cell and a warning for the user."""
        omitted = len(value) - EXCEL_MAX_CHARS
        marker = ""
        for _ in range(2):  # the marker's own length changes the count once at most
            marker = f" … [ingekort: {omitted} tekens weggelaten]"
            omitted = len(value) - (EXCEL_MAX_CHARS - len(marker))
        self.warnings.append(
            f"blad '{self.title}', cel {where}: tekst van {len(value)} tekens ingekort tot "
            f"{EXCEL_MAX_CHARS} (de grens van Excel per cel); de volledige tekst staat in "
            "het bronbestand."
        )
        return value[: EXCEL_MAX_CHARS - len(marker)] + marker

    def text(self, row: int, col: int, value: str, look: Look = PLAIN) -> None:
        """A string cell: never a formula (=...) or an error value (#N/A)."""
        if not value.isprintable():  # what safe_text strips is never printable
            value = safe_text(value)
        if len(value) > EXCEL_MAX_CHARS:
            value = self._shorten(value, xl_rowcol_to_cell(row - 1, col - 1))
        if looks_like_formula(value):
            look = replace(look, quote_prefix=True)
        self.rows.setdefault(row, []).append((col, value, look))
        if len(value) > MAX_WIDTH or "\n" in value:
            self.long.append((row, col))
        self._fit(col, value)

    def amount(self, row: int, col: int, value: int | None) -> None:
        if value is None:
            self.text(row, col, euro(None), RIGHT)
            return
        self.put(row, col, value, AMOUNT)
        self._fit(col, euro(value) + "  ")

    def number(self, row: int, col: int, value: int | None) -> None:
        if value is None:
            return
        self.put(row, col, value)
        self._fit(col, str(value))

    def percentage(self, row: int, col: int, value: float | None) -> None:
        if value is None:
            self.text(row, col, percent(None), RIGHT)
            return
        fmt = "0%" if value == int(value) else "0.0#%"
        self.put(row, col, value / 100, Look(number_format=fmt))
        self._fit(col, percent(value))

    def day(self, row: int, col: int, value: date | None, look: Look = DAY) -> None:
        if value is None:
            return
        self.put(row, col, value, look)
        self._fit(col, "00-00-0000")

    def mark(self, row: int, col: int, stand: str) -> None:
        self.text(row, col, mark(stand), CENTRE)

    def header(self, headers: Sequence[str], row: int = 1) -> None:
        for col, h in enumerate(headers, start=1):
            self.text(row, col, h, HEADER)
            if (row, col) not in self.long[-1:]:
                self.long.append((row, col))  # headers wrap on their words
            # A header may wrap on its words; it need not set the column width.
            self.widths[col] = max(
                self.widths.get(col, 0), min(max(len(w) for w in h.split()) + 1, MAX_WIDTH)
            )

    def chart(self, chart: Chart) -> None:
        self.charts.append(chart)

    def finish(self, columns: int, rows: int, filter_rows: int | None = None) -> None:
        """Widths, wrapping and row heights, and the filter over the table (the
        frozen header and print setup are the same for every sheet). `rows`: data
        rows under the header; `filter_rows`: if the filter covers fewer (0: none)."""
        self.columns = [float(self.widths.get(col, 8) + 3) for col in range(1, columns + 1)]
        self._row_heights()
        if filter_rows != 0:
            self.autofilter = (1 + (rows if filter_rows is None else filter_rows), columns)

    def _row_heights(self) -> None:
        """Wrap the cells that need more than one line, and make their rows high
        enough; the other cells of such a row line up at the top."""

        # Text runs about 1.2 characters per unit of column width (the unit is
        # the width of a "0"); erring low gives a little air, never an overlap.
        def room(col: int) -> int:
            width = self.columns[col - 1] if col <= len(self.columns) else 10
            return max(1, int(1.2 * (width - 1)))

        lines: dict[int, int] = {}
        for row, col in self.long:
            cells = self.rows[row]
            i = next(i for i, cell in enumerate(cells) if cell[0] == col)
            _, value, look = cells[i]
            if not look.wrap:  # a cell keeps its look, and wraps (PLAIN becomes WRAP)
                cells[i] = (col, value, replace(look, vertical="top", wrap=True))
            width = room(col)
            count = sum(max(1, len(textwrap.wrap(p, width))) for p in str(value).split("\n"))
            lines[row] = max(lines.get(row, 1), count)
        for row, count in lines.items():
            if count < 2:
                continue
            self.heights[row] = ROW_HEIGHT * count
            self.rows[row] = [
                (c, v, look if look.vertical else replace(look, vertical="top"))
                for c, v, look in self.rows[row]
            ]
