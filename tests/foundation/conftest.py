import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from surveys.models import ResponseDraft

EVERY_TYPE = Path(__file__).with_name("every_type.json")

# Answers that take the every-type survey from start to check-your-answers.
COMPLETE_ANSWERS = {
    "colour": {"colour": "blue"},
    "modes": {"modes": ["bus"]},
    "rating5": {"rating5": "4"},
    "rating7": {"rating7": "6"},
    "rating10": {"rating10": "9"},
    "fairness": {"fair_1": "5", "fair_2": "dont_know"},
    "visit": {"visits": "3", "visit_date-day": "27", "visit_date-month": "3", "visit_date-year": "2024"},
    "extra": {"nickname": "Friends of the ferry", "comments": "More buses\nat night"},
}


@pytest.fixture
def every_type_definition():
    return json.loads(EVERY_TYPE.read_text())


@pytest.fixture
def every_type_survey(published_survey, every_type_definition):
    return published_survey(every_type_definition)


class Journey:
    """A respondent going through a survey with a browser that has no JavaScript:
    every step is a plain GET or form POST through Django's test client."""

    def __init__(self, client, survey):
        self.client, self.survey = client, survey

    def url(self, name, **kwargs):
        return reverse(f"surveys:{name}", kwargs={"slug": self.survey.slug, **kwargs})

    def start(self, query=""):
        page = self.client.get(self.url("start") + query)
        assert page.status_code == 200, page.status_code
        # Post back what the start page's form holds, as a browser would.
        hidden = dict(re.findall(r'<input type="hidden" name="(channel|language)" value="([^"]*)"',
                                 page.content.decode()))
        return self.client.post(self.url("begin"), hidden)

    def answer(self, page_key, data, action="continue", query=""):
        return self.client.post(self.url("page", page_key=page_key) + query, {**data, "action": action})

    def answer_all(self, changes=None):
        """Answer every page with COMPLETE_ANSWERS, replacing the pages given in ``changes``."""
        for page_key, data in {**COMPLETE_ANSWERS, **(changes or {})}.items():
            reply = self.answer(page_key, data)
            assert reply.status_code == 302, (page_key, reply.content.decode()[:2000])
        return reply

    def submit(self):
        return self.client.post(self.url("check"))

    def draft(self):
        """The draft this browser's signed cookie names (None if it holds none)."""
        name = f"draft-{self.survey.pk}"
        cookie = self.client.cookies.get(name)
        if cookie is None or not cookie.value:
            return None
        # A signed cookie is "<value>:<timestamp>:<signature>"; the server checks the signature.
        return ResponseDraft.objects.filter(pk=cookie.value.split(":", 1)[0]).first()


@pytest.fixture
def journey(respondent_client):
    """Factory: ``journey(survey)`` or ``journey(survey, client)``."""
    return lambda survey, client=None: Journey(client or respondent_client, survey)
