"""Neutralise spreadsheet formula injection in every cell we write (CSV and XLSX).

Respondent text is hostile (OWASP "CSV injection"): a cell starting with =, +, -, @, tab or
carriage return may be run as a formula by Excel, LibreOffice or Google Sheets. Such strings
get a leading apostrophe, which spreadsheets show as plain text. Numbers are left alone, so a
negative difference stays a number.
"""

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as it may be written to a spreadsheet: risky strings prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
