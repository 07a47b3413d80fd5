"""Checking what a breakdown asks for, once, for every caller (API 400s, CLI errors).

``resolve`` turns the caller's question code, characteristics and filters into a ``Spec``
or raises BreakdownError with a message per field.
"""

import calendar
import datetime
from dataclasses import dataclass, replace

from surveys.definition import for_version
from surveys.models import Survey

from . import frames
from .filters import FilterError, Filters
from .questions import ClosedQuestion, closed_question, declared_characteristics
from .stats import CORRECTIONS

MAX_BY = 2
MAX_WHERE = 2  # query limits (standards §3.2): cap filter combinations


class BreakdownError(FilterError):
    """Unknown question or characteristic, or a bad filter: {field: message}."""


@dataclass(frozen=True)
class Spec:
    survey: Survey
    definition: object
    question: ClosedQuestion
    by: tuple[str, ...]  # as asked, the order rows and columns are shown in
    filters: Filters  # dates widened to whole months
    positive: tuple[str, ...]
    correction: str
    k: int  # minimum reporting group size
    by_month: bool = False  # trends: months are a dimension even without a date filter

    @property
    def dims(self) -> tuple[str, ...]:
        """Characteristics in a fixed order, so (sex, age) and (age, sex) suppress alike."""
        return tuple(sorted(self.by))

    @property
    def atoms(self) -> tuple[str, ...]:
        """Filter dimensions, in a fixed order: month, channel, then answers by code."""
        dated = self.by_month or self.filters.date_from or self.filters.date_to
        found = [frames.MONTH] if dated else []
        found += [frames.CHANNEL] if self.filters.channels else []
        return (*found, *(frames.WHERE_PREFIX + code for code, _ in sorted(self.filters.where)))


def resolve(survey: Survey, *, question: str, by, filters: Filters, correction: str = "holm",
            positive=None) -> Spec:
    if survey.current_version_id is None:
        raise BreakdownError({"survey": "This survey has not been published"})
    definition = for_version(survey.current_version_id)
    errors: dict[str, str] = {}
    q = closed_question(definition, question or "")
    if q is None:
        errors["question"] = f"This survey has no closed question with the code ‘{question}’"
    by = tuple(by or ())
    errors.update(_check_by(survey, definition, by))
    if correction not in CORRECTIONS:
        errors["correction"] = "Choose holm or bh"
    errors.update(_check_filters(definition, filters))
    if q is not None:
        positive = tuple(str(v) for v in positive) if positive else q.default_positive()
        unknown = [v for v in positive if v not in q.answer_values() or v in q.special]
        if unknown:
            errors["positive"] = f"Not answers to ‘{q.code}’: {', '.join(unknown)}"
    if errors:
        raise BreakdownError(errors)
    return Spec(survey=survey, definition=definition, question=q, by=by, filters=whole_months(filters),
                positive=positive, correction=correction, k=survey.min_group_size)


def _check_by(survey, definition, by) -> dict[str, str]:
    if not 1 <= len(by) <= MAX_BY or len(set(by)) != len(by):
        return {"by": f"Give one or two different characteristics (at most {MAX_BY})"}
    declared = set(declared_characteristics(definition))
    unknown = [c for c in by if c != frames.CHANNEL and c not in declared
               and not frames.has_characteristic(survey, c)]
    if unknown:
        return {"by": f"This survey records no characteristic ‘{unknown[0]}’"}
    return {}


def _check_filters(definition, filters: Filters) -> dict[str, str]:
    errors = {}
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        errors["to"] = "The end date must be on or after the start date"
    codes = [code for code, _ in filters.where]
    if len(set(codes)) != len(codes) or len(codes) > MAX_WHERE:
        errors["where"] = f"Filter on at most {MAX_WHERE} different questions"
    for code, values in filters.where:
        q = closed_question(definition, code)
        if q is None:
            errors["where"] = f"This survey has no closed question with the code ‘{code}’"
        elif unknown := [v for v in values if v not in q.answer_values()]:
            errors["where"] = f"Not answers to ‘{code}’: {', '.join(unknown)}"
    return errors


def whole_months(filters: Filters) -> Filters:
    """Date filters widened to whole calendar months: month atoms are the finest time
    unit the disclosure gate tracks, so no two date ranges differ by a few days."""
    start, end = filters.date_from, filters.date_to
    if start:
        start = start.replace(day=1)
    if end:
        end = datetime.date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
    return replace(filters, date_from=start, date_to=end)
