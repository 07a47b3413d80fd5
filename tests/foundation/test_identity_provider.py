"""Signing in through the authority's identity provider (OpenID Connect, allauth's
openid_connect provider; settings in engagement/settings.py, docs/staff-access.md), against a
stub provider served over real HTTP on a random port (tests/foundation/oidc_stub.py)."""

import urllib.parse

import pytest

from engagement.models import User
from tests.conftest import totp_code
from tests.foundation.oidc_stub import CLIENT_ID, CLIENT_SECRET, StubProvider

LOGIN = "/accounts/oidc/authority/login/"


@pytest.fixture
def provider(settings):
    with StubProvider() as stub:
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [{
            "provider_id": "authority", "name": "your work account", "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET, "settings": {"server_url": stub.url}}]}}
        yield stub


def _come_back_from_the_provider(client, provider):
    """Start at our sign-in button, check where it sends the browser, and return as the
    provider would after the person signed in there."""
    start = client.post(LOGIN)
    assert start.status_code == 302
    sent_to = urllib.parse.urlsplit(start.url)
    query = dict(urllib.parse.parse_qsl(sent_to.query))
    assert f"{sent_to.scheme}://{sent_to.netloc}{sent_to.path}" == f"{provider.url}/authorize"
    assert query["client_id"] == CLIENT_ID and "openid" in query["scope"].split()
    assert query["code_challenge_method"] == "S256"
    return client.get(f"{LOGIN}callback/", {"code": "code-from-provider", "state": query["state"]})


def test_the_sign_in_page_offers_the_identity_provider(client, provider, db):
    page = client.get("/accounts/login/").content.decode()
    assert "your work account" in page and LOGIN in page


def test_a_member_of_staff_signs_in_through_it_then_gives_their_two_factor_code(client, provider, analyst):
    reply = _come_back_from_the_provider(client, provider)
    token_request = provider.token_requests[-1]
    assert token_request["grant_type"] == "authorization_code" and token_request["code_verifier"]
    # The analyst is enrolled in two-factor: the identity provider is the first factor only.
    assert reply.status_code == 302 and reply.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    reply = client.post(reply.url, {"code": totp_code()})
    assert reply.status_code == 302 and reply.url == "/staff/"
    assert client.session["_auth_user_id"] == str(analyst.pk)
    assert client.get("/staff/").status_code == 200


def test_an_author_is_signed_in_straight_away(client, provider, author):
    provider.person = {"sub": "emp-0002", "email": "AUTHOR@example.org", "email_verified": True}
    author.authenticator_set.all().delete()  # authors need no second factor
    reply = _come_back_from_the_provider(client, provider)
    assert reply.status_code == 302 and reply.url == "/staff/"
    assert client.session["_auth_user_id"] == str(author.pk)


def test_someone_without_a_staff_account_is_not_signed_up(client, provider, db):
    provider.person = {"sub": "emp-0999", "email": "stranger@example.org", "email_verified": True}
    reply = _come_back_from_the_provider(client, provider)
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="stranger@example.org").exists()
    assert reply.status_code == 200 and "Sign Up Closed" in reply.content.decode()


def test_an_unverified_email_does_not_sign_in_an_existing_account(client, provider, analyst):
    provider.person = {"sub": "emp-0666", "email": analyst.email, "email_verified": False}
    _come_back_from_the_provider(client, provider)
    assert "_auth_user_id" not in client.session


def test_a_forged_state_is_refused(client, provider, analyst):
    client.post(LOGIN)
    reply = client.get(f"{LOGIN}callback/", {"code": "code-from-provider", "state": "forged"})
    assert "_auth_user_id" not in client.session
    assert reply.status_code == 401 and not provider.token_requests
