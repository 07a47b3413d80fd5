"""The change from one period (or wave) to the next, with its interval and test (standards.md §4.3).

Pure: works on the rows of a ``TrendTable``, that is on figures the disclosure gate has
already let through (n, mean, sd, % positive), never on responses. A change is tested
only where both periods are shown: Welch's interval and t-test for means
(``stats.mean_change``); for % positive Newcombe's interval with the two-proportion test,
Fisher's exact test for small counts (``stats.proportion_change``). Periods are taken as
independent samples, as separate waves are.
"""

from itertools import pairwise

from . import stats


def period_changes(table, measure: str = "mean") -> list[dict]:
    """One dict per group and pair of consecutive periods: {group, label, from, to,
    change, ci_low, ci_high (in the measure's units: score points, or percentage points),
    test, p_value}; all None where either period is hidden."""
    by_group: dict[str, list[dict]] = {}
    for row in table.rows:
        by_group.setdefault(row["group"], []).append(row)
    changes = []
    for rows in by_group.values():
        for before, after in pairwise(rows):
            changes.append({"group": after["group"], "label": after["label"], "from": before["period"],
                            "to": after["period"], **_test(before, after, measure)})
    return changes


def _test(before, after, measure) -> dict:
    empty = {"change": None, "ci_low": None, "ci_high": None, "test": None, "p_value": None}
    if before["suppressed"] or after["suppressed"] or before[measure] is None or after[measure] is None:
        return empty
    if measure == "mean":
        return stats.mean_change((before["n"], before["mean"], before["sd"]), (after["n"], after["mean"], after["sd"]))
    k1, k2 = (round(r["pct_positive"] * r["n"] / 100) for r in (before, after))
    change = stats.proportion_change(k1, before["n"], k2, after["n"])
    return {**change, **{key: 100 * change[key] for key in ("change", "ci_low", "ci_high")}}
