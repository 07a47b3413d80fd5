"""Idempotency-Key to the IETF draft: bound to the request and scoped to its client (issue 21 findings).

Before the fix: the same key with different answers was a 201 "replayed" that dropped the new
answers; one namespace per survey let anyone pre-empt a key (or a kiosk whose counter restarted
lose every later response); and ``Idempotency-Key: import:1`` made a paper import skip its row 1.
"""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from engagement.tokens import token_create
from surveys.imports import responses_import
from surveys.models import IdempotencyKey, Response

ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
           "visits": 3, "visit_date": "2024-03-27", "nickname": "Ferry fans"}


class Kiosk:
    """An anonymous API client holding the submission token the server gave it."""

    def __init__(self, survey):
        self.survey, self.client = survey, Client()
        reply = self.client.post(f"/api/v1/surveys/{survey.slug}/submission-tokens/")
        assert reply.status_code == 201
        self.token = reply.json()["submission_token"]

    def submit(self, key, answers=ANSWERS, **headers):
        return self.client.post(f"/api/v1/surveys/{self.survey.slug}/responses/", json.dumps({"answers": answers}),
                                content_type="application/json",
                                headers={"Idempotency-Key": key, "Submission-Token": self.token, **headers})


def test_the_same_key_with_a_different_body_is_a_422_and_stores_nothing(every_type_survey):
    kiosk = Kiosk(every_type_survey)
    assert kiosk.submit("0001").status_code == 201
    reused = kiosk.submit("0001", {**ANSWERS, "colour": "red"})
    assert reused.status_code == 422
    assert reused.json()["errors"]["idempotency_key"]
    assert Response.objects.count() == 1 and Response.objects.get().answers["colour"] == "blue"


def test_a_kiosk_whose_counter_restarts_loses_nothing(every_type_survey):
    before_restart, after_restart = Kiosk(every_type_survey), Kiosk(every_type_survey)
    assert before_restart.submit("1").status_code == 201
    second = after_restart.submit("1", {**ANSWERS, "colour": "red"})
    assert second.status_code == 201 and "Idempotent-Replayed" not in second.headers
    assert sorted(Response.objects.values_list("answers__colour", flat=True)) == ["blue", "red"]


def test_a_key_guessed_first_by_someone_else_does_not_pre_empt_the_real_submission(every_type_survey):
    attacker, kiosk = Kiosk(every_type_survey), Kiosk(every_type_survey)
    attacker.submit("tablet-7-0001", {**ANSWERS, "nickname": "junk"})
    real = kiosk.submit("tablet-7-0001")
    assert real.status_code == 201 and "Idempotent-Replayed" not in real.headers
    assert Response.objects.filter(answers__nickname="Ferry fans").count() == 1


def test_anonymous_clients_need_a_submission_token_from_this_server(every_type_survey):
    client = Client()
    url = f"/api/v1/surveys/{every_type_survey.slug}/responses/"
    for headers in ({}, {"Submission-Token": "forged"}):
        reply = client.post(url, json.dumps({"answers": ANSWERS}), content_type="application/json",
                            headers={"Idempotency-Key": "k", **headers})
        assert reply.status_code == 400 and list(reply.json()["errors"]) == ["submission_token"]
    assert not Response.objects.exists()


def test_a_token_holder_keys_are_its_own(every_type_survey, analyst):
    _, text = token_create(user=analyst, name="entry", programmes=[every_type_survey.programme],
                           can_write=True, days=7)
    kiosk = Kiosk(every_type_survey)
    assert kiosk.submit("paper-1").status_code == 201
    typed_in = kiosk.submit("paper-1", {**ANSWERS, "colour": "red"}, Authorization=f"Bearer {text}")
    assert typed_in.status_code == 201 and "Idempotent-Replayed" not in typed_in.headers
    assert kiosk.submit("paper-1", {**ANSWERS, "colour": "red"}, Authorization=f"Bearer {text}").headers[
        "Idempotent-Replayed"] == "true"
    assert Response.objects.count() == 2


def test_an_api_client_cannot_reach_the_import_namespace(every_type_survey, author):
    Kiosk(every_type_survey).submit("import:1", {**ANSWERS, "nickname": "planted"})
    csv = "id,colour,modes,rating5,fair_1,fair_2,visits,visit_date,nickname\n1,red,bus,2,1,2,1,2024-01-02,Paper one\n"
    result = responses_import(survey=every_type_survey, uploaded=io.BytesIO(csv.encode()), filename="paper.csv",
                              user=author)
    assert (result.rows, result.created) == (1, 1)
    assert Response.objects.filter(answers__nickname="Paper one").exists()
    again = responses_import(survey=every_type_survey, uploaded=SimpleUploadedFile("p.csv", csv.encode()),
                             filename="paper.csv", user=author)
    assert again.already_imported == 1  # re-importing the same file still stores nothing new


def test_keys_expire_after_a_day_and_hold_no_exact_time(every_type_survey):
    kiosk = Kiosk(every_type_survey)
    kiosk.submit("k")
    record = IdempotencyKey.objects.get()
    assert record.expires_at.minute == record.expires_at.second == record.expires_at.microsecond == 0
    assert datetime.timedelta(hours=24) < record.expires_at - timezone.now() <= datetime.timedelta(hours=25)
    IdempotencyKey.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    reused = kiosk.submit("k", {**ANSWERS, "colour": "red"})
    assert reused.status_code == 201 and Response.objects.count() == 2
    assert IdempotencyKey.objects.count() == 1  # the expired key was deleted, the new one kept


@pytest.mark.django_db(transaction=True)
def test_racing_retries_with_one_key_store_one_response(every_type_survey):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    kiosk = Kiosk(every_type_survey)

    def retry(_):
        kiosk_copy = Kiosk.__new__(Kiosk)
        kiosk_copy.survey, kiosk_copy.token, kiosk_copy.client = kiosk.survey, kiosk.token, Client()
        return kiosk_copy.submit("race")

    with ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(retry, range(8)))
    assert {r.status_code for r in replies} == {201}
    assert len({r.json()["id"] for r in replies}) == 1 and Response.objects.count() == 1
