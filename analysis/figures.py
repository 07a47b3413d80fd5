"""The figures of one group, and its comparison with everyone else, from answer counts.

Pure: takes {answer value: count} (values as text, multiple choice as JSON lists) and
returns the row fields. Only ``breakdown`` calls this, and only for groups the disclosure
gate shows.
"""

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import stats
from .questions import ClosedQuestion

COMPARISON_FIELDS = ("diff_vs_rest", "test", "statistic", "p_value", "p_adjusted",
                     "pct_diff_vs_rest", "pct_test", "pct_statistic", "pct_p_value", "pct_p_adjusted")


@dataclass
class Summary:
    """Counts of one group: ``n`` is the base of every figure (special answers such as
    "don't know" left out), ``answered`` everyone who answered."""

    n: int = 0
    answered: int = 0
    points: Counter = field(default_factory=Counter)  # scale point (int) -> count
    options: Counter = field(default_factory=Counter)  # option code -> people choosing it
    special: Counter = field(default_factory=Counter)
    positive: int = 0


def summarise(question: ClosedQuestion, counts: Mapping[str, int], positive) -> Summary:
    summary = Summary()
    positive = set(positive)
    for value, count in counts.items():
        if count <= 0:
            continue
        summary.answered += count
        if value in question.special or value in ("prefer_not_to_say", "dont_know"):
            summary.special[value] += count
            continue
        chosen = _chosen(question, value)
        summary.n += count
        if question.scale is not None:
            summary.points[int(value)] += count
        for option in chosen:
            summary.options[option] += count
        if positive.intersection(chosen):
            summary.positive += count
    return summary


def _chosen(question: ClosedQuestion, value: str) -> list[str]:
    if question.type == "multiple":
        return json.loads(value) if value.startswith("[") else [value]
    return [value]


def figures(question: ClosedQuestion, summary: Summary, positive) -> dict:
    """Row figures: n, mean with t interval (scales), % positive with Wilson interval,
    and the distribution of answers. Percentages are 0-100."""
    n, mean, sd = stats.describe(summary.points) if question.scale is not None else (summary.n, None, None)
    ci_low, ci_high = stats.mean_ci(n, mean, sd)
    row = {"n": summary.n, "n_answered": summary.answered, "mean": mean, "sd": sd,
           "ci_low": ci_low, "ci_high": ci_high, "pct_positive": None, "pct_ci_low": None,
           "pct_ci_high": None, "distribution": distribution(question, summary)}
    if positive and summary.n:
        low, high = stats.wilson(summary.positive, summary.n)
        row.update(pct_positive=100 * summary.positive / summary.n, pct_ci_low=100 * low, pct_ci_high=100 * high)
    return row


def distribution(question: ClosedQuestion, summary: Summary) -> list[dict]:
    """Every answer with its count and share: scale points and options as a share of
    ``n``; special answers as a share of everyone who answered."""
    entries = []
    for value in question.answer_values():
        special = value in question.special
        count = summary.special[value] if special else _count(question, summary, value)
        base = summary.answered if special else summary.n
        low, high = stats.wilson(count, base) if base else (None, None)
        entries.append({"value": value, "label": question.value_label(value), "special": special,
                        "count": count, "pct": 100 * count / base if base else None,
                        "ci_low": None if low is None else 100 * low,
                        "ci_high": None if high is None else 100 * high})
    return entries


def _count(question, summary, value) -> int:
    return summary.points[int(value)] if question.scale is not None else summary.options[value]


def compare(question: ClosedQuestion, group: Summary, rest: Summary, positive) -> dict:
    """The group against everyone else: Welch's t for means, z or Fisher for % positive,
    and (choice questions) each option's share. Differences are in points."""
    out = dict.fromkeys(COMPARISON_FIELDS)
    if question.scale is not None:
        a, b = stats.describe(group.points), stats.describe(rest.points)
        if a[1] is not None and b[1] is not None:
            t, p = stats.welch(a, b)
            out.update(diff_vs_rest=a[1] - b[1], test="welch" if p is not None else None, statistic=t, p_value=p)
    if positive and group.n and rest.n:
        test, statistic, p = stats.two_proportions(group.positive, group.n, rest.positive, rest.n)
        out.update(pct_diff_vs_rest=100 * (group.positive / group.n - rest.positive / rest.n),
                   pct_test=test, pct_statistic=statistic, pct_p_value=p)
        if question.scale is None:  # a choice question's headline comparison is its share
            out.update(diff_vs_rest=out["pct_diff_vs_rest"], test=test, statistic=statistic, p_value=p)
    return out


def compare_options(question: ClosedQuestion, group: Summary, rest: Summary) -> dict[str, dict]:
    """Per option of a choice question: the share choosing it against everyone else."""
    found = {}
    for value, _ in question.options:
        if not (group.n and rest.n):
            break
        a, b = group.options[value], rest.options[value]
        test, statistic, p = stats.two_proportions(a, group.n, b, rest.n)
        found[value] = {"diff_vs_rest": 100 * (a / group.n - b / rest.n), "test": test,
                        "statistic": statistic, "p_value": p, "p_adjusted": None}
    return found
