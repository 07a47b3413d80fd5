"""Codebook themes and the label-free prior built from their names, descriptions
and keywords. The prior lets the tagger work with zero coded examples and steadies
it while examples are few.
"""

from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from .features import Prepared, TextFeatures
from .text import stemmed_string

# One keyword hit gives 0.75, two give ~0.94: explicit keywords are strong evidence.
KEYWORD_MISS_FACTOR = 0.25
# Cosine similarity to the theme's name+description at which the prior saturates,
# and the prior's ceiling from similarity alone (descriptions are weaker evidence).
SIMILARITY_SATURATION = 0.35
SIMILARITY_CEILING = 0.7


@dataclass(frozen=True)
class Theme:
    """A codebook entry: a name, a description and optional keywords/phrases."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """All words that describe the theme, for similarity and vocabulary fitting."""
        return " ".join([self.name, self.description, *self.keywords])


class CodebookPrior:
    """Scores every text against every theme in [0, 1] without any labels."""

    def __init__(self, themes: list[Theme]):
        self.themes = themes
        self.theme_vectors = None
        self.keyword_vectoriser = None
        self.keyword_to_theme = None

    def fit(self, features: TextFeatures) -> "CodebookPrior":
        """Embed theme texts in the fitted word space and index keyword stems."""
        stems = [stemmed_string(t.text(), drop_stop_words=True) for t in self.themes]
        self.theme_vectors = normalize(features.words_only(stems)).T.tocsc()
        phrases = sorted(
            {stemmed_string(k) for t in self.themes for k in t.keywords if stemmed_string(k)}
        )
        if not phrases:
            return self
        longest = max(len(p.split()) for p in phrases)
        self.keyword_vectoriser = CountVectorizer(
            token_pattern=r"\S+", ngram_range=(1, longest), vocabulary=phrases, binary=True
        )
        index = {p: i for i, p in enumerate(phrases)}
        mapping = np.zeros((len(phrases), len(self.themes)), dtype=np.float32)
        for j, theme in enumerate(self.themes):
            for keyword in theme.keywords:
                if stemmed_string(keyword):
                    mapping[index[stemmed_string(keyword)], j] = 1.0
        self.keyword_to_theme = mapping
        return self

    def score(self, prepared: Prepared, word_matrix) -> np.ndarray:
        """Prior confidence per (text, theme); ``word_matrix`` is the word TF-IDF block."""
        similarity = np.asarray((word_matrix @ self.theme_vectors).todense())
        from_description = SIMILARITY_CEILING * np.minimum(1.0, similarity / SIMILARITY_SATURATION)
        if self.keyword_vectoriser is None:
            return from_description
        hits = self.keyword_vectoriser.transform(prepared.stems) @ self.keyword_to_theme
        from_keywords = 1.0 - np.power(KEYWORD_MISS_FACTOR, hits)
        return 1.0 - (1.0 - from_description) * (1.0 - from_keywords)
