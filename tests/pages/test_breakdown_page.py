import re

import pytest
from django.urls import reverse

from analysis.breakdown import breakdown


def _get(client, survey, **params):
    return client.get(reverse("analysis:survey-breakdown", args=[survey.slug]), params)


def test_the_form_works_without_javascript_and_shows_the_table(survey, analyst_client):
    response = _get(analyst_client, survey, question="satisfaction", by="sex")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in html
    assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html
    assert "<svg" in html and 'role="img"' in html
    assert "Findings" in html


def test_chart_and_page_have_no_inline_styles_or_scripts_beyond_the_nonce(survey, analyst_client):
    html = _get(analyst_client, survey, question="satisfaction", by="age_band").content.decode()
    assert " style=" not in html
    assert "<style" not in html
    assert all("nonce=" in tag for tag in re.findall(r"<script(?![^>]*src=)[^>]*>", html))


def test_suppressed_groups_show_no_figures(survey, analyst_client):
    table = breakdown(survey, question="satisfaction", by=["age_band"])
    hidden = [row for row in table.rows if row["suppressed"]]
    assert hidden, "the fixture should have a group too small to report"
    html = _get(analyst_client, survey, question="satisfaction", by="age_band").content.decode()
    for row in hidden:
        cells = re.search(rf'scope="row" class="govuk-table__header">{re.escape(row["label"])}</th>(.*?)</tr>',
                          html, re.DOTALL)
        assert cells and "Suppressed" in cells.group(1)
        assert not re.search(r">\s*\d+\s*<", cells.group(1))


def test_a_choice_question_charts_the_chosen_answer(survey, analyst_client):
    html = _get(analyst_client, survey, question="services_used", by="sex", option="ferry").content.decode()
    assert "% answering “Mersey Ferries”" in html


@pytest.mark.parametrize("params", [{"question": "nope", "by": "sex"}, {"question": "satisfaction", "by": "sex",
                                                                         "by2": "sex"}])
def test_bad_choices_are_explained_not_500(survey, analyst_client, params):
    response = _get(analyst_client, survey, **params)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
