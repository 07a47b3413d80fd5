"""Submitting complete responses over the API: idempotency and clear 400s."""

import json

import pytest

from surveys.models import Channel, Response

ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair": {"fair_1": 5, "fair_2": "dont_know"},
           "visits": 3, "visit_date": "2024-03-27", "nickname": "Ferry fans"}


def submission_token(client, survey):
    """The anonymous client's own submission token (one per client, as a kiosk keeps one)."""
    if not hasattr(client, "submission_token"):
        reply = client.post(f"/api/v1/surveys/{survey.slug}/submission-tokens/")
        assert reply.status_code == 201
        client.submission_token = reply.json()["submission_token"]
    return client.submission_token


def post(client, survey, body, key="key-1", raw=None):
    headers = {"Idempotency-Key": key} if key else {}
    headers["Submission-Token"] = submission_token(client, survey)
    return client.post(f"/api/v1/surveys/{survey.slug}/responses/", raw if raw is not None else json.dumps(body),
                       content_type="application/json", headers=headers)


def test_a_complete_response_is_created(every_type_survey, client):
    reply = post(client, every_type_survey, {"answers": ANSWERS})
    assert reply.status_code == 201, reply.content
    body = reply.json()
    stored = Response.objects.get()
    assert body["id"] == str(stored.pk) and body["version"] == 1
    assert stored.source == "api" and stored.version == every_type_survey.current_version
    assert stored.answers == {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
                              "visits": 3, "visit_date": "2024-03-27", "nickname": "Ferry fans"}


def test_a_replay_with_the_same_idempotency_key_returns_the_first_response(every_type_survey, client):
    first = post(client, every_type_survey, {"answers": ANSWERS}, key="tablet-7-0001")
    again = post(client, every_type_survey, {"answers": dict(reversed(ANSWERS.items()))}, key="tablet-7-0001")
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert Response.objects.count() == 1 and Response.objects.get().answers["colour"] == "blue"


def test_the_key_may_be_sent_in_the_body_and_a_new_key_stores_a_new_response(every_type_survey, client):
    first = post(client, every_type_survey, {"answers": ANSWERS, "idempotency_key": "paper-0001"}, key=None)
    again = post(client, every_type_survey, {"answers": ANSWERS, "idempotency_key": "paper-0001"}, key=None)
    other = post(client, every_type_survey, {"answers": ANSWERS, "idempotency_key": "paper-0002"}, key=None)
    assert first.json()["id"] == again.json()["id"] != other.json()["id"]
    assert Response.objects.count() == 2


def test_the_channel_and_language_are_recorded(every_type_survey, client, programme):
    channel = Channel.objects.create(code="kiosk", name="Library kiosk", programme=programme)
    post(client, every_type_survey, {"answers": ANSWERS, "channel": "kiosk", "language": "cy"})
    stored = Response.objects.get()
    assert (stored.channel, stored.language) == (channel, "cy")


def _with(**changes):
    return {"answers": {k: v for k, v in {**ANSWERS, **changes}.items() if v is not None}}


BAD_ANSWERS = [
    (_with(favourite_food="chips"), "favourite_food", "There is no question with this code"),
    (_with(colour="green"), "colour", "Select one of the options shown"),
    (_with(colour=None), "colour", "Select an answer"),
    (_with(modes=["bus", "none"]), "modes", "Select ‘None of these’ on its own, or untick it"),
    (_with(modes="plane"), "modes", "Select from the options shown"),
    (_with(rating5=6), "rating5", "Select a number from 1 to 5"),
    (_with(rating5=True), "rating5", "Select a number from 1 to 5"),
    (_with(rating10=11), "rating10", "Select a number from 0 to 10"),
    (_with(fair={"fair_1": 0, "fair_2": 3}), "fair_1", "Select a number from 1 to 5 for ‘Staff treat me with respect’"),
    (_with(visits=51), "visits", "Enter a number between 0 and 50"),
    (_with(visits="three"), "visits", "Enter a number, like 12"),
    (_with(visit_date="2024-02-31"), "visit_date", "Enter a real date, like 27 3 2007"),
    (_with(nickname="x" * 501), "nickname", "Answer must be 500 characters or fewer"),
    (_with(nickname=12), "nickname", "Enter your answer as text"),
]


@pytest.mark.parametrize(("body", "field", "message"), BAD_ANSWERS)
def test_answers_that_do_not_fit_are_refused_field_by_field(every_type_survey, client, body, field, message):
    reply = post(client, every_type_survey, body)
    assert reply.status_code == 400
    assert reply.json() == {"detail": "The request has errors; see 'errors'.",
                            "errors": {"answers": {field: [message]}}}
    assert not Response.objects.exists()


def test_every_problem_is_reported_at_once(every_type_survey, client):
    errors = post(client, every_type_survey, {"answers": {"colour": "green", "bogus": 1}}).json()["errors"]
    assert set(errors["answers"]) == {"colour", "bogus", "modes", "rating5", "fair_1", "fair_2", "visits",
                                      "visit_date"}


@pytest.mark.parametrize(("body", "field"), [
    ({"answers": ["colour", "blue"]}, "answers"),
    ({"answers": "colour=blue"}, "answers"),
    ({}, "answers"),
    ({"answers": ANSWERS, "language": "xx"}, "language"),
])
def test_a_malformed_body_is_refused_with_a_field_error(every_type_survey, client, body, field):
    reply = post(client, every_type_survey, body)
    assert reply.status_code == 400
    assert list(reply.json()["errors"]) == [field] and reply.json()["errors"][field][0]


def test_a_body_that_is_not_json_is_refused(every_type_survey, client):
    reply = post(client, every_type_survey, None, raw="answers=colour:blue")
    assert reply.status_code == 400
    assert list(reply.json()["errors"]) == ["body"] and "JSON parse error" in reply.json()["errors"]["body"][0]
    assert not Response.objects.exists()


def test_a_missing_idempotency_key_is_refused(every_type_survey, client):
    reply = post(client, every_type_survey, {"answers": ANSWERS}, key=None)
    assert reply.status_code == 400
    assert reply.json()["errors"] == {"idempotency_key": ["Send an Idempotency-Key header or idempotency_key field"]}


def test_a_survey_that_is_not_open_takes_no_responses(every_type_survey, client):
    submission_token(client, every_type_survey)
    every_type_survey.status = every_type_survey.Status.CLOSED
    every_type_survey.save()
    assert post(client, every_type_survey, {"answers": ANSWERS}).status_code == 404
    assert client.post("/api/v1/surveys/no-such-survey/responses/", "{}", content_type="application/json",
                       headers={"Idempotency-Key": "k"}).status_code == 404
