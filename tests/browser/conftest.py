"""Headless Debian Chromium driven by Playwright against a live server.

The live server serves static files the way production does (collected, gzip-compressed,
through WhiteNoise), so the page-weight test measures what a resident's browser downloads.
"""

import base64
import datetime
import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from surveys.demo.loading import demo_surveys_publish
from surveys.models import Response, ResponseDraft
from surveys.services import draft_open, draft_save_answers
from surveys.waves import ballots
from surveys.waves import services as staff_services
from surveys.waves.models import SealedBallot, Wave

EVERY_TYPE = Path(__file__).parents[1] / "foundation" / "every_type.json"
# Screenshots for a person to look at (docs/testing.md), kept after the run.
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", settings.BASE_DIR / "test-results" / "screenshots"))
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


# What production serves: hashed names (cached for a year) with gzip copies (frontend/storage.py).
PRODUCTION_STATIC = {"BACKEND": "frontend.storage.StaticStorage"}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """pytest-django's live server, but with static files collected, hashed and compressed as in
    production and served by WhiteNoise instead of Django's uncompressed test handler."""
    static_root = tmp_path_factory.mktemp("static")
    production_static = override_settings(
        STATIC_ROOT=static_root, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False,
        STORAGES={**settings.STORAGES, "staticfiles": PRODUCTION_STATIC})
    production_static.enable()
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
        server = LiveServer("127.0.0.1", start=False)
        server.thread.static_handler = lambda application: application
        server.start()  # WhiteNoise indexes STATIC_ROOT here, once
    finally:
        production_static.disable()
    server.static_root = static_root
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _hashed_static_urls(request, settings):
    """Pages rendered for the live server link to the hashed names it serves."""
    if "live_server" in request.fixturenames:
        settings.STATIC_ROOT = request.getfixturevalue("live_server").static_root
        settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}


@pytest.fixture
def every_type_survey(published_survey, live_server):
    return published_survey(json.loads(EVERY_TYPE.read_text()))


@pytest.fixture
def demo_surveys(transactional_db):
    """Every demo survey (Citizen's Voice with its Easy Read variant and translations, passenger
    safety, staff engagement) published in its own programme, by survey slug."""
    return demo_surveys_publish()


@pytest.fixture
def staff_invitation(live_server):
    """``staff_invitation(survey)``: the staff survey admits invited staff only, so open a wave,
    load a staff list of one, invite them and return their personal link."""

    def invite(survey) -> str:
        today = timezone.localdate()
        wave = Wave.objects.create(survey=survey, name=str(today.year), opens_on=today - datetime.timedelta(days=7),
                                   closes_on=today + datetime.timedelta(days=7))
        staff_services.staff_import(wave=wave, content=b"email,directorate\nsam@lcrca.example,Place\n")
        links = []
        staff_services.invitations_send(
            wave=wave, link_for=lambda token: links.append(f"{live_server.url}/staff/people/invite/{token}/") or links[-1])
        return links[0]

    return invite


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: full-page PNGs of the page as it stands at phone and desktop
    widths, saved as ``<name>-375px.png`` and ``<name>-1280px.png``; the viewport is restored."""

    def take(page, name: str) -> list[Path]:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        original, paths = page.viewport_size, []
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            paths.append(SCREENSHOT_DIR / f"{name}-{size['width']}px.png")
            page.screenshot(path=paths[-1], full_page=True)
        page.set_viewport_size(original)
        return paths

    return take


class DocsScreenshots:
    """``shots(page, name, selector)``: one screen of the page from the top of ``selector`` down,
    at desktop width (small files for docs/); ``shots.publish()`` at the end of a passing test
    copies them to docs/images/, so a failing run never replaces the pictures."""

    WIDTH, HEIGHT = 1024, 720

    def __init__(self, directory: Path):
        self.directory, self.taken = directory, {}

    def __call__(self, page, name: str, selector: str) -> None:
        original = page.viewport_size
        page.set_viewport_size({"width": self.WIDTH, "height": self.HEIGHT})
        top = page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
        height = page.evaluate("document.documentElement.scrollHeight")
        self.taken[name] = self.directory / f"{name}.png"
        page.screenshot(path=self.taken[name], full_page=True, clip={
            "x": 0, "y": max(top - 70, 0), "width": self.WIDTH, "height": min(self.HEIGHT, height - top + 70)})
        page.set_viewport_size(original)

    def publish(self) -> None:
        docs = settings.BASE_DIR / "docs" / "images"
        docs.mkdir(exist_ok=True)
        for name, path in self.taken.items():
            shutil.copy(path, docs / f"{name}.png")


@pytest.fixture
def docs_screenshots(tmp_path):
    return DocsScreenshots(tmp_path)


def draft_answers_put(page, draft, answers: dict) -> None:
    """Give the browser's draft these answers, as if its pages had been answered. A staff draft
    is sealed with a key only this browser holds (surveys/journey.py), so it is opened with the
    browser's key cookie and sealed again."""
    draft = ResponseDraft.objects.get(pk=draft.pk)
    if draft.sealed is not None:
        cookie = next(c for c in page.context.cookies() if c["name"] == f"draft-key-{draft.survey_id}")
        assert draft_open(draft, base64.urlsafe_b64decode(cookie["value"].strip('"')))
    draft.answers = answers
    draft_save_answers(draft)


def submitted(survey) -> dict:
    """The one response the test submitted, as {"answers", "language"}. A staff survey's answer
    waits sealed in the ballot box until k colleagues have answered (docs/programmes.md), so it
    is opened with the key store as a release would, without releasing it."""
    if survey.programme.slug != "staff-engagement":
        response = Response.objects.get(survey=survey)
        return {"answers": response.answers, "language": response.language}
    wave = Wave.objects.get(survey=survey)
    assert not Response.objects.filter(survey=survey).exists()
    (payload,) = ballots._open(wave, list(SealedBallot.objects.filter(wave=wave)))
    return payload
