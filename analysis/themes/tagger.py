"""Multi-label theme tagging from a codebook plus (optionally) human-coded examples.

Design, in one paragraph: texts are redacted, normalised and turned into word +
character TF-IDF features. Each theme with coded examples gets an NB-weighted
linear SVM and a logistic regression; out-of-fold margins on the training
examples calibrate each (Platt scaling), their probabilities are averaged, and
the same out-of-fold scores pick the theme's decision threshold and whether an
answer under every threshold still gets its best theme (top-1 fallback), so the
test data is never consulted.
A label-free prior from the codebook (keywords, name/description similarity) is
blended in with a weight that fades as a theme gains examples, which is what
makes zero- and few-shot tagging work. Human corrections replace the example of
the same answer, override the output for that answer, and re-fit the models.
"""

from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np

from . import active, calibrate, linear
from .codebook import CodebookPrior, Theme
from .features import Prepared, TextFeatures
from .redact import redact
from .text import is_non_answer, normalise

MODEL_FORMAT = 3
# Coded examples at which a theme's model and its codebook prior weigh equally.
PRIOR_STRENGTH = 4.0
# Themes with fewer positive examples keep the default threshold; tuning a cut-off
# on two or three examples overfits.
MIN_POSITIVES_TO_TUNE = 5
# Pseudo-examples pulling a tuned threshold towards the default.
THRESHOLD_SHRINKAGE = 5.0
# Unlabelled answers kept (redacted) so re-fits after corrections see the same
# vocabulary; a seeded sample bounds the size of a saved model.
MAX_UNLABELLED_KEPT = 20_000
# Top-1 fallback: an answer that passes no threshold still gets its best theme
# if that theme's confidence reaches this fraction of its threshold. The
# fraction is chosen per fit from these candidates by out-of-fold micro F1 on
# the coded answers (inf = off, preferred on ties), so coding schemes where
# many answers have no theme simply switch it off.
FALLBACK_CANDIDATES = (np.inf, 0.8, 0.6, 0.4)


@dataclass
class TagResult:
    """Themes (most confident first) and the full confidence matrix for a batch."""

    themes: list[list[str]]
    confidences: np.ndarray
    theme_names: list[str]

    def scores(self, row: int) -> dict[str, float]:
        """Confidence for every theme of one answer."""
        return dict(zip(self.theme_names, self.confidences[row].round(4).tolist(), strict=True))


def as_theme(entry) -> Theme:
    """Accept a Theme, a bare name, or a dict with name/description/keywords."""
    if isinstance(entry, Theme):
        return entry
    if isinstance(entry, str):
        return Theme(entry)
    keywords = entry.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(";")]
    return Theme(entry["name"], entry.get("description") or "", tuple(k for k in keywords if k))


