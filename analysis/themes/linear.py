"""One-vs-rest NB-weighted linear SVMs folded into one weight matrix.

Each theme gets a linear SVM on features rescaled by naive-Bayes log-count
ratios (Wang & Manning's NBSVM), which suits short texts and rare themes. The
ratio is folded into the weights, so prediction for all themes is a single
sparse-dense product ``X @ W + b``.
"""

import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

NB_SMOOTHING = 1.0


def nb_ratio(X, y: np.ndarray) -> np.ndarray:
    """Log ratio of smoothed feature mass in positive vs negative rows."""
    pos = np.asarray(X[y == 1].sum(axis=0)).ravel() + NB_SMOOTHING
    neg = np.asarray(X[y == 0].sum(axis=0)).ravel() + NB_SMOOTHING
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)


def fit_theme(X, y: np.ndarray, C: float, random_state: int) -> tuple[np.ndarray, float]:
    """Folded weights and bias for one theme (needs both classes in ``y``)."""
    ratio = nb_ratio(X, y)
    model = LinearSVC(C=C, class_weight="balanced", random_state=random_state)
    with warnings.catch_warnings():
        # Near-separable tiny training sets stop early; the solution is still usable.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X.multiply(ratio).tocsr(), y)
    return (model.coef_.ravel() * ratio).astype(np.float32), float(model.intercept_[0])


def fit_weights(X, Y: np.ndarray, C: float, random_state: int = 0):
    """Weight matrix (features x themes), biases, and which themes have a model."""
    n_themes = Y.shape[1]
    W = np.zeros((X.shape[1], n_themes), dtype=np.float32)
    b = np.zeros(n_themes, dtype=np.float32)
    trained = np.zeros(n_themes, dtype=bool)
    for j in range(n_themes):
        positives = int(Y[:, j].sum())
        if 0 < positives < len(Y):
            W[:, j], b[j] = fit_theme(X, Y[:, j], C, random_state)
            trained[j] = True
    return W, b, trained


def decision_scores(X, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Raw SVM margins for every row and theme in one product."""
    return np.asarray(X @ W) + b


def out_of_fold_scores(X, Y: np.ndarray, C: float, folds: int, random_state: int = 0):
    """Margins for each training row from models that did not see it (NaN if none)."""
    scores = np.full(Y.shape, np.nan, dtype=np.float64)
    splitter = KFold(n_splits=folds, shuffle=True, random_state=random_state)
    for train, held_out in splitter.split(X):
        W, b, trained = fit_weights(X[train], Y[train], C, random_state)
        fold_scores = decision_scores(X[held_out], W, b)
        scores[np.ix_(held_out, np.flatnonzero(trained))] = fold_scores[:, trained]
    return scores
