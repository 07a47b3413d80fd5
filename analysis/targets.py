"""Where each group stands against the programme's targets (standards.md §4.2).

A target (``analysis.models.Target``) names question codes, a measure (mean or % positive),
a threshold and the characteristics it applies to. For every group the status is "met" when
the 95% interval's lower bound reaches the threshold, "not_met" when its upper bound is
below it, otherwise "inconclusive". Figures come from ``breakdown`` so they are gated the
same way; a suppressed group has no status.
"""

from engagement import access
from engagement.models import Role
from surveys.definition import for_version

from . import frames, stats
from .breakdown import BreakdownTable, breakdown
from .filters import Filters
from .questions import closed_question, declared_characteristics

STATUS_FIELDS = ("target", "target_id", "measure", "threshold", "question", "characteristic", "group",
                 "label", "kind", "suppressed", "n", "estimate", "ci_low", "ci_high", "status", "gap")


def target_statuses(survey, *, targets=None, filters: Filters | None = None, user=None,
                    population: dict | None = None) -> list[dict]:
    """One dict per (target, question, group), keys ``STATUS_FIELDS``; "everyone" first.

    ``targets``: Target objects (default: the survey programme's). ``population``:
    {characteristic: {group: headcount}} (and optionally {"all": headcount}) applies the
    finite population correction to mean intervals, for staff censuses. ``gap`` is estimate
    minus threshold (points). Questions the survey does not ask are skipped.
    """
    if user is not None:
        access.require_role(user, Role.ANALYST, survey.programme)
    filters = filters or Filters()
    definition = for_version(survey.current_version_id)
    found = []
    for target in frames.targets_for(survey) if targets is None else targets:
        available = available_characteristics(survey)
        characteristics = [c for c in target.characteristics or available if c in [*available, frames.CHANNEL]]
        for question in target.question_codes:
            if closed_question(definition, question) is None:
                continue
            for i, characteristic in enumerate(characteristics or [frames.CHANNEL]):
                table = breakdown(survey, question=question, by=[characteristic], filters=filters)
                rows = [table.total] if i == 0 else []
                rows += table.rows if characteristics else []
                found += [_status(target, table, row, characteristic, population) for row in rows
                          if row["kind"] in ("group", "total")]
    return found


def available_characteristics(survey) -> list[str]:
    """Characteristics this survey's responses can be broken down by: those its questions
    declare and the groupings derived from them that responses actually hold."""
    from surveys.equality import CHARACTERISTICS

    declared = declared_characteristics(for_version(survey.current_version_id))
    derived = [c for c in CHARACTERISTICS if c not in declared and frames.has_characteristic(survey, c)]
    return [*declared, *derived]


def _status(target, table: BreakdownTable, row: dict, characteristic: str, population) -> dict:
    everyone = row["kind"] == "total"
    status = {"target": target.name, "target_id": target.pk, "measure": target.measure,
              "threshold": target.threshold, "question": table.question,
              "characteristic": None if everyone else characteristic, "group": row["group"],
              "label": row["label"], "kind": row["kind"], "suppressed": row["suppressed"],
              **dict.fromkeys(("n", "estimate", "ci_low", "ci_high", "status", "gap"))}
    if row["suppressed"]:
        return status
    low, high, estimate = _interval(target, row, _headcount(population, characteristic, row, everyone))
    status.update(n=row["n"], estimate=estimate, ci_low=low, ci_high=high,
                  status=stats.target_status(low, high, target.threshold),
                  gap=None if estimate is None else estimate - target.threshold)
    return status


def _interval(target, row, headcount):
    if target.measure == "pct_positive":
        return row["pct_ci_low"], row["pct_ci_high"], row["pct_positive"]
    if headcount is None:
        return row["ci_low"], row["ci_high"], row["mean"]
    low, high = stats.mean_ci(row["n"], row["mean"], row["sd"], population=headcount)
    return low, high, row["mean"]


def _headcount(population, characteristic, row, everyone) -> int | None:
    if not population:
        return None
    if everyone:
        return population.get("all")
    return population.get(characteristic, {}).get(row["group"])
