"""Formula-injection protection for the theme commands' CSV rows.

The rule itself lives in ``analysis.exports.safe`` so every download shares one definition.
"""

from analysis.exports.safe import safe_cell

__all__ = ["safe_cell", "safe_row"]


def safe_row(row: dict) -> dict:
    """Apply :func:`safe_cell` to every value of a CSV row dict."""
    return {key: safe_cell(value) for key, value in row.items()}
