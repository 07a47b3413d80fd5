"""Importing responses collected elsewhere (paper forms typed up, another tool) from CSV/XLSX.

One row per response, one column per question code (a grid's items each have their own
column). Multiple choice answers are option codes separated by ';'. Optional columns:
``id`` (makes re-importing the same file safe: ids already imported are skipped),
``channel`` (a channel code), ``language`` and ``submitted_on`` (a date). Rows are checked
by the same validation as web answers; a file with any bad row stores nothing.
"""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.audit import audit_record

from .definition import for_version
from .models import Source, Survey
from .services import RowErrors, responses_bulk_create
from .tabular import Formula, TableError, cell_text, read_table

META_COLUMNS = ("id", "channel", "language", "submitted_on")
STAFF_SURVEY_REFUSAL = ("Responses cannot be imported into a staff survey. Staff answer through their "
                        "invitation links only.")
DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# Spreadsheet text escaped against formula injection ('=...) is turned back into what was written.
ESCAPED_FORMULA = re.compile(r"^'(?=[=+\-@])")


class ImportErrors(Exception):
    """Why a file was rejected: (row number or None for the whole file, message). Nothing was stored."""

    def __init__(self, problems: list[tuple[int | None, str]]):
        super().__init__("; ".join(f"row {r}: {m}" if r else m for r, m in problems[:20]))
        self.problems = problems


class _RowProblem(ValueError):
    pass


@dataclass
class ImportResult:
    rows: int
    created: int

    @property
    def already_imported(self) -> int:
        return self.rows - self.created


def responses_import(*, survey: Survey, uploaded, filename: str, user=None) -> ImportResult:
    """Store every response in the file, or none; raises ImportErrors listing each problem."""
    if survey.waves.exists():
        # A staff survey takes answers only through invitations, once per person, sealed in the
        # ballot box: an import would stuff it, whoever sends it.
        audit_record(actor=user, action="responses.import_refused", target=survey.slug, filename=filename[:100])
        raise ImportErrors([(None, STAFF_SURVEY_REFUSAL)])
    if not survey.current_version_id:
        raise ImportErrors([(None, "Publish the survey before importing responses")])
    try:
        table = read_table(uploaded, filename)
    except TableError as exc:
        raise ImportErrors([(None, str(exc))]) from exc
    definition = for_version(survey.current_version_id)
    unknown = [c for c in table.header if c not in definition.value_codes and c not in META_COLUMNS]
    if unknown:
        message = (f"These columns are not question codes of this survey: {', '.join(unknown)}. "
                   f"Optional extra columns: {', '.join(META_COLUMNS)}")
        raise ImportErrors([(None, message)])
    if not table.rows:
        raise ImportErrors([(None, "The file has column names but no responses")])
    rows, problems, ids = [], [], {}
    for number, cells in table.rows:
        try:
            rows.append(_row(number, cells, definition, ids))
        except _RowProblem as exc:
            problems.append((number, str(exc)))
    created = _store(survey, rows, problems)
    audit_record(actor=user, action="responses.import", target=survey.slug, file=filename[:200],
                 rows=len(rows), created=created)
    return ImportResult(rows=len(rows), created=created)


@transaction.atomic
def _store(survey, rows, problems) -> int:
    created = 0
    try:
        created = responses_bulk_create(survey=survey, rows=rows, source=Source.IMPORT)
    except RowErrors as exc:
        problems = problems + exc.problems
    if problems:
        # Raised inside the transaction: anything stored for the good rows is rolled back.
        raise ImportErrors(sorted(problems, key=lambda p: p[0] or 0))
    return created


def _row(number: int, cells: dict, definition, ids: dict) -> dict:
    formulas = [column for column, value in cells.items() if isinstance(value, Formula)]
    if formulas:
        raise _RowProblem(f"{', '.join(formulas)}: holds a formula; paste the values instead (Paste Special > Values)")
    answers = {}
    for column, value in cells.items():
        text = cell_text(value)
        if column in META_COLUMNS or not text:
            continue
        answers[column] = _answer(definition.value_codes[column], column, text)
    key = cell_text(cells.get("id"))
    if len(key) > 200:
        raise _RowProblem("id: must be at most 200 characters")
    if key and key in ids:
        raise _RowProblem(f"id: '{key}' is also used on row {ids[key]}")
    ids.setdefault(key, number)
    return {"row": number, "answers": answers, "key": f"import:{key}" if key else None,
            "channel": cell_text(cells.get("channel")).lower() or None,
            "language": _language(cell_text(cells.get("language"))),
            "submitted_on": _date(cells.get("submitted_on"))}


def _answer(question: dict, column: str, text: str):
    if question["type"] == "multiple":
        parts = [part.strip() for part in text.split(";") if part.strip()]
        return parts[0] if len(parts) == 1 and parts[0] in question.get("special", ()) else parts
    if question["type"] == "date":
        match = DMY.match(text)
        return dict(zip(("day", "month", "year"), match.groups(), strict=True)) if match else text
    if question["type"] in ("text", "long_text"):
        return ESCAPED_FORMULA.sub("", text)
    return text


def _language(text: str) -> str:
    codes = [code for code, _ in settings.LANGUAGES]
    if text and text.lower() not in codes:
        raise _RowProblem(f"language: '{text}' is not one of {', '.join(codes)}")
    return text.lower() or "en"


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        text = cell_text(value)
        if not text:
            return None
        match = DMY.match(text)
        try:
            value = datetime.date(*map(int, reversed(match.groups()))) if match else datetime.date.fromisoformat(text)
        except ValueError as exc:
            raise _RowProblem(f"submitted_on: '{text}' is not a date; write it like 2026-03-27 or 27/03/2026") from exc
    if value > timezone.localdate():
        raise _RowProblem(f"submitted_on: {value.isoformat()} is in the future")
    return value
