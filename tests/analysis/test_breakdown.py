"""Breakdown figures against scipy/statsmodels on the same raw answers built here."""

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from analysis.breakdown import BreakdownError, breakdown
from tests.analysis.conftest import scores

FEMALE = scores([5, 6, 7, 4, 6, 7, 3], 40)
MALE = scores([3, 6, 7, 2, 5], 30)
PNS = scores([4, 5], 12)
NO_SEX = scores([6], 11)


@pytest.fixture
def survey(make_survey, add_responses):
    survey = make_survey()
    rows = [{"sex": "female", "ethnicity": "white" if i < 25 else "asian", "edi_1": v,
             "uses_bus": "yes" if i % 3 else "no", "services": ["bus", "rail"] if i % 2 else ["ferry"],
             "satisfaction": 1 + i % 5, "recommend": i % 11}
            for i, v in enumerate(FEMALE)]
    rows += [{"sex": "female", "ethnicity": "white", "edi_1": "dont_know"}] * 3
    rows += [{"sex": "male", "ethnicity": "white" if i < 18 else "black", "edi_1": v,
              "uses_bus": "yes" if i % 2 else "no", "services": ["bus"], "satisfaction": 1 + i % 3,
              "recommend": 10 - i % 6} for i, v in enumerate(MALE)]
    rows += [{"sex": "prefer_not_to_say", "ethnicity": "white", "edi_1": v} for v in PNS]
    rows += [{"ethnicity": "mixed", "edi_1": v} for v in NO_SEX]
    add_responses(survey, rows)
    return survey


def row(table, group):
    return next(r for r in table.rows if r["group"] == group)


def test_scale_figures_match_an_independent_calculation(survey):
    table = breakdown(survey, question="edi_1", by=["sex"])
    female = row(table, "female")
    assert female["n"] == 40 and female["n_answered"] == 43  # "don't know" is not in the base
    assert female["mean"] == pytest.approx(np.mean(FEMALE))
    assert female["sd"] == pytest.approx(np.std(FEMALE, ddof=1))
    assert (female["ci_low"], female["ci_high"]) == pytest.approx(
        sps.t.interval(0.95, 39, loc=np.mean(FEMALE), scale=sps.sem(FEMALE)))
    positive = sum(v >= 6 for v in FEMALE)
    assert female["pct_positive"] == pytest.approx(100 * positive / 40)
    assert (female["pct_ci_low"], female["pct_ci_high"]) == pytest.approx(
        tuple(100 * x for x in proportion_confint(positive, 40, method="wilson")))
    counts = {e["value"]: e["count"] for e in female["distribution"]}
    assert counts == {**{str(v): FEMALE.count(v) for v in range(1, 8)}, "dont_know": 3}


def test_each_group_is_compared_with_everyone_else_who_answered(survey):
    table = breakdown(survey, question="edi_1", by=["sex"])
    female, male = row(table, "female"), row(table, "male")
    # everyone else excludes prefer-not-to-say and not answered (§4.3): female's rest is male
    welch = sps.ttest_ind(FEMALE, MALE, equal_var=False)
    assert female["test"] == "welch"
    assert female["diff_vs_rest"] == pytest.approx(np.mean(FEMALE) - np.mean(MALE))
    assert (female["statistic"], female["p_value"]) == pytest.approx((welch.statistic, welch.pvalue))
    z, p = proportions_ztest([sum(v >= 6 for v in FEMALE), sum(v >= 6 for v in MALE)], [40, 30])
    assert female["pct_test"] == "z"
    assert (female["pct_statistic"], female["pct_p_value"]) == pytest.approx((z, p))
    holm = multipletests([female["p_value"], male["p_value"]], method="holm")[1]
    assert [female["p_adjusted"], male["p_adjusted"]] == pytest.approx(list(holm))
    assert table.comparison_base == "all_valid" and table.correction == "holm"


def test_benjamini_hochberg_on_request(survey):
    table = breakdown(survey, question="edi_1", by=["sex"], correction="bh")
    ps = [r["p_value"] for r in table.rows if r["p_value"] is not None]
    assert [r["p_adjusted"] for r in table.rows if r["p_value"] is not None] == pytest.approx(
        list(multipletests(ps, method="fdr_bh")[1]))


def test_prefer_not_to_say_is_its_own_group_with_disclosure_rates(survey):
    table = breakdown(survey, question="edi_1", by=["sex"])
    assert [(r["group"], r["kind"]) for r in table.rows] == [
        ("female", "group"), ("male", "group"), ("prefer_not_to_say", "prefer_not_to_say"),
        ("not_answered", "not_answered")]
    pns = row(table, "prefer_not_to_say")
    assert pns["n"] == 12 and pns["mean"] == pytest.approx(4.5)
    assert pns["p_value"] is None  # never compared
    answered = 43 + 30 + 12 + 11
    assert table.disclosure["sex"] == {"base": answered, "prefer_not_to_say": pytest.approx(100 * 12 / answered),
                                       "not_answered": pytest.approx(100 * 11 / answered)}
    assert table.total["n"] == 40 + 30 + 12 + 11
    assert table.total["mean"] == pytest.approx(np.mean(FEMALE + MALE + PNS + NO_SEX))


def test_positive_defaults_follow_the_scale(survey):
    five = breakdown(survey, question="satisfaction", by=["sex"])
    assert five.positive == ("4", "5")
    satisfaction = [1 + i % 5 for i in range(40)]
    assert row(five, "female")["pct_positive"] == pytest.approx(100 * sum(v >= 4 for v in satisfaction) / 40)
    ten = breakdown(survey, question="recommend", by=["sex"])
    assert ten.positive == ("7", "8", "9", "10")
    male = [10 - i % 6 for i in range(30)]
    assert row(ten, "male")["pct_positive"] == pytest.approx(100 * sum(v >= 7 for v in male) / 30)


