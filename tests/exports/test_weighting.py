import numpy as np
import pandas as pd
import pytest

from analysis.weighting import WeightingError, effective_sample_size, rake

MARGINS = {"age_band": {"16-34": 0.30, "35-64": 0.45, "65+": 0.25}, "sex": {"female": 0.51, "male": 0.49}}


def _sample(n=3000, seed=3):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"age_band": rng.choice(["16-34", "35-64", "65+"], n, p=[0.5, 0.38, 0.12]),
                         "sex": rng.choice(["female", "male", "prefer_not_to_say"], n, p=[0.62, 0.33, 0.05])})


def _weighted_shares(frame, weights, var):
    stated = frame[var] != "prefer_not_to_say"
    return (weights[stated].groupby(frame.loc[stated, var]).sum() / weights[stated].sum()).to_dict()


def test_raking_converges_to_every_margin():
    frame = _sample()
    result = rake(frame, MARGINS, tolerance=1e-8)
    assert result.converged
    for var, target in MARGINS.items():
        assert _weighted_shares(frame, result.weights, var) == pytest.approx(target, abs=1e-6)
    assert result.weights.mean() == pytest.approx(1.0)


def test_prefer_not_to_say_keeps_its_weight_out_of_the_margin():
    frame = _sample()
    result = rake(frame, MARGINS)
    assert result.missing["sex"] == pytest.approx((frame.sex == "prefer_not_to_say").mean(), abs=1e-4)


def test_diagnostics_follow_kish():
    frame = _sample()
    result = rake(frame, MARGINS)
    w = result.weights.to_numpy()
    assert result.n_eff == pytest.approx(w.sum() ** 2 / (w ** 2).sum())
    cv2 = w.var() / w.mean() ** 2
    assert result.design_effect == pytest.approx(1 + cv2)
    assert result.efficiency == pytest.approx(result.n_eff / len(w))
    assert 0 < result.efficiency < 1
    assert effective_sample_size(np.ones(50)) == pytest.approx(50)


def test_weights_are_capped_at_five_times_the_median_then_reraked():
    # 20 people aged 65+ must stand for a quarter of the population: raw weights ~ 11x median.
    frame = pd.DataFrame({"age_band": ["16-34"] * 600 + ["35-64"] * 380 + ["65+"] * 20})
    margins = {"age_band": MARGINS["age_band"]}
    uncapped = rake(frame, margins, cap_ratio=None)
    assert uncapped.weights.max() / uncapped.weights.median() > 5
    capped = rake(frame, margins)
    assert capped.capped == 20
    assert capped.weights.max() / capped.weights.median() <= 5 + 1e-9
    assert not capped.converged  # one margin cannot be met within the cap, and it says so
    assert capped.n_eff > uncapped.n_eff


def test_capping_then_reraking_still_meets_margins_when_it_can():
    # Few older men: their raw weights pass 5x the median, and older women can take up the slack.
    rng = np.random.default_rng(5)
    age = rng.choice(["16-34", "35-64", "65+"], 2000, p=[0.55, 0.35, 0.10])
    sex = np.where(age == "65+", rng.choice(["female", "male"], 2000, p=[0.9, 0.1]),
                   rng.choice(["female", "male"], 2000, p=[0.55, 0.45]))
    frame = pd.DataFrame({"age_band": age, "sex": sex})
    uncapped = rake(frame, MARGINS, cap_ratio=None)
    assert uncapped.weights.max() > 5 * uncapped.weights.median()
    result = rake(frame, MARGINS)
    assert result.capped > 0
    assert result.weights.max() <= 5 * result.weights.median() + 1e-6
    assert result.converged
    for var, target in MARGINS.items():
        assert _weighted_shares(frame, result.weights, var) == pytest.approx(target, abs=1e-5)


def test_an_empty_cell_is_a_clear_error():
    frame = pd.DataFrame({"age_band": ["16-34", "35-64"] * 50})
    with pytest.raises(WeightingError, match=r"No respondents in age_band = 65\+"):
        rake(frame, {"age_band": MARGINS["age_band"]})


def test_a_group_without_a_population_share_is_a_clear_error():
    frame = pd.DataFrame({"age_band": ["16-34", "35-64", "65+", "0-15"] * 10})
    with pytest.raises(WeightingError, match="0-15 have no population share"):
        rake(frame, {"age_band": MARGINS["age_band"]})


def test_shares_that_do_not_add_up_are_refused():
    frame = pd.DataFrame({"sex": ["female", "male"] * 10})
    with pytest.raises(WeightingError, match="add up to 80.0%"):
        rake(frame, {"sex": {"female": 0.4, "male": 0.4}})


def test_the_weight_version_changes_with_the_margins():
    frame = _sample()
    other = {**MARGINS, "sex": {"female": 0.52, "male": 0.48}}
    assert rake(frame, MARGINS).version != rake(frame, other).version
    assert rake(frame, MARGINS).version == rake(frame, MARGINS).version
