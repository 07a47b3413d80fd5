"""The ballot box: staff answers are stored only sealed until k have arrived, then released
together, shuffled, and their key destroyed; restarts and double taps lose nothing."""

import datetime
import io
import logging
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from programme_data import submit, walk

from engagement.models import AuditEvent, Job
from surveys.models import Response, ResponseDraft
from surveys.waves import ballots
from surveys.waves import services as staff_services
from surveys.waves.models import Participation, SealedBallot

PEOPLE = [(f"p{i:02}@lcrca.example", "Finance" if i % 2 else "Transport") for i in range(12)]


def _answer(survey, token, comment):
    browser = Client()
    assert browser.get(f"/staff/people/invite/{token}/").status_code == 302
    walk(browser, survey.slug, {"edi-improve": {"edi_improve": comment}, "eq-about": {"equality_opt_in": "no"}})
    assert submit(browser, survey.slug).status_code == 302
    return browser


def _key_files():
    directory = settings.BALLOT_KEY_DIR
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


@pytest.mark.django_db(transaction=True)
def test_answers_stay_sealed_until_k_have_arrived_then_are_released_together(invite, wave):
    tokens = invite(PEOPLE)
    emails = list(tokens)
    for i, email in enumerate(emails[:9]):
        _answer(wave.survey, tokens[email], f"comment {i}")
    assert not Response.objects.exists() and SealedBallot.objects.count() == 9
    assert Participation.objects.count() == 9
    assert len({len(bytes(b.sealed)) for b in SealedBallot.objects.all()}) == 1  # padded: lengths say nothing
    assert len(_key_files()) == 1  # the wave's live key, outside the database

    _answer(wave.survey, tokens[emails[9]], "comment 9")  # the tenth: a batch of k
    released = list(Response.objects.all())
    assert sorted(r.answers["edi_improve"] for r in released) == [f"comment {i}" for i in range(10)]
    assert {r.submitted_on for r in released} == {timezone.localdate()}
    assert not SealedBallot.objects.exists() and not ResponseDraft.objects.exists()
    assert _key_files() == []  # destroyed once the release committed
    assert Job.objects.get(kind=ballots.RELEASE_JOB).created_by is None  # the job names no one

    _answer(wave.survey, tokens[emails[10]], "comment 10")  # the next batch starts with a new key
    assert Response.objects.count() == 10 and SealedBallot.objects.count() == 1 and len(_key_files()) == 1


def test_a_wave_that_closes_with_fewer_than_k_never_releases_its_answers(invite, wave, client, staff_admin):
    tokens = invite(PEOPLE[:9])
    for i, token in enumerate(tokens.values()):
        _answer(wave.survey, token, f"comment {i}")
    assert call_command("release_ballots", stdout=io.StringIO()) is None
    assert not Response.objects.exists() and SealedBallot.objects.count() == 9
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    wave.save()
    client.force_login(staff_admin)
    client.post(f"/staff/people/waves/{wave.pk}/erase/")
    assert not SealedBallot.objects.exists() and not Response.objects.exists()
    assert wave.__class__.objects.get(pk=wave.pk).final_counts  # the counts are kept


def test_sealed_ballots_survive_a_crashed_release_and_are_released_by_the_command(invite, wave, monkeypatch):
    from engagement import jobs

    def killed(job, **params):
        raise RuntimeError("worker killed")

    monkeypatch.setitem(jobs.KINDS, ballots.RELEASE_JOB, killed)
    tokens = invite(PEOPLE[:10])
    for i, token in enumerate(tokens.values()):
        _answer(wave.survey, token, f"comment {i}")
    assert Job.objects.get().status == Job.Status.FAILED
    assert SealedBallot.objects.count() == 10 and not Response.objects.exists()
    monkeypatch.undo()
    out = io.StringIO()
    call_command("release_ballots", stdout=out)
    assert "10 released" in out.getvalue() and Response.objects.count() == 10


def test_if_the_key_store_is_lost_the_waiting_answers_are_lost_and_reported(invite, wave, settings, tmp_path):
    tokens = invite(PEOPLE[:9])
    for i, token in enumerate(tokens.values()):
        _answer(wave.survey, token, f"comment {i}")
    settings.BALLOT_KEY_DIR = tmp_path / "a-new-empty-key-store"
    for i, token in enumerate(list(invite(PEOPLE[9:12]).values())):
        _answer(wave.survey, token, f"late {i}")
    # 12 ballots wait but only 3 can be opened: fewer than k, so nothing is released
    assert not Response.objects.exists()
    assert ballots.ballots_release(wave) == {"released": 0, "lost": 9}


