"""Theme shares corrected for the tagger's measured error, with an interval.

Counting the tagger's suggestions ("classify and count") is biased: a theme the tagger
finds half the time is reported at half its size. Adjusted classify-and-count (Forman,
2008) undoes that with the tagger's true- and false-positive rates:

    share = (predicted share - fpr) / (tpr - fpr)

The rates come from out-of-fold decisions on the coded answers (``ThemeTagger.error_counts``),
so they are measured on answers the model did not see. Reviewed answers count as truth and
only the rest is estimated. The 95% interval is the delta-method one, from the binomial
uncertainty of the predicted share and of both rates.
"""

from dataclasses import asdict, dataclass

import numpy as np

Z95 = 1.96
# Below this gap between the rates the correction divides by almost nothing: the theme's
# share is then reported uncorrected, and said so.
MIN_RATE_GAP = 0.2


@dataclass(frozen=True)
class Share:
    """One theme's estimated share of answers, with a 95% interval (all in [0, 1])."""

    estimate: float
    low: float
    high: float
    counted: float  # the share the suggestions and reviews alone give
    corrected: bool  # False when the tagger's error could not be measured well enough

    def as_dict(self) -> dict:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def adjusted_share(predicted: int, n: int, tp: int, fn: int, fp: int, tn: int) -> tuple[float, float, bool]:
    """(share, standard error, corrected?) of a theme among ``n`` unreviewed answers of which
    ``predicted`` were tagged, given out-of-fold error counts."""
    if n == 0:
        return 0.0, 0.0, False
    q = predicted / n
    # Half-counts keep a rate of 0 or 1 from claiming perfect certainty.
    tpr, fpr = (tp + 0.5) / (tp + fn + 1), (fp + 0.5) / (fp + tn + 1)
    gap = tpr - fpr
    if tp + fn == 0 or gap < MIN_RATE_GAP:
        return q, float(np.sqrt(q * (1 - q) / n)), False
    share = float(np.clip((q - fpr) / gap, 0.0, 1.0))
    variance = (q * (1 - q) / n + share**2 * tpr * (1 - tpr) / (tp + fn + 1)
                + (1 - share) ** 2 * fpr * (1 - fpr) / (fp + tn + 1)) / gap**2
    return share, float(np.sqrt(variance)), True


def theme_share(*, reviewed: int, reviewed_with: int, unreviewed: int, predicted: int, errors) -> Share:
    """A theme's share of all answers: reviewed answers as they were coded, the rest
    estimated from the tagger's suggestions corrected by ``errors`` (tp, fn, fp, tn)."""
    total = reviewed + unreviewed
    if total == 0:
        return Share(0.0, 0.0, 0.0, 0.0, False)
    share, error, corrected = adjusted_share(predicted, unreviewed, *errors)
    weight = unreviewed / total
    estimate = reviewed_with / total + weight * share
    # The truth lies between "none of the rest" and "all of the rest".
    floor, ceiling = reviewed_with / total, (reviewed_with + unreviewed) / total
    low = max(floor, estimate - Z95 * weight * error)
    high = min(ceiling, estimate + Z95 * weight * error)
    return Share(estimate, low, high, (reviewed_with + predicted) / total, corrected)
