"""The staff survey as it runs for real, for test_staff_attacker.py to attack afterwards.

Run as a script in its own process, on a fresh database (SQLite in DJANGO_VAR_DIR, or
DATABASE_URL): migrate, publish two staff surveys, load their staff lists, then serve the
application over real HTTP (Django's threaded WSGI server, logging as runserver does) while
staff answer through the pages in a known order:

- ``staff-survey``: 30 people, 10 of them signed in with their accounts, the rest by their
  invitation links; an administrator sends invitations, and a reminder after the 15th;
- ``staff-survey-small``: 9 people by link (never reaches k).

Every person writes a unique planted comment. What only the test may know (who answered
what, in which order) goes to ``truth.json``. On SQLite a second connection holds a read
transaction open the whole time, so the -wal file keeps every frame (the attacker's best
case), and the database and -wal files are copied before the process ends.
"""

import datetime
import http.cookiejar
import json
import os
import random
import secrets
import shutil
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

OUT = Path(sys.argv[1])
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.utils import timezone
from programme_data import demo, mail_tokens, submit, walk

PASSWORD = "attack-scenario-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DIRECTORATES = ["Finance", "Transport", "Place"]


class Reply:
    def __init__(self, status, headers, content):
        self.status_code, self.content = status, content
        self.url = headers.get("Location", "")


class Browser:
    """Enough of a browser for the journey: cookies, no redirects followed, CSRF header."""

    def __init__(self, base):
        self.base, self.jar = base, http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def _csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method, path, data=None):
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if method == "POST" else None
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"X-CSRFToken": self._csrf(), "User-Agent": "scenario"})
        try:
            with self.opener.open(request, timeout=60) as reply:
                return Reply(reply.status, reply.headers, reply.read())
        except urllib.error.HTTPError as reply:
            return Reply(reply.code, reply.headers, reply.read())

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data=None):
        return self.request("POST", path, data)

    def sign_in(self, email):
        self.get("/accounts/login/")
        reply = self.post("/accounts/login/", {"login": email, "password": PASSWORD})
        assert reply.status_code == 302
        if "/accounts/2fa/authenticate/" in reply.url:  # administrators must use a second factor
            self.get("/accounts/2fa/authenticate/")
            code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
            assert self.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302


def _answer(browser, slug, planted, index, token=None):
    if token:
        assert browser.get(f"/staff/people/invite/{token}/").status_code == 302
    assert browser.get(f"/s/{slug}/").status_code == 200
    walk(browser, slug, {"edi": {"edi_respect": str(1 + index % 7)},
                         "edi-improve": {"edi_improve": planted}, "eq-about": {"equality_opt_in": "no"}})
    done = submit(browser, slug)
    assert done.status_code == 302 and "/done/" in done.url, (done.status_code, done.content[:500])


def main():
    from engagement.models import Programme, Role, RoleAssignment, User
    from surveys.publishing import survey_import_definition, survey_publish
    from surveys.waves import services as staff_services
    from surveys.waves.models import Wave

    call_command("migrate", verbosity=0)
    reader = None
    if connection.vendor == "sqlite":
        reader = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM django_migrations").fetchall()  # holds the WAL open
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                                    "OPTIONS": {"file_path": str(OUT / "mail")}}}
    rng = random.Random(14)
    programme = Programme.objects.create(slug="staff-engagement", name="Staff Engagement")
    admin = User.objects.create_user(email="admin@lcrca.example", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.ADMINISTRATOR, programme=None)
    TOTP.activate(admin, TOTP_SECRET)
    today = timezone.localdate()
    waves, people = {}, {}
    for slug, size in (("staff-survey", 30), ("staff-survey-small", 9)):
        survey = survey_import_definition(data=demo("staff-engagement"), programme=programme, slug=slug)
        survey_publish(survey=survey)
        waves[slug] = Wave.objects.create(survey=survey, name="2026", opens_on=today - datetime.timedelta(days=7),
                                          closes_on=today + datetime.timedelta(days=7))
        people[slug] = [(f"{slug}-{i:02}@lcrca.example", DIRECTORATES[i % 3]) for i in range(size)]
        csv = "email,directorate\n" + "".join(f"{e},{d}\n" for e, d in people[slug])
        staff_services.staff_import(wave=waves[slug], content=csv.encode())
    signed_in = {e for e, _ in people["staff-survey"][::3]}
    for email in signed_in:
        User.objects.create_user(email=email, password=PASSWORD)

    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    office = Browser(base)
    office.sign_in(admin.email)

    truth = {"secret_key": settings.SECRET_KEY, "waves": {}}
    for slug, wave in waves.items():
        assert office.post(f"/staff/people/waves/{wave.pk}/invitations/").status_code == 302
        order = people[slug][:]
        rng.shuffle(order)
        record, reminded = [], None
        for index, (email, directorate) in enumerate(order):
            if slug == "staff-survey" and index == 15:
                before = set(mail_tokens(OUT / "mail").items())
                assert office.post(f"/staff/people/waves/{wave.pk}/invitations/",
                                   {"reminders": "1"}).status_code == 302
                reminded = sorted(e for e, t in mail_tokens(OUT / "mail").items() if (e, t) not in before)
            # unique to this run: WAL segments read afterwards may hold earlier runs' bytes too
            planted = f"planted-{slug}-{index:02}-{secrets.token_hex(8)}"
            browser = Browser(base)
            if email in signed_in:
                browser.sign_in(email)
                _answer(browser, slug, planted, index)
            else:
                _answer(browser, slug, planted, index, token=mail_tokens(OUT / "mail")[email])
            record.append({"email": email, "directorate": directorate, "planted": planted,
                           "signed_in": email in signed_in, "key": staff_services.person_key(wave, email)})
        truth["waves"][slug] = {"id": wave.pk, "survey_id": wave.survey_id, "arrivals": record,
                                "reminded": reminded, "people": [e for e, _ in people[slug]]}
    server.shutdown()
    (OUT / "truth.json").write_text(json.dumps(truth))
    if reader is not None:  # the attacker's copy, taken while the application is running
        name = Path(settings.DATABASES["default"]["NAME"])
        (OUT / "raw").mkdir()
        for suffix in ("", "-wal"):
            if Path(f"{name}{suffix}").exists():
                shutil.copyfile(f"{name}{suffix}", OUT / "raw" / f"engagement.sqlite3{suffix}")
        reader.close()


if __name__ == "__main__":
    main()
