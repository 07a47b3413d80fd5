"""Reading an XLSForm workbook's sheets: columns, languages, choice lists and settings.

Column names are case-insensitive. Translated columns are ``label::English (en)``: the
language code in brackets is used; without one, the language name is looked up (English,
Welsh/Cymraeg...). Cells that hold spreadsheet formulas are refused: XLSForm cells are text.
"""

import re
from dataclasses import dataclass, field

from django.conf.locale import LANG_INFO

from ..tabular import Formula, Table, cell_text

LANGUAGE_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\s*\)\s*$")
TRANSLATABLE = ("label", "hint", "required_message", "constraint_message", "guidance_hint",
                "lcr_min_label", "lcr_max_label", "lcr_title", "lcr_description", "lcr_time_needed",
                "lcr_privacy_notice", "form_title")
ALIASES = {"list name": "list_name", "required message": "required_message",
           "constraint message": "constraint_message", "choice filter": "choice_filter"}
SPECIAL_CHOICES = ("prefer_not_to_say", "dont_know")


class XLSFormError(ValueError):
    """The workbook cannot be imported; every problem is listed, each naming its row."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def language_code(name: str) -> str | None:
    """'English (en)' -> 'en'; 'Cymraeg' -> 'cy'; None if not recognised."""
    match = LANGUAGE_CODE.search(name)
    if match:
        return match.group(1).lower()
    wanted = name.strip().lower()
    return next((code for code, info in LANG_INFO.items() if "name" in info and wanted in
                 (info["name"].lower(), info.get("name_local", "").lower())), None)


@dataclass
class Row:
    """One sheet row: plain cells by column, and translatable texts by column then language
    ('' is the column without a language)."""

    number: int
    cells: dict
    texts: dict = field(default_factory=dict)

    def get(self, column: str) -> str:
        return cell_text(self.cells.get(column))

    def text(self, column: str, language: str = "") -> str:
        return self.texts.get(column, {}).get(language, "")


def rows_of(table: Table, sheet: str, problems: list[str]) -> list[Row]:
    rows = []
    for number, cells in table.rows:
        row = Row(number=number, cells={})
        for column, value in cells.items():
            if isinstance(value, Formula):
                problems.append(f"{sheet} sheet row {number}: column '{column}' holds a spreadsheet formula "
                                f"({value}); type the text instead")
                continue
            base, _, language = column.partition("::")
            base = ALIASES.get(base.strip(), base.strip())
            if base in TRANSLATABLE:
                row.texts.setdefault(base, {})[language.strip()] = cell_text(value)
            else:
                row.cells[base if not language else column] = value
        rows.append(row)
    return rows


def languages_in(tables: list[Table]) -> dict[str, str]:
    """Language column suffixes (e.g. 'english (en)') -> language codes, over all sheets."""
    found = {}
    for table in tables:
        for column in table.header:
            base, sep, language = column.partition("::")
            if sep and ALIASES.get(base.strip(), base.strip()) in TRANSLATABLE:
                found[language.strip()] = language_code(language)
    return found


@dataclass
class Choice:
    name: str
    texts: dict
    row: int


def choice_lists(rows: list[Row], problems: list[str]) -> dict[str, list[Choice]]:
    lists: dict[str, list[Choice]] = {}
    for row in rows:
        list_name, name = row.get("list_name"), row.get("name")
        if not list_name and not name:
            continue
        if not list_name or not name:
            problems.append(f"choices sheet row {row.number}: needs both list_name and name")
            continue
        choices = lists.setdefault(list_name, [])
        if any(c.name == name for c in choices):
            problems.append(f"choices sheet row {row.number}: '{name}' is in list '{list_name}' twice")
            continue
        choices.append(Choice(name=name, texts=row.texts.get("label", {}), row=row.number))
    return lists


def settings_of(rows: list[Row]) -> Row:
    """The settings sheet's first row (XLSForm keeps settings in one row under the header)."""
    return rows[0] if rows else Row(number=2, cells={})
