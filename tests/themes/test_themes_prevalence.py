import numpy as np
import pytest

from analysis.themes.prevalence import adjusted_share, theme_share


def test_correction_undoes_a_tagger_that_misses_half():
    # 1,000 answers, 20% truly with the theme; the tagger finds half of them and wrongly
    # tags 2% of the rest, so it counts 11.6%. Rates measured on 400 coded answers.
    rng = np.random.default_rng(0)
    truth = rng.random(1000) < 0.2
    tagged = np.where(truth, rng.random(1000) < 0.5, rng.random(1000) < 0.02)
    share, error, corrected = adjusted_share(int(tagged.sum()), 1000, tp=40, fn=40, fp=6, tn=314)
    assert corrected
    assert tagged.mean() < 0.14  # counting halves it
    assert abs(share - truth.mean()) < 0.03 < abs(tagged.mean() - truth.mean())
    assert 0.005 < error < 0.05


def test_interval_covers_the_truth_and_reviewed_answers_count_as_truth():
    everything_reviewed = theme_share(reviewed=200, reviewed_with=30, unreviewed=0, predicted=0,
                                      errors=(10, 10, 5, 100))
    assert everything_reviewed.estimate == everything_reviewed.low == everything_reviewed.high == 0.15
    half = theme_share(reviewed=100, reviewed_with=20, unreviewed=100, predicted=10, errors=(10, 10, 0, 80))
    assert half.low <= half.estimate <= half.high
    assert half.estimate > half.counted  # the tagger's misses are put back
    assert half.low >= 0.1 and half.high <= 0.6  # within "none" and "all" of the unreviewed


@pytest.mark.parametrize("errors", [(0, 0, 0, 50), (5, 5, 5, 5)])
def test_no_correction_without_a_measured_or_useful_tagger(errors):
    share = theme_share(reviewed=10, reviewed_with=1, unreviewed=90, predicted=9, errors=errors)
    assert not share.corrected
    assert share.estimate == pytest.approx(share.counted)
