"""Evaluation of the tagger on the public NHS FFT v6 file (see shared/data/README.md).

Protocol, as in the README's reference baseline: v6 labels mapped to the
inferred v7 set; rows without text (after pxtextmining-style removal of
punctuation and digits) or without any v7 label dropped; 'Labelling not
possible' rows excluded; labels with fewer than 5 rows dropped; then
``train_test_split(test_size=0.2, random_state=42)``. The tagger only ever sees
the training split; its thresholds come from cross-validation inside it.
"""

import re
import string
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

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

PUBLISHED = [
    ("pxtextmining TF-IDF + SVC (hidden v7 data, incl. LNP)", 0.71, 0.64),
    ("pxtextmining TF-IDF + XGBoost (hidden v7 data, incl. LNP)", 0.73, 0.61),
    ("pxtextmining DistilBERT (hidden v7 data, incl. LNP)", 0.75, 0.67),
    ("pxtextmining ensemble (hidden v7 data, incl. LNP)", 0.77, 0.71),
    ("README baseline TF-IDF + LR, this file, excl. LNP", 0.74, 0.50),
    ("README few-shot N=5, this file", 0.48, 0.21),
    ("README few-shot N=10, this file", 0.56, 0.31),
    ("README few-shot N=25, this file", 0.64, 0.42),
    ("README few-shot N=50, this file", 0.67, 0.47),
]


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


def load_split(path) -> Split:
    """Read the CSV and apply the README protocol (see module docstring)."""
    frame = pd.read_csv(path, na_values=" ", encoding="utf-8")
    labels = v7_labels(frame)
    texts = frame["FFT answer"].fillna("").astype(str).map(pxtextmining_clean)
    keep = (texts != "") & (labels.sum(axis=1) > 0) & (labels[NOT_POSSIBLE] == 0)
    labels = labels[keep].drop(columns=[NOT_POSSIBLE])
    labels = labels.loc[:, labels.sum() >= MIN_LABEL_ROWS]
    train_x, test_x, train_y, test_y = train_test_split(
        texts[keep].tolist(), labels.to_numpy(), test_size=0.2, random_state=42
    )
    return Split(train_x, test_x, train_y, test_y, list(labels.columns))


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
