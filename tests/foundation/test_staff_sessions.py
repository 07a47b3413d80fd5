"""Staff sessions reach special category data: 30 minutes idle or 10 hours in all, then sign in again.

Before issue 21 a staff session lasted two weeks whatever happened.
"""

import time

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from engagement.middleware import StaffSessionLifetime
from tests.conftest import PASSWORD, totp_code


def _signed_in(user):
    """Password, then the authenticator code (every test person is enrolled)."""
    client = Client()
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code()}).status_code == 302
    assert client.get("/staff/").status_code == 200
    return client


def test_a_staff_session_ends_after_30_minutes_idle_and_each_request_renews_it(analyst):
    client = _signed_in(analyst)
    session = Session.objects.get()
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < remaining <= 30 * 60
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))  # 30 minutes pass
    reply = client.get("/staff/")
    assert reply.status_code == 302 and reply.url.startswith("/accounts/login/")


def test_a_busy_staff_session_still_ends_after_ten_hours(analyst):
    client = _signed_in(analyst)
    session = client.session
    session[StaffSessionLifetime.KEY] = time.time() - 10 * 60 * 60 - 1
    session.save()
    assert client.get("/staff/").status_code == 302
    assert client.get("/staff/").url.startswith("/accounts/login/")
