import numpy as np

from analysis.themes import linear
from analysis.themes.calibrate import best_fallback, with_fallback
from analysis.themes.tagger import ThemeTagger


def test_fallback_gives_the_closest_theme_only_to_empty_rows():
    confidence = np.array([[0.45, 0.10], [0.20, 0.30], [0.90, 0.40], [0.05, 0.02]])
    thresholds = np.array([0.5, 0.5])
    assert not with_fallback(confidence, thresholds, np.inf)[[0, 1, 3]].any()
    passed = with_fallback(confidence, thresholds, 0.6)
    assert passed.tolist() == [[True, False], [False, True], [True, False], [False, False]]
    eligible = np.array([False, True, True, True])
    assert not with_fallback(confidence, thresholds, 0.6, eligible)[0].any()


def test_best_fallback_prefers_off_unless_it_helps():
    confidence = np.array([[0.45, 0.1], [0.1, 0.4], [0.9, 0.1]])
    thresholds = np.array([0.5, 0.5])
    every_row_coded = np.array([[1, 0], [0, 1], [1, 0]])
    assert best_fallback(confidence, every_row_coded, thresholds, (np.inf, 0.8, 0.6)) == 0.8
    mostly_uncoded = np.array([[0, 0], [0, 0], [1, 0]])
    assert best_fallback(confidence, mostly_uncoded, thresholds, (np.inf, 0.8, 0.6)) == np.inf


def test_every_member_is_fitted_and_folded_into_one_matrix(codebook, transport_rows):
    rows = [r for r in transport_rows if r["themes"]][:50]
    tagger = ThemeTagger(codebook).fit(
        [r["text"] for r in rows], [r["themes"].split(";") for r in rows]
    )
    k = len(tagger.theme_names)
    assert tagger.W.shape[1] == len(linear.MEMBERS) * k and tagger.platt.shape == (
        len(linear.MEMBERS) * k,
        2,
    )
    assert np.all(tagger.platt[np.tile(tagger.trained, len(linear.MEMBERS)), 0] > 0)
    result = tagger.predict(["the bus was late", "driver was rude"])
    assert np.all((result.confidences >= 0) & (result.confidences <= 1))
