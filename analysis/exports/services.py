"""Build a results export (CSV, XLSX or HTML report) and record it in the audit log.

The only entry point for staff downloads, the API and ``manage.py export_results``:
tables come from ``analysis.breakdown.breakdown`` (disclosure already applied; it also
checks the analyst role when given a user), then one writer per format.
"""

import io
from dataclasses import dataclass

from django.utils import timezone

from engagement.audit import audit_record
from surveys.definition import for_version
from surveys.equality import equality_pages

from ..breakdown import (
    COMPARISON_BASES,
    UNWEIGHTED,
    BreakdownError,
    BreakdownTable,
    Filters,
    breakdown,
)
from ..questions import characteristic_label, closed_questions
from .csv_format import sheets_to_csv
from .report import render_report
from .sheets import Sheet, sheet_from_records
from .xlsx_format import sheets_to_xlsx

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "html": ("text/html; charset=utf-8", "html"),
}
EQUALITY_CODES = {q["code"] for page in equality_pages(all_adults=True) for q in page["questions"]}
MAX_QUESTIONS = 40  # one table each: keeps a request's work bounded


@dataclass
class Export:
    content: bytes
    content_type: str
    filename: str
    tables: list[BreakdownTable]


def default_questions(survey) -> list[str]:
    """Closed questions, in survey order, other than characteristics and the equality
    monitoring block (those are what results are broken down by, not results)."""
    definition = for_version(survey.current_version_id)
    skip = {q["code"] for q in definition.questions if q.get("characteristic")} | EQUALITY_CODES
    return [q.code for q in closed_questions(definition) if q.code not in skip]


def export_tables(survey, *, questions, by, filters: Filters | None = None, user=None) -> list[BreakdownTable]:
    """One BreakdownTable per question; raises BreakdownError (field errors) for bad input."""
    questions = list(dict.fromkeys(questions or default_questions(survey)))
    if len(questions) > MAX_QUESTIONS:
        raise BreakdownError({"question": f"Export at most {MAX_QUESTIONS} questions at a time"})
    return [breakdown(survey, question=q, by=by, filters=filters, user=user) for q in questions]


def export_results(survey, *, fmt: str, questions=(), by, filters: Filters | None = None, user=None,
                   via: str = "staff") -> Export:
    """Build the export in ``fmt`` and audit-log it (who, when, survey, tables, format, filters)."""
    if fmt not in FORMATS:
        raise BreakdownError({"format": f"Choose one of {', '.join(FORMATS)}"})
    filters = filters or Filters()
    tables = export_tables(survey, questions=questions, by=by, filters=filters, user=user)
    content = _render(fmt, survey, tables, user)
    audit_record(actor=user, action="export.results", target=survey.slug, survey=survey.slug, format=fmt,
                 via=via, tables=[table_name(t) for t in tables], by=list(by), filters=filters.describe())
    content_type, extension = FORMATS[fmt]
    stamp = timezone.localdate().isoformat()
    return Export(content, content_type, f"{survey.slug}-results-{stamp}.{extension}", tables)


def table_name(table: BreakdownTable) -> str:
    return f"{table.question} by {' and '.join(table.by)}"


def about(survey, tables: list[BreakdownTable], user=None) -> dict[str, str]:
    """What every export says about itself, first (the CSV's # lines, the XLSX About sheet)."""
    first = tables[0] if tables else None
    filters = {k: v for k, v in (first.filters if first else {}).items() if v}
    return {
        "Survey": f"{survey.title} ({survey.slug})",
        "Produced": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "Produced by": getattr(user, "email", "") or "command line",
        "Broken down by": ", ".join(characteristic_label(c) for c in first.by) if first else "",
        "Filters": "; ".join(f"{k}: {v}" for k, v in filters.items()) or "none",
        "Suppression": (f"Groups of fewer than {survey.min_group_size} responses, and any group whose "
                        "figures could be worked out from the others, are blank (suppressed = TRUE)."),
        "Comparisons": " ".join([*(COMPARISON_BASES[base] for base in sorted({t.comparison_base for t in tables})),
                                 "The comparison_base column says which each table used; p-values are corrected",
                                 f"across groups ({first.correction if first else 'holm'})."]),
        "Weighting": UNWEIGHTED + " The weighted column says so on every row.",
        "Percentages": "0-100. Confidence intervals are 95%.",
    }


def table_sheets(tables: list[BreakdownTable]) -> list[Sheet]:
    return [sheet_from_records(table_name(t), t.question_text, t.to_records(), notes=t.notes) for t in tables]


def _render(fmt: str, survey, tables, user) -> bytes:
    if fmt == "csv":
        return sheets_to_csv(table_sheets(tables), about(survey, tables, user))
    if fmt == "xlsx":
        buffer = io.BytesIO()
        sheets_to_xlsx(table_sheets(tables), about(survey, tables, user), buffer)
        return buffer.getvalue()
    return render_report(survey, tables, about(survey, tables, user), standalone=True).encode("utf-8")
