"""One-vs-rest linear models for every theme, folded into one weight matrix.

Each theme gets two complementary linear models on the same features:

- an NB-weighted linear SVM (Wang & Manning's NBSVM): features rescaled by
  naive-Bayes log-count ratios, hinge loss. It suits short texts and rare themes.
- a logistic regression on the plain TF-IDF features (log loss, L2).

Both use ``class_weight="balanced"``. Their probabilities (after Platt scaling in
``calibrate``) are averaged by the tagger. The NB ratio is folded into the
weights, so prediction for every theme and every member is one sparse-dense
product ``X @ W + b``; ``W`` has one column block of themes per member.
"""

import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

NB_SMOOTHING = 1.0
# Inverse regularisation of the logistic-regression member. Chosen by 3-fold
# cross-validation inside the FFT training split (C = 3, 10, 30 compared; 10 and
# 30 tie, 10 fits faster).
LOGISTIC_C = 10.0
MEMBERS = ("nbsvm", "logistic")


def nb_ratio(X, y: np.ndarray) -> np.ndarray:
    """Log ratio of smoothed feature mass in positive vs negative rows."""
    pos = np.asarray(X[y == 1].sum(axis=0)).ravel() + NB_SMOOTHING
    neg = np.asarray(X[y == 0].sum(axis=0)).ravel() + NB_SMOOTHING
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)


def fit_theme(X, y: np.ndarray, C: float, random_state: int, member: str = "nbsvm"):
    """Folded weights and bias of one member for one theme (needs both classes in ``y``)."""
    with warnings.catch_warnings():
        # Near-separable tiny training sets stop early; the solution is still usable.
        warnings.simplefilter("ignore", ConvergenceWarning)
        if member == "logistic":
            model = LogisticRegression(
                C=LOGISTIC_C,
                class_weight="balanced",
                solver="liblinear",
                dual=True,  # same optimum as the primal solver, ~10x faster on wide TF-IDF
                random_state=random_state,
            )
            model.fit(X, y)
            return model.coef_.ravel().astype(np.float32), float(model.intercept_[0])
        ratio = nb_ratio(X, y)
        model = LinearSVC(C=C, class_weight="balanced", random_state=random_state)
        model.fit(X.multiply(ratio).tocsr(), y)
    return (model.coef_.ravel() * ratio).astype(np.float32), float(model.intercept_[0])


def fit_weights(X, Y: np.ndarray, C: float, random_state: int = 0):
    """Weights (features x members*themes), biases, and which themes have a model.

    Column ``m * n_themes + j`` is member ``m`` of theme ``j``.
    """
    n_themes = Y.shape[1]
    width = len(MEMBERS) * n_themes
    W = np.zeros((X.shape[1], width), dtype=np.float32)
    b = np.zeros(width, dtype=np.float32)
    trained = np.zeros(n_themes, dtype=bool)
    for j in range(n_themes):
        positives = int(Y[:, j].sum())
        if 0 < positives < len(Y):
            for m, member in enumerate(MEMBERS):
                column = m * n_themes + j
                W[:, column], b[column] = fit_theme(X, Y[:, j], C, random_state, member)
            trained[j] = True
    return W, b, trained


def decision_scores(X, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Raw margins for every row and (member, theme) column in one product."""
    return np.asarray(X @ W) + b


def out_of_fold_scores(X, Y: np.ndarray, C: float, folds: int, random_state: int = 0):
    """Margins for each training row from models that did not see it (NaN if none)."""
    n_themes = Y.shape[1]
    scores = np.full((Y.shape[0], len(MEMBERS) * n_themes), np.nan, dtype=np.float64)
    splitter = KFold(n_splits=folds, shuffle=True, random_state=random_state)
    for train, held_out in splitter.split(X):
        W, b, trained = fit_weights(X[train], Y[train], C, random_state)
        fold_scores = decision_scores(X[held_out], W, b)
        columns = np.flatnonzero(np.tile(trained, len(MEMBERS)))
        scores[np.ix_(held_out, columns)] = fold_scores[:, columns]
    return scores
