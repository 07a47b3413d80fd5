import pytest
from scipy import stats as sps

from analysis import representativeness as rep
from analysis.disclosure import Dim, gate
from analysis.population import population_load_builtin, population_sets
from analysis.questions import closed_question
from analysis.stats import adjust
from analysis.weighting import WeightingError, rebase
from surveys.definition import for_version

COUNTS = {"a": 30, "b": 70, "prefer_not_to_say": 12, "not_answered": 15}


def compare(counts, population, **kwargs):
    """The comparison over the protected table of ``counts`` (group -> respondents), as
    ``analysis.protected.respondents`` settles it for a survey."""
    scope = gate({(g,): (n, n) for g, n in counts.items() if n}, [Dim("group")], 10)
    return rep.compare_with_population(scope, population, **kwargs)


def test_shares_ratios_and_flags_against_the_population():
    result = compare(COUNTS, {"a": 0.5, "b": 0.5})
    a, b = result.rows
    assert result.stated == 100
    assert result.not_stated == {"not_answered": 15, "prefer_not_to_say": 12}
    assert (a.sample_share, a.difference, a.ratio) == pytest.approx((0.3, -0.2, 0.6))
    assert a.p_value == pytest.approx(sps.binomtest(30, 100, 0.5).pvalue)
    assert [a.p_adjusted, b.p_adjusted] == pytest.approx(adjust([a.p_value, b.p_value], "holm"))
    assert (a.flag, b.flag) == ("under", "over")
    assert a.ci_low < 0.3 < a.ci_high
    assert result.under_represented == [a]


def test_a_small_gap_is_not_flagged():
    result = compare({"a": 47, "b": 53}, {"a": 0.5, "b": 0.5})
    assert [r.flag for r in result.rows] == ["", ""]


def test_out_of_scope_groups_are_left_out_and_shares_rebased():
    result = compare({**COUNTS, "c": 3}, {"a": 0.4, "b": 0.4, "c": 0.2}, exclude=["c"])
    assert [r.group for r in result.rows] == ["a", "b"]
    assert [r.population_share for r in result.rows] == pytest.approx([0.5, 0.5])
    assert result.stated == 100 and result.excluded == ["c"]


def test_a_small_group_cannot_be_worked_out_from_shares():
    result = compare({"a": 4, "b": 96, "prefer_not_to_say": 20}, {"a": 0.5, "b": 0.5})
    a, b = result.rows
    assert a.suppressed and a.sample_share is None and a.p_value is None
    # The gate hides the base (everyone who stated a group) with prefer-not-to-say rather than
    # the valid group b (issue 15): b's count stands, without a share that would give the base.
    assert result.stated is None and result.not_stated["prefer_not_to_say"] is None
    assert b.n == 96 and b.sample_share is None and b.p_value is None


def test_groups_without_a_population_share_are_shown_untested():
    result = compare({"a": 50, "b": 40, "z": 10}, {"a": 0.5, "b": 0.5})
    z = result.rows[-1]
    assert (z.group, z.population_share, z.ratio, z.flag) == ("z", None, None, "")


def test_channel_reach_is_gated(survey):
    reach = rep.channel_reach(survey, "sex")
    assert sum(t for t in reach.channel_totals.values() if t is not None) <= survey.responses.count()
    for channel in reach.channels:
        row = [reach.cells[channel, g] for g in reach.groups if g not in ("prefer_not_to_say", "not_answered")]
        hidden = [n for n in row if n is None]
        assert len(hidden) != 1 or reach.channel_stated[channel] is None  # never one lone gap to subtract
        assert all(n is None or n == 0 or n >= survey.min_group_size for n in row)


def test_raking_the_survey_to_the_lcr_age_profile(survey):
    population_load_builtin()
    ages = population_sets()["LCR Equality Strategy"]["age_band"]
    cells, result = rep.weights_for(survey, {"age_band": ages}, exclude={"age_band": ["0-15"]})
    assert result.converged
    assert rep.weighted_profile(cells, "age_band") == pytest.approx(rebase(ages, ["0-15"]), abs=1e-5)
    question = closed_question(for_version(survey.current_version_id), "satisfaction")
    estimate = rep.weighted_estimate(survey, cells, question)
    assert not estimate.suppressed
    assert estimate.n_eff < estimate.n
    assert estimate.weighted_ci[0] < estimate.weighted_mean < estimate.weighted_ci[1]


def test_raking_to_a_group_nobody_answered_from_is_a_clear_error(survey):
    with pytest.raises(WeightingError, match="No respondents in sex = other"):
        rep.weights_for(survey, {"sex": {"female": 0.5, "male": 0.45, "other": 0.05}})


def test_suppressed_groups_are_compared_together():
    counts = {"0-15": 2, "16-24": 30, "25-64": 400, "65+": 120}
    result = compare(counts, {"0-15": 0.18, "16-24": 0.11, "25-64": 0.52, "65+": 0.19})
    together = result.rows[-1]
    assert together.members == ["0-15", "16-24"]
    assert together.n == 32 and together.population_share == pytest.approx(0.29)
    assert together.flag == "under"
