"""Every analysis page: 200 for the programme's analysts, 403 for anyone else signed in,
sign-in first for the anonymous."""

import pytest
from django.urls import reverse

from engagement.models import AuditEvent, Programme, Role, RoleAssignment
from tests.conftest import _person
from tests.pages.conftest import signed_in

PAGES = ["survey-overview", "survey-breakdown", "survey-targets", "survey-trend", "survey-heatmap",
         "survey-representativeness", "survey-report"]


@pytest.mark.parametrize("name", PAGES)
def test_analysts_of_the_programme_see_the_page(name, survey, analyst_client, population):
    response = analyst_client.get(reverse(f"analysis:{name}", args=[survey.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", [*PAGES, "survey-export"])
def test_authors_and_outsiders_are_refused(name, survey, author, outsider):
    for user in (author, outsider):
        response = signed_in(user).get(reverse(f"analysis:{name}", args=[survey.slug]),
                                       {"question": "satisfaction", "by": "sex", "format": "csv"})
        assert response.status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_analysts_of_another_programme_are_refused(name, survey, db):
    other = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    user = _person("elsewhere@example.org", Role.ANALYST, other)
    assert RoleAssignment.objects.filter(user=user).count() == 1
    assert signed_in(user).get(reverse(f"analysis:{name}", args=[survey.slug])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(survey, client):
    response = client.get(reverse("analysis:survey-overview", args=[survey.slug]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unknown_survey_is_404(analyst_client):
    assert analyst_client.get(reverse("analysis:survey-overview", args=["no-such-survey"])).status_code == 404


def test_staff_home_links_each_survey_to_its_overview(survey, analyst_client):
    html = analyst_client.get(reverse("staff-home")).content.decode()
    assert f'href="{reverse("analysis:survey-overview", args=[survey.slug])}"' in html


@pytest.mark.parametrize("name", PAGES)
def test_every_page_view_is_audited_with_its_figures_and_filters(name, survey, analyst, analyst_client, population):
    query = {"question": "satisfaction", "by": "sex", "date_from": "2026-01-01", "channel": "knowsley-carers"}
    assert analyst_client.get(reverse(f"analysis:{name}", args=[survey.slug]), query).status_code == 200
    event = AuditEvent.objects.get(action="analysis.page")
    assert (event.actor, event.target, event.detail["page"]) == (analyst, survey.slug, f"analysis:{name}")
    assert event.detail["query"]["question"] == ["satisfaction"] and event.detail["query"]["by"] == ["sex"]
    assert event.detail["query"]["date_from"] == ["2026-01-01"]


def test_refused_page_views_are_not_audited_as_views(survey, author):
    assert signed_in(author).get(reverse("analysis:survey-breakdown", args=[survey.slug])).status_code == 403
    assert not AuditEvent.objects.filter(action="analysis.page").exists()