def test_single_choice_shares_and_comparison(survey):
    table = breakdown(survey, question="uses_bus", by=["sex"], positive=["yes"])
    female, male = row(table, "female"), row(table, "male")
    f_yes, m_yes = sum(1 for i in range(40) if i % 3), sum(1 for i in range(30) if i % 2)
    assert female["mean"] is None and female["pct_positive"] == pytest.approx(100 * f_yes / 40)
    share = {e["value"]: e for e in female["distribution"]}
    assert share["no"]["count"] == 40 - f_yes
    assert (share["no"]["ci_low"], share["no"]["ci_high"]) == pytest.approx(
        tuple(100 * x for x in proportion_confint(40 - f_yes, 40, method="wilson")))
    _z, p = proportions_ztest([f_yes, m_yes], [40, 30])
    assert (female["diff_vs_rest"], female["p_value"]) == pytest.approx((100 * (f_yes / 40 - m_yes / 30), p))
    assert share["yes"]["p_value"] == pytest.approx(p)
    option_ps = [e["p_value"] for r in (female, male) for e in r["distribution"] if e.get("p_value") is not None]
    assert [e["p_adjusted"] for r in (female, male) for e in r["distribution"] if "p_adjusted" in e] == \
        pytest.approx(list(multipletests(option_ps, method="holm")[1]))


def test_multiple_choice_counts_each_ticked_option(survey):
    table = breakdown(survey, question="services", by=["sex"])
    female = {e["value"]: e for e in row(table, "female")["distribution"]}
    assert female["bus"]["count"] == 20 and female["rail"]["count"] == 20 and female["ferry"]["count"] == 20
    assert female["bus"]["pct"] == pytest.approx(50.0)
    male = {e["value"]: e for e in row(table, "male")["distribution"]}
    assert male["bus"]["pct"] == pytest.approx(100.0) and male["rail"]["count"] == 0
    assert female["bus"]["test"] == "z"
    assert female["bus"]["p_value"] == pytest.approx(proportions_ztest([20, 30], [40, 30])[1])
    assert female["bus"]["diff_vs_rest"] == pytest.approx(50.0 - 100.0)


def test_two_characteristics(survey):
    table = breakdown(survey, question="edi_1", by=["sex", "ethnic_group_broad"])
    cell = row(table, "female / white")
    assert cell["groups"] == {"sex": "female", "ethnic_group_broad": "white"}
    assert cell["n"] == 25 and cell["mean"] == pytest.approx(np.mean(FEMALE[:25]))
    rest = FEMALE[25:] + MALE  # every other valid-by-valid cell
    assert cell["p_value"] == pytest.approx(sps.ttest_ind(FEMALE[:25], rest, equal_var=False).pvalue)
    assert row(table, "male / black")["n"] == 12
    swapped = breakdown(survey, question="edi_1", by=["ethnic_group_broad", "sex"])
    assert row(swapped, "white / female")["mean"] == cell["mean"]


def test_work_attributes_and_channel_as_characteristics(survey, make_survey, add_responses, channels):
    other = make_survey(slug="staff-b")
    add_responses(other, [({"directorate": d, "edi_1": 1 + i % 7}, {"channel": c})
                          for i, (d, c) in enumerate([("finance", "poster")] * 15 + [("transport", "email")] * 12)])
    table = breakdown(other, question="edi_1", by=["directorate"])
    assert [(r["group"], r["n"]) for r in table.rows] == [("finance", 15), ("transport", 12)]
    by_channel = breakdown(other, question="edi_1", by=["channel"])
    assert {r["group"]: r["n"] for r in by_channel.rows} == {"email": 12, "poster": 15}


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"question": "nope", "by": ["sex"]}, "question"),
    ({"question": "comments", "by": ["sex"]}, "question"),  # open text is not a closed question
    ({"question": "edi_1", "by": ["shoe_size"]}, "by"),
    ({"question": "edi_1", "by": ["sex", "sex"]}, "by"),
    ({"question": "edi_1", "by": []}, "by"),
    ({"question": "edi_1", "by": ["sex"], "correction": "bonferroni"}, "correction"),
    ({"question": "edi_1", "by": ["sex"], "positive": ["9"]}, "positive"),
])
def test_unknown_inputs_are_field_errors(survey, kwargs, field):
    with pytest.raises(BreakdownError) as caught:
        breakdown(survey, **kwargs)
    assert field in caught.value.errors


def test_suppressed_rows_carry_no_figures(make_survey, add_responses):
    survey = make_survey()
    add_responses(survey, [{"sex": "female", "edi_1": 6}] * 30 + [{"sex": "male", "edi_1": 5}] * 20
                  + [{"sex": "prefer_not_to_say", "edi_1": 2}] * 3)
    table = breakdown(survey, question="edi_1", by=["sex"])
    pns = row(table, "prefer_not_to_say")
    assert pns["suppressed"] is True
    assert all(pns[k] is None for k in ("n", "n_answered", "mean", "sd", "ci_low", "ci_high", "pct_positive",
                                        "distribution", "p_value", "diff_vs_rest"))
    assert table.disclosure["sex"]["prefer_not_to_say"] is None
    records = table.to_records()
    assert records[-1]["group"] == "all" and records[-1]["n"] == 53
    assert next(r for r in records if r["group"] == "prefer_not_to_say")["n"] is None
