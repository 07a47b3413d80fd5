"""Riding out a database blip (issue 21: "server closed the connection unexpectedly" was a 500).

The server really terminates the request's connection (pg_terminate_backend) just before it writes.
Safe-to-repeat requests are retried once on a new connection; when the retry fails too the API says
503 with Retry-After and the journey shows "please try again: your answers so far are saved".
"""

import json

import psycopg
import pytest
from django.db import connection
from django.test import Client

from surveys.models import Response, ResponseDraft

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
           "visits": 3, "visit_date": "2024-03-27", "nickname": "Ferry fans"}


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL")


class Killer:
    """Terminates the connection from outside before the first ``times`` matching statements."""

    def __init__(self, statement: str, times: int):
        self.statement, self.left, self.kills = statement, times, 0

    def __call__(self, execute, sql, params, many, context):
        if self.left and sql.lstrip().upper().startswith(self.statement):
            self.left -= 1
            self.kills += 1
            pid = context["connection"].connection.info.backend_pid
            settings = connection.settings_dict
            with psycopg.connect(host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
                                 dbname="postgres", autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return execute(sql, params, many, context)


def _submit(survey, client=None):
    client = client or Client(raise_request_exception=False)
    token = client.post(f"/api/v1/surveys/{survey.slug}/submission-tokens/").json()["submission_token"]
    return client.post(f"/api/v1/surveys/{survey.slug}/responses/", json.dumps({"answers": ANSWERS}),
                       content_type="application/json", headers={"Idempotency-Key": "k1", "Submission-Token": token})


def test_an_api_submission_whose_connection_dies_is_retried_once_and_stored_once(every_type_survey):
    killer = Killer("INSERT", times=1)
    with connection.execute_wrapper(killer):
        reply = _submit(every_type_survey)
    assert killer.kills == 1
    assert reply.status_code == 201, reply.content
    assert Response.objects.count() == 1


def test_when_the_retry_fails_too_the_api_says_503_with_retry_after(every_type_survey):
    with connection.execute_wrapper(Killer("INSERT", times=2)):
        reply = _submit(every_type_survey)
    assert reply.status_code == 503 and reply["Retry-After"] == "5"
    assert "try again" in reply.json()["detail"]
    assert not Response.objects.exists()


def test_the_journey_keeps_the_draft_and_asks_the_respondent_to_try_again(every_type_survey, journey):
    respondent = journey(every_type_survey, Client(raise_request_exception=False))
    respondent.start()
    respondent.answer("colour", {"colour": "red"})
    with connection.execute_wrapper(Killer("UPDATE", times=2)):
        reply = respondent.answer("modes", {"modes": ["bus"]})
    assert reply.status_code == 503 and reply["Retry-After"] == "5"
    assert "your answers so far are saved" in reply.content.decode()
    assert ResponseDraft.objects.get().answers == {"colour": "red"}  # nothing lost
    with connection.execute_wrapper(Killer("UPDATE", times=1)):
        again = respondent.answer("modes", {"modes": ["bus"]})
    assert again.status_code == 302  # one blip: retried on the server, the respondent never sees it
    assert ResponseDraft.objects.get().answers == {"colour": "red", "modes": ["bus"]}
