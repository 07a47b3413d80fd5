"""Sheets as an XLSX workbook: an "About" sheet, then one sheet per table.

XlsxWriter in constant_memory mode (rows are flushed as written, so memory stays flat).
Strings always go through ``write_string`` after ``safe_cell``: nothing is ever written as a
formula or a link, whatever a respondent typed.
"""

import math

import xlsxwriter

from .safe import safe_cell
from .sheets import Sheet, sheet_names

OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False}


def sheets_to_xlsx(sheets: list[Sheet], about: dict[str, str], target) -> None:
    """Write the workbook to ``target`` (a path or a binary file object)."""
    workbook = xlsxwriter.Workbook(target, OPTIONS)
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    about_sheet = workbook.add_worksheet("About")
    about_sheet.set_column(0, 0, 24)
    about_sheet.set_column(1, 1, 90)
    for row, (key, value) in enumerate(about.items()):
        _cell(about_sheet, row, 0, key, bold)
        _cell(about_sheet, row, 1, value, wrap)
    for name, sheet in zip(sheet_names([s.name for s in sheets]), sheets, strict=True):
        _write_sheet(workbook.add_worksheet(name), sheet, bold)
    workbook.close()


def _write_sheet(ws, sheet: Sheet, bold) -> None:
    ws.set_column(0, 0, 28)
    _cell(ws, 0, 0, sheet.title, bold)
    row = 1
    for note in sheet.notes:
        _cell(ws, row, 0, note)
        row += 1
    header = row + 1
    for col, column in enumerate(sheet.columns):
        _cell(ws, header, col, column, bold)
    for offset, values in enumerate(sheet.rows, start=header + 1):
        for col, value in enumerate(values):
            _cell(ws, offset, col, value)


def _cell(ws, row: int, col: int, value, fmt=None) -> None:
    if value is None or isinstance(value, float) and not math.isfinite(value):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, safe_cell(str(value)), fmt)
