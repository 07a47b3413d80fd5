"""Active learning: which uncoded answers should a person code next?

Uncertainty sampling picks answers whose confidence for some theme sits close to
that theme's threshold; a maximal-marginal-relevance pass then trades a little
uncertainty for variety, so one batch does not ask about ten copies of the same
complaint.
"""

import numpy as np

# How much similarity to an already-picked answer costs, in units of uncertainty.
DIVERSITY = 0.5
# Only the most uncertain POOL_FACTOR * k answers enter the (quadratic) diversity pass.
POOL_FACTOR = 20


def uncertainty(confidences: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """1 at a threshold, falling to 0 at the far end of [0, 1], best theme per row."""
    span = np.maximum(thresholds, 1 - thresholds)
    return (1 - np.abs(confidences - thresholds) / span).max(axis=1)


def diverse_uncertain(confidences, thresholds, word_matrix, k: int, skip: np.ndarray) -> list[int]:
    """Row indices of up to ``k`` uncertain, mutually dissimilar answers.

    ``word_matrix`` holds L2-normalised rows; rows in ``skip`` (already coded) and
    rows without any known word are never suggested.
    """
    scores = uncertainty(confidences, thresholds)
    eligible = ~skip & (np.diff(word_matrix.indptr) > 0)
    candidates = np.flatnonzero(eligible)
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    pool = order[: POOL_FACTOR * k]
    closest = np.zeros(len(pool))
    picked: list[int] = []
    for _ in range(min(k, len(pool))):
        gain = scores[pool] - DIVERSITY * closest
        gain[[i for i, row in enumerate(pool) if row in picked]] = -np.inf
        best = int(np.argmax(gain))
        picked.append(int(pool[best]))
        similarity = (word_matrix[pool] @ word_matrix[pool[best]].T).toarray().ravel()
        closest = np.maximum(closest, similarity)
    return picked
