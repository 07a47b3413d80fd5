"""Per-answer sentiment with VADER (lexicon shipped with the vaderSentiment package)."""

from functools import lru_cache
from typing import NamedTuple

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# VADER's authors' recommended cut-offs on the compound score.
POSITIVE_FROM = 0.05
NEGATIVE_TO = -0.05


class Sentiment(NamedTuple):
    """VADER compound score in [-1, 1] and its positive/neutral/negative label."""

    compound: float
    label: str


@lru_cache(maxsize=1)
def _analyser() -> SentimentIntensityAnalyzer:
    # Loading the lexicon takes ~0.1 s; do it once per process.
    return SentimentIntensityAnalyzer()


def label_for(compound: float) -> str:
    """Map a compound score to "positive", "neutral" or "negative"."""
    if compound >= POSITIVE_FROM:
        return "positive"
    if compound <= NEGATIVE_TO:
        return "negative"
    return "neutral"


def sentiment(text: object) -> Sentiment:
    """Score one answer; empty or missing text is neutral (0.0)."""
    if text is None or not str(text).strip():
        return Sentiment(0.0, "neutral")
    compound = float(_analyser().polarity_scores(str(text))["compound"])
    return Sentiment(compound, label_for(compound))


def sentiments(texts) -> list[Sentiment]:
    """Score every answer of an iterable."""
    return [sentiment(t) for t in texts]
