"""Pure statistics for breakdowns: no ORM, plain numbers in and out (standards.md §4).

Everything works from counts per answer value, so a million responses cost no more than ten:
the database counts, these functions do the arithmetic exactly.
"""

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
from scipy import stats as sps

CONFIDENCE = 0.95
CORRECTIONS = ("holm", "bh")


def describe(counts: Mapping[float, int]) -> tuple[int, float | None, float | None]:
    """(n, mean, sample SD) of numeric answers given as {value: count}.

    The SD uses n - 1; it is None below two answers, the mean None with none.
    """
    values = np.array(list(counts.keys()), dtype=float)
    weights = np.array(list(counts.values()), dtype=float)
    n = int(weights.sum())
    if n == 0:
        return 0, None, None
    mean = float((values * weights).sum() / n)
    if n < 2:
        return n, mean, None
    variance = float((weights * (values - mean) ** 2).sum() / (n - 1))
    return n, mean, math.sqrt(variance)


def mean_ci(n: int, mean: float | None, sd: float | None, *, population: int | None = None,
            confidence: float = CONFIDENCE) -> tuple[float | None, float | None]:
    """t interval for a mean: x̄ ± t(0.975, n−1)·s/√n (§4.2).

    ``population`` (the group's headcount N) applies the finite population correction
    √((N−n)/(N−1)), as a staff census may (§4.2); None leaves it out.
    """
    if mean is None or sd is None or n < 2:
        return None, None
    half = sps.t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
    if population is not None and population > 1:
        half *= math.sqrt(max(population - n, 0) / (population - 1))
    return mean - half, mean + half


def wilson(k: int, n: int, *, confidence: float = CONFIDENCE) -> tuple[float | None, float | None]:
    """Wilson score interval for the proportion k/n, as proportions 0-1 (§4.2)."""
    if n == 0:
        return None, None
    z = _z(confidence)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@lru_cache(maxsize=8)
def _z(confidence: float) -> float:
    return float(sps.norm.ppf(0.5 + confidence / 2))


def welch(a: tuple[int, float, float], b: tuple[int, float, float]) -> tuple[float | None, float | None]:
    """Welch's t-test from (n, mean, sd) of two groups: (t, two-sided p) (§4.3)."""
    (n1, m1, s1), (n2, m2, s2) = a, b
    if n1 < 2 or n2 < 2 or s1 is None or s2 is None or (s1 == 0 and s2 == 0):
        return None, None
    result = sps.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    return _finite(result.statistic), _finite(result.pvalue)


def two_proportions(k1: int, n1: int, k2: int, n2: int) -> tuple[str | None, float | None, float | None]:
    """Compare k1/n1 with k2/n2: (test, statistic, two-sided p) (§4.3).

    Fisher's exact test (statistic: the odds ratio) when any expected count of the 2×2
    table is below 5; otherwise the pooled two-proportion z-test.
    """
    if n1 == 0 or n2 == 0:
        return None, None, None
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    if (expected < 5).any():
        odds, p = sps.fisher_exact(table)
        return "fisher", _finite(odds), float(p)
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (k1 / n1 - k2 / n2) / se
    return "z", z, float(2 * sps.norm.sf(abs(z)))


def mean_change(before: tuple[int, float, float], after: tuple[int, float, float], *,
                confidence: float = CONFIDENCE) -> dict:
    """The change in a mean from ``before`` to ``after`` ((n, mean, sd) each, independent samples
    such as two waves): {change, ci_low, ci_high, test, p_value} with Welch's interval and test,
    df by Welch-Satterthwaite (§4.3). Interval and test are None where Welch's test is."""
    (n1, m1, s1), (n2, m2, s2) = before, after
    change = m2 - m1
    _, p = welch(before, after)
    if p is None:
        return {"change": change, "ci_low": None, "ci_high": None, "test": None, "p_value": None}
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    half = sps.t.ppf(0.5 + confidence / 2, df) * math.sqrt(v1 + v2)
    return {"change": change, "ci_low": change - half, "ci_high": change + half, "test": "welch", "p_value": p}


def proportion_change(k1: int, n1: int, k2: int, n2: int, *, confidence: float = CONFIDENCE) -> dict:
    """The change in a proportion from k1/n1 to k2/n2, as proportions 0-1: {change, ci_low,
    ci_high, test, p_value}. Newcombe's hybrid score interval (from the two Wilson intervals,
    the intervals the tables show), tested as ``two_proportions`` does (§4.3)."""
    if n1 == 0 or n2 == 0:
        return {"change": None, "ci_low": None, "ci_high": None, "test": None, "p_value": None}
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = wilson(k1, n1, confidence=confidence), wilson(k2, n2, confidence=confidence)
    change = p2 - p1
    test, _, p = two_proportions(k1, n1, k2, n2)
    return {"change": change, "ci_low": change - math.hypot(p2 - l2, u1 - p1),
            "ci_high": change + math.hypot(u2 - p2, p1 - l1), "test": test, "p_value": p}


def _finite(value) -> float | None:
    """JSON has no infinity or NaN (an odds ratio with a zero cell): None instead."""
    value = float(value)
    return value if math.isfinite(value) else None


def adjust(pvalues: Sequence[float | None], method: str = "holm") -> list[float | None]:
    """Holm or Benjamini-Hochberg adjusted p-values over one family; None stays None (§4.3)."""
    if method not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}")
    present = [(i, p) for i, p in enumerate(pvalues) if p is not None]
    adjusted: list[float | None] = [None] * len(pvalues)
    if not present:
        return adjusted
    index, ps = zip(*present, strict=True)
    values = _holm(np.array(ps)) if method == "holm" else _bh(np.array(ps))
    for i, value in zip(index, values, strict=True):
        adjusted[i] = float(value)
    return adjusted


def _holm(p: np.ndarray) -> np.ndarray:
    m = len(p)
    order = np.argsort(p, kind="stable")
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return out


def _bh(p: np.ndarray) -> np.ndarray:
    m = len(p)
    order = np.argsort(p, kind="stable")[::-1]
    stepped = np.minimum.accumulate(p[order] * m / np.arange(m, 0, -1))
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return out


def target_status(low: float | None, high: float | None, threshold: float, *,
                  direction: str = "at_least") -> str | None:
    """"met" if the interval's lower bound reaches the target, "not_met" if its upper bound
    is below it, otherwise "inconclusive" (§4.2). None without an interval. An "at_most"
    target (e.g. a share feeling unsafe) mirrors this: met when the upper bound is at or
    below the threshold."""
    if low is None or high is None:
        return None
    if direction == "at_most":
        return "met" if high <= threshold else "not_met" if low > threshold else "inconclusive"
    if low >= threshold:
        return "met"
    if high < threshold:
        return "not_met"
    return "inconclusive"
