"""Read-only survey activity for the analysts' overview: responses by month and channel, completion.

These are counts of responses, not of groups of people, so they are not passed through the
disclosure gate: the pages are for the survey's analysts. An Easy Read variant's responses
count with its survey, as everywhere in analysis.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth

from surveys.models import ResponseDraft, Source
from surveys.variants import family_responses, survey_family


@dataclass
class Completion:
    submitted_web: int  # submitted through the page-by-page journey
    unfinished: int  # drafts started and not (yet) submitted
    other_sources: int  # API and file imports: no draft stage

    @property
    def started(self) -> int:
        return self.submitted_web + self.unfinished

    @property
    def rate(self) -> float | None:
        return self.submitted_web / self.started if self.started else None


def responses_by_month(survey) -> list[dict]:
    """[{"month": date (first of month), "n": int}], oldest first."""
    return list(family_responses(survey).annotate(month=TruncMonth("submitted_on"))
                .values("month").annotate(n=Count("id")).order_by("month"))


def responses_by_channel(survey) -> list[dict]:
    """[{"channel": name or "No channel", "code", "n"}], biggest first."""
    rows = (family_responses(survey).values("channel__code", "channel__name")
            .annotate(n=Count("id")).order_by("-n", "channel__name"))
    return [{"code": r["channel__code"] or "", "channel": r["channel__name"] or "No channel (direct link)",
             "n": r["n"]} for r in rows]


def completion(survey) -> Completion:
    """Drafts are deleted on submission, so open drafts are exactly the unfinished journeys."""
    web = family_responses(survey).filter(source=Source.WEB).count()
    other = family_responses(survey).exclude(source=Source.WEB).count()
    return Completion(submitted_web=web, unfinished=ResponseDraft.objects.filter(survey__in=survey_family(survey)).count(),
                      other_sources=other)
