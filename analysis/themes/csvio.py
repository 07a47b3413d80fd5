"""Reading and writing the CSV files of the theme commands, with messages a person
can act on: every problem names the file and, where it applies, the row number
(counting the header as row 1, as a spreadsheet does).
"""

import csv
import io
from pathlib import Path

from .csvsafe import safe_row


class CsvProblem(ValueError):
    """A CSV file that cannot be used as given; the message says why and where."""


def _decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    if b"\x00" in data:
        raise CsvProblem(f"{path}: this is not a text CSV file (it contains binary data)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows still saves "CSV" as Windows-1252; reading it is kinder
        # than refusing, as long as the user is told.
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise CsvProblem(
            f"{path}: not UTF-8 or Windows-1252 text (byte {exc.start}); "
            "save it as 'CSV UTF-8' and try again"
        ) from exc
    return text, [f"{path}: not UTF-8; read as Windows-1252. Save as 'CSV UTF-8' to be sure."]


def _header(path: Path, reader, required: list[str]) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise CsvProblem(f"{path}: the file is empty (no header row)") from None
    columns = [c.strip().lower() for c in header]
    missing = [c for c in required if c not in columns]
    if missing:
        found = ", ".join(c for c in columns if c) or "none"
        raise CsvProblem(
            f"{path}: missing column(s) {', '.join(missing)} (found: {found}); "
            f"the header row must include {', '.join(required)}"
        )
    return columns


def read_rows(path, required: list[str], key: str | None = "id"):
    """Rows of ``path`` as (row number, dict of lower-cased column -> value).

    Returns ``(rows, warnings)``. Blank rows are skipped with a warning; a missing
    or repeated ``key`` value is an error.
    """
    path = Path(path)
    if not path.is_file():
        raise CsvProblem(f"{path}: file not found")
    text, warnings = _decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(path, reader, required)
        rows = _body(path, reader, columns, key, warnings)
    except csv.Error as exc:
        raise CsvProblem(f"{path} row {reader.line_num}: not valid CSV ({exc})") from exc
    if not rows:
        raise CsvProblem(f"{path}: the file has a header but no data rows")
    return rows, warnings


def _body(path: Path, reader, columns: list[str], key: str | None, warnings: list[str]):
    rows, seen = [], {}
    for values in reader:
        number = reader.line_num
        if not any(v.strip() for v in values):
            warnings.append(f"{path} row {number}: empty row skipped")
            continue
        row = {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)}
        if key is not None:
            _check_key(path, number, row.get(key, ""), key, seen)
        rows.append((number, row))
    return rows


def _check_key(path: Path, number: int, value: str, key: str, seen: dict) -> None:
    if not value:
        raise CsvProblem(f"{path} row {number}: the {key} is empty")
    if value in seen:
        raise CsvProblem(f"{path} row {number}: duplicate {key} {value!r} (first on row {seen[value]})")
    seen[value] = number


def write_rows(path, columns: list[str], rows) -> None:
    """Write dict rows as UTF-8 CSV, neutralising formula-like cells."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(safe_row(row))
