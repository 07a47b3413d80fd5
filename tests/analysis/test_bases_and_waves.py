"""Every output says its comparison base and that it is unweighted; Easy Read answers count with
their survey and are never a wave; each group's change between two waves has its interval and test
(issue 15)."""

import copy
import csv
import datetime
import io

import numpy as np
import pytest
from django.urls import reverse
from scipy import stats as sps
from statsmodels.stats.proportion import confint_proportions_2indep

from analysis import stats
from analysis.breakdown import COMPARISON_BASES, UNWEIGHTED, breakdown
from analysis.exports.services import export_results
from analysis.models import Target
from analysis.trends import trend
from tests.analysis.conftest import DEFINITION, scores

FEMALE = scores([7, 6, 7, 5, 6], 25)
MALE = scores([4, 6, 5, 3], 20)
EARLIER_FEMALE = scores([4, 5, 3, 6], 22)
EARLIER_MALE = scores([5, 4, 6], 18)


def _rows(answers_by_sex: dict[str, list[int]], day: datetime.date):
    return [({"sex": sex, "edi_1": v, "satisfaction": 1 + v % 5}, {"submitted_on": day})
            for sex, values in answers_by_sex.items() for v in values]


@pytest.fixture
def admin_client(administrator, signed_in):
    return signed_in(administrator)


@pytest.fixture
def survey(make_survey, add_responses):
    survey = make_survey()
    add_responses(survey, _rows({"female": FEMALE, "male": MALE}, datetime.date(2026, 3, 3)))
    return survey


@pytest.fixture
def easy_read(survey, make_survey, add_responses):
    """An Easy Read variant asking the same sex and edi questions, with a few answers of its own."""
    data = copy.deepcopy(DEFINITION)
    data["survey"].update(slug="staff-2026-easy-read", variant_of="staff-2026", variant_kind="easy_read")
    data["pages"] = [{"key": "about", "questions": [data["pages"][0]["questions"][0]]},
                     {"key": "scores", "questions": [data["pages"][1]["questions"][0]]}]
    variant = make_survey(data, slug="staff-2026-easy-read")
    add_responses(variant, [({"sex": "female", "edi_1": 1}, {"submitted_on": datetime.date(2026, 3, 4)})] * 6)
    return variant


@pytest.fixture
def earlier(make_survey, add_responses):
    wave = make_survey(slug="staff-2025")
    add_responses(wave, _rows({"female": EARLIER_FEMALE, "male": EARLIER_MALE}, datetime.date(2025, 3, 3)))
    return wave


# -- Easy Read ------------------------------------------------------------------------------------

def test_easy_read_answers_are_in_their_surveys_breakdown(survey, easy_read):
    assert easy_read.variant_of == survey
    table = breakdown(survey, question="edi_1", by=["sex"])
    female = next(r for r in table.rows if r["group"] == "female")
    pooled = FEMALE + [1] * 6
    assert female["n"] == len(pooled) and female["mean"] == pytest.approx(np.mean(pooled))
    assert table.total["n"] == len(FEMALE) + len(MALE) + 6
    # The variant's own address analyses the same pooled answers.
    assert breakdown(easy_read, question="edi_1", by=["sex"]).total["n"] == table.total["n"]


def test_easy_read_is_never_the_next_wave(survey, easy_read, earlier, admin_client):
    result = trend(survey, question="edi_1", period="wave")
    assert [p["survey"] for p in result.periods] == ["staff-2025", "staff-2026"]
    assert result.rows[-1]["n"] == len(FEMALE) + len(MALE) + 6
    reply = admin_client.get(f"/api/v1/surveys/{survey.slug}/trend/", {"question": "edi_1", "period": "wave"})
    assert [p["survey"] for p in reply.json()["periods"]] == ["staff-2025", "staff-2026"]


def test_the_overview_counts_easy_read_responses(survey, easy_read, admin_client):
    page = admin_client.get(reverse("analysis:survey-overview", args=[survey.slug])).content.decode()
    assert str(len(FEMALE) + len(MALE) + 6) in page


# -- comparison base and weighting ----------------------------------------------------------------

def test_the_table_and_api_say_which_base_and_that_figures_are_unweighted(survey, admin_client):
    table = breakdown(survey, question="edi_1", by=["sex"])
    assert table.comparison_base == "all_valid" and table.weighted is False
    assert table.comparison_base_text == COMPARISON_BASES["all_valid"]
    body = admin_client.get(f"/api/v1/surveys/{survey.slug}/breakdown/", {"question": "edi_1", "by": "sex"}).json()
    assert body["comparison_base"] == "all_valid" and body["weighted"] is False
    assert body["comparison_base_text"].startswith("Comparison base: everyone else who answered")
    assert body["weighting_text"] == UNWEIGHTED
    targets = admin_client.get(f"/api/v1/surveys/{survey.slug}/targets/").json()
    assert targets["weighted"] is False


def test_a_hidden_group_switches_the_base_and_every_output_says_so(make_survey, add_responses, admin_client):
    survey = make_survey()
    add_responses(survey, [{"ethnicity": "asian", "edi_1": v} for v in FEMALE]
                  + [{"ethnicity": "black", "edi_1": v} for v in MALE]
                  + [{"ethnicity": "white", "edi_1": 4}] * 3  # below k: hidden
                  + [{"ethnicity": "prefer_not_to_say", "edi_1": 2}] * 3)
    # Everyone who answered = total - the 3 who preferred not to say: that base would give them away.
    table = breakdown(survey, question="edi_1", by=["ethnic_group_broad"])
    assert any(r["suppressed"] for r in table.rows if r["kind"] == "group")
    assert table.comparison_base == "shown_groups"
    records = list(csv.DictReader(io.StringIO(_csv_table(export_results(
        survey, fmt="csv", questions=["edi_1"], by=["ethnic_group_broad"]).content))))
    assert {r["comparison_base"] for r in records} == {"shown_groups"}
    assert {r["weighted"] for r in records} == {"False"}
    header = export_results(survey, fmt="csv", questions=["edi_1"], by=["ethnic_group_broad"]).content.decode("utf-8-sig")
    assert COMPARISON_BASES["shown_groups"] in header and "everyone else who answered" not in header
    assert UNWEIGHTED in header
    page = admin_client.get(reverse("analysis:survey-breakdown", args=[survey.slug]),
                            {"question": "edi_1", "by": "ethnic_group_broad"}).content.decode()
    assert COMPARISON_BASES["shown_groups"] in page and UNWEIGHTED in page


