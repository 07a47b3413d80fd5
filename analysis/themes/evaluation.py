"""Evaluation of the tagger on the public NHS FFT v6 file (see shared/data/README.md).

Protocol, as in the README's reference baseline: v6 labels mapped to the
inferred v7 set; rows without text (after pxtextmining-style removal of
punctuation and digits) or without any v7 label dropped; 'Labelling not
possible' rows excluded; then **duplicates collapsed** (identical cleaned texts
become one answer carrying the union of their labels, so no text is in both
training and test); labels with fewer than 5 answers dropped. The headline
figures are 5-fold cross-validation (``KFold(5, shuffle=True, random_state=0)``
over the collapsed answers); ``load_split`` gives the few-shot curve's fixed
80/20 split (``random_state=42``) of the same collapsed answers. The tagger
only ever sees its training part; its thresholds come from cross-validation
inside it.
"""

import re
import string
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import KFold, train_test_split

from .prevalence import theme_share
from .sentiment import sentiment
from .tagger import ThemeTagger

V7_MERGES = {
    "Continuity of care": ["Referals & continuity of care", "Staff continuity"],
    "Environment, facilities & equipment": ["Environment & Facilities", "Provision of medical equipment"],
    "Staffing levels & responsiveness": ["Number & deployment of staff", "Staff responsiveness"],
}  # fmt: skip
V7_DROPPED = [
    "Not assigned", "Negative experience & dissatisfaction", "Diagnosis & triage", "Admission",
    "Care plans", "Patient records", "Impact of treatment/ care", "Patient appearance & grooming",
    "Equality, Diversity & Inclusion", "Safeguarding concerns?", "Learning organisation",
    "Psychological therapy arrangements", "Existence of services", "Choice of services",
    "Out of hours support (community services)",
]  # fmt: skip
NOT_POSSIBLE = "Labelling not possible"
FIRST_LABEL_COLUMN = 11
MIN_LABEL_ROWS = 5
FEW_SHOT_SIZES = (5, 10, 25, 50)


def pxtextmining_clean(text: str) -> str:
    """pxtextmining's ``remove_punc_and_nums``: drop digits and punctuation, lower-case."""
    text = re.sub(r"[\n\r]", " ", text)
    text = "".join(ch for ch in text if not ch.isdigit())
    for mark in string.punctuation:
        text = text.replace(mark, " " if mark in ",.-" else "")
    return " ".join(text.lower().split())


def v7_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """0/1 matrix of the inferred v7 labels from the v6 one-hot columns."""
    labels = frame.iloc[:, FIRST_LABEL_COLUMN:].notna().astype(int)
    for merged, parts in V7_MERGES.items():
        labels[merged] = labels[parts].max(axis=1)
        labels = labels.drop(columns=parts)
    return labels.drop(columns=V7_DROPPED)


@dataclass
class Split:
    """Train/test texts and label matrices with the label names."""

    train_texts: list[str]
    test_texts: list[str]
    Y_train: np.ndarray
    Y_test: np.ndarray
    names: list[str]


@dataclass
class Coded:
    """The collapsed, coded answers: texts, 0/1 labels, label names, labellers' sentiment."""

    texts: list[str]
    Y: np.ndarray
    names: list[str]
    sentiment: list[str]  # "positive" / "neutral" / "negative", "" where the labellers gave none
    rows_before_collapsing: int


SENTIMENT_CLASSES = {1: "positive", 2: "positive", 3: "neutral", 4: "negative", 5: "negative"}


def load_coded(path) -> Coded:
    """Read the CSV and apply the protocol in the module docstring."""
    frame = pd.read_csv(path, na_values=" ", encoding="utf-8")
    labels = v7_labels(frame)
    texts = frame["FFT answer"].fillna("").astype(str).map(pxtextmining_clean)
    keep = (texts != "") & (labels.sum(axis=1) > 0) & (labels[NOT_POSSIBLE] == 0)
    labels = labels[keep].drop(columns=[NOT_POSSIBLE])
    feeling = pd.to_numeric(frame.loc[keep, "Comment sentiment"], errors="coerce").map(SENTIMENT_CLASSES)
    grouped = labels.groupby(texts[keep].to_numpy(), sort=True)
    collapsed = grouped.max()
    collapsed = collapsed.loc[:, collapsed.sum() >= MIN_LABEL_ROWS]
    first_feeling = feeling.fillna("").groupby(texts[keep].to_numpy(), sort=True).first()
    return Coded(collapsed.index.tolist(), collapsed.to_numpy(), list(collapsed.columns),
                 first_feeling.reindex(collapsed.index).tolist(), int(keep.sum()))


def load_split(path) -> Split:
    """The fixed 80/20 split of the collapsed answers (``random_state=42``)."""
    coded = load_coded(path)
    train_x, test_x, train_y, test_y = train_test_split(
        coded.texts, coded.Y, test_size=0.2, random_state=42
    )
    return Split(train_x, test_x, train_y, test_y, coded.names)


