"""Reading uploaded spreadsheets (CSV or XLSX) into rows, with the mistakes people make caught.

Row numbers are spreadsheet row numbers (the header is row 1), so an error message points at
the row a person sees in Excel. Formula cells in a workbook are returned as ``Formula`` so an
importer can refuse them instead of storing, or trusting, a formula.

Every upload (response import, XLSForm import, translation upload, staff lists, channels) comes
through here, so the bounds live here: a workbook is a zip of XML, and a small file can declare a
sheet of 16,384 x 1,048,576 cells or unpack to gigabytes. Before anything is materialised the zip's
parts, sheet count and declared dimensions are checked; reading then streams (openpyxl read-only)
and stops at the first limit passed, so memory and time stay bounded whatever the file says.
"""

import collections
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

MAX_ROWS = 50_000
MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000  # rows x columns as read (50,000 responses to 100 questions)
MAX_SHEETS = 50
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_BYTES = 20 * 1024 * 1024  # the file as uploaded
MAX_PART_BYTES = 64 * 1024 * 1024  # one part of a workbook, unpacked
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all parts of a workbook, unpacked
SPLIT = "split it into smaller files"
_QUOTED = re.compile(r'"(?:[^"]|"")*"?')  # a quoted CSV field (a file may end inside one)


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
        raise TableError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; {SPLIT}")
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
    # csv.reader builds a whole row before anyone can count it, so count commas outside quotes first.
    for line, text_line in enumerate(_QUOTED.sub("", text).splitlines(), start=1):
        if text_line.count(",") >= MAX_COLUMNS:
            raise TableError(f"The file has more than {MAX_COLUMNS} columns (line {line})")
    rows, bounds = [], _Bounds("The file")
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            bounds.row(len(rows) + 1, row)
            rows.append(row)
    except csv.Error as exc:
        raise TableError(f"The CSV file cannot be read: {exc}") from exc
    return rows


class _Bounds:
    """Counts what has been read of one sheet and stops at the first limit passed."""

    def __init__(self, what: str):
        self.what, self.cells = what, 0

    def row(self, number: int, values) -> None:
        if number > MAX_ROWS + 1:
            raise TableError(f"{self.what} has more than {MAX_ROWS} rows; {SPLIT}")
        if len(values) > MAX_COLUMNS and any(cell_text(v) for v in values[MAX_COLUMNS:]):
            raise TableError(f"{self.what} has more than {MAX_COLUMNS} columns (row {number})")
        self.cells += len(values)
        if self.cells > MAX_CELLS:
            raise TableError(f"{self.what} has more than {MAX_CELLS:,} cells; {SPLIT}")
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise TableError(f"{self.what}: the cell in row {number}, column {column} holds more than "
                                 f"{MAX_CELL_CHARS:,} characters")


def read_workbook(raw: bytes) -> dict[str, Table]:
    """Every sheet of an .xlsx workbook, by sheet name (names lower-cased and trimmed)."""
    _check_parts(raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        raise TableError("The file is not a readable .xlsx workbook") from exc
    try:
        if len(workbook.worksheets) > MAX_SHEETS:
            raise TableError(f"The workbook has more than {MAX_SHEETS} sheets")
        return {ws.title.strip().lower(): _table(_sheet_rows(ws)) for ws in workbook.worksheets}
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        if isinstance(exc, TableError):
            raise
        raise TableError("The file is not a readable .xlsx workbook") from exc
    finally:
        workbook.close()


def _check_parts(raw: bytes) -> None:
    """Refuse a zip bomb from the zip's directory, before unpacking anything.

    The sizes checked are the ones the zip declares; Python's zipfile never unpacks a part beyond
    its declared size (and fails the CRC check if the data says otherwise)."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError("The file is not a readable .xlsx workbook") from exc
    sheets = [p for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")]
    if len(sheets) > MAX_SHEETS:
        raise TableError(f"The workbook has more than {MAX_SHEETS} sheets")
    biggest = max(parts, key=lambda p: p.file_size, default=None)
    if biggest is not None and biggest.file_size > MAX_PART_BYTES:
        raise TableError(f"The workbook unpacks to more than {MAX_PART_BYTES // (1024 * 1024)} MB in one part "
                         f"({biggest.filename}); {SPLIT}")
    if sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise TableError(f"The workbook unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB; {SPLIT}")


def _sheet_rows(ws) -> list[list]:
    what = f"The sheet '{ws.title}'"
    # The declared size (the <dimension> element) is checked before a single row is read.
    declared_rows, declared_columns = ws.max_row or 0, ws.max_column or 0
    if declared_rows > MAX_ROWS + 1:
        raise TableError(f"{what} has more than {MAX_ROWS} rows; {SPLIT}")
    if declared_columns > MAX_COLUMNS:
        raise TableError(f"{what} has more than {MAX_COLUMNS} columns (it declares {declared_columns})")
    if declared_rows * declared_columns > MAX_CELLS:
        raise TableError(f"{what} has more than {MAX_CELLS:,} cells; {SPLIT}")
    # A file may omit or understate its size, and openpyxl's read-only rows trust the declaration
    # (cutting off or padding to it). So the sheet's XML is streamed through openpyxl's own cell
    # parser, which yields only the cells present: nothing is cut off and nothing padded.
    rows, bounds = [], _Bounds(what)
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=False, epoch=ws.parent.epoch,
                                 date_formats=ws.parent._date_formats,
                                 timedelta_formats=ws.parent._timedelta_formats)
        for number, cells in parser.parse():
            if number > MAX_ROWS + 1:
                raise TableError(f"{what} has more than {MAX_ROWS} rows; {SPLIT}")
            rows.extend([] for _ in range(len(rows), number - 1))  # rows the file leaves out are blank
            width = max((cell["column"] for cell in cells), default=0)
            if width > MAX_COLUMNS:
                raise TableError(f"{what} has more than {MAX_COLUMNS} columns (row {number})")
            values = [None] * width
            for cell in cells:
                value = cell["value"]
                values[cell["column"] - 1] = Formula(str(value)) if cell["data_type"] == "f" else value
            bounds.row(number, values)
            rows.append(values)
    return rows


def _table(rows: list[list]) -> Table:
    if not rows or not any(cell_text(v) for v in rows[0]):
        raise TableError("The first row must hold the column names")
    header = [cell_text(v).lower() for v in rows[0]]
    named = [h for h in header if h]
    duplicates = sorted(h for h, count in collections.Counter(named).items() if count > 1)
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
