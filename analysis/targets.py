"""Where each group stands against the programme's targets (standards.md §4.2).

A target (``analysis.models.Target``) names question codes, a measure (mean, % positive or
an index of the questions), a threshold, a direction, the characteristics it applies to
and optionally a period of responses. For an "at least" target the status is "met" when the
95% interval's lower bound reaches the threshold, "not_met" when its upper bound is below
it, otherwise "inconclusive" ("at most" mirrors this). Figures come from ``breakdown`` (an
index from ``analysis.index``, itself made of breakdowns) so they are gated the same way; a
suppressed group has no status.
"""

from engagement import access
from engagement.models import Role
from surveys.definition import for_version

from . import frames, stats
from .breakdown import breakdown
from .filters import Filters
from .index import index_table
from .questions import closed_question, declared_characteristics

STATUS_FIELDS = ("target", "target_id", "measure", "direction", "threshold", "question", "characteristic",
                 "group", "label", "kind", "suppressed", "n", "estimate", "ci_low", "ci_high", "status", "gap")
INDEX = "index"  # the "question" of an index target's statuses


def target_statuses(survey, *, targets=None, filters: Filters | None = None, user=None,
                    population: dict | None = None, only=None) -> list[dict]:
    """One dict per (target, question, group), keys ``STATUS_FIELDS``; "everyone" first.

    ``targets``: Target objects (default: the survey programme's current ones).
    ``filters``: which responses count (default: each target's own period). ``population``:
    {characteristic: {group: headcount}} (and optionally {"all": headcount}) applies the
    finite population correction to mean intervals, for staff censuses. ``gap`` is estimate
    minus threshold (points). Questions the survey does not ask are skipped; an index
    target gives one set of statuses, with ``question`` "index". ``only``: characteristic
    codes to limit every target to (the board shows one characteristic at a time).
    """
    if user is not None:
        access.require_role(user, Role.ANALYST, survey.programme)
    definition = for_version(survey.current_version_id)
    available = available_characteristics(survey)
    found = []
    for target in frames.targets_for(survey) if targets is None else targets:
        characteristics = [c for c in target.characteristics or available if c in [*available, frames.CHANNEL]
                           and (only is None or c in only)]
        chosen = filters if filters is not None and not filters.is_empty else target_filters(target)
        asked = [q for q in target.question_codes if closed_question(definition, q) is not None]
        for question in ([INDEX] if target.measure == "index" and asked else asked):
            for i, characteristic in enumerate(characteristics or [frames.CHANNEL]):
                table = _table(survey, target, question, asked, characteristic, chosen)
                rows = [table.total] if i == 0 else []
                rows += table.rows if characteristics else []
                found += [_status(target, question, row, characteristic, population) for row in rows
                          if row["kind"] in ("group", "total")]
    return found


def target_filters(target) -> Filters:
    """The responses a target counts: those in its period, if it has one."""
    return Filters(date_from=target.period_from, date_to=target.period_to)


def _table(survey, target, question, asked, characteristic, filters):
    if question == INDEX:
        return index_table(survey, items=asked, by=[characteristic], filters=filters)
    return breakdown(survey, question=question, by=[characteristic], filters=filters,
                     positive=target.positive or None)


def available_characteristics(survey) -> list[str]:
    """Characteristics this survey's responses can be broken down by: those its questions
    declare and the groupings derived from them that responses actually hold."""
    from surveys.equality import CHARACTERISTICS

    declared = declared_characteristics(for_version(survey.current_version_id))
    derived = [c for c in CHARACTERISTICS if c not in declared and frames.has_characteristic(survey, c)]
    return [*declared, *derived]


def _status(target, question: str, row: dict, characteristic: str, population) -> dict:
    everyone = row["kind"] == "total"
    status = {"target": target.name, "target_id": target.pk, "measure": target.measure,
              "direction": target.direction, "threshold": target.threshold, "question": question,
              "characteristic": None if everyone else characteristic, "group": row["group"],
              "label": row["label"], "kind": row["kind"], "suppressed": row["suppressed"],
              **dict.fromkeys(("n", "estimate", "ci_low", "ci_high", "status", "gap"))}
    if row["suppressed"]:
        return status
    low, high, estimate = _interval(target, row, _headcount(population, characteristic, row, everyone))
    status.update(n=row["n"], estimate=estimate, ci_low=low, ci_high=high,
                  status=stats.target_status(low, high, target.threshold, direction=target.direction),
                  gap=None if estimate is None else estimate - target.threshold)
    return status


def _interval(target, row, headcount):
    if target.measure == "index":
        return row["ci_low"], row["ci_high"], row["mean"]
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
