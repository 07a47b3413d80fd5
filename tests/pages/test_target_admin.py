"""Administrators add, edit and retire targets on pages; everyone else is refused."""

import re

import pytest
from django.urls import reverse

from analysis.models import Target
from engagement.models import AuditEvent, Programme, Role, RoleAssignment
from tests.pages.conftest import signed_in

VALID = {"name": "Satisfied residents", "measure": "mean", "question_codes": ["satisfaction"],
         "direction": "at_least", "threshold": "3.5", "characteristics": ["sex"], "positive": "",
         "period_from": "", "period_to": ""}


@pytest.fixture
def admin_client(survey):
    from tests.conftest import _person

    return signed_in(_person("programme-admin@example.org", Role.ADMINISTRATOR, survey.programme))


def _urls(survey, target):
    return [reverse("analysis:target-list", args=[survey.slug]), reverse("analysis:target-create", args=[survey.slug]),
            reverse("analysis:target-edit", args=[survey.slug, target.pk]),
            reverse("analysis:target-retire", args=[survey.slug, target.pk])]


def test_only_administrators_of_the_programme_reach_the_target_pages(survey, analyst, outsider, admin_client):
    target = Target.objects.create(programme=survey.programme, name="T", question_codes=["satisfaction"], threshold=3)
    other = Programme.objects.create(slug="other", name="Other")
    from tests.conftest import _person

    elsewhere = _person("other-admin@example.org", Role.ADMINISTRATOR, other)
    for url in _urls(survey, target):
        assert admin_client.get(url).status_code == 200, url
        for user in (analyst, outsider, elsewhere):
            client = signed_in(user)
            assert client.get(url).status_code == 403, (url, user)
            assert client.post(url, VALID).status_code == 403, (url, user)
    target.refresh_from_db()
    assert target.retired_on is None and Target.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(survey, client):
    response = client.get(reverse("analysis:target-create", args=[survey.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_adding_a_target_saves_it_audits_it_and_shows_it_on_the_board(survey, admin_client):
    response = admin_client.post(reverse("analysis:target-create", args=[survey.slug]), VALID)
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.question_codes, target.threshold, target.characteristics) == (["satisfaction"], 3.5, ["sex"])
    event = AuditEvent.objects.get(action="target.create")
    assert event.detail["after"]["threshold"] == 3.5 and event.detail["before"] is None
    board = admin_client.get(reverse("analysis:survey-targets", args=[survey.slug]), {"by": "sex"}).content.decode()
    assert "Satisfied residents" in board and "(satisfaction)" in board


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"question_codes": []}, "question_codes", "Select at least one question"),
    ({"threshold": "9"}, "threshold", "Enter a mean from 1 to 5"),
    ({"threshold": "lots"}, "threshold", "Enter the threshold as a number"),
    ({"measure": "mean", "question_codes": ["services_used"]}, "question_codes", "scale questions only"),
    ({"measure": "pct_positive", "question_codes": ["services_used"], "threshold": "50"}, "positive",
     "Enter the answers counted as positive"),
    ({"measure": "pct_positive", "positive": "6, 7", "threshold": "50"}, "positive", "Not answers to satisfaction"),
    ({"period_from": "2026-05-01", "period_to": "2026-01-01"}, "period_to", "on or after the start date"),
    ({"period_from": "2026-02-31"}, "period_from", "Enter a real date"),
    ({"question_codes": ["<script>alert(1)</script>"]}, "question_codes", "Select a valid choice"),
    ({"name": ""}, "name", "Enter a name for the target"),
])
def test_bad_input_gets_a_message_and_saves_nothing(survey, admin_client, change, field, message):
    response = admin_client.post(reverse("analysis:target-create", args=[survey.slug]), {**VALID, **change})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html and "<title>Error:" in html.replace("\n", "")
    assert re.search(rf'href="#id_{field}(_0)?"', html)  # the summary links to the field
    assert "<script>alert(1)</script>" not in html
    assert not Target.objects.exists() and not AuditEvent.objects.filter(action__startswith="target.").exists()


def test_editing_a_target_records_before_and_after(survey, admin_client):
    target = Target.objects.create(programme=survey.programme, name="T", question_codes=["satisfaction"], threshold=3)
    form = admin_client.get(reverse("analysis:target-edit", args=[survey.slug, target.pk])).content.decode()
    assert 'value="T"' in form
    response = admin_client.post(reverse("analysis:target-edit", args=[survey.slug, target.pk]),
                                 {**VALID, "name": "T", "threshold": "40", "measure": "pct_positive", "positive": "4, 5"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.threshold, target.measure, target.positive) == (40.0, "pct_positive", ["4", "5"])
    event = AuditEvent.objects.get(action="target.update")
    assert event.detail["before"]["threshold"] == 3 and event.detail["after"]["threshold"] == target.threshold


def test_retiring_keeps_the_target_and_audits_it(survey, admin_client):
    target = Target.objects.create(programme=survey.programme, name="T", question_codes=["satisfaction"], threshold=3)
    url = reverse("analysis:target-retire", args=[survey.slug, target.pk])
    assert "Retire T?" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    target.refresh_from_db()
    assert target.retired_on is not None
    assert AuditEvent.objects.filter(action="target.retire", target="T").exists()
    assert admin_client.get(reverse("analysis:target-edit", args=[survey.slug, target.pk])).status_code == 404
    listing = admin_client.get(reverse("analysis:target-list", args=[survey.slug])).content.decode()
    assert "Retired" in listing


def test_a_target_of_another_programme_cannot_be_edited_through_this_survey(survey, admin_client):
    other = Programme.objects.create(slug="other", name="Other")
    target = Target.objects.create(programme=other, name="Theirs", question_codes=["satisfaction"], threshold=3)
    for url in _urls(survey, target)[2:]:
        assert admin_client.post(url, VALID).status_code == 404
    target.refresh_from_db()
    assert target.name == "Theirs" and target.retired_on is None


def test_a_programme_wide_administrator_sees_the_manage_link(survey, administrator):
    RoleAssignment.objects.filter(user=administrator).update(programme=None)
    html = signed_in(administrator).get(reverse("analysis:survey-targets", args=[survey.slug])).content.decode()
    assert "Add, edit or retire targets" in html


def test_the_positive_answers_box_starts_empty_and_a_mean_keeps_none(survey, admin_client):
    form = admin_client.get(reverse("analysis:target-create", args=[survey.slug])).content.decode()
    assert re.search(r'name="positive" type="text" value=""', form)
    admin_client.post(reverse("analysis:target-create", args=[survey.slug]), {**VALID, "positive": "4, 5"})
    assert Target.objects.get().positive == []
