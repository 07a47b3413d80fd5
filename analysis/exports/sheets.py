"""The neutral shape every export format writes: named tables of plain cell values.

Breakdown tables become sheets through ``BreakdownTable.to_records()`` only, so whatever the
disclosure gate suppressed is already blank here: no format ever sees a raw small count.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Sheet:
    name: str  # short, unique: the XLSX tab and the CSV "table" column
    title: str  # full caption
    columns: list[str]
    rows: Iterable[list]  # lists of str / int / float / bool / None, in column order
    notes: list[str] = field(default_factory=list)


def sheet_from_records(name: str, title: str, records: list[dict], notes=()) -> Sheet:
    columns = list(dict.fromkeys(key for record in records for key in record))
    rows = [[_plain(record.get(column)) for column in columns] for record in records]
    return Sheet(name=name, title=title, columns=columns, rows=rows, notes=list(notes))


def sheet_names(titles: list[str]) -> list[str]:
    """Excel-safe tab names: at most 31 characters, none of []:*?/\\ , unique."""
    names: list[str] = []
    for title in titles:
        base = re.sub(r"[\[\]:*?/\\']", " ", title).strip()[:31] or "Table"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _plain(value):
    """Lists (e.g. a distribution) become text, numpy scalars Python ones; the rest as it is."""
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value
