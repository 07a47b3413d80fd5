"""Personas and fixture factories shared by every test area.

Personas have fixed names (style.md §3.1 item 12): ``analyst``, ``author`` and ``outsider``
act on the ``programme`` fixture; ``administrator`` holds the role for every programme.
Area-specific fixtures belong in ``tests/<area>/conftest.py``.
"""

import copy
import json
import os
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.test import Client

from engagement.models import Programme, Role, RoleAssignment, User
from surveys.definition import for_version
from surveys.publishing import survey_import_definition, survey_publish

PASSWORD = "persona-password-2026"
# Every person a test creates is enrolled with this authenticator-app secret (base32), as the
# platform requires of analysts and administrators (engagement/two_factor.py). Tests of
# enrolment itself are marked ``two_factor_unenrolled``.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(counter_offset=0) -> str:
    """The code an authenticator app holding TOTP_SECRET shows now."""
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30 + counter_offset))
DEMO_DEFINITION = settings.BASE_DIR / "surveys" / "demo" / "citizens-voice.json"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _ballot_key_store(settings, tmp_path):
    """Each test gets its own staff survey ballot key store, so a key never outlives its test."""
    settings.BALLOT_KEY_DIR = tmp_path / "ballot-keys"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Compiled definitions are cached by version id, and a rolled-back test frees its ids
    for the next test; sign-in rate limits live in the cache: start every test with neither."""
    for_version.cache_clear()
    cache.clear()
    yield
    for_version.cache_clear()


@pytest.fixture(autouse=True)
def _people_enrolled_in_two_factor(request):
    if request.node.get_closest_marker("two_factor_unenrolled"):
        yield
        return

    def enrol(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            TOTP.activate(instance, TOTP_SECRET)

    post_save.connect(enrol, sender=User, dispatch_uid="tests-enrol-two-factor")
    yield
    post_save.disconnect(sender=User, dispatch_uid="tests-enrol-two-factor")


@pytest.fixture
def programme(db):
    return Programme.objects.create(slug="citizens-voice", name="Citizen's Voice")


def _person(email, role=None, programme=None):
    user = User.objects.create_user(email=email, password=PASSWORD)
    if role:
        RoleAssignment.objects.create(user=user, role=role, programme=programme)
    return user


@pytest.fixture
def analyst(programme):
    return _person("analyst@example.org", Role.ANALYST, programme)


@pytest.fixture
def author(programme):
    return _person("author@example.org", Role.AUTHOR, programme)


@pytest.fixture
def administrator(db):
    return _person("administrator@example.org", Role.ADMINISTRATOR)


@pytest.fixture
def outsider(db):
    """Signed in, but holds no role anywhere."""
    return _person("outsider@example.org")


@pytest.fixture
def signed_in():
    """Factory: ``signed_in(user)`` is a browser already signed in as ``user`` (the sign-in
    itself is tested in tests/foundation/test_staff_sign_in.py)."""

    def sign_in(user):
        client = Client()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def respondent_client():
    """A resident's browser: anonymous, with its own cookies."""
    return Client()


@pytest.fixture
def demo_definition():
    """The Citizen's Voice demo definition, as a fresh dict each time."""
    return json.loads(DEMO_DEFINITION.read_text())


@pytest.fixture
def published_survey(db, programme):
    """Factory: import a definition (the demo one by default) and publish it as version 1."""

    def publish(definition=None, *, slug=None, programme=programme):
        data = copy.deepcopy(definition) if definition is not None else json.loads(DEMO_DEFINITION.read_text())
        survey = survey_import_definition(data=data, programme=programme, slug=slug)
        survey_publish(survey=survey)
        survey.refresh_from_db()
        return survey

    return publish


# Browser tests (tests/browser, tests/channels, tests/themes_app): one headless Debian Chromium for the whole
# session, as Playwright's sync API allows only one running instance per thread. Its event
# loop lives in this thread while the tests' ORM calls stay synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# axe-core rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA (standards.md §2.2, §2.3).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# With JavaScript off, timers never fire; axe defers work with them, so run it as microtasks.
TIMERS_AS_MICROTASKS = """() => {
  window.setTimeout = (fn, ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
  window.clearTimeout = () => {};
  window.requestAnimationFrame = (fn) => { Promise.resolve().then(() => fn(0)); return 0; };
}"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Factory: a page in a fresh context (no cache, no cookies); closed after the test."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def axe_violations():
    """Run axe-core on a page; returns its WCAG 2.x A/AA violations as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page) -> list[str]:
        if not page.evaluate("document.body.classList.contains('js-enabled')"):
            page.evaluate(TIMERS_AS_MICROTASKS)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA},
                                         "resultTypes": ["violations"]})
        return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']}: "
                + "; ".join(node["html"][:160] for node in v["nodes"][:3])
                for v in results.response["violations"]]

    return run


@pytest.fixture
def sign_in_browser(live_server):
    """``sign_in_browser(page, user)``: sign in through the real sign-in form, in Chromium."""

    def sign_in(page, user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_login", user.email)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        # Each code is accepted once: signing the same person in again within its 30 seconds
        # waits for the next one, as a person would.
        for attempt in range(2):
            if "/accounts/2fa/authenticate/" not in page.url:
                break
            if attempt:
                time.sleep(30 - time.time() % 30 + 0.5)
            page.fill("#id_code", totp_code())
            with page.expect_navigation():
                page.get_by_role("button", name="Sign in").click()
        return page

    return sign_in