class ThemeTagger:
    """Fit with ``fit``, tag with ``predict``, improve with ``correct``.

    ``C`` is the SVM regularisation, ``folds`` the internal cross-validation used
    for calibration and thresholds, ``random_state`` fixes every random choice.
    """

    def __init__(self, themes, *, C: float = 0.3, folds: int = 5, random_state: int = 0):
        self.themes = [as_theme(t) for t in themes]
        names = [t.name for t in self.themes]
        if len(set(names)) != len(names) or not names:
            raise ValueError("theme names must be unique and at least one is needed")
        self.C, self.folds, self.random_state = C, folds, random_state
        self.examples: list[tuple[str, frozenset]] = []
        self.corrections: dict[str, tuple[str, frozenset]] = {}
        self.unlabelled: list[str] = []
        self.features: TextFeatures | None = None
        self.prior: CodebookPrior | None = None

    @property
    def theme_names(self) -> list[str]:
        """Theme names in column order of every confidence matrix."""
        return [t.name for t in self.themes]

    def _check_labels(self, labels) -> list[frozenset]:
        known = set(self.theme_names)
        sets = [frozenset(row) for row in labels]
        unknown = sorted(set().union(*sets) - known) if sets else []
        if unknown:
            raise ValueError(f"themes not in the codebook: {', '.join(unknown)}")
        return sets

    def fit(self, texts, labels, unlabelled=()) -> "ThemeTagger":
        """Train on coded ``texts`` with ``labels`` (lists of theme names; may be empty).

        ``unlabelled`` answers only widen the vocabulary and IDF statistics, which
        matters most when there are few or no coded examples.
        """
        texts = list(texts)
        label_sets = self._check_labels(labels)
        if len(texts) != len(label_sets):
            raise ValueError("texts and labels must have the same length")
        self.examples = [(redact(t), s) for t, s in zip(texts, label_sets, strict=True)]
        self.unlabelled = self._sample(list(unlabelled))
        self._train()
        return self

    def _sample(self, texts: list) -> list[str]:
        if len(texts) > MAX_UNLABELLED_KEPT:
            rng = np.random.default_rng(self.random_state)
            texts = [texts[i] for i in sorted(rng.choice(len(texts), MAX_UNLABELLED_KEPT, replace=False))]
        return [redact(t) for t in texts]

    def _fit_features(self, training_texts: list[str]) -> None:
        """Vocabulary from coded + unlabelled answers and the codebook's own words."""
        corpus = training_texts + self.unlabelled + [t.text() for t in self.themes]
        self.features = TextFeatures().fit(Prepared(corpus))
        self.prior = CodebookPrior(self.themes).fit(self.features)

    def _training_set(self) -> tuple[list[str], np.ndarray]:
        rows = [(t, s) for t, s in self.examples if normalise(t) not in self.corrections]
        rows += list(self.corrections.values())
        Y = np.zeros((len(rows), len(self.themes)), dtype=np.int8)
        column = {name: j for j, name in enumerate(self.theme_names)}
        for i, (_, label_set) in enumerate(rows):
            Y[i, [column[name] for name in label_set]] = 1
        return [t for t, _ in rows], Y

    def _train(self) -> None:
        texts, Y = self._training_set()
        self._fit_features(texts)
        k = len(self.themes)
        self.positives = Y.sum(axis=0).astype(int)
        columns = len(linear.MEMBERS) * k
        self.W = np.zeros((self._n_features(), columns), dtype=np.float32)
        self.b = np.zeros(columns, dtype=np.float32)
        self.trained = np.zeros(k, dtype=bool)
        self.platt = np.tile(calibrate.FALLBACK_PLATT, (columns, 1))
        self.thresholds = np.full(k, calibrate.DEFAULT_THRESHOLD)
        self.fallback = np.inf
        # Out-of-fold (tp, fn, fp, tn) per theme: what prevalence correction needs.
        self.error_counts = np.zeros((k, 4), dtype=int)
        if len(texts) < 2:
            return
        prepared = Prepared(texts)
        X = self.features.transform(prepared)
        self.W, self.b, self.trained = linear.fit_weights(X, Y, self.C, self.random_state)
        folds = min(self.folds, len(texts))
        margins = linear.out_of_fold_scores(X, Y, self.C, folds, self.random_state)
        prior = self.prior.score(prepared, self.features.word_block(X))
        self._calibrate(margins, prior, Y)

    def _n_features(self) -> int:
        return len(self.features.word.vocabulary_) + len(self.features.char.vocabulary_)

    def _calibrate(self, margins: np.ndarray, prior: np.ndarray, Y: np.ndarray) -> None:
        k = len(self.themes)
        for column in np.flatnonzero(np.tile(self.trained, len(linear.MEMBERS))):
            self.platt[column] = calibrate.platt(margins[:, column], Y[:, column % k])
        blended = self._blend(np.nan_to_num(margins, nan=-np.inf), prior)
        for j in np.flatnonzero(self.positives >= MIN_POSITIVES_TO_TUNE):
            tuned, _ = calibrate.best_threshold(blended[:, j], Y[:, j])
            weight = self.positives[j] / (self.positives[j] + THRESHOLD_SHRINKAGE)
            self.thresholds[j] = weight * tuned + (1 - weight) * calibrate.DEFAULT_THRESHOLD
        if self.trained.any():
            candidates = FALLBACK_CANDIDATES
            self.fallback = calibrate.best_fallback(blended, Y, self.thresholds, candidates)
        self.error_counts = calibrate.error_counts(
            calibrate.with_fallback(blended, self.thresholds, self.fallback), Y)

    def _blend(self, margins: np.ndarray, prior: np.ndarray) -> np.ndarray:
        """Average the members' calibrated probabilities, then mix in the codebook prior."""
        members = calibrate.sigmoid(self.platt[:, 0] * margins + self.platt[:, 1])
        model = members.reshape(len(margins), len(linear.MEMBERS), len(self.themes)).mean(axis=1)
        weight = np.where(self.trained, self.positives / (self.positives + PRIOR_STRENGTH), 0.0)
        return weight * model + (1 - weight) * prior

    def predict_proba(self, texts) -> np.ndarray:
        """Confidence in [0, 1] for every (text, theme); corrected answers are 0 or 1."""
        return self._score(Prepared([redact(t) for t in texts]))[0]

    def _score(self, prepared: Prepared):
        """Confidences and word TF-IDF rows for already redacted, prepared texts."""
        X = self.features.transform(prepared)
        words = self.features.word_block(X)
        prior = self.prior.score(prepared, words)
        confidences = self._blend(linear.decision_scores(X, self.W, self.b), prior)
        if self.corrections:
            self._apply_corrections(prepared.normal, confidences)
        return confidences, words

    def _apply_corrections(self, keys: list[str], confidences: np.ndarray) -> None:
        column = {name: j for j, name in enumerate(self.theme_names)}
        for i, key in enumerate(keys):
            corrected = self.corrections.get(key)
            if corrected is not None:
                confidences[i] = 0.0
                confidences[i, [column[name] for name in corrected[1]]] = 1.0

    def predict(self, texts) -> TagResult:
        """Themes whose confidence reaches the theme's threshold, most confident first.

        An uncorrected answer that reaches no threshold gets its best theme if that
        theme comes close enough (the top-1 fallback chosen during ``fit``).
        """
        redacted = [redact(t) for t in texts]
        prepared = Prepared(redacted)
        confidences = self._score(prepared)[0]
        corrected = np.array([key in self.corrections for key in prepared.normal], dtype=bool)
        passed = calibrate.with_fallback(confidences, self.thresholds, self.fallback, ~corrected)
        names = self.theme_names
        themes = [
            [names[j] for j in np.argsort(-row) if hit[j]]
            for row, hit in zip(confidences, passed, strict=True)
        ]
        return TagResult(themes, confidences, names)

    def correct(self, texts, labels, refit: bool = True) -> "ThemeTagger":
        """Record human corrections (full theme lists) and, by default, re-fit.

        A correction replaces any earlier example or correction of the same answer.
        """
        for text, label_set in zip(texts, self._check_labels(labels), strict=True):
            redacted = redact(text)
            self.corrections[normalise(redacted)] = (redacted, label_set)
        if refit or self.features is None:
            self._train()
        return self

    def suggest_next(self, texts, k: int = 10) -> list[int]:
        """Indices of up to ``k`` uncoded answers worth coding next (see ``active``).

        Coded answers and non-answers are never suggested.
        """
        prepared = Prepared([redact(t) for t in texts])
        confidences, words = self._score(prepared)
        coded = {normalise(t) for t, _ in self.examples} | set(self.corrections)
        # Coded answers and non-answers ("n/a", "nothing") are not worth a coder's time.
        skip = np.array(
            [key in coded or is_non_answer(key) for key in prepared.normal], dtype=bool
        )
        return active.diverse_uncertain(confidences, self.thresholds, words, k, skip)

    def save(self, path) -> None:
        """Write the fitted tagger with joblib (load only files you wrote yourself)."""
        joblib.dump({"format": MODEL_FORMAT, "tagger": self}, Path(path), compress=3)

    @classmethod
    def load(cls, path) -> "ThemeTagger":
        """Read a tagger written by :meth:`save`."""
        payload = joblib.load(Path(path))
        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            raise ValueError(f"{path} is not a theme tagger saved by this version")
        return payload["tagger"]
