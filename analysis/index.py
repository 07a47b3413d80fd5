"""An index of several scale questions per group, 0 to 100 (standards.md §4.1).

The Civil Service People Survey's engagement index scores each answer 0/25/50/75/100
(strongly disagree to strongly agree) and averages. Here each item's mean is rescaled to
0-100 ((mean - min) / (max - min) × 100) and the index is the mean of the items' rescaled
means. Every figure comes from ``breakdown`` per item, so the index shows only what the item
breakdowns show: a group suppressed for any item has no index.

The interval is the mean of the items' rescaled interval bounds. The standard error of a
mean of items is at most the mean of their standard errors, so this interval is never
narrower than the exact one: a "met" is never claimed too early.
"""

from dataclasses import dataclass

from .breakdown import breakdown
from .filters import Filters
from .spec import BreakdownError

INDEX_FIELDS = ("group", "label", "kind", "suppressed", "n", "mean", "ci_low", "ci_high")


@dataclass
class IndexTable:
    """``rows`` and ``total`` as in BreakdownTable, keys ``INDEX_FIELDS`` (``mean`` is the
    0-100 index; ``n`` the smallest item base)."""

    items: tuple[str, ...]
    by: tuple[str, ...]
    total: dict
    rows: list[dict]


def index_table(survey, *, items, by, filters: Filters | None = None) -> IndexTable:
    """The index of ``items`` (scale questions or grid items) by one characteristic."""
    items = tuple(items)
    if not items:
        raise BreakdownError({"question": "An index needs at least one question"})
    tables = [breakdown(survey, question=code, by=by, filters=filters) for code in items]
    if any(t.question_type != "scale" for t in tables):
        raise BreakdownError({"question": "An index is made of scale questions only"})
    groups = {row["group"]: row for row in tables[0].rows}
    rows = []
    for group, first in groups.items():
        per_item = [next((r for r in t.rows if r["group"] == group), None) for t in tables]
        rows.append(_combine(first, per_item, tables))
    return IndexTable(items, tuple(by), _combine(tables[0].total, [t.total for t in tables], tables), rows)


def _combine(first: dict, rows: list[dict | None], tables) -> dict:
    out = {k: first[k] for k in ("group", "label", "kind")}
    out.update(suppressed=True, **dict.fromkeys(("n", "mean", "ci_low", "ci_high")))
    if any(r is None or r["suppressed"] or r["mean"] is None for r in rows):
        return out
    scaled = [(_rescale(r["mean"], t), _rescale(r["ci_low"], t), _rescale(r["ci_high"], t))
              for r, t in zip(rows, tables, strict=True)]
    out.update(suppressed=False, n=min(r["n"] for r in rows), mean=_average(s[0] for s in scaled))
    if all(s[1] is not None and s[2] is not None for s in scaled):
        out.update(ci_low=_average(s[1] for s in scaled), ci_high=_average(s[2] for s in scaled))
    return out


def _rescale(value, table) -> float | None:
    if value is None:
        return None
    low, high = table.scale["min"], table.scale["max"]
    return max(0.0, min(100.0, 100 * (value - low) / (high - low)))


def _average(values) -> float:
    values = list(values)
    return sum(values) / len(values)
