"""Reading uploaded spreadsheets (CSV or XLSX) into rows, with the mistakes people make caught.

Row numbers are spreadsheet row numbers (the header is row 1), so an error message points at
the row a person sees in Excel. Formula cells in a workbook are returned as ``Formula`` so an
importer can refuse them instead of storing, or trusting, a formula.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024


class TableError(ValueError):
    """The file as a whole cannot be read; the message says how to fix it."""


class Formula(str):
    """The text of a formula found in a workbook cell (e.g. '=A2+1')."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)


def read_table(uploaded, filename: str, *, sheet: str | None = None) -> Table:
    """The first (or named) sheet of an .xlsx file, or a UTF-8 CSV file, as a Table."""
    raw = uploaded.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise TableError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller files")
    if not raw.strip():
        raise TableError("The file is empty")
    name = filename.lower()
    if name.endswith(".xlsx"):
        sheets = read_workbook(raw)
        if sheet is None:
            return next(iter(sheets.values()))
        if sheet not in sheets:
            raise TableError(f"The workbook has no sheet called '{sheet}'")
        return sheets[sheet]
    if name.endswith(".xls"):
        raise TableError("Old Excel (.xls) files cannot be read: save the file as .xlsx or CSV UTF-8")
    if name.endswith((".csv", ".txt")):
        return _table(_csv_rows(raw))
    raise TableError("Upload a .csv or .xlsx file")


def _csv_rows(raw: bytes) -> list[list]:
    try:
        text = raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise TableError(f"The file is not UTF-8 text (first problem on line {line}). In Excel, "
                         "use Save As > 'CSV UTF-8 (Comma delimited)' and upload that file") from exc
    if "\x00" in text:
        raise TableError("The file looks like a binary file, not CSV text")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise TableError(f"The CSV file cannot be read: {exc}") from exc


def read_workbook(raw: bytes) -> dict[str, Table]:
    """Every sheet of an .xlsx workbook, by sheet name (names lower-cased and trimmed)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError("The file is not a readable .xlsx workbook") from exc
    try:
        return {ws.title.strip().lower(): _table(_sheet_rows(ws)) for ws in workbook.worksheets}
    finally:
        workbook.close()


def _sheet_rows(ws) -> list[list]:
    rows = []
    for row in ws.iter_rows():
        rows.append([_cell_value(cell) for cell in row])
        if len(rows) > MAX_ROWS + 1:
            raise TableError(f"The sheet '{ws.title}' has more than {MAX_ROWS} rows; split it into smaller files")
    return rows


def _cell_value(cell):
    value = getattr(cell, "value", None)
    return Formula(str(value)) if getattr(cell, "data_type", None) == "f" else value


def _table(rows: list[list]) -> Table:
    if not rows or not any(cell_text(v) for v in rows[0]):
        raise TableError("The first row must hold the column names")
    header = [cell_text(v).lower() for v in rows[0]]
    named = [h for h in header if h]
    duplicates = sorted({h for h in named if named.count(h) > 1})
    if duplicates:
        raise TableError(f"These column names are used more than once: {', '.join(duplicates)}")
    table = Table(header=named)
    for number, values in enumerate(rows[1:], start=2):
        if len(table.rows) >= MAX_ROWS:
            raise TableError(f"The file has more than {MAX_ROWS} rows; split it into smaller files")
        if not any(cell_text(v) for v in values):
            continue
        stray = [i + 1 for i, v in enumerate(values) if cell_text(v) and (i >= len(header) or not header[i])]
        if stray:
            raise TableError(f"Row {number} has values in column {stray[0]}, which has no name in row 1")
        table.rows.append((number, {header[i]: v for i, v in enumerate(values) if i < len(header) and header[i]}))
    return table


def cell_text(value) -> str:
    """A cell as trimmed text: numbers without a needless '.0', dates as ISO, blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()
