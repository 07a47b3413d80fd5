"""Reading surveys and responses."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter

from .models import Response, Survey

PERIODS = {"month": TruncMonth, "quarter": TruncQuarter}


def responses_by_period(survey: Survey, period: str = "month") -> list[tuple[datetime.date, int]]:
    """How many responses arrived in each calendar month or quarter, oldest first.

    Each period is named by its first day (2026-04-01 is April 2026, or Q2 2026). Periods
    with no responses are left out. The database does the truncation, on ``submitted_on``
    (responses keep only the day they arrived). These are raw counts for staff: results
    that leave the system go through analysis.disclosure.
    """
    try:
        truncate = PERIODS[period]
    except KeyError:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}") from None
    rows = (Response.objects.filter(survey=survey).annotate(period=truncate("submitted_on"))
            .values("period").annotate(responses=Count("id")).order_by("period"))
    return [(row["period"], row["responses"]) for row in rows]
