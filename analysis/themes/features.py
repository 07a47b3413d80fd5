"""Sparse text features shared by the tagger: stemmed word n-grams + character n-grams.

Word n-grams carry meaning ("wait time"); character n-grams survive the typos
and run-together words of phone-typed answers ("waitin", "frendly").
"""

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from .text import normalise, stems_of_normalised

# Below this many fitting texts every term is kept (a codebook alone is tiny).
SMALL_CORPUS = 1000
# Character 2-5-grams. Dropping the 2-grams makes tagging ~35% faster but cost
# about 0.02 macro F1 in cross-validation, so they stay.
CHAR_NGRAMS = (2, 5)


class TextFeatures:
    """Fit-once TF-IDF vectorisers; ``transform`` returns one CSR matrix."""

    def __init__(self, max_word_features: int = 60_000, max_char_features: int = 120_000):
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.word = None
        self.char = None

    def _vectorisers(self, n_texts: int) -> tuple[TfidfVectorizer, TfidfVectorizer]:
        min_df = 1 if n_texts < SMALL_CORPUS else 2
        word = TfidfVectorizer(
            token_pattern=r"\S+",
            ngram_range=(1, 2),
            sublinear_tf=True,
            min_df=min_df,
            max_features=self.max_word_features,
            dtype=np.float32,
        )
        char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=CHAR_NGRAMS,
            sublinear_tf=True,
            min_df=min_df,
            max_features=self.max_char_features,
            dtype=np.float32,
        )
        return word, char

    def fit(self, prepared: "Prepared") -> "TextFeatures":
        """Learn vocabularies and IDF weights (labels are never needed)."""
        self.word, self.char = self._vectorisers(len(prepared))
        self.word.fit(prepared.stems)
        self.char.fit(prepared.normal)
        return self

    def transform(self, prepared: "Prepared") -> sp.csr_matrix:
        """Word and character TF-IDF blocks side by side, each L2-normalised."""
        words = self.word.transform(prepared.stems)
        chars = self.char.transform(prepared.normal)
        return sp.hstack([words, chars], format="csr")

    def word_block(self, matrix: sp.csr_matrix) -> sp.csr_matrix:
        """The word-only columns of a ``transform`` result."""
        return matrix[:, : len(self.word.vocabulary_)]

    def words_only(self, stems: list[str]) -> sp.csr_matrix:
        """Word TF-IDF of already-stemmed strings (used for codebook descriptions)."""
        return self.word.transform(stems)


class Prepared:
    """Normalised and stemmed forms of a batch of texts, computed once per batch."""

    def __init__(self, texts):
        self.normal = [normalise(t) for t in texts]
        self.stems = [stems_of_normalised(t) for t in self.normal]

    def __len__(self) -> int:
        return len(self.normal)
