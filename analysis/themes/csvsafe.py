"""Neutralise spreadsheet formula injection in exported CSV cells.

Analysis exports (themes, tags, and any other module writing user text to CSV)
should share this helper so every download is safe to open in Excel or Sheets.
"""

# Excel, LibreOffice and Google Sheets treat cells starting with these as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Prefix a formula-like string with an apostrophe; leave other values alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    """Apply :func:`safe_cell` to every value of a CSV row dict."""
    return {key: safe_cell(value) for key, value in row.items()}
