"""A worksheet writer shared by every workbook we make (report, tenderned): the
named cell styles, typed cell writers that keep text as text (never a formula,
cut to Excel's limit with a warning), column widths, wrapping and print setup."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from inkoopcheck.fmt import euro, looks_like_formula, mark, percent
from inkoopcheck.report import safe_text

EURO_FORMAT = "[$€-413] #,##0"  # "€ 6.000.000" in Dutch Excel and LibreOffice
DATE_FORMAT = "dd-mm-yyyy"
EXCEL_MAX_CHARS = 32_767
MAX_WIDTH = 60  # characters; longer text wraps

# Name and size spelled out: a Font without a name falls back to a serif face.
_FONT_NAME = "Calibri"
HEADER_FONT = Font(name=_FONT_NAME, size=11, bold=True)
_ROW_HEIGHT = 15.0  # points, one line of Calibri 11
_HEADER_FILL = PatternFill("solid", start_color="DDE4EE")

# Cell looks, registered once per workbook as named styles: a cell then copies a
# small index array, where setting an Alignment or Font object makes openpyxl hash
# it for every cell (about 3x slower: most of a large report's time).
HEADER = "inkoopcheck kop"
CENTRE = "inkoopcheck midden"
# An indent keeps a right-aligned amount off the left-aligned text beside it.
RIGHT = "inkoopcheck rechts"
_AMOUNT = "inkoopcheck bedrag"
_DATE = "inkoopcheck datum"
WRAP = "inkoopcheck omloop"
_TOP = "inkoopcheck boven"


def named_styles() -> list[NamedStyle]:
    def style(name: str, alignment: Alignment, **kw: object) -> NamedStyle:
        font = kw.pop("font", Font(name=_FONT_NAME, size=11))
        return NamedStyle(name=name, font=font, alignment=alignment, **kw)  # type: ignore[arg-type]

    return [
        style(
            HEADER, Alignment(vertical="top", wrap_text=True), font=HEADER_FONT, fill=_HEADER_FILL
        ),
        style(CENTRE, Alignment(horizontal="center", vertical="top")),
        style(RIGHT, Alignment(horizontal="right", vertical="top", indent=1)),
        style(
            _AMOUNT,
            Alignment(horizontal="right", vertical="top", indent=1),
            number_format=EURO_FORMAT,
        ),
        style(_DATE, Alignment(horizontal="center", vertical="top"), number_format=DATE_FORMAT),
        style(WRAP, Alignment(vertical="top", wrap_text=True)),
        style(_TOP, Alignment(vertical="top")),
    ]


@dataclass(slots=True)
class Sheet:
    """A worksheet being filled: typed cell writers that also track column widths."""

    ws: Worksheet
    warnings: list[str]
    widths: dict[int, int] = field(default_factory=dict)
    # cells whose text needs more than one line (long, or with line breaks): the
    # only ones that need wrapping and a taller row
    long: list[tuple[int, int]] = field(default_factory=list)

    def _fit(self, col: int, shown: str) -> None:
        longest = max((len(line) for line in shown.split("\n")), default=0)
        self.widths[col] = max(self.widths.get(col, 0), min(longest, MAX_WIDTH))

    def _shorten(self, value: str, where: str) -> str:
        """Cut to Excel's limit with a marker in the cell and a warning for the user."""
        omitted = len(value) - EXCEL_MAX_CHARS
        marker = ""
        for _ in range(2):  # the marker's own length changes the count once at most
            marker = f" … [ingekort: {omitted} tekens weggelaten]"
            omitted = len(value) - (EXCEL_MAX_CHARS - len(marker))
        self.warnings.append(
            f"blad '{self.ws.title}', cel {where}: tekst van {len(value)} tekens ingekort tot "
            f"{EXCEL_MAX_CHARS} (de grens van Excel per cel); de volledige tekst staat in "
            "het bronbestand."
        )
        return value[: EXCEL_MAX_CHARS - len(marker)] + marker

    def text(self, row: int, col: int, value: str, style: str | None = None) -> Cell:
        """A string cell. `style` None keeps the default look: a style on every cell
        costs time (rows that wrap get "top" later)."""
        value = safe_text(value)
        if len(value) > EXCEL_MAX_CHARS:
            value = self._shorten(value, f"{get_column_letter(col)}{row}")
        cell = self.ws.cell(row=row, column=col)
        assert isinstance(cell, Cell)  # we never merge cells
        cell.value = value
        cell.data_type = "s"  # never a formula (=...) or an error value (#N/A)
        if looks_like_formula(value):
            cell.quotePrefix = True
        if style is not None:
            cell.style = style
        if len(value) > MAX_WIDTH or "\n" in value:
            self.long.append((row, col))
        self._fit(col, value)
        return cell

    def amount(self, row: int, col: int, value: int | None) -> None:
        if value is None:
            self.text(row, col, euro(None), RIGHT)
            return
        cell = self.ws.cell(row=row, column=col, value=value)
        cell.style = _AMOUNT
        self._fit(col, euro(value) + "  ")

    def number(self, row: int, col: int, value: int) -> None:
        self.ws.cell(row=row, column=col, value=value)
        self._fit(col, str(value))

    def percentage(self, row: int, col: int, value: float | None) -> None:
        if value is None:
            self.text(row, col, percent(None), RIGHT)
            return
        cell = self.ws.cell(row=row, column=col, value=value / 100)
        cell.number_format = "0%" if value == int(value) else "0.0#%"
        self._fit(col, percent(value))

    def day(self, row: int, col: int, value: date | None) -> None:
        if value is None:
            return
        cell = self.ws.cell(row=row, column=col, value=value)
        cell.style = _DATE
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

    def finish(self, columns: int, rows: int, filter_rows: int | None = None) -> None:
        """Widths, wrapping, frozen header, autofilter over the table and print setup.
        `rows`: data rows under the header; `filter_rows`: if the filter covers fewer
        (0: no filter)."""
        ws = self.ws
        for col in range(1, columns + 1):
            ws.column_dimensions[get_column_letter(col)].width = self.widths.get(col, 8) + 3
        self._row_heights()
        ws.freeze_panes = "A2"
        if filter_rows != 0:
            last = 1 + (rows if filter_rows is None else filter_rows)
            ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{last}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        footer = ws.HeaderFooter.oddFooter
        if footer is not None and footer.center is not None:
            footer.center.text = "&A — pagina &P van &N"

    def _row_heights(self) -> None:
        """Wrap the cells that need more than one line, and make their rows high
        enough. LibreOffice (and Excel for files it did not write) keeps the
        default height otherwise, and the wrapped lines overlap the next row."""
        ws = self.ws
        # Text runs about 1.2 characters per unit of column width (the unit is
        # the width of a "0"); erring low gives a little air, never an overlap.
        widths = {
            col: max(1, int(1.2 * ((ws.column_dimensions[get_column_letter(col)].width or 10) - 1)))
            for col in {c for _, c in self.long}
        }
        lines: dict[int, int] = {}
        for row, col in self.long:
            cell = ws.cell(row=row, column=col)
            if cell.style == "Normal":
                cell.style = WRAP
            elif not cell.alignment.wrap_text:  # a styled cell keeps its look, and wraps
                a = cell.alignment
                cell.alignment = Alignment(
                    horizontal=a.horizontal, vertical="top", wrap_text=True, indent=a.indent
                )
            text = str(cell.value)
            count = sum(max(1, len(textwrap.wrap(part, widths[col]))) for part in text.split("\n"))
            lines[row] = max(lines.get(row, 1), count)
        for row, count in lines.items():
            if count < 2:
                continue
            ws.row_dimensions[row].height = _ROW_HEIGHT * count
            for cell in ws[row]:  # the row's other cells line up with the wrapped text
                if cell.style == "Normal":
                    cell.style = _TOP