def label_lists(Y: np.ndarray, names: list[str]) -> list[list[str]]:
    """Rows of a 0/1 matrix as lists of label names."""
    return [[names[j] for j in np.flatnonzero(row)] for row in Y]


def scores(Y_true: np.ndarray, Y_pred: np.ndarray) -> dict:
    """Micro F1, and macro F1 over labels that occur in the test split."""
    present = Y_true.sum(axis=0) > 0
    return {
        "micro": f1_score(Y_true, Y_pred, average="micro", zero_division=0),
        "macro": f1_score(Y_true[:, present], Y_pred[:, present], average="macro", zero_division=0),
        "per_label": f1_score(Y_true, Y_pred, average=None, zero_division=0),
    }


def run_tagger(split: Split, train_rows: np.ndarray) -> np.ndarray:
    """Fit the production tagger on the chosen training rows; its 0/1 ``predict`` output.

    All training-split texts are passed as unlabelled answers, as the app would
    pass every answer to the question.
    """
    tagger = ThemeTagger(split.names)
    texts = [split.train_texts[i] for i in train_rows]
    tagger.fit(texts, label_lists(split.Y_train[train_rows], split.names), split.train_texts)
    column = {name: j for j, name in enumerate(split.names)}
    predicted = np.zeros((len(split.test_texts), len(split.names)), dtype=int)
    for i, themes in enumerate(tagger.predict(split.test_texts).themes):
        predicted[i, [column[name] for name in themes]] = 1
    return predicted


def few_shot_rows(Y_train: np.ndarray, per_label: int, seed: int = 0) -> np.ndarray:
    """Up to ``per_label`` positives per label plus as many random rows (README curve)."""
    rng = np.random.default_rng(seed)
    chosen: set[int] = set()
    for j in range(Y_train.shape[1]):
        positives = np.flatnonzero(Y_train[:, j])
        take = min(per_label, len(positives))
        chosen.update(rng.choice(positives, size=take, replace=False).tolist())
    others = np.setdiff1d(np.arange(len(Y_train)), sorted(chosen))
    extra = rng.choice(others, size=min(len(chosen), len(others)), replace=False)
    return np.array(sorted(chosen | set(extra.tolist())))


@dataclass
class CrossValidated:
    """Out-of-fold predictions for every answer and per-fold prevalence figures."""

    predicted: np.ndarray
    true_share: np.ndarray  # folds x themes, share of the fold's answers
    counted_share: np.ndarray
    corrected_share: np.ndarray
    corrected_low: np.ndarray
    corrected_high: np.ndarray


def cross_validate(coded: Coded, folds: int = 5, progress=lambda fold: None) -> CrossValidated:
    """5-fold CV: fit on four folds (their texts also as unlabelled answers), tag the fifth.

    Prevalence on the held-out fold: counted from the tags, and corrected with the
    tagger's out-of-fold error counts measured inside its own training folds."""
    n, k = coded.Y.shape
    predicted = np.zeros((n, k), dtype=int)
    shares = np.zeros((5, folds, k))
    for fold, (train, test) in enumerate(KFold(folds, shuffle=True, random_state=0).split(coded.texts)):
        texts = [coded.texts[i] for i in train]
        tagger = ThemeTagger(coded.names).fit(texts, label_lists(coded.Y[train], coded.names), texts)
        column = {name: j for j, name in enumerate(coded.names)}
        for row, themes in zip(test, tagger.predict([coded.texts[i] for i in test]).themes, strict=True):
            predicted[row, [column[name] for name in themes]] = 1
        for j in range(k):
            counted = int(predicted[test, j].sum())
            share = theme_share(reviewed=0, reviewed_with=0, unreviewed=len(test), predicted=counted,
                                errors=tagger.error_counts[j])
            shares[:, fold, j] = (coded.Y[test, j].mean(), share.counted, share.estimate, share.low, share.high)
        progress(fold + 1)
    return CrossValidated(predicted, *shares)


def per_theme(Y: np.ndarray, predicted: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall and F1 per theme (0 where undefined)."""
    options = {"average": None, "zero_division": 0}
    return {"precision": precision_score(Y, predicted, **options), "recall": recall_score(Y, predicted, **options),
            "f1": f1_score(Y, predicted, **options)}


def sentiment_accuracy(coded: Coded) -> dict:
    """VADER's label against the labellers' (positive/neutral/negative), beside always
    answering the commonest class."""
    pairs = [(truth, sentiment(text).label) for text, truth in zip(coded.texts, coded.sentiment, strict=True)
             if truth]
    truth = [t for t, _ in pairs]
    majority = max(set(truth), key=truth.count)
    return {"answers": len(pairs), "accuracy": float(np.mean([t == p for t, p in pairs])),
            "majority_class": majority, "majority_accuracy": truth.count(majority) / len(truth),
            "macro_f1": float(f1_score(truth, [p for _, p in pairs], average="macro"))}
