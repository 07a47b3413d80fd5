"""Results for one closed question broken down by one or two characteristics.

The public entry point for pages, the API, exports and the CLI:

    breakdown(survey, question="edi_1", by=["sex"], filters=Filters(...)) -> BreakdownTable

Counts come from grouped queries (``analysis.frames``), the figures from ``analysis.stats``
and every group passes the one disclosure gate (``analysis.disclosure``), seeded with the
scope's protected table (``analysis.protected``), before a figure is computed for it, so a
suppressed group carries no figures at all and is hidden by every other output too.
"""

from dataclasses import asdict, dataclass, field

from engagement import access
from engagement.models import Role

from .cube import Cube
from .filters import FilterError, Filters
from .protected import question_cube
from .rows import table_rows
from .spec import BreakdownError, resolve

# Row keys every results path can rely on (the API's "rows" and the CSV columns).
ROW_FIELDS = (
    "group", "groups", "label", "kind", "suppressed",
    "n", "n_answered", "mean", "sd", "ci_low", "ci_high",
    "pct_positive", "pct_ci_low", "pct_ci_high",
    "diff_vs_rest", "test", "statistic", "p_value", "p_adjusted",
    "pct_diff_vs_rest", "pct_test", "pct_statistic", "pct_p_value", "pct_p_adjusted",
    "distribution",
)
# What every output says about its comparisons and weighting (page sentence, CSV/XLSX column, API field).
COMPARISON_BASES = {
    "all_valid": "Comparison base: everyone else who answered (prefer not to say and not answered left out).",
    "shown_groups": "Comparison base: everyone else in the groups shown (the hidden groups are left out, so "
                    "their figures cannot be worked out).",
}
UNWEIGHTED = ("Weighting: none. Every response counts once: breakdowns are not weighted to the population "
              "(weights are on the representativeness page only).")


@dataclass
class BreakdownTable:
    """One breakdown, already through the disclosure gate.

    ``rows``: one dict per group (keys ``ROW_FIELDS``), valid groups first, then
    "prefer_not_to_say" and "not_answered" (``kind`` says which). ``kind`` is "group",
    "prefer_not_to_say" or "not_answered". Suppressed rows have ``suppressed`` true and every
    figure None. ``distribution`` is a list of {value, label, special, count, pct, ci_low,
    ci_high} (choice questions add diff_vs_rest, test, statistic, p_value, p_adjusted per
    option). Percentages are 0-100. ``total`` has the same shape, for everyone in the table.
    """

    survey: str
    question: str
    question_text: str
    question_type: str  # scale | single | multiple (grid items are "scale")
    by: tuple[str, ...]
    filters: dict
    min_group_size: int
    correction: str  # "holm" or "bh"
    positive: tuple[str, ...]  # answer values counted as positive
    scale: dict | None  # {"min", "max", ...} for scale questions
    total: dict
    rows: list[dict]
    disclosure: dict[str, dict]  # characteristic -> {base, prefer_not_to_say, not_answered}: % or None
    comparison_base: str  # "all_valid": everyone else who answered; "shown_groups": see docs
    notes: list[str] = field(default_factory=list)
    comparison_base_text: str = ""  # COMPARISON_BASES[comparison_base]
    weighted: bool = False  # breakdowns are always unweighted
    weighting_text: str = UNWEIGHTED

    def to_dict(self) -> dict:
        return asdict(self)

    def to_records(self) -> list[dict]:
        """Flat rows for CSV/XLSX: one column per characteristic, then ``ROW_FIELDS``, then
        ``pct_<answer>`` per answer value, then ``comparison_base`` and ``weighted``. The total
        comes last (group "all")."""
        records = []
        for row in [*self.rows, self.total]:
            record = {char: (row["groups"] or {}).get(char, "") for char in self.by}
            record.update({k: row[k] for k in ROW_FIELDS if k not in ("groups", "distribution")})
            for entry in row["distribution"] or []:
                record[f"pct_{entry['value']}"] = entry["pct"]
            record.update(comparison_base=self.comparison_base, weighted=self.weighted)
            records.append(record)
        return records


def breakdown(survey, *, question: str, by, filters: Filters | None = None, user=None,
              correction: str = "holm", positive=None) -> BreakdownTable:
    """Break ``question`` down by one or two characteristics (``by``), with comparisons.

    ``survey``: a Survey with a published version. ``question``: a closed question code or
    grid item code. ``by``: characteristic codes (profile keys or "channel"), at most two.
    ``user``: when given, must hold the analyst role for the survey's programme
    (PermissionDenied otherwise). ``correction``: "holm" (default) or "bh"
    (Benjamini-Hochberg), across the table's groups. ``positive``: answer values counted as
    positive (default: 6-7 on 1-7, 4-5 on 1-5, 7-10 on 0-10; none for choice questions).
    Raises BreakdownError (field errors) for an unknown question, characteristic or filter.
    """
    if user is not None:
        access.require_role(user, Role.ANALYST, survey.programme)
    spec = resolve(survey, question=question, by=by, filters=filters or Filters(),
                   correction=correction, positive=positive)
    cube = question_cube(spec)
    return table(spec, cube, cube.view(spec.filters))


def table(spec, cube: Cube, view: tuple) -> BreakdownTable:
    """The gated table of one view (a choice of atoms per filter dimension) of a cube."""
    rows, total, base, disclosure, notes = table_rows(spec, cube, view)
    return BreakdownTable(
        survey=spec.survey.slug, question=spec.question.code, question_text=spec.question.text,
        question_type=spec.question.type, by=spec.by, filters=spec.filters.describe(),
        min_group_size=spec.k, correction=spec.correction, positive=spec.positive,
        scale=spec.question.scale, total=total, rows=rows, disclosure=disclosure,
        comparison_base=base, notes=notes, comparison_base_text=COMPARISON_BASES[base])


__all__ = ["COMPARISON_BASES", "ROW_FIELDS", "UNWEIGHTED", "BreakdownError", "BreakdownTable", "FilterError", "Filters", "breakdown"]
