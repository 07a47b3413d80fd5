"""Sheets as one long CSV: a leading ``table`` column names the sheet each row belongs to."""

import csv
import io

from .safe import safe_cell
from .sheets import Sheet


def sheets_to_csv(sheets: list[Sheet], about: dict[str, str]) -> bytes:
    """UTF-8 with a byte-order mark so Excel opens non-ASCII labels correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for key, value in about.items():
        writer.writerow([safe_cell(f"# {key}"), safe_cell(value)])
    columns = list(dict.fromkeys(c for sheet in sheets for c in sheet.columns))
    writer.writerow(["table", *(safe_cell(c) for c in columns)])  # headers may be group labels
    for sheet in sheets:
        index = {c: i for i, c in enumerate(sheet.columns)}
        for row in sheet.rows:
            cells = [row[index[c]] if c in index else None for c in columns]
            writer.writerow([safe_cell(sheet.name), *(safe_cell(_csv_value(v)) for v in cells)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value):
    return "" if value is None else value
