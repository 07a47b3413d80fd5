"""The themes section of the readable report (analysis/exports/report.py).

One block per codebook of the survey that has tags: answers with each theme for everyone
and, when the report is broken down, by its first characteristic (through the same gate as
the theme counts page), the corrected share of each theme for everyone, plus redacted
quotes from groups large enough to quote.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .counts import ThemeCountError, theme_counts
from .models import AnswerTag, Codebook
from .shares import theme_shares


def report_section(survey, *, by=(), user=None) -> SafeString:
    """HTML for the report (empty when the survey has no tagged codebook)."""
    blocks = []
    for codebook in Codebook.objects.filter(survey=survey).select_related("survey").order_by("question_code", "name"):
        if not AnswerTag.objects.filter(theme__codebook=codebook).exists():
            continue
        try:
            counts = theme_counts(codebook, by=(list(by) or [""])[0], user=user)
        except ThemeCountError:  # the report's characteristic is not one this codebook can use
            counts = theme_counts(codebook, user=user)
        blocks.append({"codebook": codebook, "counts": counts, "rows": counts.table_rows(),
                       "shares": theme_shares(codebook)})
    if not blocks:
        return mark_safe("")
    return mark_safe(render_to_string("themes/report_section.html", {"blocks": blocks}))
