from django.urls import reverse


def _get(client, survey, **params):
    return client.get(reverse("analysis:survey-representativeness", args=[survey.slug]), params).content.decode()


def test_without_population_data_the_page_says_how_to_load_it(survey, analyst_client):
    assert "load_population --builtin" in _get(analyst_client, survey)


def test_sample_against_the_lcr_age_profile_with_channel_reach(survey, analyst_client, population):
    html = _get(analyst_client, survey)  # defaults: the first reference set and characteristic
    assert "Respondents compared with the population: age" in html
    assert "LCR Equality Strategy" in html
    # 0-15 (2 respondents) is hidden, and the shared gate hides the base with "prefer not to
    # say" rather than the 16-24 group, as every breakdown by age does (issue 15)
    assert "Base: suppressed, so no shares or tests are shown" in html and "Under-represented" not in html
    html = _get(analyst_client, survey, reference="LCR Equality Strategy", characteristic="age_band",
                exclude="0-15")
    assert "Base: 153 respondents who gave their age" in html and "In line" in html
    assert "Population share" in html and "<svg" in html
    assert "Which channels reach which groups" in html
    assert "Knowsley Carers" in html


def test_weighting_shows_the_effective_sample_size_beside_weighted_figures(survey, analyst_client, population):
    html = _get(analyst_client, survey, reference="LCR Equality Strategy", characteristic="age_band",
                exclude="0-15", weight="on", question="satisfaction")
    assert "Effective sample size" in html and "Design effect" in html and "Weight version" in html
    assert "n<sub>eff</sub> =" in html
    assert "could not meet" not in html


def test_an_impossible_weighting_is_explained(survey, analyst_client, population):
    html = _get(analyst_client, survey, reference="LCR Equality Strategy", characteristic="age_band", weight="on")
    assert "could not meet every population share" in html or "cannot be made" in html
