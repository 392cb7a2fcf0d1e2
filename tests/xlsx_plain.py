"""The plain path: the same sheet descriptions (render/xlsx_sheet.Sheet) written
with openpyxl, the way the workbooks were made before XlsxWriter wrote them
(issue 15). Only for the differential test; the program never uses it."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from inkoopcheck.render.xlsx_sheet import (
    FONT_NAME,
    FONT_SIZE,
    FOOTER,
    MARGINS,
    PLAIN,
    Chart,
    Look,
    Series,
    Sheet,
)


def workbook(title: str, sheets: Sequence[Sheet]) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for s in sheets:
        _sheet(wb.create_sheet(s.title), s)
    wb.properties.creator = "inkoopcheck"
    wb.properties.title = title
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheet(ws: Worksheet, s: Sheet) -> None:
    for row, cells in s.rows.items():
        for col, value, look in cells:
            cell = ws.cell(row=row, column=col)
            assert isinstance(cell, Cell)  # nothing is merged
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula or an error value
            if look != PLAIN:
                _look(cell, look)
    for col, width in enumerate(s.columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, height in s.heights.items():
        ws.row_dimensions[row].height = height
    ws.freeze_panes = "A2"
    if s.autofilter is not None:
        last_row, last_col = s.autofilter
        ws.auto_filter.ref = f"A1:{get_column_letter(last_col)}{last_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    m = ws.page_margins
    m.left, m.right, m.top, m.bottom, m.header, m.footer = MARGINS
    footer = ws.HeaderFooter.oddFooter
    assert footer is not None and footer.center is not None
    footer.center.text = FOOTER
    for chart in s.charts:
        ws.add_chart(_chart(ws, chart), f"{get_column_letter(chart.anchor[1])}{chart.anchor[0]}")


def _look(cell: Cell, look: Look) -> None:
    cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=look.bold)
    if look.fill:
        cell.fill = PatternFill("solid", start_color=look.fill)
    cell.alignment = Alignment(
        horizontal=look.horizontal, vertical=look.vertical, wrap_text=look.wrap, indent=look.indent
    )
    cell.number_format = look.number_format
    if look.quote_prefix:
        cell.quotePrefix = True


def _chart(ws: Worksheet, spec: Chart) -> BarChart:
    def add(chart: BarChart | LineChart, series: Sequence[Series]) -> None:
        for s in series:
            v, c = s.values, s.categories
            chart.add_data(
                Reference(ws, min_col=v.col, min_row=s.title_row, max_row=v.last),
                titles_from_data=True,
            )
            chart.set_categories(Reference(ws, min_col=c.col, min_row=c.first, max_row=c.last))

    chart = BarChart()
    chart.type = spec.kind
    chart.style = spec.style
    chart.title = spec.title
    chart.x_axis.title = spec.x_title
    chart.y_axis.title = spec.y_title
    if spec.reverse_categories:
        chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if not spec.gridlines:
        chart.y_axis.majorGridlines = None
    if not spec.legend:
        chart.legend = None
    add(chart, spec.series)
    if spec.lines:
        line = LineChart()
        add(line, spec.lines)
        chart += line
    chart.width = spec.width
    chart.height = spec.height
    return chart