def test_a_second_tap_on_submit_shows_the_confirmation_again(invite, wave):
    token = invite(PEOPLE[:1])[PEOPLE[0][0]]
    first = Client()
    first.get(f"/staff/people/invite/{token}/")
    walk(first, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    second = Client()  # the same browser's second request, sent before the first reply came back
    second.cookies = first.cookies.__class__(first.cookies)
    assert submit(first, wave.survey.slug).url.startswith(f"/s/{wave.survey.slug}/done/")
    again = submit(second, wave.survey.slug)
    assert again.status_code == 302 and again.url.startswith(f"/s/{wave.survey.slug}/done/")
    assert SealedBallot.objects.count() == 1 and Participation.objects.count() == 1


def test_a_tap_that_raced_the_first_one_is_told_it_worked(invite, wave):
    """Both requests read the draft before either stored it: the second waits for the wave
    lock, finds its draft gone, and is shown the confirmation, storing nothing more."""
    token = invite(PEOPLE[:1])[PEOPLE[0][0]]
    browser = Client()
    browser.get(f"/staff/people/invite/{token}/")
    walk(browser, wave.survey.slug, {"eq-about": {"equality_opt_in": "no"}})
    draft = ResponseDraft.objects.get()
    person = staff_services.Person(PEOPLE[0][0], PEOPLE[0][1])
    staff_services.staff_response_submit(wave=wave, person=person, draft=draft)
    with pytest.raises(staff_services.AlreadySubmitted):
        staff_services.staff_response_submit(wave=wave, person=person, draft=draft)
    assert SealedBallot.objects.count() == 1 and Participation.objects.count() == 1


def test_a_staff_draft_is_stored_only_encrypted_with_a_key_the_server_does_not_keep(invite, wave):
    token = invite(PEOPLE[:1])[PEOPLE[0][0]]
    browser = Client()
    browser.get(f"/staff/people/invite/{token}/")
    walk(browser, wave.survey.slug, {"edi-improve": {"edi_improve": "planted-draft-words"}})
    draft = ResponseDraft.objects.get()
    assert draft.answers == {} and draft.language == "en" and draft.channel_id is None
    assert b"planted-draft-words" not in bytes(draft.sealed)
    page = browser.get(f"/s/{wave.survey.slug}/q/edi-improve/")
    assert "planted-draft-words" in page.content.decode()  # this browser holds the key
    thief = Client()  # the draft's id alone (e.g. a copied cookie without the key) opens nothing
    thief.cookies[f"draft-{wave.survey.pk}"] = browser.cookies[f"draft-{wave.survey.pk}"].value
    assert thief.get(f"/s/{wave.survey.slug}/q/edi-improve/").status_code == 302
    save = browser.post(f"/s/{wave.survey.slug}/save/")
    assert "only this browser holds" in save.content.decode() and not ResponseDraft.objects.get().resume_code_hash


@pytest.mark.parametrize("role", ["author", "administrator"])
def test_importing_responses_into_a_staff_survey_is_refused_and_audited(role, wave, client, staff_programme,
                                                                        django_user_model):
    from engagement.models import RoleAssignment

    user = django_user_model.objects.create_user(email=f"{role}@example.org", password="pw-2026-pw")
    RoleAssignment.objects.create(user=user, role=role, programme=staff_programme if role == "author" else None)
    client.force_login(user)
    upload = io.BytesIO(b"edi_respect\n7\n7\n")
    upload.name = "stuffing.csv"
    page = client.post(f"/staff/surveys/survey/{wave.survey.slug}/responses/import/", {"file": upload})
    assert "cannot be imported into a staff survey" in page.content.decode()
    assert not Response.objects.exists()
    assert AuditEvent.objects.get(action="responses.import_refused").actor == user


def test_production_refuses_an_email_backend_that_prints_invitation_links(settings):
    from engagement.checks import check_production_email

    settings.PRODUCTION = True
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    assert [e.id for e in check_production_email(None)] == ["engagement.E003"]
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    assert check_production_email(None) == []


def test_runserver_logs_invitation_links_without_their_token():
    handler = logging.getLogger("django.server").handlers[0]
    captured = io.StringIO()
    previous = handler.setStream(captured)
    try:
        logging.getLogger("django.server").info('"%s" %s %s', "GET /staff/people/invite/SECRET-token_1/ HTTP/1.1",
                                                "302", "0")
    finally:
        handler.setStream(previous)
    assert "SECRET-token_1" not in captured.getvalue() and "/staff/people/invite/-/" in captured.getvalue()


def test_gunicorn_logs_survey_requests_with_no_per_person_detail():
    from gunicorn.config import Config
    from gunicorn.http.wsgi import Response as GunicornResponse  # noqa: F401  (the class gunicorn passes)

    from engagement.request_logs import GunicornLogger

    class Sent:
        status, sent, headers = "302 Found", 0, [("Location", "/s/staff-survey/")]

    config = Config()
    config.set("accesslog", "-")
    logger = GunicornLogger(config)
    captured = io.StringIO()
    logger.access_log.handlers[0].setStream(captured)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/staff/people/invite/SECRET-token_2/?x=1",
               "PATH_INFO": "/staff/people/invite/SECRET-token_2/", "QUERY_STRING": "x=1",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "Ada's phone",
               "HTTP_REFERER": "https://mail.example/ada"}
    logger.access(Sent(), [("USER-AGENT", "Ada's phone")], environ, datetime.timedelta(milliseconds=5))
    line = captured.getvalue()
    assert re.search(r'"GET /staff/people/invite/-/ HTTP/1.1" 302', line), line
    for detail in ("SECRET-token_2", "198.51.100.7", "Ada's phone", "mail.example"):
        assert detail not in line
