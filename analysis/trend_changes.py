"""The change from one period (or wave) to the next, with its test (standards.md §4.3).

Pure: works on the rows of a ``TrendTable``, that is on figures the disclosure gate has
already let through (n, mean, sd, % positive), never on responses. A change is tested
only where both periods are shown: Welch's t-test for means, the two-proportion test
(Fisher's exact test for small counts) for % positive.
"""

from itertools import pairwise

from . import stats


def period_changes(table, measure: str = "mean") -> list[dict]:
    """One dict per group and pair of consecutive periods: {group, label, from, to,
    change (points), test, p_value}; change is None where either period is hidden."""
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
    empty = {"change": None, "test": None, "p_value": None}
    if before["suppressed"] or after["suppressed"]:
        return empty
    if measure == "mean":
        if before["mean"] is None or after["mean"] is None:
            return empty
        _, p = stats.welch((before["n"], before["mean"], before["sd"]), (after["n"], after["mean"], after["sd"]))
        return {"change": after["mean"] - before["mean"], "test": "welch" if p is not None else None, "p_value": p}
    if before["pct_positive"] is None or after["pct_positive"] is None:
        return empty
    k1, k2 = (round(r["pct_positive"] * r["n"] / 100) for r in (before, after))
    test, _, p = stats.two_proportions(k1, before["n"], k2, after["n"])
    return {"change": after["pct_positive"] - before["pct_positive"], "test": test, "p_value": p}
