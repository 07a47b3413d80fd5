"""Authors edit surveys in the staff area (Django admin) by role, not by Django permissions."""

import pytest

from engagement.models import Programme


@pytest.fixture
def other_survey(published_survey, demo_definition):
    elsewhere = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    return published_survey(demo_definition, slug="elsewhere", programme=elsewhere)


def test_it_lets_an_author_edit_surveys_of_their_programme(author, published_survey, signed_in):
    survey = published_survey()
    client = signed_in(author)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/surveys/survey/{survey.pk}/change/").status_code == 200


def test_it_hides_other_programmes_surveys_from_an_author(author, published_survey, other_survey, signed_in):
    published_survey()
    listing = signed_in(author).get("/admin/surveys/survey/").content.decode()
    assert "citizens-voice-2026" in listing
    assert "elsewhere" not in listing
    response = signed_in(author).get(f"/admin/surveys/survey/{other_survey.pk}/change/")
    assert response.status_code == 302  # "doesn't exist" for this author


def test_it_keeps_people_and_roles_for_administrators(author, administrator, signed_in):
    assert signed_in(author).get("/admin/engagement/user/").status_code == 403
    assert signed_in(administrator).get("/admin/engagement/user/").status_code == 200


def test_it_refuses_the_admin_to_staff_without_a_role(outsider, signed_in):
    response = signed_in(outsider).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
