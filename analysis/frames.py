"""The only analysis module that queries the database: filters in, grouped counts out.

Responses are never loaded row by row. One GROUP BY over the JSON fields returns, per
combination of characteristics (and filter atoms), how many people gave each answer; the
statistics are exact from those counts. The same code runs on SQLite and PostgreSQL
(``KT()`` is ``json_extract`` on one and ``->>`` on the other).

Filters other than the survey's scope are *not* applied in SQL: the answer, channel and
month a filter looks at become extra grouping columns ("atoms"), so the disclosure gate can
see what a filter leaves out as well as what it keeps (docs/analysis.md).
"""

import json
import math

import pandas as pd
from django.db.models import CharField, Count, F, Min, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Substr

from surveys.models import Channel, Response, Survey
from surveys.variants import family_responses

from .disclosure import NOT_ANSWERED
from .filters import Filters
from .models import Target

MISSING = "__missing__"  # an atom: the filter's question was not answered
NO_CHANNEL = "none"
MONTH, CHANNEL = "month", "channel"
WHERE_PREFIX = "where:"


def survey_get(slug: str) -> Survey | None:
    """A published survey by slug, with what analysis needs joined in."""
    return (Survey.objects.select_related("programme", "current_version")
            .filter(slug=slug, current_version__isnull=False).first())


def grouped_counts(survey: Survey, *, question: str | None, by, atoms=(),
                   filters: Filters | None = None) -> pd.DataFrame:
    """Counts of responses per (characteristics..., atoms..., answer value).

    ``by``: characteristic codes (profile keys, or "channel"). ``atoms``: MONTH, CHANNEL or
    "where:<code>" columns. ``question`` None counts respondents (value column all "").
    Returns columns ``[*by, *atoms, "value", "count"]``, every key as text: a missing
    characteristic is "not_answered", a missing filter answer ``MISSING``.
    """
    columns = {f"c{i}": _expression(code, "profile") for i, code in enumerate(by)}
    columns.update({f"a{i}": _atom_expression(atom) for i, atom in enumerate(atoms)})
    queryset = _scope(survey, filters)
    if question is not None:
        queryset = queryset.annotate(value=KT(f"answers__{question}")).filter(value__isnull=False)
        columns["value"] = F("value")
    rows = list(queryset.annotate(**{k: v for k, v in columns.items() if k != "value"})
                .values(*columns).annotate(count=Count("pk")).order_by())
    frame = pd.DataFrame(rows, columns=[*columns, "count"])
    frame.columns = [*by, *atoms, *(["value"] if question is not None else []), "count"]
    if question is None:
        frame["value"] = ""
    codes = _channel_codes() if CHANNEL in (*by, *atoms) else {}
    for name, missing in [*((c, NOT_ANSWERED) for c in by), *((a, _missing(a)) for a in atoms)]:
        if name == CHANNEL:
            frame[name] = frame[name].map(lambda v: codes.get(v))
        frame[name] = frame[name].map(lambda v, m=missing: _text(v, m))
    frame["value"] = frame["value"].map(lambda v: _text(v, ""))
    return frame.groupby([*by, *atoms, "value"], as_index=False, sort=True)["count"].sum()


def _scope(survey, filters: Filters | None):
    queryset = family_responses(survey)  # an Easy Read variant's answers count with its survey
    if filters and filters.programme and filters.programme != survey.programme.slug:
        return queryset.none()
    if filters and filters.surveys and survey.slug not in filters.surveys:
        return queryset.none()
    return queryset


def _expression(code: str, field: str):
    # channel ids, not codes: no join on a million rows; codes are looked up afterwards
    return F("channel_id") if code == CHANNEL else KT(f"{field}__{code}")


def _channel_codes() -> dict[int, str]:
    return dict(Channel.objects.values_list("pk", "code"))


def _atom_expression(atom: str):
    if atom == MONTH:  # "YYYY-MM" in SQL on both databases (SQLite's TruncMonth runs in Python)
        return Substr(Cast("submitted_on", CharField()), 1, 7)
    if atom == CHANNEL:
        return F("channel_id")
    return KT(f"answers__{atom.removeprefix(WHERE_PREFIX)}")


def _missing(atom: str) -> str:
    return NO_CHANNEL if atom == CHANNEL else MISSING


def _text(value, missing: str) -> str:
    """Database values as comparable text: 6 and "6" alike, lists as canonical JSON."""
    if value is None or (isinstance(value, float) and math.isnan(value)):  # NaN: pandas for None
        return missing
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m")
    if isinstance(value, str) and value.startswith("["):
        value = json.loads(value)
    if isinstance(value, list):
        return json.dumps(sorted(value), separators=(",", ":"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def has_characteristic(survey: Survey, code: str) -> bool:
    """Whether any response to ``survey`` (or its variants) records ``code`` in its profile."""
    return family_responses(survey).filter(profile__has_key=code).exists()


def first_response_dates(surveys) -> dict[int, object]:
    """Standard survey id -> the day the first response to it or its variants arrived (orders
    the waves of a trend)."""
    rows = (Response.objects.filter(Q(survey__in=surveys) | Q(survey__variant_of__in=surveys))
            .annotate(main=Coalesce("survey__variant_of_id", "survey_id")).values("main")
            .annotate(first=Min("submitted_on")))
    return {row["main"]: row["first"] for row in rows}


def programme_surveys(survey: Survey) -> list[Survey]:
    """Published standard surveys of the same programme (candidate waves of a trend): a variant
    such as Easy Read is analysed with its survey, so it is never a wave of its own."""
    return list(Survey.objects.select_related("programme", "current_version")
                .filter(programme=survey.programme, current_version__isnull=False, variant_of__isnull=True))


def targets_for(survey: Survey) -> list[Target]:
    """The programme's current targets (retired ones are kept for the record, not tracked)."""
    return list(Target.objects.filter(programme=survey.programme_id, retired_on__isnull=True).order_by("name", "pk"))
