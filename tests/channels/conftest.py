"""Fixtures for channels, Easy Read variants and translations (Citizen's Voice reach)."""

import copy

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from surveys.demo.loading import demo_definitions
from surveys.models import Channel


@pytest.fixture(autouse=True)
def _english_afterwards():
    """Journey views switch the thread's language to the respondent's; leave it as found."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo(db):
    """The demo definitions by slug, with their translations, as seed_demo loads them."""
    return {data["survey"]["slug"]: data for data in demo_definitions()}


@pytest.fixture
def citizens_voice(published_survey, demo):
    """Citizen's Voice published with its Welsh and Arabic translations."""
    return published_survey(copy.deepcopy(demo["citizens-voice-2026"]))


@pytest.fixture
def easy_read(citizens_voice, published_survey, demo):
    return published_survey(copy.deepcopy(demo["citizens-voice-2026-easy-read"]))


@pytest.fixture
def channel(programme):
    return Channel.objects.create(code="knowsley-carers", name="Knowsley Carers Centre",
                                  kind=Channel.Kind.COMMUNITY, programme=programme)


@pytest.fixture
def shared_channel(db):
    return Channel.objects.create(code="sefton-youth-forum", name="Sefton Youth Forum", kind=Channel.Kind.COMMUNITY)


class Respondent:
    """A resident's browser with JavaScript off: plain GETs and form POSTs."""

    def __init__(self, survey):
        self.client, self.survey = Client(), survey

    def url(self, name, **kwargs):
        from django.urls import reverse

        return reverse(f"surveys:{name}", kwargs={"slug": self.survey.slug, **kwargs})

    def start(self, query=""):
        """Open the start page and press Start now, posting back its hidden fields."""
        import re

        page = self.client.get(self.url("start") + query)
        hidden = dict(re.findall(r'<input type="hidden" name="(channel|language)" value="([^"]*)"',
                                 page.content.decode()))
        return page, self.client.post(self.url("begin"), hidden)

    def draft(self):
        from surveys.models import ResponseDraft

        cookie = self.client.cookies.get(f"draft-{self.survey.pk}")
        return ResponseDraft.objects.filter(pk=cookie.value.split(":", 1)[0]).first() if cookie else None


@pytest.fixture
def respondent():
    """Factory: ``respondent(survey)``."""
    return Respondent
