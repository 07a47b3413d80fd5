"""Reading staff survey waves: the open wave of a survey, and response rates by directorate."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from engagement import access
from engagement.models import Role

from .models import Participation, Wave

NOT_RECORDED = "Not recorded"


def wave_list(survey):
    return Wave.objects.filter(survey=survey)


def wave_open_for(survey) -> Wave | None:
    today = timezone.localdate()
    return Wave.objects.filter(survey=survey, opens_on__lte=today, closes_on__gte=today).first()


def wave_list_for_user(user):
    """Waves of the surveys ``user`` may analyse (administrators: every wave)."""
    programmes = access.programmes_for(user, Role.ANALYST)
    return Wave.objects.filter(survey__programme__in=programmes).select_related("survey__programme")


@dataclass(frozen=True)
class RateRow:
    directorate: str
    headcount: int | None  # None: suppressed
    taken_part: int | None

    @property
    def rate(self) -> float | None:
        return self.taken_part / self.headcount if self.headcount else None


def response_rates(wave: Wave, *, min_group: int | None = None) -> tuple[list[RateRow], RateRow]:
    """Headcount, number who took part and response rate for each directorate, and in total.

    Standards §3.1/§3.2: a directorate with fewer than ``min_group`` staff (the survey's
    minimum group size by default) is shown without figures, with complementary suppression
    so it cannot be worked out from the total. Participation only says who took part, never
    what anyone answered.
    """
    min_group = min_group or wave.survey.min_group_size
    headcount, taken = wave_counts(wave)
    small = {d for d, n in headcount.items() if n < min_group}
    # Hidden directorates must not be recoverable from the total: hide at least two, together
    # at least min_group people, adding the next smallest until they are.
    while small and len(small) < len(headcount) and (
            len(small) == 1 or sum(headcount[d] for d in small) < min_group):
        small.add(min((d for d in headcount if d not in small), key=lambda d: (headcount[d], d)))
    rows = [RateRow(d, None, None) if d in small else RateRow(d, headcount[d], taken[d])
            for d in sorted(headcount, key=lambda d: (d == NOT_RECORDED, d.lower()))]
    total_n = sum(headcount.values())
    total = RateRow("All staff", total_n, sum(taken.values())) if total_n >= min_group else \
        RateRow("All staff", None, None)
    return rows, total


def wave_counts(wave: Wave) -> tuple[Counter, Counter]:
    """(headcount, number who took part) per directorate, live or as kept after erasure."""
    if wave.final_counts is not None:
        return (Counter({d: n for d, (n, _) in wave.final_counts.items()}),
                Counter({d: t for d, (_, t) in wave.final_counts.items()}))
    headcount = _headcount(wave)
    taken = Counter(d or NOT_RECORDED for d in Participation.objects.filter(wave=wave)
                    .values_list("directorate", flat=True))
    for directorate in taken.keys() - headcount.keys():
        headcount[directorate] = taken[directorate]  # took part but not on the list: count them
    return headcount, taken


def _headcount(wave: Wave) -> Counter:
    """The staff list; a wave without one counts every active staff account."""
    listed = wave.staff.values_list("directorate", flat=True)
    if not listed.exists():
        listed = get_user_model().objects.filter(is_active=True).values_list("directorate", flat=True)
    return Counter(d or NOT_RECORDED for d in listed)