def _csv_table(content: bytes) -> str:
    lines = content.decode("utf-8-sig").splitlines()
    return "\n".join(lines[next(i for i, line in enumerate(lines) if line.startswith("table,")):])


def test_the_trend_page_and_records_say_base_and_weighting(survey, earlier, admin_client):
    result = trend(survey, question="edi_1", period="wave", by=["sex"])
    assert all(r["comparison_base"] == "all_valid" and r["weighted"] is False for r in result.to_records())
    page = admin_client.get(reverse("analysis:survey-trend", args=[survey.slug]),
                            {"question": "edi_1", "period": "wave", "by": "sex"}).content.decode()
    assert COMPARISON_BASES["all_valid"] in page and UNWEIGHTED in page


def test_the_targets_board_and_heat_map_say_they_are_unweighted(survey, admin_client):
    Target.objects.create(programme=survey.programme, name="EDI", measure="mean", threshold=6,
                          question_codes=["edi_1"], characteristics=["sex"])
    for name in ("survey-targets", "survey-heatmap"):
        page = admin_client.get(reverse(f"analysis:{name}", args=[survey.slug]), {"by": "sex"}).content.decode()
        assert UNWEIGHTED in page, name


# -- change between two waves ---------------------------------------------------------------------

def test_mean_change_matches_welchs_interval_from_scipy():
    before, after = np.array(EARLIER_FEMALE, float), np.array(FEMALE, float)
    result = stats.mean_change((len(before), before.mean(), before.std(ddof=1)),
                               (len(after), after.mean(), after.std(ddof=1)))
    reference = sps.ttest_ind(after, before, equal_var=False)
    low, high = reference.confidence_interval(0.95)
    assert result["change"] == pytest.approx(after.mean() - before.mean())
    assert (result["ci_low"], result["ci_high"]) == (pytest.approx(low), pytest.approx(high))
    assert result["test"] == "welch" and result["p_value"] == pytest.approx(reference.pvalue)


@pytest.mark.parametrize(("k1", "n1", "k2", "n2"), [(30, 80, 52, 90), (2, 15, 9, 14), (0, 20, 20, 20)])
def test_proportion_change_matches_newcombes_interval_from_statsmodels(k1, n1, k2, n2):
    result = stats.proportion_change(k1, n1, k2, n2)
    low, high = confint_proportions_2indep(k2, n2, k1, n1, method="newcomb", compare="diff")
    assert result["change"] == pytest.approx(k2 / n2 - k1 / n1)
    assert (result["ci_low"], result["ci_high"]) == (pytest.approx(low), pytest.approx(high))
    assert result["test"] in ("z", "fisher") and result["p_value"] is not None


def test_each_groups_change_between_two_waves_has_its_interval_and_test(survey, earlier, admin_client):
    result = trend(survey, question="edi_1", period="wave", by=["sex"])
    changes = {c["group"]: c for c in result.changes["mean"]}
    assert set(changes) == {"all", "female", "male"}
    for group, before, after in [("female", EARLIER_FEMALE, FEMALE), ("male", EARLIER_MALE, MALE)]:
        reference = sps.ttest_ind(after, before, equal_var=False)
        low, high = reference.confidence_interval(0.95)
        change = changes[group]
        assert (change["from"], change["to"]) == ("staff-2025", "staff-2026")
        assert change["change"] == pytest.approx(np.mean(after) - np.mean(before))
        assert (change["ci_low"], change["ci_high"]) == (pytest.approx(low), pytest.approx(high))
        assert change["p_value"] == pytest.approx(reference.pvalue)
    positive = {c["group"]: c for c in result.changes["pct_positive"]}
    k1, k2 = sum(v >= 6 for v in EARLIER_FEMALE), sum(v >= 6 for v in FEMALE)
    low, high = confint_proportions_2indep(k2, len(FEMALE), k1, len(EARLIER_FEMALE), method="newcomb",
                                           compare="diff")
    assert positive["female"]["ci_low"] == pytest.approx(100 * low)
    assert positive["female"]["ci_high"] == pytest.approx(100 * high)
    body = admin_client.get(f"/api/v1/surveys/{survey.slug}/trend/",
                            {"question": "edi_1", "period": "wave", "by": "sex"}).json()
    assert body["changes"]["mean"][1]["ci_low"] == pytest.approx(changes[body["changes"]["mean"][1]["group"]]["ci_low"])


def test_no_change_is_given_where_a_wave_hides_the_group(survey, make_survey, add_responses):
    small = make_survey(slug="staff-2025")
    add_responses(small, _rows({"female": EARLIER_FEMALE, "male": [4, 5, 6]}, datetime.date(2025, 3, 3)))
    changes = {c["group"]: c for c in trend(survey, question="edi_1", period="wave", by=["sex"]).changes["mean"]}
    assert changes["male"]["change"] is None and changes["male"]["ci_low"] is None
    assert changes["male"]["p_value"] is None
