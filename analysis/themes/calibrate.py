"""Turning out-of-fold margins into probabilities and per-theme thresholds."""

import numpy as np
from sklearn.linear_model import LogisticRegression

DEFAULT_THRESHOLD = 0.5
# Used when out-of-fold margins cannot be trusted: an SVM margin of +-1 sits on
# the margin boundary, so sigmoid(2m) maps it to about 0.12 / 0.88.
FALLBACK_PLATT = (2.0, 0.0)


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept mapping margins to probabilities (Platt scaling).

    Falls back to ``FALLBACK_PLATT`` when a class is missing or, as can happen
    with a handful of examples, the fitted slope is not positive (higher margins
    must never mean lower confidence).
    """
    known = ~np.isnan(scores)
    if len(np.unique(y[known])) < 2:
        return FALLBACK_PLATT
    model = LogisticRegression(C=100.0)
    model.fit(scores[known].reshape(-1, 1), y[known])
    slope = float(model.coef_[0, 0])
    return (slope, float(model.intercept_[0])) if slope > 0 else FALLBACK_PLATT


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Numerically safe logistic function."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -35, 35)))


def best_threshold(confidence: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The cut-off on ``confidence`` that maximises F1 on these rows, and that F1.

    Sorting once and accumulating true positives makes this O(n log n) rather
    than one pass per candidate threshold.
    """
    positives = y.sum()
    if positives == 0:
        return DEFAULT_THRESHOLD, 0.0
    order = np.argsort(-confidence, kind="stable")
    sorted_conf = confidence[order]
    true_pos = np.cumsum(y[order])
    predicted = np.arange(1, len(y) + 1)
    f1 = 2 * true_pos / (predicted + positives)
    # Only cut between distinct values, otherwise ties would be split arbitrarily.
    last_of_run = np.append(sorted_conf[1:] != sorted_conf[:-1], True)
    f1 = np.where(last_of_run, f1, -1.0)
    best = int(np.argmax(f1))
    below = sorted_conf[best + 1] if best + 1 < len(sorted_conf) else 0.0
    return float((sorted_conf[best] + below) / 2), float(f1[best])


def with_fallback(confidence: np.ndarray, thresholds: np.ndarray, fallback: float, eligible=None):
    """0/1 decisions: thresholds, plus the best theme for rows that passed none.

    A row with no theme over its threshold gets the theme with the highest
    ``confidence / threshold`` if that ratio is at least ``fallback`` (``inf``
    switches the fallback off). ``eligible`` (bool per row) limits which rows may
    use it, e.g. to leave human-corrected answers exactly as corrected.
    """
    passed = confidence >= thresholds
    if not np.isfinite(fallback) or confidence.size == 0:
        return passed
    ratio = confidence / np.maximum(thresholds, 1e-9)
    top = np.argmax(ratio, axis=1)
    rows = np.flatnonzero(~passed.any(axis=1) & (ratio[np.arange(len(ratio)), top] >= fallback))
    if eligible is not None:
        rows = rows[np.asarray(eligible, dtype=bool)[rows]]
    passed[rows, top[rows]] = True
    return passed


def best_fallback(confidence: np.ndarray, Y: np.ndarray, thresholds: np.ndarray, candidates):
    """The fallback ratio with the best micro F1 on these (out-of-fold) rows.

    Candidates are tried in order and a later one must do strictly better, so
    list the most conservative (``inf``, off) first.
    """
    best, best_f1 = candidates[0], -1.0
    for candidate in candidates:
        passed = with_fallback(confidence, thresholds, candidate)
        true_pos = int((passed & (Y == 1)).sum())
        f1 = 2 * true_pos / max(int(passed.sum()) + int(Y.sum()), 1)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = candidate, f1
    return float(best)


def error_counts(passed: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """(tp, fn, fp, tn) per theme (column) of 0/1 decisions against the truth."""
    passed, truth = passed.astype(bool), Y.astype(bool)
    return np.stack([(passed & truth).sum(0), (~passed & truth).sum(0),
                     (passed & ~truth).sum(0), (~passed & ~truth).sum(0)], axis=1).astype(int)
