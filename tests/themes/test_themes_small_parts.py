import numpy as np
import pytest

from analysis.themes.calibrate import best_threshold
from analysis.themes.csvsafe import safe_cell
from analysis.themes.evaluation import few_shot_rows, pxtextmining_clean
from analysis.themes.sentiment import sentiment, sentiments


def test_sentiment_labels():
    assert sentiment("The driver was lovely and really helpful").label == "positive"
    assert sentiment("Rude staff, filthy bus, awful service").label == "negative"
    assert sentiment("I take the bus on Tuesdays").label == "neutral"
    assert sentiment(None) == (0.0, "neutral")
    scores = sentiments(["great 😀", "terrible 😡"])
    assert scores[0].compound > 0 > scores[1].compound
    assert all(-1 <= s.compound <= 1 for s in scores)


@pytest.mark.parametrize("cell", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_cells_get_an_apostrophe(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["late bus", "", 3, None, "a=b"])
def test_other_cells_are_untouched(cell):
    assert safe_cell(cell) == cell


def test_best_threshold_separates_classes():
    confidence = np.array([0.9, 0.8, 0.7, 0.4, 0.3, 0.1])
    y = np.array([1, 1, 1, 0, 0, 0])
    threshold, f1 = best_threshold(confidence, y)
    assert 0.4 < threshold <= 0.7 and f1 == 1.0


def test_pxtextmining_cleaning():
    assert pxtextmining_clean("Great, 10/10!\nWould use again.") == "great would use again"


def test_few_shot_rows_are_seeded_and_cover_each_label():
    rng = np.random.default_rng(1)
    Y = (rng.random((400, 4)) < [0.5, 0.2, 0.05, 0.02]).astype(int)
    rows = few_shot_rows(Y, 5)
    assert np.array_equal(rows, few_shot_rows(Y, 5))
    assert all(Y[rows, j].sum() >= min(5, Y[:, j].sum()) for j in range(4))
    assert len(rows) <= 2 * 4 * 5
