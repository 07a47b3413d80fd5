"""A question's results over time: by month or quarter of ``submitted_on``, or by wave.

Months are already a dimension of the disclosure gate (date filters are cut into calendar
months), so a period's figures are exactly what a date-filtered breakdown shows: a trend
reveals nothing a breakdown would hide. Waves are separate surveys sharing the question
code (e.g. the staff survey of each year); each wave is its own breakdown, its Easy Read
variant's responses included (a variant is never a wave of its own).
"""

from dataclasses import asdict, dataclass, field, replace

from engagement import access
from engagement.models import Role

from . import frames
from .breakdown import ROW_FIELDS, UNWEIGHTED, breakdown, table
from .filters import Filters
from .protected import question_cube
from .questions import closed_question
from .spec import BreakdownError, resolve
from .trend_changes import period_changes

PERIODS = ("month", "quarter", "wave")
MEASURES = ("mean", "pct_positive")


@dataclass
class TrendTable:
    """``rows``: one dict per (period, group) with a ``period`` key plus the breakdown row
    keys; each period's total comes first (group "all"). ``periods``: in time order, each
    {"period", "survey", "n" (None if hidden), "comparison_base", "comparison_base_text"}.
    ``changes``: for "mean" and "pct_positive", each group's change between consecutive
    periods with its interval and test (``trend_changes.period_changes``)."""

    survey: str
    question: str
    question_text: str
    period: str
    by: tuple[str, ...]
    filters: dict
    min_group_size: int
    correction: str
    positive: tuple[str, ...]
    periods: list[dict]
    rows: list[dict]
    notes: list[str] = field(default_factory=list)
    changes: dict[str, list[dict]] = field(default_factory=dict)
    weighted: bool = False  # built from breakdowns, which are never weighted
    weighting_text: str = UNWEIGHTED

    def to_dict(self) -> dict:
        return asdict(self)

    def to_records(self) -> list[dict]:
        bases = {p["period"]: p["comparison_base"] for p in self.periods}
        records = []
        for row in self.rows:
            record = {"period": row["period"], **{c: (row["groups"] or {}).get(c, "") for c in self.by}}
            record.update({k: row[k] for k in ROW_FIELDS if k not in ("groups", "distribution")})
            record.update(comparison_base=bases[row["period"]], weighted=self.weighted)
            records.append(record)
        return records


def trend(survey, *, question: str, period: str, by=(), filters: Filters | None = None, user=None,
          correction: str = "holm", positive=None, waves=None) -> TrendTable:
    """Results of ``question`` per period, overall and (``by``: up to two characteristics)
    per group, each period with its own comparisons and the same suppression as breakdown.

    ``period``: "month", "quarter" or "wave". ``waves``: the surveys to compare (default:
    published surveys of the programme asking the same question, by first response date).
    """
    if user is not None:
        access.require_role(user, Role.ANALYST, survey.programme)
    if period not in PERIODS:
        raise BreakdownError({"period": "Choose month, quarter or wave"})
    filters = filters or Filters()
    shown_by = tuple(by)
    by = shown_by or (frames.CHANNEL,)  # any dimension will do when only totals are wanted
    spec = resolve(survey, question=question, by=by, filters=filters, correction=correction, positive=positive)
    if period == "wave":
        tables, notes = _waves(survey, question, by, filters, correction, positive, waves)
    else:
        tables, notes = _periods(spec, period), []
    result = TrendTable(
        survey=survey.slug, question=question, question_text=spec.question.text, period=period, by=shown_by,
        filters=spec.filters.describe(), min_group_size=spec.k, correction=correction,
        positive=spec.positive, periods=[{"period": label, "survey": t.survey, "n": t.total["n"],
                                          "comparison_base": t.comparison_base,
                                          "comparison_base_text": t.comparison_base_text} for label, t in tables],
        rows=[{"period": label, **row} for label, t in tables
              for row in [t.total, *(t.rows if shown_by else [])]], notes=notes)
    result.changes = {measure: period_changes(result, measure) for measure in MEASURES}
    return result


def _periods(spec, period):
    spec = replace(spec, by_month=True)
    cube = question_cube(spec)
    in_range = cube.view(spec.filters)[spec.atoms.index(frames.MONTH)]
    grouped: dict[str, list[str]] = {}
    for month in in_range:
        grouped.setdefault(_label(month, period), []).append(month)
    return [(label, table(spec, cube, cube.view(spec.filters, months=months)))
            for label, months in grouped.items()]


def _label(month: str, period: str) -> str:
    year, number = month.split("-")
    return month if period == "month" else f"{year}-Q{(int(number) - 1) // 3 + 1}"


def _waves(survey, question, by, filters, correction, positive, waves):
    waves = list(waves) if waves is not None else default_waves(survey, question)
    tables, notes = [], []
    for wave in waves:
        try:
            tables.append((wave.slug, breakdown(wave, question=question, by=by, filters=filters,
                                                correction=correction, positive=positive)))
        except BreakdownError as exc:
            notes.append(f"{wave.slug} left out: {exc}")
    return tables, notes


def default_waves(survey, question):
    from surveys.definition import for_version

    asked = closed_question(for_version(survey.current_version_id), question)
    candidates = [s for s in frames.programme_surveys(survey)
                  if _same_question(closed_question(for_version(s.current_version_id), question), asked)]
    first = frames.first_response_dates(candidates)
    return sorted(candidates, key=lambda s: (first.get(s.pk) is None, first.get(s.pk) or 0, s.slug))


def _same_question(candidate, asked) -> bool:
    """A wave counts if it asks the question with the same type, options and scale."""
    return candidate is not None and asked is not None and (
        _shape(candidate) == _shape(asked))


def _shape(q):
    scale = (q.scale["min"], q.scale["max"]) if q.scale else None
    return q.type, scale, tuple(code for code, _ in q.options)
