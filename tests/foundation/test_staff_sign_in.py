"""Staff sign in through django-allauth; residents never need an account."""

import pytest

from engagement.models import User
from tests.conftest import totp_code

SECRET = "correct-horse-battery-2026"


@pytest.fixture
def signed_up_analyst(analyst):
    analyst.set_password(SECRET)
    analyst.save()
    return analyst


def test_the_sign_in_page_asks_for_email_and_password(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert 'name="login"' in html and 'type="email"' in html
    assert 'name="password"' in html and 'type="password"' in html


def test_a_wrong_password_is_refused_with_a_message(client, signed_up_analyst):
    reply = client.post("/accounts/login/", {"login": signed_up_analyst.email, "password": "wrong-password-0"})
    assert reply.status_code == 200
    assert "The email address and/or password you specified are not correct." in reply.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_and_code_sign_in_to_the_staff_area(client, signed_up_analyst):
    reply = client.post("/accounts/login/", {"login": signed_up_analyst.email.upper(), "password": SECRET})
    assert reply.status_code == 302 and reply.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in
    reply = client.post(reply.url, {"code": totp_code()})
    assert reply.status_code == 302 and reply.url == "/staff/"
    assert client.session["_auth_user_id"] == str(signed_up_analyst.pk)
    assert "Signed in as analyst@example.org" in client.get("/staff/").content.decode()


def test_the_staff_area_needs_sign_in(client, db):
    reply = client.get("/staff/")
    assert reply.status_code == 302 and reply.url.startswith("/accounts/login/")


@pytest.mark.two_factor_unenrolled
def test_a_signed_in_analyst_reaches_two_factor_set_up(client, signed_up_analyst):
    client.post("/accounts/login/", {"login": signed_up_analyst.email, "password": SECRET})
    index = client.get("/accounts/2fa/")
    assert index.status_code == 200 and "Authenticator App" in index.content.decode()
    # Adding an authenticator asks for the password again first (allauth reauthentication).
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked.url.startswith("/accounts/reauthenticate/")
    confirmed = client.post(asked.url, {"password": SECRET})
    assert confirmed.status_code == 302 and confirmed.url == "/accounts/2fa/totp/activate/"
    activate = client.get(confirmed.url)
    assert activate.status_code == 200 and 'name="code"' in activate.content.decode()


def test_two_factor_set_up_needs_sign_in(client, db):
    reply = client.get("/accounts/2fa/")
    assert reply.status_code == 302 and reply.url.startswith("/accounts/login/")


def test_nobody_can_sign_themselves_up(client, db):
    reply = client.post("/accounts/signup/", {"email": "new@example.org", "password1": SECRET, "password2": SECRET})
    assert "Sign Up Closed" in reply.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()
