"""Themed findings as CSV or XLSX, built on the shared, formula-safe sheet writers.

Sheets: theme counts by group (gated: suppressed groups are blank), redacted quotes, and,
for people allowed to see individual answers, every answer (redacted) with its flags
and every tag with its confidence. Every download is audit-logged.
"""

import io
from dataclasses import dataclass

from django.utils import timezone

from engagement import access
from engagement.audit import audit_record

from ..exports.csv_format import sheets_to_csv
from ..exports.sheets import Sheet, sheet_from_records
from ..exports.xlsx_format import sheets_to_xlsx
from .counts import theme_counts
from .models import AnswerTag, Codebook, TextAnswer

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class ThemesExport:
    content: bytes
    content_type: str
    filename: str


def themes_export(codebook: Codebook, *, fmt: str, by: str = "", user=None) -> ThemesExport:
    """Raises ThemeCountError for an unknown characteristic, PermissionDenied for non-analysts."""
    counts = theme_counts(codebook, by=by, user=user)
    survey = codebook.survey
    individual = user is None or access.can_see_raw_responses(user, survey.programme)
    sheets = [
        sheet_from_records(f"Themes by {counts.by_label or 'everyone'}",
                           f"{codebook.name}: answers with each theme", counts.to_records(), counts.notes),
        Sheet("Quotes", "Representative quotes (redacted), groups of at least "
              f"{counts.min_group_size} answers only", ["theme", "group", "label", "quote"],
              [[q["theme"], q["group"], q["label"], q["text"]] for q in counts.quotes]),
    ]
    if individual:
        sheets += [_answers_sheet(codebook), _tags_sheet(codebook)]
    about = _about(codebook, counts, user)
    if fmt == "csv":
        content = sheets_to_csv(sheets, about)
    else:
        buffer = io.BytesIO()
        sheets_to_xlsx(sheets, about, buffer)
        content = buffer.getvalue()
    audit_record(actor=user, action="export.themes", target=survey.slug, survey=survey.slug,
                 codebook=codebook.pk, format=fmt, by=by, individual_answers=individual)
    stamp = timezone.localdate().isoformat()
    return ThemesExport(content, FORMATS[fmt], f"{survey.slug}-{codebook.question_code}-themes-{stamp}.{fmt}")


def _answers_sheet(codebook) -> Sheet:
    answers = (TextAnswer.objects.filter(survey=codebook.survey_id, question_code=codebook.question_code)
               .order_by("id").values_list("pk", "response_id", "text", "language", "non_answer",
                                           "needs_translation"))
    return Sheet("Answers", "Every answer, redacted; needs_translation marks answers the tagger cannot read",
                 ["answer", "response", "text", "language", "non_answer", "needs_translation"],
                 ([pk, str(response), text, language, skip, foreign]
                  for pk, response, text, language, skip, foreign in answers.iterator(chunk_size=2000)))


def _tags_sheet(codebook) -> Sheet:
    tags = (AnswerTag.objects.filter(theme__codebook=codebook).order_by("answer_id", "theme__position")
            .values_list("answer_id", "theme__name", "confidence", "source"))
    return Sheet("Tags", "Themes of each answer with the tagger's confidence; source says who decided",
                 ["answer", "theme", "confidence", "source"],
                 ([a, t, c, s] for a, t, c, s in tags.iterator(chunk_size=2000)))


def _about(codebook, counts, user) -> dict[str, str]:
    survey = codebook.survey
    return {
        "Survey": f"{survey.title} ({survey.slug})",
        "Question": codebook.question_code,
        "Codebook": codebook.name,
        "Produced": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "Produced by": getattr(user, "email", "") or "command line",
        "Broken down by": counts.by_label or "nobody (everyone together)",
        "Suppression": (f"Groups of fewer than {counts.min_group_size} answers, and any group whose counts "
                        "could be worked out from the others, are blank (suppressed = TRUE)."),
        "Counts": ("Answers with each theme: suggested by the tagger, accepted or added by a person "
                   "(rejected suggestions are not counted). Non-answers such as “n/a” are left out."),
        "Text": "Personal details are redacted in every quote and answer: [email], [phone], [name]...",
    }
