"""Two-factor sign-in is required for staff who can see special category data
(engagement/two_factor.py): analysts, administrators and platform operators must enrol an
authenticator app before any staff page, admin page or API answers them."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from engagement.models import Role, RoleAssignment, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.two_factor_unenrolled
GATED = ["/staff/", "/staff/analysis/", "/staff/roles/", "/staff/surveys/", "/admin/"]


def _signed_in_with_password(client, user):
    reply = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert reply.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    return client


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator@example.org", PASSWORD)


@pytest.mark.parametrize("persona", ["analyst", "administrator", "operator"])
def test_analysts_administrators_and_operators_reach_nothing_before_enrolling(client, persona, request):
    user = request.getfixturevalue(persona)
    _signed_in_with_password(client, user)
    for path in GATED:
        reply = client.get(path)
        assert reply.status_code == 302 and reply.url == "/accounts/two-factor/required/", path
    api = client.get("/api/v1/surveys/")
    assert api.status_code == 403 and "two-factor" in api.json()["detail"]
    page = client.get("/accounts/two-factor/required/").content.decode()
    assert "Set up your authenticator app" in page and 'href="/accounts/2fa/totp/activate/"' in page


def test_a_scoped_analyst_is_held_too(client, programme):
    user = User.objects.create_user("scoped@example.org", PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.ANALYST, programme=programme)
    _signed_in_with_password(client, user)
    assert client.get("/staff/").url == "/accounts/two-factor/required/"


def test_an_author_is_not_held(client, author):
    _signed_in_with_password(client, author)
    assert client.get("/staff/").status_code == 200


def test_after_enrolling_the_analyst_reaches_the_staff_area_and_every_later_sign_in_asks_for_a_code(
        client, analyst):
    _signed_in_with_password(client, analyst)
    activate = client.get("/accounts/2fa/totp/activate/")
    if activate.status_code == 302:  # allauth asks for the password again first
        client.post(activate.url, {"password": PASSWORD})
        activate = client.get("/accounts/2fa/totp/activate/")
    assert activate.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert client.post("/accounts/2fa/totp/activate/", {"code": code}).status_code == 302
    assert Authenticator.objects.filter(user=analyst, type=Authenticator.Type.TOTP).exists()
    assert client.get("/staff/").status_code == 200

    client.post("/accounts/logout/")
    reply = client.post("/accounts/login/", {"login": analyst.email, "password": PASSWORD})
    assert reply.url == "/accounts/2fa/authenticate/" and "_auth_user_id" not in client.session
    assert client.post(reply.url, {"code": "000000" if code != "000000" else "111111"}).status_code == 200
    assert "_auth_user_id" not in client.session  # a wrong code signs nobody in


def test_the_old_admin_password_form_cannot_skip_two_factor(client, db):
    """The admin's own sign-in form would log a superuser in on a password alone."""
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    reply = client.post("/admin/login/", {"username": operator.email, "password": PASSWORD})
    assert reply.status_code == 302 and reply.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
