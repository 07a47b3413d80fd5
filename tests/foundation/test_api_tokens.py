"""Personal API tokens: the only way a script reaches the API (issue 21: no password on the API).

Played as an attacker would: a password without the second factor, guessed tokens, a read-only
token writing, a token used on another programme, expired and revoked tokens, the database read
for the secret.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from engagement.models import ApiToken, AuditEvent, Programme, RoleAssignment
from engagement.tokens import token_create
from surveys.models import Response
from surveys.services import response_create
from tests.conftest import PASSWORD, totp_code

ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
           "visits": 3, "visit_date": "2024-03-27", "nickname": "Secret text"}


@pytest.fixture
def survey(every_type_survey):
    response_create(survey=every_type_survey, idempotency_key="seed", answers=ANSWERS)
    return every_type_survey


def sign_in(user, *, with_totp: bool) -> Client:
    """Through the real allauth forms: password, then (unless told not to) the authenticator code.
    Every test person is enrolled in an authenticator app (tests/conftest.py)."""
    client = Client()
    reply = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert reply.status_code == 302 and reply.url == "/accounts/2fa/authenticate/", reply.content
    if with_totp:
        reply = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
        assert reply.status_code == 302 and reply.url == "/staff/", reply.content
    return client


def bearer(token_text):
    return {"Authorization": f"Bearer {token_text}"}


def _list(client, survey, **headers):
    """An analyst's read of the API (no endpoint lists responses: issue 15)."""
    return client.get(f"/api/v1/surveys/{survey.slug}/targets/", headers=headers)


def test_a_token_is_created_on_the_page_only_after_a_second_factor_sign_in(survey, analyst):
    password_only = sign_in(analyst, with_totp=False)
    # A password alone does not sign an analyst in: the page sends them back to sign in.
    page = password_only.get("/staff/tokens/")
    assert page.status_code == 302 and page.url.startswith("/accounts/login/")
    form = {"name": "Power BI", "programmes": [survey.programme_id], "days": "30"}
    password_only.post("/staff/tokens/", form)
    assert not ApiToken.objects.exists()

    with_second_factor = sign_in(analyst, with_totp=True)
    reply = with_second_factor.post("/staff/tokens/", form)
    assert reply.status_code == 200
    token = ApiToken.objects.get()
    secret = reply.content.decode().split('<code id="new-token">')[1].split("</code>")[0]
    assert secret.startswith(f"lcr_{token.prefix}_") and not token.can_write
    assert (token.expires_at - timezone.now()).days in (29, 30)
    # Only a hash is stored: the secret part is nowhere in the table.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM engagement_apitoken")
        assert secret.split("_")[-1] not in repr(cursor.fetchall())
    assert AuditEvent.objects.filter(action="api_token.create", actor=analyst, target=token.prefix).exists()
    assert _list(Client(), survey, **bearer(secret)).json()["survey"] == survey.slug
    assert "Secret text" not in with_second_factor.get("/staff/tokens/").content.decode()


def test_a_token_reaches_only_its_programmes(survey, analyst):
    other = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    RoleAssignment.objects.filter(user=analyst).update(programme=None)  # analyst for every programme
    _, elsewhere = token_create(user=analyst, name="x", programmes=[other], can_write=False, days=7)
    _, here = token_create(user=analyst, name="y", programmes=[survey.programme], can_write=False, days=7)
    assert _list(Client(), survey, **bearer(elsewhere)).status_code == 403
    assert _list(Client(), survey, **bearer(here)).status_code == 200


def test_a_token_cannot_do_more_than_its_owner(survey, author):
    _, text = token_create(user=author, name="x", programmes=[survey.programme], can_write=True, days=7)
    assert _list(Client(), survey, **bearer(text)).status_code == 403


def test_a_read_only_token_cannot_write(survey, analyst):
    _, text = token_create(user=analyst, name="x", programmes=[survey.programme], can_write=False, days=7)
    reply = Client().post(f"/api/v1/surveys/{survey.slug}/responses/", json.dumps({"answers": ANSWERS}),
                          content_type="application/json", headers={**bearer(text), "Idempotency-Key": "k"})
    assert reply.status_code == 403 and reply.json()["detail"] == "This token is read-only."
    assert Response.objects.count() == 1


@pytest.mark.parametrize("change", ["revoked", "expired", "owner inactive", "wrong secret"])
def test_dead_tokens_open_nothing(survey, analyst, change):
    token, text = token_create(user=analyst, name="x", programmes=[survey.programme], can_write=False, days=7)
    if change == "revoked":
        client = sign_in(analyst, with_totp=True)
        assert client.post(f"/staff/tokens/{token.prefix}/revoke/").status_code == 302
        assert AuditEvent.objects.filter(action="api_token.revoke", target=token.prefix).exists()
    elif change == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif change == "owner inactive":
        type(analyst).objects.filter(pk=analyst.pk).update(is_active=False)
    else:
        text = text[:-4] + ("AAAA" if not text.endswith("AAAA") else "BBBB")
    reply = _list(Client(), survey, **bearer(text))
    assert reply.status_code == 403 and "Secret text" not in reply.content.decode()


def test_guessing_tokens_is_throttled_for_every_way_in(survey, analyst):
    _, text = token_create(user=analyst, name="x", programmes=[survey.programme], can_write=False, days=7)
    guesser = Client()
    codes = [_list(guesser, survey, **bearer(f"lcr_{'0' * 12}_{'A' * 43}")).status_code for _ in range(21)]
    assert codes[:20] == [403] * 20 and codes[20] == 429
    # From the same address even the right token now waits: guesses cannot be interleaved with it.
    assert _list(guesser, survey, **bearer(text)).status_code == 429


def test_a_password_with_a_second_factor_enrolled_does_not_open_the_api(survey, analyst):
    client = sign_in(analyst, with_totp=False)
    # Stopped at the second factor: neither the session nor the password opens the API.
    assert _list(client, survey).status_code == 403
