"""Write `xlsx_sheet.Sheet` descriptions as an .xlsx file, with XlsxWriter.

XlsxWriter writes each row as it comes (`constant_memory`): about twice as fast
as building the workbook in openpyxl and saving it, and it keeps no cell objects
(docs/performance.md, "Excel writer"). The sheets are complete descriptions when
they get here (widths and row heights are known), so rows go out in order.
openpyxl still reads workbooks (import, tenderned); the tests write the same
descriptions with openpyxl and compare the two files cell by cell.

Imported only when a workbook is asked for, so other commands do not pay for it."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import xlsxwriter

from inkoopcheck.render.xlsx_sheet import (
    FONT_NAME,
    FONT_SIZE,
    FOOTER,
    MARGINS,
    Chart,
    Look,
    Range,
    Sheet,
)

_A4 = 9
_PIXELS_PER_CM = 96 / 2.54
# Column widths are stored in characters of 7 pixels (Calibri 11). XlsxWriter's
# set_column takes the width Excel's dialog shows (without the 5 pixels of cell
# padding); giving pixels stores exactly our width, as openpyxl did.
_CHAR_PIXELS = 7


def workbook(title: str, sheets: Iterable[Sheet]) -> bytes:
    """The workbook as bytes; the caller writes it atomically. Each sheet is
    written as it comes: its description can go before the next is made."""
    buffer = io.BytesIO()
    # constant_memory: rows go to a temporary file as they come, none are kept
    wb = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    wb.set_properties({"title": title, "author": "inkoopcheck"})
    formats: dict[Look, Any] = {}

    def fmt(look: Look) -> Any:
        found = formats.get(look)
        if found is None:
            found = formats[look] = wb.add_format(_format(look))
        return found

    for sheet in sheets:
        _sheet(wb, sheet, fmt)
        del sheet  # written: let it go before the next description is made
    wb.close()
    return buffer.getvalue()


def _format(look: Look) -> dict[str, Any]:
    props: dict[str, Any] = {"font_name": FONT_NAME, "font_size": FONT_SIZE}
    if look.bold:
        props["bold"] = True
    if look.fill:
        props |= {"pattern": 1, "bg_color": f"#{look.fill}"}
    if look.horizontal:
        props["align"] = look.horizontal
    if look.vertical:
        props["valign"] = look.vertical
    if look.wrap:
        props["text_wrap"] = True
    if look.indent:
        props["indent"] = look.indent
    if look.number_format != "General":
        props["num_format"] = look.number_format
    if look.quote_prefix:
        props["quote_prefix"] = True
    return props


def _sheet(wb: Any, s: Sheet, fmt: Any) -> None:
    ws = wb.add_worksheet(s.title)
    for col, width in enumerate(s.columns):
        ws.set_column_pixels(col, col, round(width * _CHAR_PIXELS))
    heights = s.heights
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    write_blank = ws.write_blank
    for row in sorted(s.rows):
        r = row - 1
        if row in heights:  # before the row's cells: the row is written when the next starts
            ws.set_row(r, heights[row])
        for col, value, look in sorted(s.rows[row], key=_first):
            f = fmt(look)
            if value == "":  # no value, only the look (as openpyxl writes it)
                write_blank(r, col - 1, None, f)
            elif isinstance(value, str):
                write_string(r, col - 1, value, f)
            elif isinstance(value, date):
                write_datetime(r, col - 1, value, f)
            else:
                write_number(r, col - 1, value, f)
    ws.freeze_panes(1, 0)
    if s.autofilter is not None:
        last_row, last_col = s.autofilter
        ws.autofilter(0, 0, last_row - 1, last_col - 1)
    ws.repeat_rows(0)
    ws.set_landscape()
    ws.set_paper(_A4)
    ws.fit_to_pages(1, 0)
    left, right, top, bottom, header, footer = MARGINS
    ws.set_margins(left=left, right=right, top=top, bottom=bottom)
    ws.set_header("", {"margin": header})
    ws.set_footer(f"&C{FOOTER}", {"margin": footer})
    for chart in s.charts:
        row, col = chart.anchor
        ws.insert_chart(row - 1, col - 1, _chart(wb, s.title, chart))


def _first(cell: tuple[int, object, Look]) -> int:
    return cell[0]


def _chart(wb: Any, sheet: str, spec: Chart) -> Any:
    def ref(r: Range) -> list[object]:
        return [sheet, r.first - 1, r.col - 1, r.last - 1, r.col - 1]

    def add(chart: Any, series: Sequence[Any]) -> None:
        for s in series:
            chart.add_series(
                {
                    "name": [sheet, s.title_row - 1, s.values.col - 1],
                    "values": ref(s.values),
                    "categories": ref(s.categories),
                }
            )

    bar = spec.kind == "bar"
    chart = wb.add_chart({"type": "bar" if bar else "column"})
    add(chart, spec.series)
    chart.set_title({"name": spec.title})
    chart.set_style(spec.style)
    category: dict[str, Any] = {"reverse": spec.reverse_categories}
    value: dict[str, Any] = {"major_gridlines": {"visible": spec.gridlines}}
    if spec.x_title:
        category["name"] = spec.x_title
    if spec.y_title:
        value["name"] = spec.y_title
    # XlsxWriter's x axis is the horizontal one: a bar chart's value axis.
    chart.set_x_axis(value if bar else category)
    chart.set_y_axis(category if bar else value)
    if not spec.legend:
        chart.set_legend({"none": True})
    if spec.lines:
        line = wb.add_chart({"type": "line"})
        add(line, spec.lines)
        chart.combine(line)
    chart.set_size(
        {
            "width": round(spec.width * _PIXELS_PER_CM),
            "height": round(spec.height * _PIXELS_PER_CM),
        }
    )
    return chart
