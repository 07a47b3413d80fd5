"""analysis.stats against scipy and statsmodels on the same raw numbers."""

import math

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis import stats

RAW_A = [7, 6, 6, 5, 7, 4, 6, 6, 7, 3, 5, 6, 7, 7, 2, 6, 5]
RAW_B = [4, 5, 3, 6, 2, 5, 4, 4, 3, 6, 5, 1]


def counts(raw):
    values, freq = np.unique(raw, return_counts=True)
    return dict(zip(values.tolist(), freq.tolist(), strict=True))


def test_describe_matches_numpy():
    n, mean, sd = stats.describe(counts(RAW_A))
    assert n == len(RAW_A)
    assert mean == pytest.approx(np.mean(RAW_A))
    assert sd == pytest.approx(np.std(RAW_A, ddof=1))


def test_describe_edge_cases():
    assert stats.describe({}) == (0, None, None)
    assert stats.describe({5: 1}) == (1, 5.0, None)


def test_mean_ci_is_the_t_interval():
    n, mean, sd = stats.describe(counts(RAW_A))
    low, high = stats.mean_ci(n, mean, sd)
    expected = sps.t.interval(0.95, n - 1, loc=np.mean(RAW_A), scale=sps.sem(RAW_A))
    assert (low, high) == pytest.approx(expected)


def test_mean_ci_worked_example_from_standards():
    # §4.2: n = 25, mean 6.1, s = 0.9 -> 5.73 to 6.47
    low, high = stats.mean_ci(25, 6.1, 0.9)
    assert (round(low, 2), round(high, 2)) == (5.73, 6.47)


def test_finite_population_correction_narrows_the_interval():
    low, high = stats.mean_ci(25, 6.1, 0.9, population=40)
    half = (6.47 - 5.73) / 2
    assert (high - low) / 2 == pytest.approx(
        sps.t.ppf(0.975, 24) * 0.9 / 5 * math.sqrt(15 / 39))
    assert (high - low) / 2 < half
    assert stats.mean_ci(25, 6.1, 0.9, population=25) == pytest.approx((6.1, 6.1))


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (10, 10), (57, 91), (1, 1000)])
def test_wilson_matches_statsmodels(k, n):
    assert stats.wilson(k, n) == pytest.approx(proportion_confint(k, n, alpha=0.05, method="wilson"))


def test_welch_matches_scipy_on_raw_data():
    t, p = stats.welch(stats.describe(counts(RAW_A)), stats.describe(counts(RAW_B)))
    expected = sps.ttest_ind(RAW_A, RAW_B, equal_var=False)
    assert (t, p) == pytest.approx((expected.statistic, expected.pvalue))


def test_welch_needs_two_answers_and_some_spread():
    assert stats.welch((1, 5.0, None), (10, 4.0, 1.0)) == (None, None)
    assert stats.welch((10, 5.0, 0.0), (10, 5.0, 0.0)) == (None, None)


def test_two_proportions_z_matches_statsmodels():
    test, z, p = stats.two_proportions(45, 80, 30, 90)
    expected_z, expected_p = proportions_ztest([45, 30], [80, 90])
    assert test == "z"
    assert (z, p) == pytest.approx((expected_z, expected_p))


def test_two_proportions_uses_fisher_when_an_expected_count_is_small():
    test, odds, p = stats.two_proportions(9, 12, 3, 40)
    expected = sps.fisher_exact([[9, 3], [3, 37]])
    assert test == "fisher"
    assert (odds, p) == pytest.approx((expected.statistic, expected.pvalue))


def test_fisher_odds_ratio_with_a_zero_cell_is_none_not_infinity():
    test, odds, p = stats.two_proportions(12, 12, 3, 40)
    assert test == "fisher" and odds is None and 0 < p < 0.001


@pytest.mark.parametrize(("method", "theirs"), [("holm", "holm"), ("bh", "fdr_bh")])
def test_corrections_match_statsmodels(method, theirs):
    pvalues = [0.001, 0.04, 0.03, 0.2, 0.0125, 0.9, 0.049]
    assert stats.adjust(pvalues, method) == pytest.approx(multipletests(pvalues, method=theirs)[1].tolist())


def test_corrections_skip_missing_p_values():
    adjusted = stats.adjust([0.01, None, 0.04], "holm")
    assert adjusted[1] is None
    assert adjusted[0] == pytest.approx(0.02) and adjusted[2] == pytest.approx(0.04)
    with pytest.raises(ValueError):
        stats.adjust([0.1], "bonferroni")


@pytest.mark.parametrize(("low", "high", "status"), [
    (6.0, 6.5, "met"),  # lower bound exactly at the target
    (5.99, 6.5, "inconclusive"),
    (5.5, 6.0, "inconclusive"),  # upper bound exactly at the target is not below it
    (5.5, 5.999, "not_met"),
    (None, None, None),
])
def test_target_status_boundaries(low, high, status):
    assert stats.target_status(low, high, 6.0) == status
