"""The staff survey journey: invitation links, signing in, once per person per wave."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from programme_data import submit, walk

from surveys.models import Response
from surveys.waves.models import Participation, StaffMember

STAFF_PAGES = ["edi", "engagement", "edi-improve", "your-work", "eq-about"]


def _follow(link_token):
    browser = Client()
    reply = browser.get(f"/staff/people/invite/{link_token}/")
    return browser, reply


def test_an_invited_person_answers_once_through_their_link(invite, wave, release_each):
    tokens = invite([("ada@lcrca.example", "Finance")])
    browser, reply = _follow(tokens["ada@lcrca.example"])
    assert reply.status_code == 302 and reply.url == f"/s/{wave.survey.slug}/"
    assert browser.get(reply.url).status_code == 200
    shown = walk(browser, wave.survey.slug, {
        "edi": {"edi_respect": "6", "edi_belonging": "7"},
        "engagement": {"eng_proud": "4"},
        "edi-improve": {"edi_improve": "Fairer acting-up arrangements"},
        "your-work": {"directorate": "corporate_services", "working_pattern": "part_time"},
        "eq-about": {"equality_opt_in": "no"}})
    assert shown == STAFF_PAGES  # choosing to skip the equality block skips all its pages
    assert submit(browser, wave.survey.slug).status_code == 302
    response = Response.objects.get()
    assert response.answers["edi_respect"] == 6 and response.profile["directorate"] == "corporate_services"
    assert Participation.objects.filter(wave=wave, directorate="Finance").count() == 1

    again = walk_refused(browser, wave)
    assert "already taken part" in again
    fresh_browser, reply = _follow(tokens["ada@lcrca.example"])  # the same link on another device
    assert "already taken part" in fresh_browser.get(reply.url).content.decode()
    assert Response.objects.count() == 1


def walk_refused(browser, wave) -> str:
    reply = browser.post(f"/s/{wave.survey.slug}/begin/", {"language": "en"})
    assert reply.status_code == 403
    return reply.content.decode()


def test_two_devices_started_with_one_link_store_one_response(invite, wave, release_each):
    token = invite([("ben@lcrca.example", "Finance")])["ben@lcrca.example"]
    phone, laptop = _follow(token)[0], _follow(token)[0]
    walk(phone, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    walk(laptop, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    assert submit(phone, wave.survey.slug).status_code == 302
    refused = submit(laptop, wave.survey.slug)
    assert refused.status_code == 403 and "already taken part" in refused.content.decode()
    assert Response.objects.count() == 1 and Participation.objects.count() == 1


def test_the_equality_block_asks_staff_about_sexual_orientation_without_an_age(invite, wave, release_each):
    token = invite([("cy@lcrca.example", "Finance")])["cy@lcrca.example"]
    browser = _follow(token)[0]
    shown = walk(browser, wave.survey.slug, {"eq-about": {"equality_opt_in": "yes"},
                                             "eq-disability": {"disability_condition": "yes"},
                                             "eq-disability-impact": {"disability_impact": "yes_a_little"},
                                             "eq-sexual-orientation": {"sexual_orientation": "bisexual"},
                                             "eq-ethnic-group": {"ethnic_group_broad": "asian"},
                                             "eq-ethnic-group-asian": {"ethnic_group_asian": "pakistani"}})
    assert "eq-sexual-orientation" in shown and "eq-ethnic-group-white" not in shown
    submit(browser, wave.survey.slug)
    profile = Response.objects.get().profile
    assert profile["disability"] == "disabled" and profile["lgb_plus"] == "lgb_plus"
    assert profile["ethnic_minority"] == "ethnic_minority" and profile["ethnic_group_broad"] == "asian"


def test_without_a_link_or_an_account_the_survey_explains_how_to_take_part(wave, respondent_client):
    page = respondent_client.get(f"/s/{wave.survey.slug}/")
    assert page.status_code == 403 and "personal link" in page.content.decode()
    assert walk_refused(respondent_client, wave)


def test_signed_in_staff_on_the_list_answer_once(invite, wave, client, django_user_model):
    invite([("dee@lcrca.example", "Transport")])
    user = django_user_model.objects.create_user(email="dee@lcrca.example", password="persona-password-2026")
    client.force_login(user)
    walk(client, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    assert submit(client, wave.survey.slug).status_code == 302
    assert Participation.objects.get().directorate == "Transport"
    assert "already taken part" in walk_refused(client, wave)


def test_signed_in_staff_not_on_the_list_are_refused(invite, wave, client, outsider):
    invite([("dee@lcrca.example", "Transport")])
    client.force_login(outsider)
    assert walk_refused(client, wave)


def test_without_a_staff_list_any_staff_account_may_answer(wave, client, outsider):
    outsider.directorate = "Policy"
    outsider.save()
    client.force_login(outsider)
    walk(client, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    assert submit(client, wave.survey.slug).status_code == 302
    assert Participation.objects.get().directorate == "Policy"


@pytest.mark.parametrize("token", ["not-a-token", "x" * 200])
def test_an_unknown_link_is_refused(token, respondent_client, db):
    reply = respondent_client.get(f"/staff/people/invite/{token}/")
    assert reply.status_code == 404 and "cannot be used" in reply.content.decode()


def test_a_link_stops_working_when_the_wave_closes(invite, wave):
    token = invite([("eli@lcrca.example", "Transport")])["eli@lcrca.example"]
    browser = _follow(token)[0]
    walk(browser, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    wave.save()
    refused = submit(browser, wave.survey.slug)
    assert refused.status_code == 403 and "not open" in refused.content.decode()
    assert _follow(token)[1].status_code == 404
    assert not Response.objects.exists() and not Participation.objects.exists()


def test_a_new_invitation_replaces_the_old_link(invite, wave, mailoutbox):
    from surveys.waves import services as staff_services

    old = invite([("fay@lcrca.example", "Transport")])["fay@lcrca.example"]
    mailoutbox.clear()
    assert staff_services.invitations_send(wave=wave, reminders=True, link_for=lambda t: f"/invite/{t}/") == 1
    assert _follow(old)[1].status_code == 404
    assert StaffMember.objects.get().invitation_hash == staff_services.token_hash(
        mailoutbox[0].body.split("/invite/")[1].split("/")[0])


def test_the_api_does_not_take_staff_survey_responses(wave, respondent_client):
    reply = respondent_client.post(f"/api/v1/surveys/{wave.survey.slug}/responses/",
                                   {"answers": {"edi_respect": 7}, "idempotency_key": "k1"},
                                   content_type="application/json")
    assert reply.status_code == 403 and not Response.objects.exists()
