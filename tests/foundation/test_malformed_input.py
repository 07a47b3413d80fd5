"""NUL bytes and invalid UTF-8 anywhere in a request get a 400, never a 500 (issue 21).

Each finding of the issue is replayed as the attacker sent it. On PostgreSQL the NUL cases were
500s (``PostgreSQL text fields cannot contain NUL``) before engagement.middleware.RejectMalformedInput.
"""

import base64
import json

import pytest
from django.test import Client

from surveys.models import Response, ResponseDraft

ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
           "visits": 3, "visit_date": "2024-03-27", "nickname": "Ferry fans"}


@pytest.fixture
def client():
    return Client(raise_request_exception=False)  # a 500 must show as a 500, not as a test error


def test_a_nul_in_a_basic_auth_username_is_not_a_500_anywhere(client, every_type_survey, analyst):
    credentials = base64.b64encode(b"analyst\x00@example.org:password").decode()
    for url in ("/api/schema/", f"/api/v1/surveys/{every_type_survey.slug}/microdata/", "/api/v1/surveys/"):
        reply = client.get(url, headers={"Authorization": f"Basic {credentials}"})
        assert reply.status_code in (200, 403), (url, reply.status_code)


def test_a_share_link_with_a_nul_in_the_channel_code_is_refused_clearly(client, every_type_survey):
    reply = client.get(f"/s/{every_type_survey.slug}/?c=knowsley-carers%00")
    assert reply.status_code == 400
    assert "null character" in reply.content.decode()
    begin = client.post(f"/s/{every_type_survey.slug}/begin/", {"channel": "knowsley-carers\x00"})
    assert begin.status_code == 400 and not ResponseDraft.objects.exists()


def test_a_codebook_filter_with_a_nul_is_a_400_in_the_api_shape(client, analyst):
    client.force_login(analyst)
    reply = client.get("/api/v1/themes/codebooks/?survey=x%00y")
    assert reply.status_code == 400
    assert reply.json() == {"detail": "The request has errors; see 'errors'.",
                            "errors": {"query": ["Remove the null character (U+0000): it is not allowed."]}}


@pytest.mark.parametrize(("where", "request_kwargs"), [
    ("path", {"path": "/s/every%00type/"}),
    ("path", {"path": "/", "PATH_INFO": "/s/every\xfftype/"}),  # as a WSGI server hands over byte 0xFF
    ("query", {"path": "/s/every-type/?lang=%FF%FE"}),
    ("header", {"path": "/s/every-type/", "headers": {"User-Agent": "bot\x00"}}),
    ("header", {"path": "/s/every-type/", "headers": {"Accept-Language": "cy\xff"}}),
    ("cookie", {"path": "/staff/", "headers": {"Cookie": "sessionid=abc\x00def"}}),
])
def test_nul_and_invalid_utf8_in_path_query_and_headers_are_400s(client, every_type_survey, where, request_kwargs):
    extra = {k: v for k, v in request_kwargs.items() if k == "PATH_INFO"}
    reply = client.get(request_kwargs["path"], headers=request_kwargs.get("headers", {}), **extra)
    assert reply.status_code == 400, where


def test_invalid_utf8_in_a_form_body_is_a_400(client, journey, every_type_survey):
    respondent = journey(every_type_survey, client)
    respondent.start()
    reply = client.generic("POST", respondent.url("page", page_key="extra"), b"nickname=caf%E9&comments=x",
                           content_type="application/x-www-form-urlencoded")
    assert reply.status_code == 400 and "UTF-8" in reply.content.decode()


def test_a_nul_in_a_multipart_field_is_a_400(client, author):
    client.force_login(author)
    reply = client.post("/staff/surveys/channels/new/", {"code": "a\x00b", "name": "x"})
    assert reply.status_code == 400


def test_api_answers_with_a_nul_get_field_errors_and_nothing_is_stored(client, every_type_survey):
    token = client.post(f"/api/v1/surveys/{every_type_survey.slug}/submission-tokens/").json()["submission_token"]
    body = {"answers": {**ANSWERS, "nickname": "Ferry\x00fans"}, "language": "en"}
    reply = client.post(f"/api/v1/surveys/{every_type_survey.slug}/responses/", json.dumps(body),
                        content_type="application/json", headers={"Idempotency-Key": "k\x00",
                                                                  "Submission-Token": token})
    assert reply.status_code == 400  # the key header itself
    reply = client.post(f"/api/v1/surveys/{every_type_survey.slug}/responses/", json.dumps(body),
                        content_type="application/json", headers={"Idempotency-Key": "k", "Submission-Token": token})
    assert reply.status_code == 400
    assert reply.json()["errors"] == {"answers": {"nickname": ["Remove the null character (U+0000): it is not allowed."]}}
    invalid = client.post(f"/api/v1/surveys/{every_type_survey.slug}/responses/", b'{"answers": {"nickname": "\xff"}}',
                          content_type="application/json", headers={"Idempotency-Key": "k2", "Submission-Token": token})
    assert invalid.status_code == 400 and invalid.json()["errors"] == {"body": [
        "Send text as UTF-8: this is not valid UTF-8."]}
    assert not Response.objects.exists()


def test_a_body_over_the_upload_limit_is_refused_not_a_500(client, every_type_survey, settings):
    body = json.dumps({"answers": {"nickname": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}})
    reply = client.post(f"/api/v1/surveys/{every_type_survey.slug}/responses/", body,
                        content_type="application/json", headers={"Idempotency-Key": "k"})
    assert reply.status_code == 413 and reply.json()["errors"] == {"body": ["The request body is too large."]}
